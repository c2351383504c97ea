"""Human-readable document numbers, unique and gapless per (country, kind, year).

Call `number_allocate()` inside the approving transaction: the counter row is locked until the
transaction commits, so concurrent approvals queue and a rolled-back approval leaves no gap.
"""

from django.db import models, transaction


class NumberSequence(models.Model):
    """The last number issued for one (country, kind, year)."""

    country = models.CharField(max_length=2)
    kind = models.CharField(max_length=8, help_text="LIC, WP, PT, JO …")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        app_label = "portal"
        constraints = [
            models.UniqueConstraint(
                fields=["country", "kind", "year"], name="number_sequence_unique"
            ),
        ]

    def __str__(self):
        return f"{self.country}-{self.kind}-{self.year}: {self.last}"


def format_number(country: str, kind: str, year: int, seq: int) -> str:
    return f"{country}-{kind}-{year}-{seq:06d}"


def number_allocate(*, country: str, kind: str, year: int) -> str:
    """Next number; must run inside transaction.atomic (the caller's approval)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("number_allocate() must be called inside the approving transaction")
    NumberSequence.objects.get_or_create(country=country, kind=kind, year=year)
    seq = NumberSequence.objects.select_for_update().get(country=country, kind=kind, year=year)
    seq.last += 1
    seq.save(update_fields=["last"])
    return format_number(country, kind, year, seq.last)
