"""Guarantee deposits: the amount each agency licence must hold (a rule per country), the
deposit of each licence with its balance, officers' top-ups, and workers' claims paid from it."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.model_fields import person_field
from portal.models import Country

from .agency_licences import Licence


class DepositRule(models.Model):
    """The authority's rule: how much every agency licence of a country must hold."""

    country = models.OneToOneField(
        Country,
        on_delete=models.CASCADE,
        related_name="deposit_rule",
        verbose_name=_("country"),
        help_text=_("The country whose licences the rule applies to."),
    )
    amount = models.DecimalField(
        _("required amount"),
        max_digits=14,
        decimal_places=2,
        help_text=_("The balance every licence's guarantee deposit must hold."),
    )
    currency = models.CharField(
        _("currency"), max_length=3, help_text=_("ISO 4217 code, e.g. KZT.")
    )

    class Meta:
        verbose_name = _("deposit rule")
        verbose_name_plural = _("deposit rules")

    def __str__(self):
        return f"{self.country_id}: {self.amount} {self.currency}"


class Deposit(models.Model):
    """The guarantee deposit of one licence; the balance changes only in the services."""

    licence = models.OneToOneField(
        Licence,
        on_delete=models.PROTECT,
        related_name="deposit",
        verbose_name=_("licence"),
        help_text=_("The agency licence the deposit guarantees."),
    )
    balance = models.DecimalField(
        _("balance"),
        max_digits=14,
        decimal_places=2,
        default=Decimal("0"),
        help_text=_("What the deposit holds now: top-ups minus claims paid."),
    )
    currency = models.CharField(
        _("currency"), max_length=3, help_text=_("ISO 4217 code, e.g. KZT.")
    )

    class Meta:
        verbose_name = _("guarantee deposit")
        verbose_name_plural = _("guarantee deposits")

    def __str__(self):
        return f"{self.licence.number}: {self.balance} {self.currency}"


class DepositTopUp(models.Model):
    """Money paid into a deposit, recorded by an officer once per submission key."""

    deposit = models.ForeignKey(
        Deposit,
        on_delete=models.PROTECT,
        related_name="top_ups",
        verbose_name=_("deposit"),
        help_text=_("The deposit paid into."),
    )
    amount = models.DecimalField(
        _("amount"), max_digits=14, decimal_places=2, help_text=_("The amount paid in.")
    )
    recorded_by = person_field(_("recorded by"), help_text=_("The officer who recorded it."))
    recorded_at = models.DateTimeField(
        _("recorded at"), auto_now_add=True, help_text=_("When it was recorded.")
    )
    submission_key = models.UUIDField(
        _("submission key"), unique=True, help_text=_("Makes a double submission record it once.")
    )

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name = _("deposit top-up")
        verbose_name_plural = _("deposit top-ups")

    def __str__(self):
        return f"+{self.amount} {self.deposit.currency}"


class DepositClaim(models.Model):
    """A worker's claim on a deposit (an illegal fee to refund, a repatriation cost),
    decided by an officer and, when approved, paid from the deposit once."""

    class Kind(models.TextChoices):
        ILLEGAL_FEE = "illegal_fee", _("Refund of an illegal fee")
        REPATRIATION = "repatriation", _("Repatriation cost")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        PAID = "paid", _("Paid")
        REFUSED = "refused", _("Refused")

    deposit = models.ForeignKey(
        Deposit,
        on_delete=models.PROTECT,
        related_name="claims",
        verbose_name=_("deposit"),
        help_text=_("The deposit claimed from."),
    )
    kind = models.CharField(
        _("claim"), max_length=12, choices=Kind.choices, help_text=_("What the worker claims.")
    )
    claimant = models.CharField(
        _("worker"), max_length=200, help_text=_("The worker's name as on the claim.")
    )
    amount = models.DecimalField(
        _("amount"), max_digits=14, decimal_places=2, help_text=_("The amount claimed.")
    )
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=Status.choices,
        default=Status.PENDING,
        help_text=_("Where the claim stands."),
    )
    reason = models.TextField(
        _("decision reason"), blank=True, help_text=_("Why the claim was refused, if it was.")
    )
    recorded_by = person_field(_("recorded by"), help_text=_("The officer who recorded it."))
    recorded_at = models.DateTimeField(
        _("recorded at"), auto_now_add=True, help_text=_("When it was recorded.")
    )
    decided_by = person_field(
        _("decided by"), optional=True, help_text=_("The officer who decided it.")
    )
    decided_at = models.DateTimeField(
        _("decided at"), null=True, blank=True, help_text=_("When it was decided.")
    )
    submission_key = models.UUIDField(
        _("submission key"), unique=True, help_text=_("Makes a double submission record it once.")
    )

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name = _("deposit claim")
        verbose_name_plural = _("deposit claims")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.amount} {self.deposit.currency}"
