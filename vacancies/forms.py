"""Forms translate HTTP input; rules live in services. Labels and errors are translated."""

from decimal import Decimal

from django import forms
from django.core.validators import RegexValidator
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from portal.choices import Sex
from portal.models import Country, IscoGroup, Language, Organisation, Region, Skill
from portal.submissions import SubmissionKeyField, SubmissionKeyForm

from .models import (
    CostReport,
    EducationLevel,
    Housing,
    LanguageLevel,
    Meals,
    Scheme,
)

MONTHS = [
    (1, _("January")),
    (2, _("February")),
    (3, _("March")),
    (4, _("April")),
    (5, _("May")),
    (6, _("June")),
    (7, _("July")),
    (8, _("August")),
    (9, _("September")),
    (10, _("October")),
    (11, _("November")),
    (12, _("December")),
]
ERROR_CURRENCY = _("Enter the three-letter ISO code of the currency, e.g. KZT.")


SEARCH_CHOICES_KEY = "vacancies:search-choices:v2:%s"
SEARCH_CHOICES_SECONDS = 600


def search_choices() -> dict[str, list[tuple[str, str]]]:
    """Choice lists of the public search form (reference data, labelled in the reader's
    language), from the cache: the search page then costs no query for its form. Reference
    data changes with a deploy or a load command; the lists refresh within ten minutes (or
    at once with `search_choices_clear`)."""
    from django.core.cache import cache
    from django.utils.translation import get_language

    key = SEARCH_CHOICES_KEY % (get_language() or "en")
    choices = cache.get(key)
    if choices is None:
        countries = {c.code: c.local for c in Country.objects.filter(is_destination=True)}
        choices = {
            "country": sorted(countries.items(), key=lambda item: item[1]),
            "region": sorted(
                (
                    (r.code, f"{countries[r.country_id]} — {r.local}")
                    for r in Region.objects.filter(country__is_destination=True)
                ),
                key=lambda item: item[1],
            ),
            "occupation": [
                (g.code, f"{g.code} {g.local}")
                for g in IscoGroup.objects.filter(level=1).order_by("code")
            ],
            "language": sorted(
                ((lang.code, lang.local) for lang in Language.objects.all()),
                key=lambda item: item[1],
            ),
        }
        cache.set(key, choices, SEARCH_CHOICES_SECONDS)
    return choices


def search_choices_clear() -> None:
    from django.conf import settings
    from django.core.cache import cache

    cache.delete_many([SEARCH_CHOICES_KEY % code for code, _name in settings.LANGUAGES])


