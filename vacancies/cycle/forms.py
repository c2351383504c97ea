"""The worker's forms: departure (with a one-time key) and the date of the next move."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import model_help
from portal.models import Country
from portal.submissions import SubmissionKeyField
from vacancies.models import Scheme

from .models import Stay


class DepartureForm(forms.Form):
    submission_key = SubmissionKeyField()
    destination = forms.ModelChoiceField(
        label=_("Destination country"),
        queryset=Country.objects.filter(is_destination=True),
        help_text=model_help(Stay, "destination_country"),
        error_messages={"invalid_choice": _("Choose a destination from the list.")},
    )
    departed_on = forms.DateField(
        label=_("Day you left"),
        help_text=model_help(Stay, "departed_on"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    scheme = forms.ModelChoiceField(
        label=_("Scheme (if any)"),
        required=False,
        queryset=Scheme.objects.filter(is_active=True),
        help_text=model_help(Stay, "scheme"),
        error_messages={"invalid_choice": _("Choose a scheme from the list.")},
    )


class MoveDateForm(forms.Form):
    """The day of an arrival, a registration or a return."""

    on = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The day it happened; not in the future."),
    )


class AttendanceForm(forms.Form):
    contact = forms.CharField(
        label=_("Worker's e-mail or phone number"),
        max_length=254,
        help_text=_(
            "As the worker registered in Karavan; the certificate is issued to that account."
        ),
    )
