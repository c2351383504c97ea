"""Forms translate HTTP input; rules live in services. Labels and errors are translated."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import model_help
from portal.lifecycle import DocumentStatus
from portal.models import Country, IscoGroup
from portal.submissions import SubmissionKeyField
from portal.uploads import upload_check

from .models import Complaint, LicenceDocumentKind


class AgencyRegisterForm(forms.Form):
    submission_key = SubmissionKeyField()
    name = forms.CharField(label=_("Agency name"), max_length=255)
    country = forms.ModelChoiceField(
        label=_("Country of registration"),
        queryset=Country.objects.filter(is_origin=True),
        help_text=_("The licensing authority of this country will decide your licence."),
    )
    registration_number = forms.CharField(
        label=_("Business registration number"),
        max_length=64,
        help_text=_("As on your registration certificate."),
    )
    address = forms.CharField(label=_("Office address"), widget=forms.Textarea(attrs={"rows": 3}))
    email = forms.EmailField(label=_("Contact e-mail"), required=False)
    phone = forms.CharField(label=_("Contact phone"), max_length=32, required=False)


class StartApplicationForm(forms.Form):
    """Carries the one-time key that makes a double submit create one application."""

    submission_key = SubmissionKeyField(required=True)


class ScopeForm(forms.Form):
    destination_countries = forms.ModelMultipleChoiceField(
        label=_("Destination countries"),
        required=False,
        queryset=Country.objects.filter(is_destination=True),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Countries to which you will place workers."),
    )
    sectors = forms.ModelMultipleChoiceField(
        label=_("Sectors"),
        required=False,
        queryset=IscoGroup.objects.filter(level=2),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Occupation groups (ISCO-08) in which you will recruit."),
    )
    planned_yearly_placements = forms.IntegerField(
        label=_("Planned placements per year"),
        required=False,
        min_value=1,
        max_value=1_000_000,
    )
    office_address = forms.CharField(
        label=_("Office address"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Inspectors visit this address."),
    )

    def __init__(self, *args, agency_country: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # Any destination but the agency's own country: a Kyrgyz agency may place workers in
        # Kazakhstan, which is both a country of origin and a destination.
        if agency_country:
            field = self.fields["destination_countries"]
            field.queryset = field.queryset.exclude(pk=agency_country)


class DeclarationForm(forms.Form):
    declares_no_worker_fees = forms.BooleanField(
        label=_("We charge workers no recruitment fee or related cost, directly or indirectly."),
        required=False,
    )
    declares_no_document_retention = forms.BooleanField(
        label=_("We never keep workers' passports or identity documents."),
        required=False,
    )


class DocumentsForm(forms.Form):
    """One file field per document type; each file is checked by content (PDF, JPEG, PNG)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in LicenceDocumentKind.choices:
            self.fields[kind] = forms.FileField(
                label=label,
                required=False,
                help_text=_("PDF, JPEG or PNG, at most 10 MB."),
                widget=forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
            )

    def clean(self):
        data = super().clean()
        for kind, uploaded in list(data.items()):
            if uploaded:
                try:
                    upload_check(uploaded)
                except forms.ValidationError as exc:
                    self.add_error(kind, exc)
        return data

    def files_by_kind(self) -> list[tuple[str, object]]:
        return [(kind, f) for kind, f in self.cleaned_data.items() if f]


class ResubmitForm(forms.Form):
    response = forms.CharField(
        label=_("Your answer to the authority"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Why do you withdraw? (optional)"), required=False)


class RegistrySearchForm(forms.Form):
    q = forms.CharField(label=_("Agency name or licence number"), required=False, max_length=100)
    country = forms.ModelChoiceField(
        label=_("Country"),
        required=False,
        queryset=Country.objects.filter(is_origin=True),
        empty_label=_("All countries"),
        to_field_name="code",
    )
    status = forms.ChoiceField(
        label=_("Licence status"),
        required=False,
        choices=[("", _("Any status")), *DocumentStatus.choices],
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (no JavaScript needed)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        cleaned = [super(MultipleFileField, self).clean(f, initial) for f in files]
        for f in cleaned:
            upload_check(f)
        return cleaned


class ComplaintForm(forms.Form):
    AGAINST = [
        ("agency", _("A recruitment agency or recruiter")),
        ("employer", _("An employer abroad")),
    ]
    submission_key = SubmissionKeyField()
    against = forms.ChoiceField(
        label=_("Who is the complaint against?"),
        choices=AGAINST,
        initial="agency",
        widget=forms.RadioSelect,
        required=False,
    )
    agency_name = forms.CharField(
        label=_("Name of the agency or recruiter"),
        max_length=255,
        required=False,
        help_text=_("As they introduced themselves, even if they have no licence."),
    )
    licence_number = forms.CharField(
        label=_("Licence or document number, if you have it"),
        max_length=40,
        required=False,
        help_text=_("For example KZ-LIC-2026-000012."),
    )
    employer_name = forms.CharField(
        label=_("Name of the employer"),
        max_length=255,
        required=False,
        help_text=_("The company you work or worked for abroad."),
    )
    country = forms.ModelChoiceField(
        label=_("Country where you were recruited"),
        queryset=Country.objects.filter(is_origin=True),
    )
    work_country = forms.ModelChoiceField(
        label=_("Country where you work (complaints against an employer)"),
        required=False,
        queryset=Country.objects.filter(is_destination=True),
        help_text=_("Its authority handles complaints against employers there."),
    )
    category = forms.ChoiceField(
        label=_("What is the problem?"),
        choices=Complaint.Category.choices,
        widget=forms.RadioSelect,
    )
    description = forms.CharField(
        label=_("What happened?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10_000,
        help_text=model_help(Complaint, "description"),
    )
    amount_paid = forms.DecimalField(
        label=_("Amount you paid (if any)"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
    )
    currency = forms.CharField(
        label=_("Currency"), max_length=3, required=False, help_text=_("For example KZT, USD, RUB.")
    )
    complainant_country = forms.ModelChoiceField(
        label=_("Where are you now?"),
        required=False,
        queryset=Country.objects.all(),
        empty_label=_("Prefer not to say"),
    )
    is_anonymous = forms.BooleanField(
        label=_("File anonymously (we will not store your name or contact)"),
        required=False,
        initial=True,
    )
    contact_name = forms.CharField(
        label=_("Your name"),
        max_length=255,
        required=False,
        help_text=model_help(Complaint, "contact_name"),
    )
    contact = forms.CharField(
        label=_("Phone or e-mail to reach you"),
        max_length=255,
        required=False,
        help_text=model_help(Complaint, "contact"),
    )
    evidence = MultipleFileField(
        label=_("Evidence (photos of receipts, contracts, messages)"),
        required=False,
        help_text=_("PDF, JPEG or PNG, at most 10 MB each, at most 10 files."),
    )

    def clean(self):
        data = super().clean()
        number = (data.get("licence_number") or "").strip()
        if data.get("against") == "employer":
            if not (data.get("employer_name") or "").strip() and not number:
                self.add_error(
                    "employer_name",
                    _("Name the employer, or give its accreditation or contract number."),
                )
            elif not data.get("work_country") and not number:
                self.add_error("work_country", _("Choose the country where you work."))
        elif not (data.get("agency_name") or "").strip() and not number:
            self.add_error(
                "agency_name", _("Name the agency or recruiter, or give a licence number.")
            )
        return data


class TrackForm(forms.Form):
    code = forms.CharField(
        label=_("Tracking code"),
        max_length=20,
        help_text=_("The code you received when you filed the complaint."),
    )