class QuickSelect(forms.Select):
    """A `<select>` whose options are written in one pass, not one template (and one option
    dict) each: Django's way made the region list (over 200 options) cost more than the
    whole search. Same markup and attributes (id, aria-describedby, required); flat choices
    only (no option groups)."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = set(self.format_value(value))
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (choice, flatatt({"selected": str(choice) in selected}), label)
                for choice, label in self.choices
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(self.build_attrs(self.attrs, attrs)),
            options,
        )


class VacancySearchForm(forms.Form):
    """The public search. Every field is optional; an invalid value is simply ignored.
    Choice lists come from `search_choices()` (cached), so the form costs no query."""

    q = forms.CharField(
        label=_("Words"),
        required=False,
        max_length=100,
        help_text=_("For example: welder, apples, Busan"),
    )
    country = forms.ChoiceField(label=_("Destination country"), required=False, widget=QuickSelect)
    # Regions labelled "Country — Region", so that a screen reader says which country.
    region = forms.ChoiceField(label=_("Region"), required=False, widget=QuickSelect)
    occupation = forms.ChoiceField(label=_("Occupation group"), required=False, widget=QuickSelect)
    month = forms.TypedChoiceField(
        label=_("Working in"),
        required=False,
        coerce=int,
        choices=[("", _("Any month")), *MONTHS],
        empty_value=None,
        widget=QuickSelect,
    )
    language = forms.ChoiceField(label=_("Language"), required=False, widget=QuickSelect)
    wage_min = forms.DecimalField(
        label=_("Minimum monthly wage"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=0,
    )
    currency = forms.CharField(
        label=_("Currency"), required=False, max_length=3, help_text=_("For example KZT, KRW, GBP")
    )

    EMPTY_LABELS = {
        "country": _("Any country"),
        "region": _("Any region"),
        "occupation": _("Any occupation"),
        "language": _("Any language"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = search_choices()
        for name, empty in self.EMPTY_LABELS.items():
            self.fields[name].choices = [("", empty), *choices[name]]

    def filters(self):
        from .selectors import VacancyFilters

        data = self.cleaned_data if self.is_valid() else {}
        return VacancyFilters(
            q=data.get("q") or "",
            country=data.get("country") or "",
            region=data.get("region") or "",
            occupation=data.get("occupation") or "",
            month=data.get("month") or None,
            language=data.get("language") or "",
            wage_min=data.get("wage_min"),
            currency=(data.get("currency") or "").upper(),
        )


class SearchInput(forms.TextInput):
    input_type = "search"


SEARCH_BOX = SearchInput(attrs={"enterkeyhint": "search", "autocomplete": "off"})


class JobOrderForm(forms.Form):
    """An agency's job order. The occupation and the skills are chosen by search: without
    JavaScript a search button posts the whole form back (`hold`: nothing typed is lost, no
    error shown) and the page offers what matched as radio buttons / checkboxes beside what
    is already chosen; with JavaScript (`static/js/job_order_form.js`) the same round trip
    replaces only the options."""

    #: The chooser fields, each with its search box (`<name>_q`).
    CHOOSERS = ("occupation", "essential_skills", "optional_skills")

    scheme = forms.ModelChoiceField(
        label=_("Scheme"), queryset=Scheme.objects.filter(is_active=True)
    )
    employer = forms.ModelChoiceField(
        label=_("Employer"),
        queryset=Organisation.objects.filter(kind=Organisation.Kind.EMPLOYER),
        help_text=_("The employer who signs the contract with the worker."),
    )
    title = forms.CharField(label=_("Job title"), max_length=200)
    description = forms.CharField(
        label=_("What the work involves"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    conditions = forms.CharField(
        label=_("Working and living conditions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Hours, housing, meals, travel and anything else the worker should know."),
    )
    content_language = forms.ChoiceField(
        label=_("Language of the title, description and conditions"),
        initial="ru",
        help_text=_(
            "Give them below in other languages too: vetting requires a language of "
            "the destination country and a language of the workers' country."
        ),
    )
    # The occupation and the skills are chosen by search (a few options at a time, never the
    # 400 unit groups or 13,000 skills): see `CHOOSERS` and `offer_choices`.
    occupation = forms.ModelChoiceField(
        label=_("Occupation (ISCO-08 unit group)"),
        queryset=IscoGroup.objects.filter(level=4),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the occupation: search for it, then choose one.")},
    )
    occupation_q = forms.CharField(
        label=_("Find the occupation"),
        required=False,
        max_length=80,
        widget=SEARCH_BOX,
        help_text=_("A word in any language, e.g. “welder”, “сварщик”, or the ISCO code."),
    )
    essential_skills = forms.ModelMultipleChoiceField(
        label=_("Essential skills (ESCO)"),
        queryset=Skill.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one essential skill.")},
    )
    essential_skills_q = forms.CharField(
        label=_("Find an essential skill"),
        required=False,
        max_length=80,
        widget=SEARCH_BOX,
        help_text=_("A word from the ESCO skills list, e.g. “weld” or “harvest”."),
    )
    optional_skills = forms.ModelMultipleChoiceField(
        label=_("Optional skills (ESCO)"),
        required=False,
        queryset=Skill.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    optional_skills_q = forms.CharField(
        label=_("Find an optional skill"),
        required=False,
        max_length=80,
        widget=SEARCH_BOX,
        help_text=_("A word from the ESCO skills list, e.g. “prune”."),
    )
    languages = forms.ModelMultipleChoiceField(
        label=_("Languages required"),
        queryset=Language.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.filter(country__is_destination=True).select_related("country"),
    )
    city = forms.CharField(label=_("City or town"), max_length=120)
    positions = forms.IntegerField(label=_("Positions"), min_value=1, max_value=10000)
    monthly_wage = forms.DecimalField(
        label=_("Monthly gross wage"), min_value=0, max_digits=12, decimal_places=2
    )
    # The same rule in the browser (pattern) and here (validator), with the same words.
    currency = forms.CharField(
        label=_("Currency"),
        max_length=3,
        help_text=_("ISO code, e.g. KZT"),
        validators=[RegexValidator(r"^[A-Za-z]{3}$", ERROR_CURRENCY)],
        widget=forms.TextInput(
            attrs={"pattern": "[A-Za-z]{3}", "minlength": 3, "autocapitalize": "characters"}
        ),
    )
    hours_per_week = forms.IntegerField(label=_("Hours per week"), min_value=1, max_value=60)
    housing = forms.ChoiceField(label=_("Housing"), choices=Housing.choices)
    meals = forms.ChoiceField(label=_("Meals"), choices=Meals.choices)
    travel_paid_by_employer = forms.BooleanField(
        label=_("Travel paid by the employer"), required=False, initial=True
    )
    worker_fee_amount = forms.DecimalField(
        label=_("Fees or costs the worker pays"),
        min_value=0,
        initial=Decimal("0"),
        max_digits=12,
        decimal_places=2,
        help_text=_("Must be 0. A job order that charges the worker anything is refused."),
    )
    contract_months = forms.IntegerField(
        label=_("Contract length (months)"), min_value=1, max_value=60
    )
    season_start = forms.DateField(
        label=_("Work starts on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    season_end = forms.DateField(
        label=_("Work ends on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    application_deadline = forms.DateField(
        label=_("Apply by"), widget=forms.DateInput(attrs={"type": "date"})
    )
    contract_language = forms.ModelChoiceField(
        label=_("Language of the contract template"), queryset=Language.objects.all()
    )
    contract_template = forms.FileField(label=_("Contract template (PDF)"), required=False)

    #: The texts given once per language (title_ru, description_ru, conditions_ru, …).
    TRANSLATED = (
        ("title", _("Title")),
        ("description", _("Description")),
        ("conditions", _("Conditions")),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].label_from_instance = lambda r: f"{r.country.local} — {r.local}"
        self.languages = sorted(Language.objects.all(), key=lambda lang: lang.local)
        self.fields["content_language"].choices = [
            (lang.code, lang.local) for lang in self.languages
        ]
        for lang in self.languages:
            for name, label in self.TRANSLATED:
                self.fields[f"{name}_{lang.code}"] = forms.CharField(
                    label=format_lazy("{}: {}", lang.local, label),
                    required=False,
                    max_length=200 if name == "title" else None,
                    widget=forms.TextInput(attrs={"lang": lang.code})
                    if name == "title"
                    else forms.Textarea(attrs={"rows": 3, "lang": lang.code}),
                )
        self.offer_choices()

    def main_fields(self):
        """The fields other than the per-language texts, in order; a chooser comes as the
        dict of `chooser` (its search box is part of it)."""
        return [
            self.chooser(field.name) if field.name in self.CHOOSERS else field
            for field in self
            if not self._is_translation(field.name) and not field.name.endswith("_q")
        ]

    def chooser(self, name: str) -> dict:
        """What the template shows for one chooser: its field, its search box, the search
        text and whether it found nothing."""
        query = (self[f"{name}_q"].value() or "").strip()
        return {
            "field": self[name],
            "search": self[f"{name}_q"],
            "query": query,
            "found": len(self.found.get(name, [])),
            "offered": bool(self.fields[name].widget.choices),
        }

    def hold(self):
        """A search step: keep every value as typed and show no error (nothing is saved)."""
        from django.forms.utils import ErrorDict

        self._errors = ErrorDict(renderer=self.renderer)
        self.cleaned_data = {}

    def _chosen(self, name: str) -> list[str]:
        value = self[name].value()
        values = value if isinstance(value, list | tuple) else [value]
        return [str(v) for v in values if v not in (None, "")]

    def offer_choices(self):
        """Offer, for each chooser, what is already chosen followed by what its search found
        (for the essential skills, with no search yet: those ESCO lists for the occupation).
        Validation still checks against the whole list (the field's queryset)."""
        from portal.request_input import parse_ids

        from .selectors import occupation_essential_skills, occupations_find, skills_find

        self.found = {}
        codes = [c for c in self._chosen("occupation") if c.isdigit() and len(c) == 4]
        occupations = list(IscoGroup.objects.filter(level=4, code__in=codes))
        query = (self["occupation_q"].value() or "").strip()
        self.found["occupation"] = occupations_find(query) if query else []
        self.fields["occupation"].widget.choices = [
            (g.code, f"{g.code} {g.local}")
            for g in _unique([*occupations, *self.found["occupation"]])
        ]
        for name in ("essential_skills", "optional_skills"):
            ids = parse_ids(self._chosen(name)) or []
            chosen = list(Skill.objects.filter(pk__in=ids).order_by("label"))
            query = (self[f"{name}_q"].value() or "").strip()
            self.found[name] = skills_find(query) if query else []
            offered = self.found[name]
            if name == "essential_skills" and not query and occupations:
                offered = occupation_essential_skills(occupations[0].code)
            self.fields[name].widget.choices = [
                (s.pk, skill_label(s)) for s in _unique([*chosen, *offered])
            ]

    def translation_groups(self):
        """(language, its three bound fields) for each language a job order can be written in."""
        return [
            (lang, [self[f"{name}_{lang.code}"] for name, _label in self.TRANSLATED])
            for lang in self.languages
        ]

    def _is_translation(self, name: str) -> bool:
        return name.rsplit("_", 1)[0] in {n for n, _label in self.TRANSLATED} and "_" in name

    def clean_contract_template(self):
        from portal.uploads import upload_check

        upload = self.cleaned_data.get("contract_template")
        if upload:
            upload_check(upload)
        return upload

    def clean_currency(self):
        return self.cleaned_data["currency"].upper()

    def service_data(self) -> dict:
        data = {
            name: value
            for name, value in self.cleaned_data.items()
            if not self._is_translation(name) and not name.endswith("_q")
        }
        data.pop("contract_template", None)
        for name in ("languages", "essential_skills", "optional_skills"):
            data[name] = list(data[name])
        translations = {}
        for lang in self.languages:
            texts = {
                name: (self.cleaned_data.get(f"{name}_{lang.code}") or "").strip()
                for name, _label in self.TRANSLATED
            }
            if any(texts.values()) and lang.code != data.get("content_language"):
                translations[lang.code] = texts
        data["translations"] = translations
        return data

    @staticmethod
    def initial_from(job_order) -> dict:
        from .services import JOB_ORDER_FIELDS

        initial = {
            name: getattr(job_order, name) for name in JOB_ORDER_FIELDS if name != "translations"
        }
        for code, texts in (job_order.translations or {}).items():
            for name, text in (texts or {}).items():
                initial[f"{name}_{code}"] = text
        initial["languages"] = list(job_order.languages.all())
        initial["essential_skills"] = list(job_order.essential_skills.all())
        initial["optional_skills"] = list(job_order.optional_skills.all())
        return initial


def _unique(rows: list) -> list:
    return list({row.pk: row for row in rows}.values())


def skill_label(skill: Skill):
    """The skill in the reader's language, with the ESCO (English) label beside it when
    they differ, marked as English for screen readers."""
    local = skill.local
    if local == skill.label:
        return format_html('<span lang="en">{}</span>', skill.label)
    return format_html('{} — <span lang="en">{}</span>', local, skill.label)


class WorkerProfileForm(forms.Form):
    """The worker's profile; languages and skills have their own small forms."""

    origin_country = forms.ModelChoiceField(
        label=_("Country of origin"), queryset=Country.objects.filter(is_origin=True)
    )
    origin_region = forms.ModelChoiceField(
        label=_("Region of origin"),
        required=False,
        queryset=Region.objects.filter(country__is_origin=True).select_related("country"),
    )
    sex = forms.ChoiceField(
        label=_("Sex"), choices=Sex.choices, help_text=_("Used only for anonymous statistics.")
    )
    birth_year = forms.IntegerField(label=_("Year of birth"), min_value=1940, max_value=2015)
    occupations = forms.ModelMultipleChoiceField(
        label=_("Occupations"),
        required=False,
        queryset=IscoGroup.objects.filter(level=2),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The kinds of work you have done (ISCO-08 groups)."),
    )
    years_experience = forms.IntegerField(
        label=_("Years of work experience"), min_value=0, max_value=60, initial=0
    )
    education_level = forms.ChoiceField(
        label=_("Education"), required=False, choices=[("", "—"), *EducationLevel.choices]
    )
    months_available = forms.TypedMultipleChoiceField(
        label=_("Months in which you can work abroad"),
        choices=MONTHS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    preferred_destinations = forms.ModelMultipleChoiceField(
        label=_("Countries where you would like to work"),
        required=False,
        queryset=Country.objects.filter(is_destination=True),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["origin_region"].label_from_instance = lambda r: (
            f"{r.country.local} — {r.local}"
        )
        for language in Language.objects.all():
            self.fields[f"lang_{language.code}"] = forms.ChoiceField(
                label=language.local,
                required=False,
                choices=[("", _("I do not speak it")), *LanguageLevel.choices],
            )

    @property
    def language_fields(self):
        return [self[name] for name in self.fields if name.startswith("lang_")]

    def service_data(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if not k.startswith("lang_")}
        data["occupations"] = list(data["occupations"])
        data["preferred_destinations"] = list(data["preferred_destinations"])
        data["languages"] = {
            name[5:]: level
            for name, level in self.cleaned_data.items()
            if name.startswith("lang_") and level
        }
        return data

    @staticmethod
    def initial_from(profile) -> dict:
        initial = {
            name: getattr(profile, name)
            for name in (
                "origin_country",
                "origin_region",
                "sex",
                "birth_year",
                "years_experience",
                "education_level",
                "months_available",
            )
        }
        initial["occupations"] = list(profile.occupations.all())
        initial["preferred_destinations"] = list(profile.preferred_destinations.all())
        for wl in profile.languages.all():
            initial[f"lang_{wl.language_id}"] = wl.level
        return initial


class SkillSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Find a skill"),
        max_length=80,
        required=False,
        help_text=_("Type a word, e.g. “weld” or “harvest”, then choose from the list."),
    )


class ConsentForm(forms.Form):
    consent = forms.BooleanField(
        label=_("Show my profile to licensed recruitment agencies"),
        required=False,
        help_text=_(
            "Agencies see your skills, languages, experience and region — never your "
            "passport or contact details. You can switch this off at any time."
        ),
    )


class ApplyForm(SubmissionKeyForm):
    message = forms.CharField(
        label=_("Message to the agency (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class DateForm(forms.Form):
    on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))


class PermitLinkForm(forms.Form):
    reference = forms.CharField(label=_("Work-permit application number"), max_length=40)


class CostReportForm(forms.Form):
    submission_key = SubmissionKeyField()
    amount = forms.DecimalField(
        label=_("Amount paid"), min_value=0, max_digits=12, decimal_places=2
    )
    currency = forms.CharField(label=_("Currency"), max_length=3, help_text=_("e.g. USD, KGS, KZT"))
    paid_to = forms.ChoiceField(label=_("Paid to"), choices=CostReport.PaidTo.choices)
    paid_to_name = forms.CharField(
        label=_("Name of the person or company"), required=False, max_length=200
    )
    purpose = forms.ChoiceField(label=_("What for"), choices=CostReport.Purpose.choices)
    paid_on = forms.DateField(
        label=_("Paid on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    details = forms.CharField(
        label=_("Details"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CandidateFilterForm(forms.Form):
    occupation = forms.ModelChoiceField(
        label=_("Occupation group"),
        required=False,
        queryset=IscoGroup.objects.filter(level=2),
        to_field_name="code",
        empty_label=_("Any"),
    )
    origin_country = forms.ModelChoiceField(
        label=_("Country of origin"),
        required=False,
        queryset=Country.objects.filter(is_origin=True),
        to_field_name="code",
        empty_label=_("Any"),
    )
    skill = forms.CharField(label=_("Skill"), required=False, max_length=80)


class SeasonForm(forms.Form):
    submission_key = SubmissionKeyField()
    country = forms.ModelChoiceField(label=_("Country"), queryset=Country.objects.all())
    departed_on = forms.DateField(
        label=_("Left on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    returned_on = forms.DateField(
        label=_("Returned on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class ContractCodeForm(forms.Form):
    """The one-time code that confirms an employment contract."""

    code = forms.CharField(
        label=_("One-time code"),
        max_length=12,
        min_length=4,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text"}),
        help_text=_("The code sent to you; it works once, for 15 minutes."),
    )
