"""Forms of the employer back office (accreditation renewal, sanctions, watchlist)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .employer_models import EmployerSanction


class RenewAccreditationForm(forms.Form):
    valid_until = forms.DateField(
        label=_("Valid until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Empty: three years from the day the current accreditation ends."),
    )


class EmployerSanctionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Sanction"), choices=EmployerSanction.Kind.choices)
    amount = forms.DecimalField(
        label=_("Fine amount"), required=False, min_value=0, max_digits=12, decimal_places=2
    )
    banned_until = forms.DateField(
        label=_("Banned until (bans only)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    reason = forms.CharField(
        label=_("Reason (published)"), widget=forms.Textarea(attrs={"rows": 3})
    )


class WatchReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (seen by officers only)"), widget=forms.Textarea(attrs={"rows": 3})
    )
