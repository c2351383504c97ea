"""Receiving aggregated figures from partner countries (`/api/v1/partner/reports/`): one
service that stores a batch once (idempotent by the sender's key), writes its audit event,
and flags figures the other country of the same corridor reported differently."""

from __future__ import annotations

import hashlib
import json

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from portal.audit import audit_record

from .models import PartnerFigure, PartnerReport

ERROR_KEY_REUSED = _(
    "This key was already used for a batch with other figures; send new figures under a new key."
)
CELL = ("origin_id", "destination_id", "year", "isco_id", "sex", "measure")


class KeyReused(Exception):
    """The key names an earlier batch whose content differs."""


def content_hash(rows: list[dict]) -> str:
    return hashlib.sha256(json.dumps(rows, sort_keys=True, default=str).encode()).hexdigest()


@transaction.atomic
def partner_report_receive(
    *, token, key: str, rows: list[dict], request=None
) -> tuple[PartnerReport, bool]:
    """Store `rows` (validated dicts: origin, destination, year, isco, sex, measure, value)
    as one report of the token's organisation. Returns (report, created): a re-send of the
    same key and content returns the first report unchanged; other content under a used key
    raises `KeyReused`. Figures that differ from the other corridor country's figure for the
    same cell are flagged (both sides), and the flags are in the audit event."""
    organisation = token.organisation
    digest = content_hash(rows)
    existing = (
        PartnerReport.objects.select_for_update().filter(organisation=organisation, key=key).first()
    )
    if existing is not None:
        if existing.content_hash != digest:
            raise KeyReused
        return existing, False
    report = PartnerReport.objects.create(
        organisation=organisation,
        reporting_country_id=organisation.country_id,
        key=key,
        content_hash=digest,
    )
    figures = PartnerFigure.objects.bulk_create(
        [
            PartnerFigure(
                report=report,
                origin_id=r["origin"],
                destination_id=r["destination"],
                year=r["year"],
                isco_id=r.get("isco") or None,
                sex=r["sex"],
                measure=r["measure"],
                value=r["value"],
            )
            for r in rows
        ]
    )
    flagged = []
    own = organisation.country_id
    for figure in figures:
        # Compared only between the corridor's own two countries: a third country's figure
        # about someone else's corridor is kept but never flags theirs.
        ends = {figure.origin_id, figure.destination_id}
        if own not in ends:
            continue
        other = PartnerFigure.objects.filter(
            report__reporting_country_id__in=ends - {own},
            **{name: getattr(figure, name) for name in CELL},
        )
        differing = other.exclude(value=figure.value)
        if differing.exists():
            differing.update(disagrees=True)
            figure.disagrees = True
            figure.save(update_fields=["disagrees"])
            flagged.append(figure.pk)
    audit_record(
        actor=f"API token {token.prefix}",
        action="matching.partner_report.receive",
        obj=report,
        organisation=organisation,
        country=organisation.country_id,
        changes={"rows": [None, len(rows)], "disagreeing": [None, flagged]},
        request=request,
    )
    return report, True


def disagreeing_figures():
    """Figures two countries of a corridor reported differently, for analysts to review."""
    return PartnerFigure.objects.filter(disagrees=True).select_related("report")
