"""Plugs work permits (WP) and patents (PT) into the shared verification page.

Only status, category, region, validity, the holder's initials, nationality and birth year are
shown — what the holder shows anyway when presenting the document — and, beyond the status,
only with the check code printed on it (`personal`, see portal/verification.py).
"""

from django.utils.translation import gettext as _

from portal.lifecycle import DocumentStatus
from portal.verification import VerificationResult, register_resolver

from . import selectors
from .models import Patent, WorkPermit


def _status_label(status: str) -> str:
    if status == selectors.LAPSED:
        return _("Lapsed: monthly fee not paid")
    return str(DocumentStatus(status).label)


def _facts(document) -> list[tuple[str, str]]:
    application = document.application
    facts = [
        (_("Category"), str(document.get_category_display())),
        (_("Region of work"), document.region.local),
        (_("Nationality"), application.nationality.name),
        (_("Year of birth"), str(application.birth_date.year)),
    ]
    if (
        document.status in (DocumentStatus.SUSPENDED, DocumentStatus.REVOKED)
        and document.status_reason
    ):
        facts.append((_("Reason"), document.status_reason))
    return facts


def work_permit_verification(permit: WorkPermit) -> VerificationResult:
    status = selectors.work_permit_effective_status(permit)
    return VerificationResult(
        number=permit.number,
        kind_label=_("Work permit"),
        status=status,
        status_label=_status_label(status),
        holder=permit.application.holder_initials,
        issuer=permit.authority.name,
        valid_from=permit.valid_from,
        valid_until=permit.valid_until,
        facts=_facts(permit),
        personal=True,
    )


def patent_verification(patent: Patent) -> VerificationResult:
    """Valid until = how far fees are paid; the end of the maximum term is shown as a fact."""
    status = selectors.patent_effective_status(patent)
    facts = _facts(patent)
    facts.append((_("Valid only in"), patent.region.local))
    facts.append((_("Maximum term ends"), patent.valid_until.strftime("%d.%m.%Y")))
    return VerificationResult(
        number=patent.number,
        kind_label=_("Patent"),
        status=status,
        status_label=_status_label(status),
        holder=patent.application.holder_initials,
        issuer=patent.authority.name,
        valid_from=patent.paid_period_start or patent.valid_from,
        valid_until=patent.paid_until,
        facts=facts,
        personal=True,
    )


@register_resolver("WP")
def resolve_work_permit(number: str) -> VerificationResult | None:
    permit = selectors.work_permit_by_number(number=number)
    return work_permit_verification(permit) if permit else None


@register_resolver("PT")
def resolve_patent(number: str) -> VerificationResult | None:
    patent = selectors.patent_by_number(number=number)
    return patent_verification(patent) if patent else None
