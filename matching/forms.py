"""Forms of the analyst's pages: dashboard filters, assessment upload, match-run start."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import analytics


class DashboardFilterForm(forms.Form):
    """GET filters; every field has a default so the bare URL shows the current year."""

    country = forms.ChoiceField(label=_("Country"))
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    month = forms.TypedChoiceField(
        label=_("Month"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Whole year"))] + [(m, m) for m in range(1, 13)],
    )
    geography = forms.ChoiceField(
        label=_("Break down by"),
        choices=[("region", _("Region")), ("country", _("Country")), ("none", _("No geography"))],
    )
    level = forms.TypedChoiceField(
        label=_("ISCO-08 level"),
        coerce=int,
        choices=[(1, _("Major group (1 digit)")), (2, _("Sub-major group (2 digits)"))],
    )
    sex = forms.ChoiceField(
        label=_("Sex"), choices=[("split", _("Split by sex")), ("total", _("Totals only"))]
    )
    threshold = forms.TypedChoiceField(
        label=_("Matchable: essential skills held"),
        coerce=float,
        choices=[("0.5", "50 %"), ("0.75", "75 %"), ("1.0", "100 %")],
    )

    def __init__(self, data, *, countries: list[str]):
        defaults = {
            "country": countries[0] if countries else "",
            "year": timezone.localdate().year,
            "geography": "region",
            "level": 1,
            "sex": "split",
            "threshold": str(analytics.DEFAULT_MATCH_THRESHOLD),
        }
        merged = {**defaults, **{k: v for k, v in data.items() if v != "" or k == "month"}}
        super().__init__(merged)
        self.fields["country"].choices = [(c, c) for c in countries]


class AssessmentUploadForm(forms.Form):
    country = forms.ChoiceField(label=_("Country"))
    file = forms.FileField(
        label=_("Assessment file (CSV or XLSX)"),
        help_text=_("Columns: region, isco_code, period, demand, source."),
    )

    def __init__(self, *args, countries: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [(c, c) for c in countries]


class MatchRunForm(forms.Form):
    country = forms.ChoiceField(label=_("Country"))
    k = forms.IntegerField(
        label=_("Vacancies kept per worker"), min_value=1, max_value=50, initial=10
    )
    chunk_size = forms.IntegerField(
        label=_("Workers per chunk"),
        min_value=100,
        max_value=200_000,
        initial=20_000,
        help_text=_(
            "Each chunk is one background task; several task workers process chunks in parallel."
        ),
    )

    def __init__(self, *args, countries: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [(c, c) for c in countries]


class StatisticsFilterForm(forms.Form):
    """The public statistics page's filters (GET): a year and, optionally, one country."""

    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(self, data=None):
        super().__init__(data or None)
        this_year = timezone.localdate().year
        self.fields["year"].choices = [(y, y) for y in range(this_year + 1, 2019, -1)]
        self.fields["year"].initial = this_year
        from django.db.models import Q

        from portal.models import Country

        self.fields["country"].choices = [("", _("All countries"))] + [
            (c.code, c.local)
            for c in Country.objects.filter(Q(is_origin=True) | Q(is_destination=True)).order_by(
                "code"
            )
        ]

    def chosen(self) -> tuple[int, str | None]:
        """The year and country to show: the valid choices, else this year and every country."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["year"], self.cleaned_data["country"] or None
        return timezone.localdate().year, None
