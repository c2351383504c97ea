"""Employer accreditations (EMP) and individual employment contracts (EC) on the shared
verification page, and the whole chain a worker checks with one QR: agency licence → employer
accreditation → job order → contract → permit.

An accreditation is a public record (by number). A contract names a person: by number alone it
says only whether it is registered; with the check code printed under its QR it shows its terms,
its fingerprint and the whole chain.
"""

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from licensing.selectors import agency_current_licence
from licensing.verification import licence_verification
from portal.lifecycle import DocumentStatus
from portal.verification import VerificationResult, register_linker, register_resolver

from .contract_models import EmploymentContract, EmploymentContractStatus
from .employer_models import EmployerAccreditation, EmployerSanction


def accreditation_status(accreditation: EmployerAccreditation) -> str:
    if (
        accreditation.status == DocumentStatus.ACTIVE
        and accreditation.valid_until < timezone.localdate()
    ):
        return DocumentStatus.EXPIRED
    return accreditation.status


def accreditation_verification(accreditation: EmployerAccreditation) -> VerificationResult:
    """Public facts of an accreditation: status, validity, sanctions (public) and renewal."""
    status = accreditation_status(accreditation)
    employer = accreditation.employer
    facts = []
    if employer.registration_number:
        facts.append((_("Registration number"), employer.registration_number))
    if status in (DocumentStatus.SUSPENDED, DocumentStatus.REVOKED) and accreditation.status_reason:
        facts.append((_("Reason"), accreditation.status_reason))
    if accreditation.conditions:
        facts.append((_("Conditions"), accreditation.conditions))
    if accreditation.previous_id:
        facts.append((_("Renews accreditation"), accreditation.previous.number))
    for sanction in EmployerSanction.objects.filter(employer=employer)[:5]:
        facts.append(
            (
                _("Sanction"),
                f"{formats.date_format(sanction.imposed_on)}: "
                f"{sanction.get_kind_display()} — {sanction.reason}",
            )
        )
    return VerificationResult(
        number=accreditation.number,
        kind_label=_("Employer accreditation"),
        status=status,
        status_label=str(DocumentStatus(status).label),
        holder=employer.name,
        issuer=accreditation.authority.name,
        valid_from=accreditation.valid_from,
        valid_until=accreditation.valid_until,
        facts=facts,
    )


def employer_accreditation_for(job_order) -> EmployerAccreditation | None:
    """The employer's newest accreditation in the destination country (whatever its state, so
    the chain shows a suspension instead of hiding it)."""
    return (
        EmployerAccreditation.objects.filter(
            employer_id=job_order.employer_id,
            authority__country_id=job_order.destination_country_id,
            valid_from__lte=timezone.localdate(),
        )
        .select_related("employer", "authority", "previous")
        .order_by("-valid_from", "-pk")
        .first()
    )


@register_resolver("EMP")
def resolve_accreditation(number: str) -> VerificationResult | None:
    accreditation = (
        EmployerAccreditation.objects.select_related("employer", "authority", "previous")
        .filter(number=number)
        .first()
    )
    return accreditation_verification(accreditation) if accreditation else None


def contract_verification(contract: EmploymentContract) -> VerificationResult:
    """A registered contract: its terms and fingerprint; the chain is added by `contract_chain`."""
    job_order = contract.job_order
    if contract.status == EmploymentContractStatus.REGISTERED:
        status, label = "active", _("Registered — confirmed by both sides")
    else:
        status, label = "cancelled", str(contract.get_status_display())
    user = contract.application.profile.user
    initials = " ".join(f"{p[0]}." for p in [user.first_name, user.last_name] if p)
    facts = [
        (_("Employer"), job_order.employer.name),
        (_("Agency"), job_order.agency.name),
        (_("Job order"), job_order.number or ""),
        (_("Place of work"), f"{job_order.city}, {job_order.region.local}"),
        (
            _("Monthly gross wage"),
            f"{formats.number_format(job_order.monthly_wage, 0, force_grouping=True)} {job_order.currency}",
        ),
        (
            _("Contract languages"),
            ", ".join(dict.fromkeys([contract.worker_language, contract.destination_language])),
        ),
        (_("Contract fingerprint (SHA-256)"), contract.sha256),
    ]
    return VerificationResult(
        number=contract.number,
        kind_label=_("Individual employment contract"),
        status=status,
        status_label=str(label),
        holder=initials,
        issuer=job_order.employer.name,
        valid_from=job_order.season_start,
        valid_until=job_order.season_end,
        facts=facts,
        personal=True,
    )


def contract_chain(contract: EmploymentContract) -> list[VerificationResult]:
    """The links of a contract, in the order of the chain: licence, accreditation, job order,
    then the permits issued for it."""
    from licensing.permits.models import WorkPermit
    from licensing.permits.verification import work_permit_verification

    from .verification import job_order_verification

    job_order = contract.job_order
    linked = []
    licence = agency_current_licence(agency=job_order.agency)
    if licence is not None:
        linked.append(licence_verification(licence))
    accreditation = employer_accreditation_for(job_order)
    if accreditation is not None:
        linked.append(accreditation_verification(accreditation))
    linked.append(job_order_verification(job_order, with_licence=False))
    for permit in WorkPermit.objects.filter(contract_number=contract.number).select_related(
        "application", "application__nationality", "authority", "region"
    ):
        linked.append(work_permit_verification(permit))
    return linked


def _contract_by_number(number: str) -> EmploymentContract | None:
    return (
        EmploymentContract.objects.filter(number=number)
        .select_related(
            "job_order",
            "job_order__agency",
            "job_order__employer",
            "job_order__region",
            "job_order__scheme",
            "application__profile__user",
        )
        .first()
    )


@register_resolver("EC")
def resolve_contract(number: str) -> VerificationResult | None:
    contract = _contract_by_number(number)
    return contract_verification(contract) if contract else None


@register_linker("EC")
def link_contract(result: VerificationResult) -> list[VerificationResult]:
    """Runs only when the check code matched (the chain names the worker's permit)."""
    contract = _contract_by_number(result.number)
    return contract_chain(contract) if contract else []
