"""Recruitment-agency licences: settings per authority, applications, documents, licences."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.case_models import case_documents, case_information_requests, random_name
from portal.lifecycle import ApplicationBase, IssuedDocumentBase
from portal.model_fields import person_field
from portal.models import Country, IscoGroup, Organisation, organisation_field


def random_upload_name(instance, filename: str) -> str:
    """A random name that reveals nothing about the uploader or the original file."""
    return random_name("licensing", filename)


class AuthorityLicensingSettings(models.Model):
    """What an authority decides for itself: licence validity and handling deadlines."""

    authority = organisation_field(
        Organisation.Kind.AUTHORITY,
        verbose_name=_("authority"),
        related_name="licensing_settings",
        on_delete=models.CASCADE,
        one_to_one=True,
        help_text=_("The authority these settings apply to."),
    )
    licence_validity_years = models.PositiveSmallIntegerField(
        _("licence validity (years)"),
        default=3,
        help_text=_("How long a newly issued agency licence is valid."),
    )
    decision_period_days = models.PositiveSmallIntegerField(
        _("decision period (days)"),
        default=30,
        help_text=_("Days the authority has to decide an application after each submission."),
    )
    complaint_period_days = models.PositiveSmallIntegerField(
        _("complaint handling period (days)"),
        default=30,
        help_text=_("Days the authority has to conclude a complaint after it is filed."),
    )

    class Meta:
        verbose_name = _("authority licensing settings")
        verbose_name_plural = _("authority licensing settings")

    def __str__(self):
        return str(self.authority)


class LicenceApplication(ApplicationBase):
    """An agency's request for a licence (new or renewal), built as a draft and then submitted.

    Status changes only through `licensing.services`; the authority is the licensing authority
    of the agency's country (its jurisdiction).
    """

    class Kind(models.TextChoices):
        NEW = "new", _("New licence")
        RENEWAL = "renewal", _("Renewal")

    agency = organisation_field(
        Organisation.Kind.AGENCY,
        verbose_name=_("agency"),
        related_name="licence_applications",
        help_text=_("The recruitment agency that applies."),
    )
    authority = organisation_field(
        Organisation.Kind.AUTHORITY,
        verbose_name=_("authority"),
        related_name="licence_applications_received",
        help_text=_("The licensing authority of the agency's country, which decides."),
    )
    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=Kind.choices,
        default=Kind.NEW,
        help_text=_("A first licence, or the renewal of one the agency holds."),
    )
    renewal_of = models.ForeignKey(
        "Licence",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="renewal_applications",
        verbose_name=_("licence to renew"),
        help_text=_("For a renewal: the licence it renews."),
    )
    destination_countries = models.ManyToManyField(
        Country,
        blank=True,
        related_name="+",
        verbose_name=_("destination countries"),
        help_text=_("Countries to which the agency will place workers."),
    )
    sectors = models.ManyToManyField(
        IscoGroup,
        blank=True,
        related_name="+",
        verbose_name=_("sectors (ISCO-08 groups)"),
        help_text=_("Occupation groups in which the agency will recruit."),
    )
    planned_yearly_placements = models.PositiveIntegerField(
        _("planned placements per year"),
        null=True,
        blank=True,
        help_text=_("How many workers the agency expects to place abroad in a year."),
    )
    office_address = models.TextField(
        _("office address"),
        blank=True,
        help_text=_("Where the agency receives workers; inspectors visit this address."),
    )
    declares_no_worker_fees = models.BooleanField(
        _("no fees or costs charged to workers"),
        default=False,
        help_text=_("The agency declares it charges workers no recruitment fee or related cost."),
    )
    declares_no_document_retention = models.BooleanField(
        _("no retention of identity documents"),
        default=False,
        help_text=_("The agency declares it never keeps workers' passports or identity documents."),
    )
    declared_at = models.DateTimeField(
        _("declared at"),
        null=True,
        blank=True,
        help_text=_("When the agency confirmed that what it declared is true."),
    )
    documents = case_documents()
    information_requests = case_information_requests()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("licence application")
        verbose_name_plural = _("licence applications")
        indexes = [models.Index(fields=["authority", "status", "decision_deadline"])]

    def __str__(self):
        return f"{self.agency} — {self.get_kind_display()} #{self.pk}"

    @property
    def country_id(self) -> str:
        return self.agency.country_id


class LicenceDocumentKind(models.TextChoices):
    """The supporting documents of a licence application (`REQUIRED_DOCUMENTS` are required)."""

    REGISTRATION_CERTIFICATE = "registration_certificate", _("Registration certificate")
    TAX_CLEARANCE = "tax_clearance", _("Tax clearance")
    OFFICE_PROOF = "office_proof", _("Proof of office premises")
    DIRECTOR_ID = "director_id", _("Director's identity document")
    FINANCIAL_GUARANTEE = "financial_guarantee", _("Financial guarantee or deposit proof")
    SAMPLE_CONTRACT = "sample_contract", _("Sample employment contract")
    OTHER = "other", _("Other")


class Licence(IssuedDocumentBase):
    """A recruitment-agency licence. Number `{country}-LIC-{year}-{seq:06d}`, gapless.

    Statuses active ⇄ suspended, → revoked (reason + a second officer), → expired (daily task).
    A renewal is a new licence whose `previous` is the one renewed.
    """

    agency = organisation_field(
        Organisation.Kind.AGENCY,
        verbose_name=_("agency"),
        related_name="licences",
        help_text=_("The recruitment agency that holds the licence."),
    )
    authority = organisation_field(
        Organisation.Kind.AUTHORITY,
        verbose_name=_("issuing authority"),
        related_name="licences_issued",
        help_text=_("The authority that issued it."),
    )
    application = models.OneToOneField(
        LicenceApplication,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="licence",
        verbose_name=_("application"),
        help_text=_("The application the licence was issued on."),
    )
    previous = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="renewals",
        verbose_name=_("renews licence"),
        help_text=_("The licence this one renews; the history is a chain."),
    )
    conditions = models.TextField(
        _("conditions"),
        blank=True,
        help_text=_("Conditions attached to the licence, printed on the certificate."),
    )
    destination_countries = models.ManyToManyField(
        Country,
        blank=True,
        related_name="+",
        verbose_name=_("destination countries"),
        help_text=_("Countries to which the agency may place workers under this licence."),
    )
    revocation_requested_by = person_field(
        _("revocation proposed by"),
        optional=True,
        help_text=_("The officer who proposed revoking it; a second officer must confirm."),
    )
    revocation_requested_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When the revocation was proposed.")
    )
    revocation_reason = models.TextField(
        _("proposed revocation reason"),
        blank=True,
        help_text=_("A revocation takes effect only when a second officer confirms it."),
    )
    reminder_60_sent_on = models.DateField(null=True, blank=True)
    reminder_30_sent_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-valid_from", "-id"]
        verbose_name = _("licence")
        verbose_name_plural = _("licences")
        indexes = [models.Index(fields=["agency", "status"])]

    def __str__(self):
        return self.number

    @property
    def country_id(self) -> str:
        return self.agency.country_id
