"""Job orders on the shared verification page, and the chained check (★): verifying a work
permit that came from a job order also shows the job order, its contract fingerprint and the
agency's licence status — one QR scan answers "is this whole offer genuine?"."""

from django.utils import formats
from django.utils.translation import gettext as _

from licensing.selectors import agency_current_licence, agency_has_active_licence
from licensing.verification import licence_verification
from portal.verification import VerificationResult, register_linker, register_resolver

from .models import EmploymentContract, JobOrder, JobOrderStatus
from .selectors import placement_for_permit
from .verification_chain import (
    accreditation_verification,
    contract_verification,
    employer_accreditation_for,
)

#: Machine status of a published job order whose agency has lost its licence.
HIDDEN = "suspended"
CLOSED = "closed"


def job_order_verification(job_order: JobOrder, *, with_licence: bool = True) -> VerificationResult:
    """Public facts of a job order: terms, contract fingerprint, and whether it is open."""
    licensed = agency_has_active_licence(agency=job_order.agency)
    if job_order.status == JobOrderStatus.APPROVED and licensed:
        status, label = "active", _("Published — genuine and open")
    elif job_order.status == JobOrderStatus.APPROVED:
        status, label = HIDDEN, _("Hidden — the agency's licence is not active")
    else:
        status, label = CLOSED, _("Closed to new applications")
    facts = [
        (_("Agency"), job_order.agency.name),
        (_("Employer"), job_order.employer.name),
        (_("Scheme"), job_order.scheme.name),
        (_("Occupation"), str(job_order.occupation)),
        (_("Place of work"), f"{job_order.city}, {job_order.region.local}"),
        (_("Positions"), str(job_order.positions)),
        (
            _("Monthly gross wage"),
            f"{formats.number_format(job_order.monthly_wage, 0, force_grouping=True)} {job_order.currency}",
        ),
        (
            _("Season"),
            f"{formats.date_format(job_order.season_start)} – {formats.date_format(job_order.season_end)}",
        ),
        (_("Fees charged to the worker"), _("None")),
        (_("Contract language"), job_order.contract_language.local),
        (_("Contract fingerprint (SHA-256)"), job_order.contract_sha256),
    ]
    result = VerificationResult(
        number=job_order.number,
        kind_label=_("Job order"),
        status=status,
        status_label=str(label),
        holder=job_order.agency.name,
        issuer=_("Job-order vetting authority of %(country)s")
        % {"country": job_order.scheme.vetting_country.local},
        valid_from=job_order.published_at.date() if job_order.published_at else None,
        valid_until=job_order.application_deadline,
        facts=facts,
    )
    if with_licence:
        licence = agency_current_licence(agency=job_order.agency)
        if licence is not None:
            result.linked.append(licence_verification(licence))
        accreditation = employer_accreditation_for(job_order)
        if accreditation is not None:
            result.linked.append(accreditation_verification(accreditation))
    return result


def _job_order_by_number(number: str) -> JobOrder | None:
    return (
        JobOrder.objects.filter(number=number)
        .exclude(status__in=[JobOrderStatus.DRAFT, JobOrderStatus.REFUSED])
        .select_related(
            "agency",
            "employer",
            "scheme",
            "scheme__vetting_country",
            "occupation",
            "region",
            "contract_language",
        )
        .first()
    )


@register_resolver("JO")
def resolve_job_order(number: str) -> VerificationResult | None:
    job_order = _job_order_by_number(number)
    return job_order_verification(job_order) if job_order else None


@register_linker("WP")
def link_work_permit(result: VerificationResult) -> list[VerificationResult]:
    """A work permit issued for an accepted offer: add the job order and the agency's licence.

    The permit carries the job-order number (`WorkPermit.job_order_number`); a permit linked
    from the agency's side (`VacancyApplication.work_permit_reference`) works too."""
    from licensing.permits.models import WorkPermit

    numbers = (
        WorkPermit.objects.filter(number=result.number)
        .values_list("job_order_number", "contract_number")
        .first()
    )
    number, contract_number = numbers or ("", "")
    if not number:
        placement = placement_for_permit(reference=result.number)
        number = placement.job_order.number if placement else None
    if not number:
        return []
    job_order = _job_order_by_number(number)
    if job_order is None:
        return []
    linked = job_order_verification(job_order, with_licence=False)
    licence = agency_current_licence(agency=job_order.agency)
    chain = [linked] + ([licence_verification(licence)] if licence else [])
    accreditation = employer_accreditation_for(job_order)
    if accreditation is not None:
        chain.append(accreditation_verification(accreditation))
    contract = (
        EmploymentContract.objects.filter(number=contract_number)
        .select_related(
            "job_order",
            "job_order__agency",
            "job_order__employer",
            "job_order__region",
            "application__profile__user",
        )
        .first()
        if contract_number
        else None
    )
    if contract is not None:
        chain.append(contract_verification(contract))
    return chain
