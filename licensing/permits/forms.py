"""Forms translate HTTP input; rules live in services. Labels and errors are translated."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.choices import Sex
from portal.forms import model_help
from portal.models import Country, IscoGroup, Region
from portal.submissions import SubmissionKeyField

from .models import DocumentKind, PermitApplication, Qualification


class ApplicationForm(forms.Form):
    """Everything the worker (or the agency for them) declares. The passport number field is
    a password-style input so it is not kept by the browser's autofill history."""

    submission_key = SubmissionKeyField(required=True)
    country = forms.ModelChoiceField(
        label=_("Destination country"),
        queryset=Country.objects.filter(is_destination=True),
        help_text=_("The migration authority of this country decides."),
    )
    worker_contact = forms.CharField(
        label=_("Worker's Karavan account (e-mail or phone)"),
        required=False,
        max_length=254,
        help_text=_("Agencies only: the worker must sign in and consent before submission."),
    )
    given_names = forms.CharField(label=_("Given names (as in the passport)"), max_length=150)
    surname = forms.CharField(label=_("Surname (as in the passport)"), max_length=150)
    sex = forms.ChoiceField(
        label=_("Sex"), choices=Sex.choices, help_text=model_help(PermitApplication, "sex")
    )
    birth_date = forms.DateField(
        label=_("Date of birth"),
        help_text=_("YYYY-MM-DD"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    nationality = forms.ModelChoiceField(
        label=_("Nationality"),
        queryset=Country.objects.all(),
        help_text=model_help(PermitApplication, "nationality"),
    )
    passport_number = forms.CharField(
        label=_("Passport number"),
        max_length=20,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=_(
            "Stored encrypted; officers see it only when they need to, and every look is recorded."
        ),
    )
    passport_expiry = forms.DateField(
        label=_("Passport valid until"),
        help_text=_("YYYY-MM-DD"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    occupation = forms.ModelChoiceField(
        label=_("Occupation (ISCO-08)"),
        queryset=IscoGroup.objects.filter(level__gte=2),
        help_text=_("Pick the closest group; it decides the category (and the fast track)."),
    )
    qualification = forms.ChoiceField(
        label=_("Highest qualification"), choices=Qualification.choices
    )
    qualification_evidence = forms.CharField(
        label=_("Qualification evidence"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Diplomas, certificates, years of experience. Upload the diploma afterwards."),
    )
    employer_name = forms.CharField(
        label=_("Employer"),
        max_length=255,
        required=False,
        help_text=model_help(PermitApplication, "employer_name"),
    )
    employer_tax_id = forms.CharField(label=_("Employer's tax id"), max_length=32, required=False)
    employer_region = forms.ModelChoiceField(
        label=_("Employer's region"),
        required=False,
        queryset=Region.objects.all(),
        help_text=model_help(PermitApplication, "employer_region"),
    )
    job_order_number = forms.CharField(
        label=_("Job order number (optional)"),
        max_length=32,
        required=False,
        help_text=_("If you were hired through a published job order, e.g. KZ-JO-2026-000012."),
    )
    contract_number = forms.CharField(
        label=_("Employment contract number (optional)"),
        max_length=32,
        required=False,
        help_text=_("The registered contract of the accepted offer, e.g. KZ-EC-2026-000003."),
    )
    region = forms.ModelChoiceField(
        label=_("Region of work"),
        queryset=Region.objects.all(),
        help_text=_("A patent is valid only in this region."),
    )
    requested_months = forms.IntegerField(
        label=_("Requested duration (months)"), min_value=1, max_value=36, initial=12
    )

    def __init__(self, *args, kind: str, for_agency: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not for_agency:
            del self.fields["worker_contact"]
        else:
            self.fields["worker_contact"].required = True
        self.fields["region"].queryset = Region.objects.filter(country__is_destination=True)
        if kind == "PT":
            for name in (
                "employer_name",
                "employer_tax_id",
                "employer_region",
                "job_order_number",
                "contract_number",
            ):
                self.fields[name].help_text = _("Optional for a patent.")

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        for name in ("submission_key", "country", "worker_contact"):
            data.pop(name, None)
        return data


class DocumentsForm(forms.Form):
    """One file per document type; the service checks content type and size."""

    kind = forms.ChoiceField(label=_("Document type"), choices=DocumentKind.choices)
    file = forms.FileField(label=_("File (PDF, JPEG or PNG, at most 10 MB)"))


class AnswerForm(forms.Form):
    response = forms.CharField(
        label=_("Your answer to the authority"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason (optional)"), required=False, max_length=500)


class PaymentForm(forms.Form):
    months = forms.IntegerField(label=_("Months to pay"), min_value=1, max_value=36, initial=1)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class QuotaForm(forms.Form):
    limit = forms.IntegerField(label=_("Limit"), min_value=0)
    reason = forms.CharField(
        label=_("Reason for the change"), widget=forms.Textarea(attrs={"rows": 2})
    )
