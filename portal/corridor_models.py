"""The law as data: one rule per migration corridor (origin × destination × worker category),
in dated versions with their legal source.

Shared by `licensing.permits` (whether a permit or patent is needed, fees, documents),
`info_campaigns` (the "rules for your passport" box on every guide), the public API and the
Telegram bot. A version is proposed by one officer of the destination's authority and approved
by another (four eyes, through the case kernel); an approved version is never edited: a change
is a new version with a later `effective_from`. Reads go through `portal.corridors`.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import SkillCategory
from .model_fields import person_field
from .models import Country


class WorkerCategory(models.TextChoices):
    """Which workers a rule covers; the first three are the permits' skill categories."""

    HIGHLY_SKILLED = SkillCategory.HIGHLY_SKILLED.value, SkillCategory.HIGHLY_SKILLED.label
    SKILLED = SkillCategory.SKILLED.value, SkillCategory.SKILLED.label
    LOW_SKILLED = SkillCategory.LOW_SKILLED.value, SkillCategory.LOW_SKILLED.label
    ANY = "any", _("Any worker")


class Authorisation(models.TextChoices):
    """What a worker of the corridor needs to work legally at the destination."""

    NONE = "none", _("No work permit or patent")
    WORK_PERMIT = "work_permit", _("Work permit")
    PATENT = "patent", _("Patent")
    SCHEME_VISA = "scheme_visa", _("Work visa under a bilateral scheme")


class VisaRegime(models.TextChoices):
    VISA_FREE = "visa_free", _("No visa needed")
    VISA_REQUIRED = "visa_required", _("Visa needed")


class DayKind(models.TextChoices):
    CALENDAR = "calendar", _("calendar days")
    WORKING = "working", _("working days")


class DocumentKind(models.TextChoices):
    """Documents an application may need (the permits app uses the same kinds)."""

    PASSPORT_COPY = "passport_copy", _("Copy of the passport's photo page")
    DIPLOMA = "diploma", _("Diploma or qualification certificate")
    EMPLOYMENT_CONTRACT = "employment_contract", _("Employment contract or job offer")
    MEDICAL_CERTIFICATE = "medical_certificate", _("Medical certificate")
    EMPLOYER_LETTER = "employer_letter", _("Employer's letter of need")
    OTHER = "other", _("Other")


class RuleStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed, waiting for a second officer")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class CorridorRule(models.Model):
    """One version of the rules for workers of one nationality in one destination country.

    In force from `effective_from` to `effective_to` (inclusive; empty: until replaced) once
    approved. Never edited after approval: a change is a new proposal, and approving it ends the
    previous version the day before the new one starts, so the past is never rewritten.
    """

    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RuleStatus.choices,
        default=RuleStatus.PROPOSED,
        db_index=True,
        help_text=_("Where it stands now; it changes only through the actions on its page."),
    )
    origin = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("nationality"),
        help_text=_("The worker's citizenship (passport)."),
    )
    destination = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("destination country"),
        help_text=_("Its authority proposes and approves the rule."),
    )
    category = models.CharField(
        _("worker category"),
        max_length=16,
        choices=WorkerCategory.choices,
        default=WorkerCategory.ANY,
        help_text=_("A rule for one category wins over the rule for any worker."),
    )
    effective_from = models.DateField(
        _("in force from"), help_text=_("First day the rule applies.")
    )
    effective_to = models.DateField(
        _("in force until"),
        null=True,
        blank=True,
        help_text=_("Last day it applies; empty: until replaced."),
    )
    authorisation = models.CharField(
        _("what the worker needs"),
        max_length=12,
        choices=Authorisation.choices,
        help_text=_("Work permit, patent, a scheme visa, or nothing (e.g. EAEU nationals)."),
    )
    visa_regime = models.CharField(
        _("visa regime"),
        max_length=14,
        choices=VisaRegime.choices,
        help_text=_("Whether a worker from the origin country needs a visa to enter."),
    )
    registration_days = models.PositiveSmallIntegerField(
        _("registration deadline after arrival"),
        null=True,
        blank=True,
        help_text=_(
            "Days after arrival by which the worker must register their stay; empty: "
            "no registration at arrival."
        ),
    )
    registration_day_kind = models.CharField(
        _("registration deadline counted in"),
        max_length=8,
        choices=DayKind.choices,
        default=DayKind.CALENDAR,
        help_text=_(
            "Whether the registration deadline counts every day, or only working days "
            "(without weekends and public holidays)."
        ),
    )
    stay_without_registration_days = models.PositiveSmallIntegerField(
        _("longest stay without registration (days)"),
        null=True,
        blank=True,
        help_text=_("Days a worker may stay before registration is needed at all; empty: none."),
    )
    max_stay_days = models.PositiveSmallIntegerField(
        _("maximum stay (days)"),
        null=True,
        blank=True,
        help_text=_(
            "Longest stay under this scheme; empty: as long as the contract, permit or patent."
        ),
    )
    max_stay_window_days = models.PositiveSmallIntegerField(
        _("counted within (days)"),
        null=True,
        blank=True,
        help_text=_("For limits like 90 days in any 180: the 180. Empty: one continuous stay."),
    )
    fee_amount = models.DecimalField(
        _("fee"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("State fee the worker pays; empty: none or set per region (fee schedule)."),
    )
    fee_currency = models.CharField(
        _("fee currency"), max_length=3, blank=True, help_text=_("ISO 4217 code.")
    )
    fee_months = models.PositiveSmallIntegerField(
        _("months one fee buys"),
        null=True,
        blank=True,
        help_text=_("Patent: months of validity one payment buys (usually 1). Empty: one-off."),
    )
    documents_standard = models.JSONField(
        _("documents (standard track)"),
        default=list,
        blank=True,
        help_text=_("Documents a work-permit application needs."),
    )
    documents_highly_skilled = models.JSONField(
        _("documents (highly skilled track)"),
        default=list,
        blank=True,
        help_text=_("The shorter list for highly skilled workers."),
    )
    documents_patent = models.JSONField(
        _("documents (patent)"),
        default=list,
        blank=True,
        help_text=_("Documents a patent application needs."),
    )
    hotlines = models.TextField(
        _("official hotlines"), blank=True, help_text=_("Official hotline numbers, one per line.")
    )
    source_act = models.CharField(
        _("legal act"),
        max_length=255,
        help_text=_(
            "Title of the act, treaty or decree, e.g. “Treaty on the Eurasian Economic Union”."
        ),
    )
    source_article = models.CharField(
        _("article"), max_length=100, blank=True, help_text=_("Article, paragraph or section.")
    )
    source_date = models.DateField(
        _("date of the act"),
        null=True,
        blank=True,
        help_text=_("The date of the law or agreement this rule comes from."),
    )
    source_url = models.URLField(
        _("official text"),
        blank=True,
        max_length=500,
        help_text=_("Link to the official text of the law or agreement."),
    )
    needs_confirmation = models.BooleanField(
        _("to be confirmed by the authority"),
        default=False,
        help_text=_(
            "The source or a figure is uncertain; the public sees the rule with this "
            "mark until the authority confirms it with a new version."
        ),
    )
    notes = models.TextField(
        _("notes for officers"),
        blank=True,
        help_text=_("Anything officers should know; the public does not see it."),
    )
    supersedes = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("replaces version"),
        help_text=_("The earlier version of the rule that this one replaces."),
    )
    # Four eyes (the case kernel reads submitted_by and last_edited_by).
    submitted_by = person_field(
        _("proposed by"), optional=True, help_text=_("The person who proposed it.")
    )
    last_edited_by = person_field(
        optional=True,
        help_text=_("The last person who changed it; a different person must decide on it."),
    )
    submitted_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    decided_by = person_field(
        _("decided by"), optional=True, help_text=_("The person who took the decision.")
    )
    decided_at = models.DateTimeField(
        _("decided at"), null=True, blank=True, help_text=_("When the decision was taken.")
    )
    decision_reason = models.TextField(
        _("reason for the decision"),
        blank=True,
        help_text=_("Why it was approved or refused; the person who asked sees it."),
    )

    class Meta:
        ordering = ["destination", "origin", "category", "-effective_from"]
        verbose_name = _("corridor rule")
        verbose_name_plural = _("corridor rules")
        indexes = [models.Index(fields=["origin", "destination", "status", "effective_from"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True)
                | Q(effective_to__gte=models.F("effective_from")),
                name="portal_corridor_rule_period_ordered",
            ),
        ]

    def __str__(self):
        return (
            f"{self.origin_id} → {self.destination_id} · {self.get_category_display()} · "
            f"{self.effective_from:%Y-%m-%d}"
        )

    @property
    def country_id(self) -> str:
        """The jurisdiction: the destination's authority owns the rule."""
        return self.destination_id

    def documents_for(self, track: str) -> list[str]:
        """Document kinds for a track: "standard", "highly_skilled" or "patent"."""
        return list(getattr(self, f"documents_{track}") or [])

    def hotline_list(self) -> list[str]:
        return [line.strip() for line in (self.hotlines or "").splitlines() if line.strip()]

    def source_text(self) -> str:
        """Act, article and date in one line, as cited."""
        parts = [
            self.source_act,
            self.source_article,
            self.source_date.strftime("%d.%m.%Y") if self.source_date else "",
        ]
        return ", ".join(p for p in parts if p)
