"""Work permits and patents issued directly to migrant workers, with quotas, fees and payments.

State changes only through `licensing.permits.services`; reads through `selectors`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.case_models import case_documents, case_information_requests, random_name
from portal.choices import Sex, SkillCategory
from portal.corridor_models import DocumentKind  # noqa: F401  (one list, shared with the corridor rules)
from portal.lifecycle import OPEN_APPLICATION_STATES, ApplicationBase, IssuedDocumentBase
from portal.model_fields import person_field
from portal.models import Country, IscoGroup, Organisation, Region, organisation_field


def random_upload_name(instance, filename: str) -> str:
    """A random name that reveals nothing about the worker or the original file."""
    return random_name("permits", filename)


class PermitKind(models.TextChoices):
    """What is applied for; the value is also the kind code in the number (KZ-WP-2026-000001)."""

    WORK_PERMIT = "WP", _("Work permit")
    PATENT = "PT", _("Patent")


#: The worker's skill category (one enum with the corridor rules, `portal.choices`).
Category = SkillCategory


class Qualification(models.TextChoices):
    NONE = "none", _("No formal qualification")
    VOCATIONAL = "vocational", _("Vocational or technical")
    HIGHER = "higher", _("Higher education (bachelor or above)")


DEFAULT_FAST_TRACK_DOCUMENTS = ["passport_copy", "diploma", "employment_contract"]
DEFAULT_STANDARD_DOCUMENTS = [
    "passport_copy",
    "employment_contract",
    "medical_certificate",
    "employer_letter",
]
DEFAULT_PATENT_DOCUMENTS = ["passport_copy", "medical_certificate"]


def _fast_track_documents():
    return list(DEFAULT_FAST_TRACK_DOCUMENTS)


def _standard_documents():
    return list(DEFAULT_STANDARD_DOCUMENTS)


def _patent_documents():
    return list(DEFAULT_PATENT_DOCUMENTS)


def _highly_skilled_groups():
    return ["1", "2", "3"]


def _low_skilled_groups():
    return ["9"]


class PermitSettings(models.Model):
    """What a migration authority decides for itself: deadlines, document lists, categories.

    Without a saved row the defaults below apply (see `selectors.permit_settings`).
    """

    authority = organisation_field(
        Organisation.Kind.AUTHORITY,
        verbose_name=_("authority"),
        related_name="permit_settings",
        on_delete=models.CASCADE,
        one_to_one=True,
        help_text=_("The authority these settings apply to."),
    )
    fast_track_working_days = models.PositiveSmallIntegerField(
        _("fast-track decision period (working days)"),
        default=5,
        help_text=_(
            "Working days to decide a highly skilled worker's permit after each submission."
        ),
    )
    standard_working_days = models.PositiveSmallIntegerField(
        _("standard decision period (working days)"),
        default=15,
        help_text=_("Working days to decide any other application after each submission."),
    )
    patent_max_months = models.PositiveSmallIntegerField(
        _("maximum patent term (months)"),
        default=12,
        help_text=_("Longest total validity a patent can reach through monthly payments."),
    )
    permit_max_months = models.PositiveSmallIntegerField(
        _("maximum work-permit term (months)"),
        default=12,
        help_text=_("Longest validity granted for one work permit."),
    )
    fast_track_documents = models.JSONField(
        _("fast-track documents"),
        default=_fast_track_documents,
        blank=True,
        help_text=_("Document types a highly skilled worker must upload (the shorter list)."),
    )
    standard_documents = models.JSONField(
        _("standard documents"),
        default=_standard_documents,
        blank=True,
        help_text=_("Document types required for other work-permit applications."),
    )
    patent_documents = models.JSONField(
        _("patent documents"),
        default=_patent_documents,
        blank=True,
        help_text=_("Document types required for a patent application."),
    )
    highly_skilled_groups = models.JSONField(
        _("ISCO-08 major groups that can be highly skilled"),
        default=_highly_skilled_groups,
        blank=True,
        help_text=_(
            "With higher-education evidence these groups are highly skilled; without it, skilled."
        ),
    )
    low_skilled_groups = models.JSONField(
        _("ISCO-08 major groups that are low skilled"),
        default=_low_skilled_groups,
        blank=True,
        help_text=_("Occupations in these major groups are low skilled; all others are skilled."),
    )

    class Meta:
        verbose_name = _("permit settings")
        verbose_name_plural = _("permit settings")

    def __str__(self):
        return str(self.authority)


class PublicHoliday(models.Model):
    """A public holiday on which the authority does not count working days."""

    country = models.ForeignKey(
        Country,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The country where the day is a holiday."),
    )
    date = models.DateField(
        _("date"), help_text=_("The holiday; it does not count as a working day in deadlines.")
    )
    name = models.CharField(
        _("name"), max_length=120, help_text=_("The holiday's name, e.g. Nauryz.")
    )

    class Meta:
        ordering = ["country", "date"]
        verbose_name = _("public holiday")
        verbose_name_plural = _("public holidays")
        constraints = [
            models.UniqueConstraint(fields=["country", "date"], name="permits_holiday_unique")
        ]

    def __str__(self):
        return f"{self.country_id} {self.date:%Y-%m-%d} {self.name}"


class FeeSchedule(models.Model):
    """The state fee for a permit (one-off) or a patent (per month), per authority and region.

    A row without a region applies to every region the authority has no specific row for.
    """

    authority = organisation_field(
        Organisation.Kind.AUTHORITY,
        verbose_name=_("authority"),
        related_name="permit_fees",
        help_text=_("The authority that charges the fee."),
    )
    kind = models.CharField(
        _("kind"), max_length=2, choices=PermitKind.choices, help_text=_("Work permit or patent.")
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
        help_text=_("Empty: every region without its own fee."),
    )
    amount = models.DecimalField(
        _("amount"),
        max_digits=12,
        decimal_places=2,
        help_text=_("Work permit: fee per application. Patent: prepaid fee per month."),
    )
    currency = models.CharField(
        _("currency"), max_length=3, default="KZT", help_text=_("ISO 4217 code.")
    )
    effective_from = models.DateField(
        _("effective from"), help_text=_("The first day these fees apply.")
    )
    effective_until = models.DateField(
        _("effective until"), null=True, blank=True, help_text=_("Empty: until replaced.")
    )

    class Meta:
        ordering = ["authority", "kind", "region", "-effective_from"]
        verbose_name = _("fee schedule")
        verbose_name_plural = _("fee schedules")

    def __str__(self):
        where = self.region.local if self.region_id else _("all regions")
        return f"{self.get_kind_display()} {where}: {self.amount} {self.currency}"


class Quota(models.Model):
    """How many permits or patents a destination country issues in a year.

    Optionally narrowed to one region and/or one ISCO-08 group. Every approval reserves one unit
    of each matching quota in the approving transaction; `used` never exceeds `limit`.
    """

    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("destination country"),
        help_text=_("The country that sets the quota."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), help_text=_("The calendar year the quota is for.")
    )
    kind = models.CharField(
        _("kind"), max_length=2, choices=PermitKind.choices, help_text=_("Work permit or patent.")
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
        help_text=_("Empty: the whole country."),
    )
    occupation_group = models.ForeignKey(
        IscoGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("occupation group"),
        help_text=_("Empty: every occupation. Otherwise the ISCO-08 group (any level) it covers."),
    )
    limit = models.PositiveIntegerField(
        _("limit"), help_text=_("Most documents that may be issued.")
    )
    used = models.PositiveIntegerField(
        _("used"), default=0, help_text=_("Issued against this quota; never above the limit.")
    )
    gender_impact = models.JSONField(
        _("gender-impact note"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_(
            "Computed at the last decision: the share of women in the occupation's "
            "supply, applications, placements and help requests, and the places women "
            "can expect from the change. Small counts are hidden. Published."
        ),
    )

    class Meta:
        ordering = ["country", "-year", "kind", "region", "occupation_group"]
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        constraints = [
            models.CheckConstraint(
                condition=Q(used__lte=models.F("limit")), name="permits_quota_used_within_limit"
            ),
        ]

    def __str__(self):
        parts = [self.country_id, str(self.year), str(self.get_kind_display())]
        if self.region_id:
            parts.append(self.region.local)
        if self.occupation_group_id:
            parts.append(f"ISCO {self.occupation_group_id}")
        return " · ".join(parts)

    @property
    def remaining(self) -> int:
        return max(self.limit - self.used, 0)


class PermitApplication(ApplicationBase):
    """A worker's application for a work permit or a patent, made by the worker or by a licensed
    agency on the worker's behalf (then only after the worker's recorded consent).

    The holder is always the worker. Passport numbers are stored encrypted, with a keyed hash
    for duplicate detection; they never appear in URLs, logs or exports.
    """

    kind = models.CharField(
        _("kind"), max_length=2, choices=PermitKind.choices, help_text=_("Work permit or patent.")
    )
    authority = organisation_field(
        Organisation.Kind.AUTHORITY,
        verbose_name=_("authority"),
        related_name="permit_applications",
        help_text=_("Migration authority of the destination country, which decides."),
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="permit_applications",
        verbose_name=_("worker"),
        help_text=_("The holder of the document if it is issued."),
    )
    agency = organisation_field(
        Organisation.Kind.AGENCY,
        verbose_name=_("agency"),
        related_name="permit_applications_filed",
        optional=True,
        help_text=_("Licensed agency applying on the worker's behalf, if any."),
    )
    worker_consent_at = models.DateTimeField(
        _("worker's consent given at"),
        null=True,
        blank=True,
        help_text=_("When the worker, signed in, agreed that the agency applies for them."),
    )
    # Identity
    given_names = models.CharField(
        _("given names"), max_length=150, help_text=_("As written in the passport.")
    )
    surname = models.CharField(
        _("surname"), max_length=150, help_text=_("As written in the passport.")
    )
    sex = models.CharField(
        _("sex"), max_length=1, choices=Sex.choices, help_text=_("As written in the passport.")
    )
    birth_date = models.DateField(_("date of birth"), help_text=_("As written in the passport."))
    nationality = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("nationality"),
        help_text=_("The country that issued the passport."),
    )
    passport_number_encrypted = models.TextField(
        _("passport number (encrypted)"),
        help_text=_("Fernet ciphertext; the key comes from the environment (KARAVAN_FIELD_KEY)."),
    )
    passport_hash = models.CharField(
        _("passport fingerprint"),
        max_length=64,
        db_index=True,
        help_text=_(
            "Keyed HMAC-SHA256 of nationality and passport number, for duplicate detection."
        ),
    )
    passport_expiry = models.DateField(
        _("passport valid until"), help_text=_("The passport must stay valid for the whole stay.")
    )
    # Occupation and qualification
    occupation = models.ForeignKey(
        IscoGroup,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("occupation"),
        help_text=_("ISCO-08 group of the job; its major group drives the category."),
    )
    qualification = models.CharField(
        _("highest qualification"),
        max_length=12,
        choices=Qualification.choices,
        default=Qualification.NONE,
        help_text=_(
            "Higher education with a diploma uploaded makes ISCO groups 1–3 highly skilled."
        ),
    )
    qualification_evidence = models.TextField(
        _("qualification evidence"),
        blank=True,
        help_text=_("Diplomas, certificates and experience the worker relies on."),
    )
    category = models.CharField(
        _("category"),
        max_length=16,
        choices=Category.choices,
        blank=True,
        help_text=_("Derived from the occupation and the evidence; fixed at submission."),
    )
    fast_track = models.BooleanField(
        _("fast track"),
        default=False,
        help_text=_("Highly skilled work-permit applicants: shorter document list and deadline."),
    )
    # Employment
    employer_name = models.CharField(
        _("employer"),
        max_length=255,
        blank=True,
        help_text=_("The company you will work for, if you know it already."),
    )
    employer_tax_id = models.CharField(
        _("employer's tax id"),
        max_length=32,
        blank=True,
        help_text=_("Business identification number (BIN) or equivalent."),
    )
    employer_region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("employer's region"),
        help_text=_("The region where the employer is registered."),
    )
    job_order_number = models.CharField(
        _("job order number"),
        max_length=32,
        blank=True,
        help_text=_("Optional: the published job order the worker was hired through."),
    )
    contract_number = models.CharField(
        _("employment contract number"),
        max_length=32,
        blank=True,
        help_text=_("Optional: the registered employment contract (…-EC-…) of the accepted offer."),
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("region of work"),
        help_text=_("A patent is valid in this region only."),
    )
    requested_months = models.PositiveSmallIntegerField(
        _("requested duration (months)"),
        default=12,
        help_text=_(
            "Work permit: months of validity asked for. Patent: months intended (paid monthly)."
        ),
    )
    corridor_rule = models.ForeignKey(
        "portal.CorridorRule",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("corridor rule applied"),
        help_text=_("The version of the corridor rule the last submission or decision applied."),
    )
    documents = case_documents()
    information_requests = case_information_requests()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("permit application")
        verbose_name_plural = _("permit applications")
        indexes = [models.Index(fields=["authority", "status", "decision_deadline"])]
        constraints = [
            # One open application per passport and kind, whatever the concurrency.
            models.UniqueConstraint(
                fields=["passport_hash", "kind"],
                condition=Q(status__in=list(OPEN_APPLICATION_STATES)),
                name="permits_one_open_application_per_passport",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk} — {self.holder_initials}"

    @property
    def country_id(self) -> str:
        return self.authority.country_id

    @property
    def holder_initials(self) -> str:
        return " ".join(f"{p[0]}." for p in [self.given_names, self.surname] if p)


class IssuedPermitBase(IssuedDocumentBase):
    """What a work permit and a patent share: holder, authority, region, occupation, quotas."""

    application = models.OneToOneField(
        PermitApplication,
        on_delete=models.PROTECT,
        related_name="%(class)s",
        verbose_name=_("application"),
        help_text=_("The application it was issued on."),
    )
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="%(class)ss",
        verbose_name=_("holder"),
        help_text=_("The worker it was issued to."),
    )
    authority = organisation_field(
        verbose_name=_("issuing authority"), help_text=_("The authority that issued it.")
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("region"),
        help_text=_("The region where the holder may work."),
    )
    occupation = models.ForeignKey(
        IscoGroup,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("occupation"),
        help_text=_("The occupation, as an ISCO-08 group."),
    )
    category = models.CharField(
        _("category"),
        max_length=16,
        choices=Category.choices,
        help_text=_("The category of worker it was issued for."),
    )
    quotas = models.ManyToManyField(
        Quota,
        blank=True,
        related_name="+",
        help_text=_("Quotas this document was counted against."),
    )

    class Meta:
        abstract = True

    @property
    def country_id(self) -> str:
        return self.number[:2]

    def __str__(self):
        return self.number


class WorkPermit(IssuedPermitBase):
    """A work permit issued directly to the worker. Number `{country}-WP-{year}-{seq:06d}`."""

    employer_name = models.CharField(
        _("employer"), max_length=255, blank=True, help_text=_("The company the holder works for.")
    )
    job_order_number = models.CharField(
        _("job order number"),
        max_length=32,
        blank=True,
        db_index=True,
        help_text=_("The job order the worker was hired through, shown in the chained check."),
    )
    contract_number = models.CharField(
        _("employment contract number"),
        max_length=32,
        blank=True,
        db_index=True,
        help_text=_(
            "The registered employment contract the permit was issued for, shown in "
            "the chained check."
        ),
    )

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("work permit")
        verbose_name_plural = _("work permits")


class Patent(IssuedPermitBase):
    """A patent for low-skilled work in one region. Number `{country}-PT-{year}-{seq:06d}`.

    `valid_until` is the end of the maximum term; `paid_until` is how far prepaid monthly fees
    reach. A patent whose fees do not cover today is *lapsed* (derived, never stored).
    """

    paid_period_start = models.DateField(
        _("paid period starts"),
        null=True,
        blank=True,
        help_text=_(
            "First day of the current unbroken run of paid months; months count from here."
        ),
    )
    paid_months = models.PositiveSmallIntegerField(
        _("months paid in this run"),
        default=0,
        help_text=_("Whole months paid since the paid period started."),
    )
    paid_until = models.DateField(
        _("paid until"),
        null=True,
        blank=True,
        help_text=_("Last day covered by prepaid fees; after it the patent is lapsed."),
    )
    # Bookkeeping of the daily job: the `paid_until` whose coming lapse the holder was told of.
    lapse_reminded_for = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("patent")
        verbose_name_plural = _("patents")


class PaymentOrder(models.Model):
    """A request to pay patent fees; the gateway or an officer confirms it once.

    The reference is what the worker quotes at the bank or payment terminal.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for payment")
        CONFIRMED = "confirmed", _("Paid")
        CANCELLED = "cancelled", _("Cancelled")

    class Source(models.TextChoices):
        GATEWAY = "gateway", _("Payment gateway")
        OFFICER = "officer", _("Officer (manual)")

    reference = models.CharField(
        _("payment reference"),
        max_length=24,
        unique=True,
        help_text=_("Quote this reference when you pay, so the payment reaches your patent."),
    )
    patent = models.ForeignKey(
        Patent,
        on_delete=models.PROTECT,
        related_name="payment_orders",
        help_text=_("The patent the payment is for."),
    )
    months = models.PositiveSmallIntegerField(
        _("months"), help_text=_("How many months the payment covers.")
    )
    amount = models.DecimalField(
        _("amount"), max_digits=12, decimal_places=2, help_text=_("The amount to pay.")
    )
    currency = models.CharField(
        _("currency"), max_length=3, help_text=_("ISO 4217 code, e.g. KZT.")
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
        help_text=_("Where it stands now; it changes only through the actions on its page."),
    )
    created_by = person_field(help_text=_("The person who created it."))
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When the payment was confirmed.")
    )
    confirmed_by = person_field(
        optional=True,
        help_text=_(
            "The officer who confirmed the payment by hand, if it was not confirmed by the bank."
        ),
    )
    confirmation_source = models.CharField(
        _("confirmed through"),
        max_length=10,
        choices=Source.choices,
        blank=True,
        help_text=_("How the payment was confirmed: by the bank or by an officer."),
    )
    gateway_event_id = models.CharField(
        _("gateway event id"),
        max_length=100,
        null=True,
        blank=True,
        unique=True,
        help_text=_(
            "The gateway's id of the confirming event; a replay with the same id changes nothing."
        ),
    )
    covered_from = models.DateField(
        _("covers from"), null=True, blank=True, help_text=_("The first day the payment covers.")
    )
    covered_until = models.DateField(
        _("covers until"), null=True, blank=True, help_text=_("The last day the payment covers.")
    )
    period_from = models.DateField(
        _("period from"),
        null=True,
        blank=True,
        help_text=_(
            "The first day this order would cover when it was made. Only one order per "
            "patent and period waits for payment at a time."
        ),
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # Money is ordered once: a double tap or twenty parallel requests find this order.
            models.UniqueConstraint(
                fields=["patent", "period_from"],
                condition=models.Q(status="pending"),
                name="permits_one_pending_order_per_patent_period",
            ),
        ]
        verbose_name = _("payment order")
        verbose_name_plural = _("payment orders")

    def __str__(self):
        return self.reference


class PaymentWebhookEvent(models.Model):
    """Every correctly signed gateway event, once; a replay finds its id here and stops."""

    event_id = models.CharField(_("event id"), max_length=100, unique=True)
    received_at = models.DateTimeField(auto_now_add=True)
    reference = models.CharField(_("payment reference"), max_length=24, blank=True)
    outcome = models.CharField(_("outcome"), max_length=40)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("payment webhook event")
        verbose_name_plural = _("payment webhook events")

    def __str__(self):
        return f"{self.event_id}: {self.outcome}"
