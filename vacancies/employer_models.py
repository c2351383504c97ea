"""Employers as accountable parties: the destination authority's accreditation (a public,
numbered document `{CC}-EMP-{year}-{seq:06d}` with the issued-document lifecycle), sanctions
and a watchlist. Vetting refuses job orders of an employer that is not accredited in the
destination country or is banned. State changes only through `vacancies.services.employers`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.lifecycle import IssuedDocumentBase
from portal.model_fields import person_field
from portal.models import Organisation, organisation_field


class EmployerAccreditation(IssuedDocumentBase):
    """The destination authority's accreditation of an employer: it may hire migrant workers
    through job orders. Renewal issues a new accreditation whose `previous` is the one renewed;
    at renewal the officer sees the employer's upheld complaints, sanctions and watchlist notes.
    """

    employer = organisation_field(
        Organisation.Kind.EMPLOYER,
        verbose_name=_("employer"),
        related_name="accreditations",
        help_text=_("The employer accredited to hire migrant workers."),
    )
    authority = organisation_field(
        Organisation.Kind.AUTHORITY,
        verbose_name=_("accrediting authority"),
        help_text=_("The authority of the destination country that accredits the employer."),
    )
    previous = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="renewals",
        verbose_name=_("renews accreditation"),
        help_text=_("The accreditation this one renews; the history is a chain."),
    )
    conditions = models.TextField(
        _("conditions"),
        blank=True,
        help_text=_("Conditions the employer must keep, shown on the public check."),
    )
    granted_by = person_field(_("granted by"), help_text=_("The officer who granted it."))

    class Meta:
        ordering = ["-valid_from", "-id"]
        verbose_name = _("employer accreditation")
        verbose_name_plural = _("employer accreditations")
        indexes = [
            models.Index(fields=["employer", "status", "valid_until"], name="emp_accr_current_idx")
        ]

    def __str__(self):
        return self.number

    @property
    def country_id(self) -> str:
        """Jurisdiction: the accrediting authority's country (the destination)."""
        return self.authority.country_id


class EmployerSanction(models.Model):
    """A penalty the destination authority imposes on an employer. A suspension suspends the
    current accreditation; a ban revokes it and refuses new job orders until `banned_until`.
    Public: shown on the employer's verification page and at renewal."""

    class Kind(models.TextChoices):
        WARNING = "warning", _("Warning")
        FINE = "fine", _("Fine")
        SUSPENSION = "suspension", _("Suspension of the accreditation")
        BAN = "ban", _("Ban from hiring migrant workers")

    employer = organisation_field(
        Organisation.Kind.EMPLOYER,
        verbose_name=_("employer"),
        related_name="employer_sanctions",
        help_text=_("The employer sanctioned."),
    )
    authority = organisation_field(
        Organisation.Kind.AUTHORITY,
        verbose_name=_("authority"),
        help_text=_("The authority that imposed it."),
    )
    accreditation = models.ForeignKey(
        EmployerAccreditation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sanctions",
        verbose_name=_("accreditation"),
        help_text=_("The accreditation the sanction applies to, if any."),
    )
    complaint = models.ForeignKey(
        "licensing.Complaint",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="employer_sanctions",
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
    reason = models.TextField(_("reason"), help_text=_("Published on the employer's public check."))
    banned_until = models.DateField(
        _("banned until"),
        null=True,
        blank=True,
        help_text=_("Only for bans: the last day the employer may not hire migrant workers."),
    )
    imposed_by = person_field(_("imposed by"), help_text=_("The officer who imposed it."))
    imposed_on = models.DateField(_("imposed on"), help_text=_("The day it was imposed."))

    class Meta:
        ordering = ["-imposed_on", "-id"]
        verbose_name = _("employer sanction")
        verbose_name_plural = _("employer sanctions")

    def __str__(self):
        return f"{self.get_kind_display()} — {self.employer} ({self.imposed_on})"


class EmployerWatch(models.Model):
    """An employer the destination authority keeps an eye on (repeated complaints, a tip-off,
    an inspection finding). Not a refusal: vetting officers see it as a warning beside every
    job order of the employer, and it shows at renewal."""

    employer = organisation_field(
        Organisation.Kind.EMPLOYER,
        verbose_name=_("employer"),
        related_name="watch_entries",
        help_text=_("The employer on the watchlist."),
    )
    authority = organisation_field(
        Organisation.Kind.AUTHORITY,
        verbose_name=_("authority"),
        help_text=_("The authority that keeps the watchlist entry."),
    )
    reason = models.TextField(
        _("reason"), help_text=_("Why the employer is watched; seen by officers only.")
    )
    added_by = person_field(_("added by"), help_text=_("The officer who added the entry."))
    added_at = models.DateTimeField(
        _("added at"), auto_now_add=True, help_text=_("When the employer was put on the watchlist.")
    )
    removed_at = models.DateTimeField(
        _("removed at"),
        null=True,
        blank=True,
        help_text=_("When the entry was closed; empty while the employer is watched."),
    )
    removed_by = person_field(
        _("removed by"), optional=True, help_text=_("The officer who closed the entry.")
    )

    class Meta:
        ordering = ["-added_at"]
        verbose_name = _("watchlist entry")
        verbose_name_plural = _("employer watchlist")
        constraints = [
            models.UniqueConstraint(
                fields=["employer", "authority"],
                condition=models.Q(removed_at__isnull=True),
                name="one_open_watch_per_employer",
            )
        ]

    def __str__(self):
        return f"{self.employer} ({self.added_at:%Y-%m-%d})"

    @property
    def country_id(self) -> str:
        return self.authority.country_id
