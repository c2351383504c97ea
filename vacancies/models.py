"""Circular-migration schemes, vetted job orders, worker profiles, applications and the costs
workers report. State changes only through `vacancies.services`; reads in `vacancies.selectors`.
"""

import secrets

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.case_models import case_information_requests
from portal.choices import Sex
from portal.labels import fallback_chain
from portal.lifecycle import ApplicationBase, ApplicationStatus
from portal.model_fields import Timestamped, person_field, private_file_field, random_name
from portal.models import (
    Country,
    IscoGroup,
    Language,
    Organisation,
    Region,
    Skill,
    organisation_field,
)
from portal.submissions import submission_key_field


def contract_upload_name(instance, filename: str) -> str:
    """Contract templates are served by a permission-checking view, never under MEDIA_URL."""
    return random_name("vacancies/contracts", filename)


def month_list_validator(value) -> None:
    from django.core.exceptions import ValidationError

    if not isinstance(value, list) or any(
        not isinstance(m, int) or not 1 <= m <= 12 for m in value
    ):
        raise ValidationError(_("Months are whole numbers from 1 (January) to 12 (December)."))


class Scheme(models.Model):
    """A bilateral circular-migration scheme between a country of origin and a destination.

    Job orders are posted under a scheme; it names the sectors, the season windows, the longest
    stay and whether workers who returned on time get priority in the next season.
    """

    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("The scheme's name, as in the agreement between the two countries."),
    )
    origin_country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="schemes_as_origin",
        verbose_name=_("country of origin"),
        limit_choices_to={"is_origin": True},
        help_text=_("The country the workers come from."),
    )
    destination_country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="schemes_as_destination",
        verbose_name=_("destination country"),
        limit_choices_to={"is_destination": True},
        help_text=_("The country where they work."),
    )
    vetting_country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vetting country"),
        help_text=_(
            "Whose job-order vetting authority checks job orders under this scheme "
            "(usually the country of origin, which protects its workers)."
        ),
    )
    legal_basis = models.TextField(
        _("legal basis"),
        help_text=_("The bilateral agreement or memorandum the scheme rests on, with its date."),
    )
    sectors = models.ManyToManyField(
        IscoGroup,
        blank=True,
        related_name="schemes",
        verbose_name=_("sectors and occupations"),
        help_text=_(
            "ISCO-08 groups open under the scheme; a job order's occupation must fall in one."
        ),
    )
    season_start_month = models.PositiveSmallIntegerField(
        _("season starts (month)"),
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("First month in which work under the scheme may start (1–12)."),
    )
    season_end_month = models.PositiveSmallIntegerField(
        _("season ends (month)"),
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("Last month in which work under the scheme may end (1–12)."),
    )
    max_stay_months = models.PositiveSmallIntegerField(
        _("maximum stay (months)"),
        validators=[MinValueValidator(1)],
        help_text=_("Longest continuous stay a worker may have under the scheme."),
    )
    reentry_priority = models.BooleanField(
        _("re-entry priority"),
        default=True,
        help_text=_("Workers who returned on time get priority for the next season of the scheme."),
    )
    return_grace_days = models.PositiveSmallIntegerField(
        _("return grace period (days)"),
        default=7,
        help_text=_("Days after the contract end within which a return still counts as on time."),
    )
    quota_reference = models.CharField(
        _("quota"),
        max_length=64,
        blank=True,
        help_text=_("Reference of the destination's quota this scheme draws on, if any."),
    )
    is_active = models.BooleanField(
        _("open for new job orders"),
        default=True,
        help_text=_("Untick when the scheme takes no more job orders."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("scheme")
        verbose_name_plural = _("schemes")

    def __str__(self):
        return self.name


class RegionalMinimumWage(models.Model):
    """The reference minimum monthly gross wage in a destination region (or a whole country).

    Vetting refuses a job order whose wage is below the minimum for its region.
    """

    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("country"),
        help_text=_("The country whose minimum wage this is."),
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
        help_text=_(
            "Leave empty for the national minimum that applies where no regional one exists."
        ),
    )
    monthly_amount = models.DecimalField(
        _("minimum monthly gross wage"),
        max_digits=12,
        decimal_places=2,
        help_text=_("Gross amount per month for full-time work, in the currency below."),
    )
    currency = models.CharField(
        _("currency"), max_length=3, help_text=_("ISO 4217 code, e.g. KZT.")
    )
    valid_from = models.DateField(
        _("valid from"), help_text=_("The first day this minimum wage applies.")
    )
    source = models.CharField(
        _("source"),
        max_length=255,
        blank=True,
        help_text=_("The law or decree that sets this minimum."),
    )

    class Meta:
        ordering = ["country", "region", "-valid_from"]
        verbose_name = _("regional minimum wage")
        verbose_name_plural = _("regional minimum wages")
        indexes = [models.Index(fields=["country", "region", "valid_from"])]

    def __str__(self):
        return f"{self.region or self.country}: {self.monthly_amount} {self.currency}"


class JobOrderStatus(models.TextChoices):
    """The application lifecycle, plus `closed` when the agency stops recruiting."""

    DRAFT = ApplicationStatus.DRAFT.value, ApplicationStatus.DRAFT.label
    SUBMITTED = ApplicationStatus.SUBMITTED.value, ApplicationStatus.SUBMITTED.label
    UNDER_REVIEW = ApplicationStatus.UNDER_REVIEW.value, ApplicationStatus.UNDER_REVIEW.label
    INFO_REQUESTED = ApplicationStatus.INFO_REQUESTED.value, ApplicationStatus.INFO_REQUESTED.label
    APPROVED = ApplicationStatus.APPROVED.value, _("Published")
    REFUSED = ApplicationStatus.REFUSED.value, ApplicationStatus.REFUSED.label
    WITHDRAWN = ApplicationStatus.WITHDRAWN.value, ApplicationStatus.WITHDRAWN.label
    CLOSED = "closed", _("Closed")


class Housing(models.TextChoices):
    PROVIDED_FREE = "free", _("Provided by the employer, free of charge")
    PROVIDED_PAID = "deducted", _("Provided by the employer, rent deducted from wages")
    NOT_PROVIDED = "none", _("Not provided; the worker finds housing")


class Meals(models.TextChoices):
    FREE = "free", _("Provided free of charge")
    DEDUCTED = "deducted", _("Provided, cost deducted from wages")
    NONE = "none", _("Not provided")


#: The texts of a job order that come in several languages.
CONTENT_FIELDS = ("title", "description", "conditions")


class JobOrder(ApplicationBase):
    """A vacancy posted by a licensed agency for a real employer, under a scheme.

    An authority vets it before publication; once approved it carries a number
    `{country}-JO-{year}-{seq:06d}` and the SHA-256 fingerprint of the approved contract template.
    It is public only while its agency's current licence is active (checked in every query).
    """

    status = models.CharField(
        _("status"),
        max_length=20,
        choices=JobOrderStatus.choices,
        default=JobOrderStatus.DRAFT,
        db_index=True,
        help_text=_("Where it stands now; it changes only through the actions on its page."),
    )
    number = models.CharField(
        _("number"),
        max_length=32,
        unique=True,
        null=True,
        blank=True,
        help_text=_(
            "Given at approval: {country}-JO-{year}-{seq}, resolvable on the verification page."
        ),
    )
    scheme = models.ForeignKey(
        Scheme,
        on_delete=models.PROTECT,
        related_name="job_orders",
        verbose_name=_("scheme"),
        help_text=_("The bilateral recruitment scheme it belongs to."),
    )
    agency = organisation_field(
        Organisation.Kind.AGENCY,
        verbose_name=_("agency"),
        related_name="job_orders",
        help_text=_("The licensed recruitment agency responsible for the job order."),
    )
    employer = organisation_field(
        Organisation.Kind.EMPLOYER,
        verbose_name=_("employer"),
        related_name="job_orders_as_employer",
        help_text=_("The real employer who signs the contract with the worker."),
    )
    title = models.CharField(
        _("job title"),
        max_length=200,
        help_text=_("The job as workers will search for it, e.g. Fruit picker."),
    )
    description = models.TextField(
        _("what the work involves"), blank=True, help_text=_("The daily tasks, in plain words.")
    )
    conditions = models.TextField(
        _("working and living conditions"),
        blank=True,
        help_text=_(
            "Hours, housing, meals, travel and anything else the worker should know, in words."
        ),
    )
    content_language = models.CharField(
        _("language of the text"),
        max_length=3,
        default="en",
        help_text=_("The language the title, description and conditions above are written in."),
    )
    translations = models.JSONField(
        _("translations"),
        default=dict,
        blank=True,
        help_text=_(
            "Title, description and conditions in other languages, by language code. "
            "Vetting requires a language of the destination and of the origin country."
        ),
    )
    occupation = models.ForeignKey(
        IscoGroup,
        on_delete=models.PROTECT,
        related_name="job_orders",
        verbose_name=_("occupation (ISCO-08)"),
        help_text=_("The ISCO-08 unit group (4 digits) of the job."),
    )
    occupation_major = models.CharField(
        _("occupation major group"),
        max_length=1,
        db_index=True,
        editable=False,
        help_text=_("First digit of the ISCO-08 code, kept for fast filtering."),
    )
    essential_skills = models.ManyToManyField(
        Skill,
        blank=True,
        related_name="+",
        verbose_name=_("essential skills (ESCO)"),
        help_text=_("Skills a worker must have."),
    )
    optional_skills = models.ManyToManyField(
        Skill,
        blank=True,
        related_name="+",
        verbose_name=_("optional skills (ESCO)"),
        help_text=_("Skills that help but are not required."),
    )
    languages = models.ManyToManyField(
        Language,
        blank=True,
        related_name="+",
        verbose_name=_("languages required"),
        help_text=_("Languages the worker needs at work."),
    )
    destination_country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("destination country"),
        editable=False,
        help_text=_("Copied from the scheme: where the work is."),
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="job_orders",
        verbose_name=_("region"),
        help_text=_("The region where the work is."),
    )
    city = models.CharField(
        _("city or town"), max_length=120, help_text=_("The city or town where the work is.")
    )
    positions = models.PositiveIntegerField(
        _("positions"),
        validators=[MinValueValidator(1)],
        help_text=_("How many workers are needed."),
    )
    monthly_wage = models.DecimalField(
        _("monthly gross wage"),
        max_digits=12,
        decimal_places=2,
        help_text=_("Gross pay per month before tax; must be at least the regional minimum."),
    )
    currency = models.CharField(
        _("currency"), max_length=3, help_text=_("ISO 4217 code, e.g. KZT.")
    )
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours per week"),
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Normal working hours in a week, without overtime."),
    )
    housing = models.CharField(
        _("housing"),
        max_length=10,
        choices=Housing.choices,
        help_text=_("Whether the employer provides housing, and who pays for it."),
    )
    meals = models.CharField(
        _("meals"),
        max_length=10,
        choices=Meals.choices,
        help_text=_("Whether the employer provides meals, and who pays for them."),
    )
    travel_paid_by_employer = models.BooleanField(
        _("travel paid by the employer"),
        default=True,
        help_text=_("The employer pays the journey to the workplace and back."),
    )
    worker_fee_amount = models.DecimalField(
        _("fees or costs charged to the worker"),
        max_digits=12,
        decimal_places=2,
        default=0,
        help_text=_(
            "Any recruitment fee or related cost (visa, medical, travel, training) the "
            "worker would pay. Must be zero: a job order charging the worker is refused."
        ),
    )
    contract_months = models.PositiveSmallIntegerField(
        _("contract length (months)"),
        validators=[MinValueValidator(1)],
        help_text=_("How many months the contract lasts."),
    )
    season_start = models.DateField(_("work starts on"), help_text=_("The first working day."))
    season_end = models.DateField(
        _("work ends on"),
        help_text=_(
            "Contract end; a return by this date (plus the scheme's grace period) is on time."
        ),
    )
    season_month_mask = models.PositiveIntegerField(
        _("season months"),
        default=0,
        editable=False,
        help_text=_("Bit m-1 is set when the work covers calendar month m (for the month filter)."),
    )
    application_deadline = models.DateField(
        _("apply by"), db_index=True, help_text=_("The last day workers can apply.")
    )
    contract_language = models.ForeignKey(
        Language,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("language of the contract template"),
        help_text=_("The contract template must be in a language the worker reads."),
    )
    contract_template = private_file_field(
        contract_upload_name,
        _("contract template"),
        blank=True,
        help_text=_("The employment contract the worker will sign (PDF)."),
    )
    contract_sha256 = models.CharField(
        _("contract fingerprint (SHA-256)"),
        max_length=64,
        blank=True,
        help_text=_(
            "Fingerprint of the approved contract template; a substituted contract "
            "has a different fingerprint."
        ),
    )
    published_at = models.DateTimeField(
        _("published at"),
        null=True,
        blank=True,
        help_text=_("When workers could first see the job order."),
    )
    information_requests = case_information_requests()
    search_text = models.TextField(
        editable=False,
        blank=True,
        help_text=_("Title, occupation, employer, city and description, for full-text search."),
    )
    search_vector = SearchVectorField(
        null=True,
        editable=False,
        help_text=_(
            "search_text as a tsvector ('simple'), kept by a database trigger on "
            "PostgreSQL (migration 0005) and GIN-indexed; unused elsewhere."
        ),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("job order")
        verbose_name_plural = _("job orders")
        indexes = [
            models.Index(
                fields=["status", "application_deadline", "published_at"], name="jo_public_idx"
            ),
            # Newest first: lets a page stop after 20 rows instead of sorting every match.
            models.Index(fields=["status", "-published_at", "-id"], name="jo_published_order_idx"),
            models.Index(fields=["destination_country", "status"], name="jo_country_idx"),
            models.Index(fields=["region", "status"], name="jo_region_idx"),
            models.Index(fields=["occupation_major", "status"], name="jo_major_idx"),
            models.Index(fields=["agency", "status"], name="jo_agency_idx"),
            models.Index(fields=["status", "decision_deadline"], name="jo_queue_idx"),
            # The API's Last-Modified: the latest change to any job order, one index probe.
            models.Index(fields=["updated_at"], name="jo_updated_idx"),
        ]

    def __str__(self):
        return self.number or f"{self.title} (#{self.pk})"

    @property
    def country_id(self) -> str:
        """Jurisdiction of the vetting authority (audit events are scoped by it)."""
        return self.scheme.vetting_country_id

    def contents(self, fields=CONTENT_FIELDS) -> dict[str, dict[str, str]]:
        """Title, description and conditions (or only `fields`) by language code: the main
        text and every translation with a title. Asking for the title alone reads no
        deferred column (the search results defer the description)."""
        out = {
            code: {name: (text or {}).get(name, "") for name in fields}
            for code, text in (self.translations or {}).items()
            if (text or {}).get("title")
        }
        out[self.content_language] = {name: getattr(self, name) for name in fields}
        return out

    def content_for(
        self, lang: str | None = None, fields=CONTENT_FIELDS
    ) -> tuple[dict[str, str], str]:
        """(title/description/conditions, their language) for a reader of `lang`: their own
        language if the job order has it, else Russian (for the national languages), then
        English, then the language it was written in."""
        from django.utils.translation import get_language

        contents = self.contents(fields)
        for code in fallback_chain(lang or get_language()):
            if code in contents:
                return contents[code], code
        return contents[self.content_language], self.content_language

    @property
    def season_months(self) -> list[int]:
        """Calendar months the work covers (for the season-month filter and the matcher)."""
        months, year, month = [], self.season_start.year, self.season_start.month
        while (year, month) <= (self.season_end.year, self.season_end.month) and len(months) < 12:
            months.append(month)
            month, year = (1, year + 1) if month == 12 else (month + 1, year)
        return months


def month_mask(months) -> int:
    """Calendar months (1–12) as a bitmask: bit m-1 for month m."""
    mask = 0
    for month in months:
        mask |= 1 << (month - 1)
    return mask


class EducationLevel(models.TextChoices):
    """ISCED 2011 levels, grouped as a worker would recognise them."""

    PRIMARY = "primary", _("Primary school")
    LOWER_SECONDARY = "lower_secondary", _("Lower secondary school")
    UPPER_SECONDARY = "upper_secondary", _("Upper secondary school")
    VOCATIONAL = "vocational", _("Vocational school or college")
    TERTIARY = "tertiary", _("University degree")


class LanguageLevel(models.TextChoices):
    BASIC = "basic", _("Basic (A1–A2)")
    INDEPENDENT = "independent", _("Independent (B1–B2)")
    PROFICIENT = "proficient", _("Proficient or native (C1–C2)")


class WorkerProfile(Timestamped):
    """A worker's skills profile. Shown to agencies only while `consent_to_agencies` is on;
    applying to a job order shares it with that job order's agency for that application.

    Holds no passport or identity-document data.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="worker_profile",
        verbose_name=_("user"),
        help_text=_("The account the profile belongs to."),
    )
    origin_country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("country of origin"),
        help_text=_("The country you live in now and will leave from."),
    )
    origin_region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region of origin"),
        help_text=_("The region you live in; it helps agencies near you find you."),
    )
    sex = models.CharField(
        _("sex"),
        max_length=1,
        choices=Sex.choices,
        default=Sex.NOT_STATED,
        help_text=_("Used only for anonymous statistics by gender."),
    )
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"),
        validators=[MinValueValidator(1940), MaxValueValidator(2015)],
        help_text=_("Only the year; agencies do not see your full date of birth."),
    )
    occupations = models.ManyToManyField(
        IscoGroup,
        blank=True,
        related_name="+",
        verbose_name=_("occupations (ISCO-08)"),
        help_text=_("The kinds of work you have done or want to do."),
    )
    skills = models.ManyToManyField(
        Skill,
        blank=True,
        related_name="+",
        verbose_name=_("skills (ESCO)"),
        help_text=_("What you can do; jobs that need these skills are shown first."),
    )
    years_experience = models.PositiveSmallIntegerField(
        _("years of experience"),
        default=0,
        help_text=_("How many years you have worked in these occupations."),
    )
    education_level = models.CharField(
        _("education"),
        max_length=20,
        choices=EducationLevel.choices,
        blank=True,
        help_text=_("Your highest completed education."),
    )
    months_available = models.JSONField(
        _("months available"),
        default=list,
        blank=True,
        validators=[month_list_validator],
        help_text=_("Calendar months (1–12) in which the worker can work abroad."),
    )
    preferred_destinations = models.ManyToManyField(
        Country,
        blank=True,
        related_name="+",
        verbose_name=_("preferred destinations"),
        help_text=_("Countries where you would like to work."),
    )
    consent_to_agencies = models.BooleanField(
        _("show my profile to licensed agencies"),
        default=False,
        help_text=_(
            "While on, licensed agencies may see this profile (never identity documents) "
            "and invite the worker. Can be switched off at any time."
        ),
    )
    consent_changed_at = models.DateTimeField(
        _("consent last changed"),
        null=True,
        blank=True,
        help_text=_("When you last gave or withdrew consent to be found by agencies."),
    )

    class Meta:
        verbose_name = _("worker profile")
        verbose_name_plural = _("worker profiles")
        indexes = [
            models.Index(fields=["consent_to_agencies", "origin_country"], name="wp_consent_idx")
        ]

    def __str__(self):
        return _("Worker profile #%(number)s") % {"number": self.pk}


class WorkerLanguage(models.Model):
    """A language the worker speaks, with a self-assessed level."""

    profile = models.ForeignKey(
        WorkerProfile,
        on_delete=models.CASCADE,
        related_name="languages",
        help_text=_("The worker concerned."),
    )
    language = models.ForeignKey(
        Language,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("language"),
        help_text=_("A language you speak."),
    )
    level = models.CharField(
        _("level"),
        max_length=12,
        choices=LanguageLevel.choices,
        help_text=_("How well you speak it."),
    )

    class Meta:
        verbose_name = _("worker language")
        verbose_name_plural = _("worker languages")
        constraints = [
            models.UniqueConstraint(fields=["profile", "language"], name="worker_language_unique")
        ]

    def __str__(self):
        return f"{self.language} ({self.get_level_display()})"


class PastSeason(models.Model):
    """A season the worker spent abroad, declared by the worker or recorded from an application."""

    profile = models.ForeignKey(
        WorkerProfile,
        on_delete=models.CASCADE,
        related_name="past_seasons",
        help_text=_("The worker concerned."),
    )
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("country"),
        help_text=_("The country where you worked."),
    )
    scheme = models.ForeignKey(
        Scheme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("scheme"),
        help_text=_("The bilateral recruitment scheme it belongs to."),
    )
    occupation = models.ForeignKey(
        IscoGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("occupation"),
        help_text=_("The kind of work you did."),
    )
    departed_on = models.DateField(
        _("left on"), help_text=_("The day the worker left for work abroad.")
    )
    returned_on = models.DateField(
        _("returned on"), null=True, blank=True, help_text=_("The day the worker came back home.")
    )
    submission_key = submission_key_field()

    class Meta:
        ordering = ["-departed_on"]
        verbose_name = _("past season")
        verbose_name_plural = _("past seasons")

    def __str__(self):
        return f"{self.country} {self.departed_on:%Y}"


class VacancyApplicationStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    REJECTED = "rejected", _("Not selected")
    OFFERED = "offered", _("Offer made")
    ACCEPTED = "accepted", _("Offer accepted")
    DECLINED = "declined", _("Offer declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    DEPARTED = "departed", _("Departed")
    RETURNED = "returned", _("Returned")


class VacancyApplication(Timestamped):
    """A worker's application to a published job order. Its own small lifecycle
    (`vacancies.cases.VACANCY_APPLICATION`); the accepted offer links to a work permit."""

    job_order = models.ForeignKey(
        JobOrder,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("job order"),
        help_text=_("The job order applied for."),
    )
    profile = models.ForeignKey(
        WorkerProfile,
        on_delete=models.CASCADE,
        related_name="applications",
        verbose_name=_("worker profile"),
        help_text=_("The worker concerned."),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=VacancyApplicationStatus.choices,
        default=VacancyApplicationStatus.APPLIED,
        db_index=True,
        help_text=_("Where it stands now; it changes only through the actions on its page."),
    )
    has_priority = models.BooleanField(
        _("re-entry priority"),
        default=False,
        help_text=_("The worker returned on time from the previous season of this scheme."),
    )
    message = models.TextField(
        _("message to the agency"),
        blank=True,
        help_text=_("Anything you want the agency to know, e.g. when you can travel."),
    )
    submission_key = models.UUIDField(
        _("submission key"),
        null=True,
        blank=True,
        unique=True,
        help_text=_("One-time key from the form, so a double submit creates one application."),
    )
    decision_reason = models.TextField(
        _("reason"),
        blank=True,
        help_text=_("Why it was approved or refused; the person who asked sees it."),
    )
    decided_by = person_field(
        _("decided by"), optional=True, help_text=_("The person who took the decision.")
    )
    work_permit_reference = models.CharField(
        _("work-permit application"),
        max_length=40,
        blank=True,
        help_text=_("Number or id of the work-permit application that follows the accepted offer."),
    )
    departed_on = models.DateField(
        _("left on"), null=True, blank=True, help_text=_("The day the worker left for work abroad.")
    )
    returned_on = models.DateField(
        _("returned on"), null=True, blank=True, help_text=_("The day the worker came back home.")
    )
    returned_on_time = models.BooleanField(
        _("returned on time"),
        null=True,
        blank=True,
        help_text=_(
            "Yes if the worker came back by the end of the contract; it earns priority next season."
        ),
    )

    class Meta:
        ordering = ["-has_priority", "created_at"]
        verbose_name = _("vacancy application")
        verbose_name_plural = _("vacancy applications")
        constraints = [
            models.UniqueConstraint(
                fields=["job_order", "profile"], name="one_application_per_job_order"
            )
        ]

    def __str__(self):
        return f"{self.job_order} — #{self.pk}"


class ReentryPriority(models.Model):
    """Priority for the next season of a scheme, earned by a timely return."""

    profile = models.ForeignKey(
        WorkerProfile,
        on_delete=models.CASCADE,
        related_name="reentry_priorities",
        help_text=_("The worker concerned."),
    )
    scheme = models.ForeignKey(
        Scheme,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The scheme in which the worker has priority."),
    )
    season_year = models.PositiveSmallIntegerField(
        _("season year"),
        help_text=_("The season (year of work start) in which priority applies."),
    )
    earned_by = models.ForeignKey(
        VacancyApplication,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The season's application through which the priority was earned."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("re-entry priority")
        verbose_name_plural = _("re-entry priorities")
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "scheme", "season_year"], name="reentry_priority_unique"
            )
        ]

    def __str__(self):
        return f"{self.scheme} {self.season_year}"


class CostReport(models.Model):
    """What a worker says they paid to be recruited, and to whom. Kept (without the worker)
    when the profile is deleted, because it counts on the agency's record."""

    class PaidTo(models.TextChoices):
        AGENCY = "agency", _("The recruitment agency")
        EMPLOYER = "employer", _("The employer")
        BROKER = "broker", _("A broker or middleman")
        OFFICIAL = "official", _("An official")
        OTHER = "other", _("Someone else")

    class Purpose(models.TextChoices):
        RECRUITMENT_FEE = "recruitment_fee", _("Recruitment or placement fee")
        TRAVEL = "travel", _("Travel")
        VISA = "visa", _("Visa or permit")
        MEDICAL = "medical", _("Medical check")
        TRAINING = "training", _("Training or test")
        DOCUMENTS = "documents", _("Documents or translations")
        OTHER = "other", _("Other")

    application = models.ForeignKey(
        VacancyApplication,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cost_reports",
        help_text=_("Your application this payment was for, if any."),
    )
    agency = organisation_field(
        verbose_name=_("agency"), related_name="cost_reports", help_text=_("The agency you used.")
    )
    amount = models.DecimalField(
        _("amount paid"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        help_text=_("How much you paid."),
    )
    currency = models.CharField(
        _("currency"), max_length=3, help_text=_("ISO 4217 code, e.g. KZT.")
    )
    paid_to = models.CharField(
        _("paid to"), max_length=10, choices=PaidTo.choices, help_text=_("Who took the money.")
    )
    paid_to_name = models.CharField(
        _("name of the person or company"),
        max_length=200,
        blank=True,
        help_text=_("If you know it: the name of whoever took the money."),
    )
    purpose = models.CharField(
        _("what for"),
        max_length=20,
        choices=Purpose.choices,
        help_text=_("What the money was asked for."),
    )
    paid_on = models.DateField(
        _("paid on"), null=True, blank=True, help_text=_("The day you paid, if you remember it.")
    )
    details = models.TextField(
        _("details"),
        blank=True,
        help_text=_("Anything else we should know. Do not write passport numbers."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submission_key = submission_key_field()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("worker-reported cost")
        verbose_name_plural = _("worker-reported costs")
        indexes = [models.Index(fields=["agency", "created_at"], name="cost_agency_idx")]

    def __str__(self):
        return f"{self.agency}: {self.amount} {self.currency}"


def saved_search_token() -> str:
    """The unguessable key of a search's one-click unsubscribe link (192 random bits)."""
    return secrets.token_urlsafe(24)


class SavedSearch(models.Model):
    """A vacancy search a worker keeps, to be told of newly published vacancies that match it
    (at most once a day). It belongs to a Karavan account or, for people who use only the
    Telegram bot, to a Telegram chat: exactly one of the two. The filters are those of the
    public search (`vacancies.selectors.VacancyFilters`), stored as the search form gives them.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="saved_searches",
        verbose_name=_("owner"),
        help_text=_("The account the search belongs to (empty for a Telegram chat's search)."),
    )
    telegram_chat_id = models.BigIntegerField(
        _("Telegram chat"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("For people who saved the search in the Telegram bot without an account."),
    )
    q = models.CharField(
        _("words"),
        max_length=100,
        blank=True,
        help_text=_("Words the vacancy must contain, in any language."),
    )
    country = models.CharField(
        _("destination country"),
        max_length=2,
        blank=True,
        help_text=_("Code of the destination country (empty: any)."),
    )
    region = models.CharField(
        _("region"),
        max_length=10,
        blank=True,
        help_text=_("ISO 3166-2 code of the region (empty: any)."),
    )
    occupation = models.CharField(
        _("occupation group"),
        max_length=4,
        blank=True,
        help_text=_("ISCO-08 code or its first digits."),
    )
    month = models.PositiveSmallIntegerField(
        _("working in"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("A month the work must cover, 1 to 12 (empty: any)."),
    )
    work_language = models.CharField(
        _("language at work"),
        max_length=8,
        blank=True,
        help_text=_("Code of a language the job uses (empty: any)."),
    )
    wage_min = models.DecimalField(
        _("minimum monthly wage"),
        max_digits=12,
        decimal_places=0,
        null=True,
        blank=True,
        help_text=_("Lowest monthly wage the vacancy must offer (empty: any)."),
    )
    currency = models.CharField(
        _("currency"),
        max_length=3,
        blank=True,
        help_text=_("Currency of the wage, for example KZT (empty: any)."),
    )
    language = models.CharField(
        _("language of the alerts"),
        max_length=8,
        help_text=_("The language the search was saved in; an account's own choice wins."),
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Cleared when the person stops the alerts.")
    )
    token = models.CharField(
        _("unsubscribe key"),
        max_length=64,
        unique=True,
        default=saved_search_token,
        editable=False,
        help_text=_("The secret key in the unsubscribe link of every alert."),
    )
    created_at = models.DateTimeField(
        _("created at"), auto_now_add=True, help_text=_("When the search was saved.")
    )
    last_alerted_at = models.DateTimeField(
        _("last alert"),
        null=True,
        blank=True,
        help_text=_("When the last alert was sent; the next comes a day later at the earliest."),
    )
    stopped_at = models.DateTimeField(
        _("stopped at"), null=True, blank=True, help_text=_("When the alerts were stopped.")
    )
    submission_key = submission_key_field()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("saved vacancy search")
        verbose_name_plural = _("saved vacancy searches")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(owner__isnull=False, telegram_chat_id__isnull=True)
                | models.Q(owner__isnull=True, telegram_chat_id__isnull=False),
                name="saved_search_one_holder",
            ),
        ]
        indexes = [models.Index(fields=["active", "last_alerted_at"], name="saved_search_due_idx")]

    def __str__(self):
        return _("Saved search #%(number)s") % {"number": self.pk}


# Employers (accreditation, sanctions, watchlist) and individual employment contracts live in
# their own modules; importing them here registers them with the app.
from .contract_models import (  # noqa: E402, F401
    ContractConfirmationCode,
    EmploymentContract,
    EmploymentContractStatus,
)
from .employer_models import EmployerAccreditation, EmployerSanction, EmployerWatch  # noqa: E402, F401
