"""Shared core models: users, organisations and roles, reference data, the audit log."""

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from .labels import Translated
from .numbering import NumberSequence  # noqa: F401  (model lives in numbering.py)
from .submissions import submission_key_field


class UserManager(BaseUserManager):
    """Users log in with e-mail (or a verified phone number); there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        email = self.normalize_email(email) if email else None
        user = self.model(email=email, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person who signs in: a migrant worker, agency staff, an officer, an analyst or editor.

    Workers may have only a phone number; everyone else signs in with e-mail.
    """

    username = None
    first_name = models.CharField(
        _("first name"), max_length=150, blank=True, help_text=_("As written in the passport.")
    )
    last_name = models.CharField(
        _("last name"), max_length=150, blank=True, help_text=_("As written in the passport.")
    )
    email = models.EmailField(
        _("e-mail address"),
        unique=True,
        null=True,
        blank=True,
        help_text=_(
            "Used to sign in and to receive messages. Workers may "
            "leave it empty and use a phone number."
        ),
    )
    phone = models.CharField(
        _("phone number"),
        max_length=20,
        unique=True,
        null=True,
        blank=True,
        help_text=_("International format, e.g. +992901234567. Used to sign in and for SMS codes."),
    )
    phone_verified = models.BooleanField(
        _("phone verified"),
        default=False,
        help_text=_("Yes once the person has entered the code sent to this number by SMS."),
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        blank=True,
        help_text=_("The language of the messages and e-mails this person receives."),
    )
    notification_channels = models.JSONField(
        _("notification channels"),
        default=list,
        blank=True,
        help_text=_(
            "Where this person's notifications go (e-mail, SMS, Telegram). Empty: the "
            "channel they signed up with."
        ),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []
    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.email or self.phone or f"user {self.pk}"

    def get_username(self):
        return self.email or self.phone or ""


class Country(Translated):
    """A country of origin or destination. Code is ISO 3166-1 alpha-2."""

    code = models.CharField(
        _("code"), max_length=2, primary_key=True, help_text=_("ISO 3166-1 alpha-2 code, e.g. KZ.")
    )
    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_(
            "The name in the language it was entered in; translations are added separately."
        ),
    )
    is_origin = models.BooleanField(
        _("country of origin"),
        default=False,
        help_text=_("Workers from this country can use the portal."),
    )
    is_destination = models.BooleanField(
        _("destination country"),
        default=False,
        help_text=_("Job orders can offer work in this country."),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self):
        return self.local


