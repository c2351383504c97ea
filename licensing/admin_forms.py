"""Small forms for the officers' action buttons in the Wagtail admin."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Inspection, Sanction


class NoFieldsForm(forms.Form):
    pass


class MessageForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the applicant"), widget=forms.Textarea(attrs={"rows": 4})
    )


class ConditionsForm(forms.Form):
    conditions = forms.CharField(
        label=_("Conditions (printed on the certificate)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded in the audit log and shown to the agency."),
    )


class OptionalReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DecideComplaintForm(forms.Form):
    upheld = forms.TypedChoiceField(
        label=_("Decision"),
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        choices=[("1", _("Upheld")), ("0", _("Dismissed"))],
    )
    outcome = forms.CharField(
        label=_("Outcome (shown to the complainant)"), widget=forms.Textarea(attrs={"rows": 4})
    )


class AssignComplaintForm(forms.Form):
    """Choose the officer (of the authority handling the complaint) who takes it over."""

    officer = forms.ModelChoiceField(label=_("Officer"), queryset=None)
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Recorded in the audit log."),
    )

    def __init__(self, *args, complaint, **kwargs):
        from .selectors import complaint_assignable_officers

        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = complaint_assignable_officers(complaint=complaint)


class PlanInspectionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Inspection.Kind.choices)
    scheduled_for = forms.DateField(
        label=_("Scheduled for"), widget=forms.DateInput(attrs={"type": "date"})
    )


class CompleteInspectionForm(forms.Form):
    carried_out_on = forms.DateField(
        label=_("Carried out on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 5}))


class SanctionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Sanction"), choices=Sanction.Kind.choices)
    amount = forms.DecimalField(
        label=_("Fine amount"), required=False, min_value=0, max_digits=12, decimal_places=2
    )
    reason = forms.CharField(
        label=_("Reason (published)"), widget=forms.Textarea(attrs={"rows": 3})
    )


class AuthoritySettingsForm(forms.Form):
    licence_validity_years = forms.IntegerField(
        label=_("Licence validity (years)"), min_value=1, max_value=10
    )
    decision_period_days = forms.IntegerField(
        label=_("Decision period (days)"), min_value=1, max_value=365
    )
    complaint_period_days = forms.IntegerField(
        label=_("Complaint handling period (days)"), min_value=1, max_value=365
    )
