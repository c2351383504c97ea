"""Job orders and vacancy applications, declared on the kernel (`portal.cases`)."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from licensing.selectors import agency_contacts
from portal.cases import (
    AGENCY,
    APPLICANT,
    WORKER,
    CaseType,
    Lifecycle,
    Note,
    Transition,
    case_type,
)
from portal.lifecycle import application_lifecycle, document_lifecycle

from . import notifications  # noqa: F401  (declares the events named below)
from .models import (
    EmployerAccreditation,
    EmploymentContract,
    EmploymentContractStatus,
    JobOrder,
    JobOrderStatus,
    VacancyApplication,
    VacancyApplicationStatus,
)
from .permissions import VacancyPermission as P


def _officer_path(job_order) -> str:
    try:
        return reverse("vacancies_vetting:inspect", args=[job_order.pk])
    except NoReverseMatch:
        return ""


_publish_consequence = _(
    "The vacancy is published with its number and the fingerprint of its "
    "contract; workers can find it and apply."
)
JOB_ORDER = case_type(
    CaseType(
        model=JobOrder,
        name="job_order",
        lifecycle=application_lifecycle(
            edit=P.JOB_ORDER_EDIT,
            decide=P.JOB_ORDER_VET,
            extra=(
                Transition(
                    "close",
                    (JobOrderStatus.APPROVED,),
                    JobOrderStatus.CLOSED,
                    APPLICANT,
                    P.JOB_ORDER_EDIT,
                    _("Close (stop recruiting)"),
                    _(
                        "The vacancy leaves the public search; its number still verifies, "
                        "as closed."
                    ),
                ),
            ),
            overrides={"approve": {"label": _("Publish"), "consequence": _publish_consequence}},
        ),
        country=lambda jo: jo.scheme.vetting_country_id,
        organisation=lambda jo: jo.agency,
        recipients=lambda jo, side: agency_contacts(agency=jo.agency) if side == APPLICANT else (),
        events={
            "request_info": "job_order.request_info",
            "approve": "job_order.approve",
            "refuse": "job_order.refuse",
        },
        related=("scheme", "agency", "region", "occupation"),
        applicant_path=lambda jo: reverse("vacancies:agency_job_order", args=[jo.pk]),
        officer_path=_officer_path,
        services="vacancies.services",
        keyword="job_order",
        edit_permission=P.JOB_ORDER_EDIT,
        deadline_field="decision_deadline",
    )
)

A = VacancyApplicationStatus
_reason = Note("reason", _("Reason (shown to the worker)"))
VACANCY_APPLICATION = case_type(
    CaseType(
        model=VacancyApplication,
        name="vacancy_application",
        lifecycle=Lifecycle(
            Transition(
                "shortlist",
                (A.APPLIED,),
                A.SHORTLISTED,
                AGENCY,
                P.APPLICATION_ACT_FOR_AGENCY,
                _("Shortlist"),
            ),
            Transition(
                "reject",
                (A.APPLIED, A.SHORTLISTED),
                A.REJECTED,
                AGENCY,
                P.APPLICATION_ACT_FOR_AGENCY,
                _("Reject"),
                note=_reason,
                danger=True,
            ),
            Transition(
                "offer",
                (A.APPLIED, A.SHORTLISTED),
                A.OFFERED,
                AGENCY,
                P.APPLICATION_ACT_FOR_AGENCY,
                _("Offer the job"),
            ),
            Transition(
                "accept",
                (A.OFFERED,),
                A.ACCEPTED,
                WORKER,
                P.APPLICATION_ACT_FOR_WORKER,
                _("Accept the offer"),
            ),
            Transition(
                "decline",
                (A.OFFERED,),
                A.DECLINED,
                WORKER,
                P.APPLICATION_ACT_FOR_WORKER,
                _("Decline"),
                danger=True,
            ),
            Transition(
                "withdraw",
                (A.APPLIED, A.SHORTLISTED),
                A.WITHDRAWN,
                WORKER,
                P.APPLICATION_ACT_FOR_WORKER,
                _("Withdraw"),
                danger=True,
            ),
            Transition(
                "departure_record",
                (A.ACCEPTED,),
                A.DEPARTED,
                AGENCY,
                P.APPLICATION_ACT_FOR_AGENCY,
                _("Record departure"),
            ),
            Transition(
                "return_record",
                (A.DEPARTED,),
                A.RETURNED,
                AGENCY,
                P.APPLICATION_ACT_FOR_AGENCY,
                _("Record return"),
            ),
        ),
        country=lambda a: a.job_order.scheme.vetting_country_id,
        organisation=lambda a: a.job_order.agency,
        recipients=lambda a, side: (
            [a.profile.user] if side == WORKER else agency_contacts(agency=a.job_order.agency)
        ),
        events={
            "reject": ("vacancy_application.reject", WORKER),
            "offer": ("vacancy_application.offer", WORKER),
            "accept": ("vacancy_application.accept", AGENCY),
        },
        related=("job_order", "job_order__scheme", "job_order__agency", "profile"),
        services="vacancies.services",
        keyword="application",
    )
)


def _accreditation_path(accreditation) -> str:
    try:
        return reverse("vacancies_accreditations:inspect", args=[accreditation.pk])
    except NoReverseMatch:
        return ""


EMPLOYER_ACCREDITATION = case_type(
    CaseType(
        model=EmployerAccreditation,
        name="employer_accreditation",
        lifecycle=document_lifecycle(manage=P.EMPLOYER_ACCREDIT),
        country=lambda acc: acc.authority.country_id,
        organisation=lambda acc: acc.employer,
        recipients=lambda acc, side: [acc.employer.email] if acc.employer.email else [],
        events={
            "suspend": "employer_accreditation.suspend",
            "revoke": "employer_accreditation.revoke",
        },
        related=("employer", "authority"),
        officer_path=_accreditation_path,
        services="vacancies.services",
        keyword="accreditation",
        deadline_field="valid_until",
    )
)

C = EmploymentContractStatus
_confirm_worker = _(
    "The contract counts as signed by you; once the employer's side confirms "
    "too, it is registered with a number."
)
_confirm_employer = _(
    "The contract counts as signed for the employer; once the worker "
    "confirms too, it is registered with a number."
)
EMPLOYMENT_CONTRACT = case_type(
    CaseType(
        model=EmploymentContract,
        name="employment_contract",
        lifecycle=Lifecycle(
            Transition(
                "worker_confirm",
                (C.GENERATED,),
                C.WORKER_CONFIRMED,
                WORKER,
                P.CONTRACT_CONFIRM_WORKER,
                _("Confirm the contract"),
                _confirm_worker,
            ),
            Transition(
                "worker_confirm",
                (C.EMPLOYER_CONFIRMED,),
                C.REGISTERED,
                WORKER,
                P.CONTRACT_CONFIRM_WORKER,
                _("Confirm the contract"),
                _confirm_worker,
            ),
            Transition(
                "employer_confirm",
                (C.GENERATED,),
                C.EMPLOYER_CONFIRMED,
                AGENCY,
                P.CONTRACT_CONFIRM_EMPLOYER,
                _("Confirm for the employer"),
                _confirm_employer,
            ),
            Transition(
                "employer_confirm",
                (C.WORKER_CONFIRMED,),
                C.REGISTERED,
                AGENCY,
                P.CONTRACT_CONFIRM_EMPLOYER,
                _("Confirm for the employer"),
                _confirm_employer,
            ),
        ),
        country=lambda c: c.job_order.destination_country_id,
        organisation=lambda c: c.job_order.agency,
        recipients=lambda c, side: (
            [c.application.profile.user]
            if side == WORKER
            else agency_contacts(agency=c.job_order.agency)
        ),
        events={
            "worker_confirm:employer_confirmed": ("employment_contract.registered", AGENCY),
            "employer_confirm:worker_confirmed": ("employment_contract.registered", WORKER),
        },
        related=("job_order", "job_order__agency", "application", "application__profile"),
        services="vacancies.services",
        keyword="contract",
    )
)
