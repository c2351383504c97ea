"""Oversight of agencies: complaints (anonymous allowed), inspections and sanctions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.model_fields import UploadedFile, person_field, private_file_field
from portal.models import Country, Organisation, organisation_field
from portal.submissions import submission_key_field

from .agency_licences import Licence, random_upload_name


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    INVESTIGATING = "investigating", _("Under investigation")
    UPHELD = "upheld", _("Upheld")
    DISMISSED = "dismissed", _("Dismissed")


class Complaint(models.Model):
    """A report against a licensed agency or an unlicensed recruiter, by anyone, anonymous allowed.

    The complainant follows it with the tracking code; no account is needed. Upheld complaints
    count against the agency at renewal and show on its public registry page.
    """

    class Category(models.TextChoices):
        FEES = "fees", _("Fees charged to the worker")
        PASSPORT_RETAINED = "passport_retained", _("Passport or documents retained")
        CONTRACT_SUBSTITUTION = "contract_substitution", _("Contract substitution")
        UNPAID_WAGES = "unpaid_wages", _("Unpaid wages")
        DECEPTION = "deception", _("Deception about the job or conditions")
        VIOLENCE = "violence", _("Violence, threats or coercion")
        OTHER = "other", _("Other")

    tracking_code = models.CharField(
        _("tracking code"),
        max_length=20,
        unique=True,
        help_text=_(
            "Random code given to the complainant to follow the complaint without an account."
        ),
    )
    agency = organisation_field(
        Organisation.Kind.AGENCY,
        verbose_name=_("agency"),
        related_name="complaints",
        optional=True,
        help_text=_("The registered agency complained about, if it is one."),
    )
    employer = organisation_field(
        Organisation.Kind.EMPLOYER,
        verbose_name=_("employer"),
        related_name="complaints_as_employer",
        optional=True,
        help_text=_(
            "The employer complained about, if the complaint "
            "is against an employer (it counts at the "
            "employer's accreditation renewal)."
        ),
    )
    recruiter_name = models.CharField(
        _("recruiter name"),
        max_length=255,
        blank=True,
        help_text=_("Name of an unlicensed recruiter or of an agency not found in the registry."),
    )
    subject_number = models.CharField(
        _("document number concerned"),
        max_length=40,
        blank=True,
        help_text=_("A licence, job-order or permit number the complaint is about, if any."),
    )
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("country concerned"),
        help_text=_("Country whose authority handles the complaint (the agency's country)."),
    )
    authority = organisation_field(
        verbose_name=_("handling authority"),
        related_name="complaints_handled",
        optional=True,
        help_text=_("The authority that handles the complaint."),
    )
    category = models.CharField(
        _("category"),
        max_length=32,
        choices=Category.choices,
        help_text=_("What the complaint is about."),
    )
    description = models.TextField(
        _("what happened"), help_text=_("Tell us what happened, when and where, in your own words.")
    )
    amount_paid = models.DecimalField(
        _("amount the worker paid"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Any fee or cost the worker paid to be recruited (workers never should)."),
    )
    currency = models.CharField(
        _("currency"), max_length=3, blank=True, help_text=_("ISO 4217 code, e.g. KZT.")
    )
    is_anonymous = models.BooleanField(
        _("anonymous"),
        default=True,
        help_text=_("When set, no name or contact is stored."),
    )
    contact_name = models.CharField(
        _("your name"),
        max_length=255,
        blank=True,
        help_text=_("Optional. You may complain without giving your name."),
    )
    contact = models.CharField(
        _("phone or e-mail"),
        max_length=255,
        blank=True,
        help_text=_("Optional. Only if you want the authority to contact you."),
    )
    complainant_country = models.CharField(
        _("where you are now"),
        max_length=2,
        blank=True,
        help_text=_("Country the complainant writes from; complaints can be filed from abroad."),
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The signed-in person who filed it, if any."),
    )
    submission_key = submission_key_field()
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ComplaintStatus.choices,
        default=ComplaintStatus.RECEIVED,
        db_index=True,
        help_text=_("Where it stands now; it changes only through the actions on its page."),
    )
    deadline = models.DateField(
        _("deadline"),
        null=True,
        blank=True,
        help_text=_("Date by which the authority must conclude the complaint."),
    )
    handling_officer = person_field(
        _("handling officer"),
        optional=True,
        help_text=_("The officer who deals with the complaint."),
    )
    outcome = models.TextField(
        _("outcome"),
        blank=True,
        help_text=_("What was found and done; shown to the complainant with the tracking code."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(
        _("decided at"), null=True, blank=True, help_text=_("When the decision was taken.")
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        indexes = [models.Index(fields=["country", "status", "deadline"])]

    def __str__(self):
        return _("Complaint %(code)s") % {"code": self.tracking_code}

    @property
    def subject_label(self) -> str:
        if self.agency_id:
            return str(self.agency)
        return str(self.employer) if self.employer_id else self.recruiter_name


class ComplaintEvidence(UploadedFile):
    """A file attached to a complaint (photo of a receipt, a contract …); stored privately."""

    complaint = models.ForeignKey(
        Complaint,
        on_delete=models.CASCADE,
        related_name="evidence",
        help_text=_("The complaint this evidence supports."),
    )
    file = private_file_field(random_upload_name)
    content_type = models.CharField(_("content type"), max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("complaint evidence")
        verbose_name_plural = _("complaint evidence")

    def __str__(self):
        return self.original_name


class Inspection(models.Model):
    """A planned or ad hoc visit to an agency, with findings and any sanctions that follow."""

    class Kind(models.TextChoices):
        PLANNED = "planned", _("Planned")
        AD_HOC = "ad_hoc", _("Ad hoc")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    agency = organisation_field(
        Organisation.Kind.AGENCY,
        verbose_name=_("agency"),
        related_name="inspections",
        help_text=_("The recruitment agency inspected."),
    )
    authority = organisation_field(
        verbose_name=_("authority"), help_text=_("The authority responsible for it.")
    )
    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=Kind.choices,
        default=Kind.PLANNED,
        help_text=_("Planned in the yearly programme, or ad hoc, e.g. after a complaint."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.PLANNED,
        db_index=True,
        help_text=_("Where it stands now; it changes only through the actions on its page."),
    )
    complaint = models.ForeignKey(
        Complaint,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inspections",
        verbose_name=_("prompted by complaint"),
        help_text=_("The complaint that led to the inspection, if any."),
    )
    scheduled_for = models.DateField(
        _("scheduled for"), help_text=_("The day the inspection is planned for.")
    )
    carried_out_on = models.DateField(
        _("carried out on"),
        null=True,
        blank=True,
        help_text=_("The day the inspection took place."),
    )
    inspector = person_field(
        _("inspector"), help_text=_("The officer who carries out the inspection.")
    )
    findings = models.TextField(
        _("findings"),
        blank=True,
        help_text=_("What the inspectors found; the basis for any sanction."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-scheduled_for"]
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")

    def __str__(self):
        return f"{self.agency} — {self.scheduled_for}"


class Sanction(models.Model):
    """A penalty imposed on an agency: warning, fine, suspension or revocation. Public."""

    class Kind(models.TextChoices):
        WARNING = "warning", _("Warning")
        FINE = "fine", _("Fine")
        SUSPENSION = "suspension", _("Suspension")
        REVOCATION = "revocation", _("Revocation")

    agency = organisation_field(
        Organisation.Kind.AGENCY,
        verbose_name=_("agency"),
        related_name="sanctions",
        help_text=_("The recruitment agency sanctioned."),
    )
    authority = organisation_field(
        verbose_name=_("authority"), help_text=_("The authority responsible for it.")
    )
    licence = models.ForeignKey(
        Licence,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sanctions",
        verbose_name=_("licence"),
        help_text=_("The licence the sanction applies to, if any."),
    )
    inspection = models.ForeignKey(
        Inspection,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sanctions",
        verbose_name=_("inspection"),
        help_text=_("The inspection that found the breach, if any."),
    )
    complaint = models.ForeignKey(
        Complaint,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sanctions",
        verbose_name=_("complaint"),
        help_text=_("The complaint that led to the sanction, if any."),
    )
    kind = models.CharField(
        _("sanction"), max_length=12, choices=Kind.choices, help_text=_("What the sanction is.")
    )
    amount = models.DecimalField(
        _("fine amount"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Only for fines, in the authority's national currency."),
    )
    reason = models.TextField(
        _("reason"),
        help_text=_("Published on the agency's registry page."),
    )
    imposed_by = person_field(_("imposed by"), help_text=_("The officer who imposed it."))
    imposed_on = models.DateField(_("imposed on"), help_text=_("The day it was imposed."))

    class Meta:
        ordering = ["-imposed_on", "-id"]
        verbose_name = _("sanction")
        verbose_name_plural = _("sanctions")

    def __str__(self):
        return f"{self.get_kind_display()} — {self.agency} ({self.imposed_on})"