class Region(Translated):
    """A first-level subdivision of a country (ISO 3166-2), e.g. KZ-ALA (Almaty)."""

    code = models.CharField(
        _("code"), max_length=10, primary_key=True, help_text=_("ISO 3166-2 subdivision code.")
    )
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="regions",
        help_text=_("The country the region belongs to."),
    )
    name = models.CharField(
        _("name"),
        max_length=150,
        help_text=_(
            "The name in the language it was entered in; translations are added separately."
        ),
    )
    kind = models.CharField(
        _("kind"),
        max_length=60,
        blank=True,
        help_text=_("What the country calls this kind of region, e.g. oblast or city."),
    )

    class Meta:
        ordering = ["country", "name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.local


class IscoGroup(Translated):
    SOURCE_FIELD = "label"

    """An ISCO-08 group: major (1 digit), sub-major (2), minor (3) or unit group (4)."""

    code = models.CharField(
        _("code"), max_length=4, primary_key=True, help_text=_("ISCO-08 code: one to four digits.")
    )
    level = models.PositiveSmallIntegerField(_("level"), help_text=_("1 major … 4 unit group."))
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("The broader group this one belongs to."),
    )
    label = models.CharField(
        _("label"),
        max_length=255,
        help_text=_("The official English title of the group; translations are added separately."),
    )
    synonyms = models.JSONField(
        _("synonyms"),
        default=dict,
        blank=True,
        help_text=_(
            "Words people use for these jobs, by language code; the vacancy search "
            "finds a job order by them."
        ),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("ISCO-08 group")
        verbose_name_plural = _("ISCO-08 groups")

    def __str__(self):
        return f"{self.code} {self.local}"


class Skill(Translated):
    SOURCE_FIELD = "label"

    """An ESCO skill or knowledge concept, by its English preferred label."""

    label = models.CharField(
        _("label"),
        max_length=255,
        unique=True,
        help_text=_("The ESCO name of the skill in English; translations are added separately."),
    )

    class Meta:
        ordering = ["label"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")

    def __str__(self):
        return self.local


class EscoOccupation(Translated):
    SOURCE_FIELD = "label"

    """An ESCO occupation with the skills it needs; the matcher's reference demand."""

    uri = models.URLField(
        _("ESCO URI"),
        unique=True,
        max_length=200,
        help_text=_("The occupation's address in the ESCO classification."),
    )
    label = models.CharField(
        _("label"),
        max_length=255,
        help_text=_(
            "The ESCO name of the occupation in English; translations are added separately."
        ),
    )
    isco = models.ForeignKey(
        IscoGroup,
        on_delete=models.PROTECT,
        related_name="esco_occupations",
        help_text=_("The ISCO-08 group the occupation belongs to."),
    )
    alt_labels = models.JSONField(
        _("alternative labels"),
        default=list,
        blank=True,
        help_text=_("Other names for the same occupation; the search finds it by them."),
    )
    essential_skills = models.JSONField(
        _("essential skills"),
        default=list,
        blank=True,
        help_text=_("Skills ESCO says the occupation always needs."),
    )
    optional_skills = models.JSONField(
        _("optional skills"),
        default=list,
        blank=True,
        help_text=_("Skills ESCO says are useful for the occupation."),
    )

    class Meta:
        ordering = ["label"]
        verbose_name = _("ESCO occupation")
        verbose_name_plural = _("ESCO occupations")

    def __str__(self):
        return self.local


class Language(Translated):
    """A language a worker speaks or a job requires (ISO 639-1 or 639-3 code)."""

    code = models.CharField(
        _("code"), max_length=3, primary_key=True, help_text=_("ISO 639 code, e.g. ru or uz.")
    )
    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_(
            "The name in the language it was entered in; translations are added separately."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self):
        return self.local


class Currency(Translated):
    """An ISO 4217 currency, for wages and fees shown by name in the reader's language."""

    code = models.CharField(
        _("code"), max_length=3, primary_key=True, help_text=_("ISO 4217 code, e.g. KZT.")
    )
    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_(
            "The name in the language it was entered in; translations are added separately."
        ),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("currency")
        verbose_name_plural = _("currencies")

    def __str__(self):
        return self.local


class Organisation(models.Model):
    """A recruitment agency, employer, authority or partner, registered in one country."""

    class Kind(models.TextChoices):
        AGENCY = "agency", _("Recruitment agency")
        EMPLOYER = "employer", _("Employer")
        AUTHORITY = "authority", _("Authority")
        PARTNER = "partner", _("Partner (IOM, NGO, resource centre)")

    class Competence(models.TextChoices):
        AGENCY_LICENSING = "agency_licensing", _("Agency licensing")
        WORK_PERMITS = "work_permits", _("Work permits")
        PATENTS = "patents", _("Patents")
        JOB_ORDER_VETTING = "job_order_vetting", _("Job-order vetting")
        MIGRANT_PROTECTION = "migrant_protection", _("Help requests of its citizens (triage)")
        LABOUR_INSPECTION = "labour_inspection", _("Labour inspection")
        CONSULAR_ASSISTANCE = "consular_assistance", _("Consular assistance abroad")
        EMPLOYER_ACCREDITATION = "employer_accreditation", _("Employer accreditation")

    name = models.CharField(
        _("name"), max_length=255, help_text=_("The official name, as registered.")
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=Kind.choices,
        help_text=_("What the organisation is; it decides what its members may do."),
    )
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="organisations",
        help_text=_("Country of registration; for an authority, its jurisdiction."),
    )
    registration_number = models.CharField(
        _("registration number"),
        max_length=64,
        blank=True,
        help_text=_("Business or tax registration number in the country of registration."),
    )
    competences = models.JSONField(
        _("competences"),
        default=list,
        blank=True,
        help_text=_(
            "For authorities: what they decide (agency licensing, permits, patents, job orders)."
        ),
    )
    email = models.EmailField(
        _("contact e-mail"),
        blank=True,
        help_text=_("Where the portal sends the organisation's notices."),
    )
    phone = models.CharField(
        _("contact phone"),
        max_length=32,
        blank=True,
        help_text=_("A number the public and officers can call."),
    )
    address = models.TextField(
        _("address"), blank=True, help_text=_("Postal address of the main office.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submission_key = submission_key_field()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [models.Index(fields=["kind", "country"])]

    def __str__(self):
        return self.name

    @property
    def jurisdiction(self):
        """An authority acts only inside its own country."""
        return self.country_id if self.kind == self.Kind.AUTHORITY else None

    def has_competence(self, competence: str) -> bool:
        return self.kind == self.Kind.AUTHORITY and competence in (self.competences or [])


def organisation_field(
    kind: str | None = None,
    *,
    verbose_name=None,
    help_text,
    related_name="+",
    optional: bool = False,
    on_delete=models.PROTECT,
    one_to_one: bool = False,
):
    """A link to an organisation; with `kind`, forms and the back office offer only that kind
    (agencies, authorities …). PROTECT by default: a case outlives a closed organisation."""
    field = models.OneToOneField if one_to_one else models.ForeignKey
    limit = {"limit_choices_to": {"kind": kind}} if kind else {}
    return field(
        Organisation,
        on_delete=on_delete,
        related_name=related_name,
        null=optional,
        blank=optional,
        verbose_name=verbose_name,
        help_text=help_text,
        **limit,
    )


class Role(models.TextChoices):
    """What a member may do inside an organisation. Individual workers have no role."""

    AGENCY_ADMIN = "agency_admin", _("Agency administrator")
    AGENCY_STAFF = "agency_staff", _("Agency staff")
    OFFICER = "officer", _("Officer")
    SENIOR_OFFICER = "senior_officer", _("Senior officer")
    ANALYST = "analyst", _("Analyst")
    EDITOR = "editor", _("Editor")
    REVIEWER = "reviewer", _("Content reviewer")
    AUTHORITY_ADMIN = "authority_admin", _("Authority administrator")


#: Roles that work in the back office and therefore must use MFA.
STAFF_ROLES = frozenset(
    {
        Role.OFFICER,
        Role.SENIOR_OFFICER,
        Role.ANALYST,
        Role.EDITOR,
        Role.REVIEWER,
        Role.AUTHORITY_ADMIN,
    }
)
AGENCY_ROLES = frozenset({Role.AGENCY_ADMIN, Role.AGENCY_STAFF})


class Membership(models.Model):
    """A user's role in an organisation. One user may hold several memberships."""

    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="memberships",
        help_text=_("The person who holds the role."),
    )
    organisation = organisation_field(
        related_name="memberships",
        on_delete=models.CASCADE,
        help_text=_("The organisation the person works for."),
    )
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=Role.choices,
        help_text=_("What the person may do in the organisation."),
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Untick to take the role away without deleting its history."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique_role"
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} @ {self.organisation}"


class AuditEvent(models.Model):
    """One state change or sensitive read. Append-only: the database refuses UPDATE and DELETE."""

    time = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        help_text=_("The person who acted."),
    )
    actor_label = models.CharField(
        _("actor"),
        max_length=255,
        blank=True,
        help_text=_("Who acted, kept even if the user is deleted."),
    )
    role = models.CharField(
        _("role"), max_length=20, blank=True, help_text=_("The role the person acted in.")
    )
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        help_text=_("The organisation the person acted for."),
    )
    action = models.CharField(
        _("action"), max_length=100, db_index=True, help_text=_("What was done.")
    )
    object_type = models.CharField(
        _("object type"),
        max_length=100,
        db_index=True,
        help_text=_("The kind of record that was changed or read."),
    )
    object_id = models.CharField(
        _("object id"),
        max_length=64,
        db_index=True,
        help_text=_("The number of the record that was changed or read."),
    )
    object_repr = models.CharField(
        _("object"),
        max_length=255,
        blank=True,
        help_text=_("The record as it was named at the time."),
    )
    from_state = models.CharField(
        _("from"), max_length=40, blank=True, help_text=_("The status before the change.")
    )
    to_state = models.CharField(
        _("to"), max_length=40, blank=True, help_text=_("The status after the change.")
    )
    reason = models.TextField(_("reason"), blank=True, help_text=_("The reason the person gave."))
    changes = models.JSONField(
        _("changed fields"), default=dict, blank=True, help_text=_("{field: [old, new]}")
    )
    country = models.CharField(
        _("jurisdiction"),
        max_length=2,
        blank=True,
        db_index=True,
        help_text=_(
            "Country whose authority the object belongs to; scopes who may read the event."
        ),
    )
    ip = models.GenericIPAddressField(
        _("IP address"),
        null=True,
        blank=True,
        help_text=_("The network address the request came from."),
    )

    class Meta:
        ordering = ["-time", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["object_type", "object_id", "time"])]

    def __str__(self):
        return f"{self.time:%Y-%m-%d %H:%M} {self.action} {self.object_type}#{self.object_id}"


from .api.models import ApiScope, ApiToken  # noqa: E402,F401  (partner API tokens)
from .case_models import CaseDocument, InformationRequest  # noqa: E402,F401  (the case kernel)
from .corridor_models import CorridorRule  # noqa: E402,F401  (the law as data, per corridor)
from .notification_models import NotificationDelivery  # noqa: E402,F401  (what was sent)
