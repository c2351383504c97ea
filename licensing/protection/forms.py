"""Public forms of help requests: filing (with the ILO questions as plain yes/no answers) and
following a request by its tracking code."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.choices import Sex
from portal.forms import model_help
from portal.models import Country
from portal.submissions import SubmissionKeyField

from .indicators import INDICATORS
from .models import HelpCategory, HelpRequest

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class HelpRequestForm(forms.Form):
    """Everything optional except the problem, the words, the citizenship and where one is."""

    submission_key = SubmissionKeyField()
    category = forms.ChoiceField(
        label=_("What is the problem?"), choices=HelpCategory.choices, widget=forms.RadioSelect
    )
    description = forms.CharField(
        label=_("What happened, and what help do you need?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10_000,
        help_text=model_help(HelpRequest, "description"),
    )
    origin_country = forms.ModelChoiceField(
        label=_("Your citizenship"),
        queryset=Country.objects.filter(is_origin=True),
        help_text=model_help(HelpRequest, "origin_country"),
    )
    current_country = forms.ModelChoiceField(
        label=_("Where are you now?"),
        queryset=Country.objects.all(),
        help_text=_("We show the hotlines of that country as soon as you send the request."),
    )
    place = forms.CharField(label=_("Town or region (optional)"), max_length=120, required=False)
    employer_name = forms.CharField(
        label=_("Employer or recruiter (optional)"), max_length=255, required=False
    )
    sex = forms.ChoiceField(
        label=_("Sex"),
        choices=Sex.choices,
        initial=Sex.NOT_STATED,
        widget=forms.RadioSelect,
        help_text=model_help(HelpRequest, "sex"),
    )
    is_anonymous = forms.BooleanField(
        label=_("Stay anonymous (we will not store your name or contact)"),
        required=False,
        initial=True,
    )
    contact_name = forms.CharField(
        label=_("Your name"),
        max_length=255,
        required=False,
        help_text=model_help(HelpRequest, "contact_name"),
    )
    contact = forms.CharField(
        label=_("Phone or e-mail to reach you"),
        max_length=255,
        required=False,
        help_text=model_help(HelpRequest, "contact"),
    )
    consent_to_refer = forms.BooleanField(
        label=_(
            "I agree that the authority of my country passes my request to an "
            "organisation that can help (labour inspectorate, consulate, NGO or resource "
            "centre). Only what is needed is shared."
        ),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for indicator in INDICATORS:
            self.fields[f"q_{indicator.code}"] = forms.ChoiceField(
                label=indicator.question, choices=YES_NO, required=False, widget=forms.RadioSelect
            )

    def _group(self, names):
        return [self[name] for name in names]

    @property
    def problem_fields(self):
        return self._group(["category", "description"])

    @property
    def question_fields(self):
        return self._group([f"q_{i.code}" for i in INDICATORS])

    @property
    def where_fields(self):
        return self._group(["origin_country", "current_country", "place", "employer_name", "sex"])

    @property
    def contact_fields(self):
        return self._group(["is_anonymous", "contact_name", "contact", "consent_to_refer"])

    def answers(self) -> list[str]:
        """The codes of the indicators answered "yes"."""
        return [i.code for i in INDICATORS if self.cleaned_data.get(f"q_{i.code}") == "yes"]


class HelpTrackForm(forms.Form):
    code = forms.CharField(
        label=_("Tracking code"),
        max_length=20,
        help_text=_("The code you received when you asked for help."),
    )
