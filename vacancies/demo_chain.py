"""Demo of employers and the whole chain (development only): the Kazakh authority accredits the
demo employers in Kazakhstan (KZ-EMP-…), warns and watches one, a worker files a complaint
against an employer; a Tajik worker (Nigina) accepts a construction offer of Pamir Work
Partners, both sides confirm the contract (KZ-EC-…) and the work permit names it, so
`/<lang>/verify/<contract number>/` shows licence → accreditation → job order → contract →
permit. Everything goes through the services, so the audit log tells the story."""

import uuid
from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from portal.uploads import plain_pdf

from . import services
from .models import (
    ContractConfirmationCode,
    EmploymentContract,
    JobOrder,
    JobOrderStatus,
    WorkerProfile,
)
from .services import employment_contracts

TJ_WORKER = ("worker.tj@demo.karavan.kz", "Nigina", "Saidova")
TJ_AGENCY_ADMIN = "agency.tj@demo.karavan.kz"
DEMO_CODE = "DEMO42"


def _write(stdout, message):
    if stdout is not None:
        stdout.write(message)


def load_employers(*, core: dict, stdout=None) -> None:
    """Accreditations for the Kazakh demo employers, a warning, a watchlist entry and a
    complaint against an employer."""
    from licensing.models import Complaint
    from licensing.services import complaint_file

    orgs, users = core["organisations"], core["users"]
    officer = users["officer.kz@demo.karavan.kz"]
    authority = orgs["KZ"]
    for name in ("Almaty Agro Holding", "Astana Build Group"):
        employer = orgs[name]
        if services.employer_current_accreditation(employer=employer, country_id="KZ") is None:
            services.employer_accreditation_grant(
                employer=employer,
                authority=authority,
                by=officer,
                conditions="Housing inspected every season (demo).",
            )
    astana = orgs["Astana Build Group"]
    if not astana.employer_sanctions.exists():
        services.employer_sanction_impose(
            employer=astana,
            authority=authority,
            by=officer,
            kind="warning",
            reason="Overtime not paid at the legal rate in one season (demo).",
        )
    if not services.employer_is_watched(employer=astana):
        services.employer_watch_add(
            employer=astana,
            authority=authority,
            by=officer,
            reason="Two complaints about overtime in a year (demo).",
        )
    if not Complaint.objects.filter(employer=orgs["Almaty Agro Holding"]).exists():
        complaint_file(
            by=None,
            country_id="KZ",
            category="unpaid_wages",
            description="The last month of the season was paid late (demo).",
            employer=orgs["Almaty Agro Holding"],
            complainant_country="KG",
            submission_key=uuid.uuid4(),
        )


def _confirm(contract, *, by, side):
    """Confirm with a known code: the demo stands in for the SMS the person would read."""
    ContractConfirmationCode.objects.filter(
        code_hash=employment_contracts._hash(DEMO_CODE)
    ).delete()
    ContractConfirmationCode.objects.create(
        contract=contract,
        side=side,
        user=by,
        code_hash=employment_contracts._hash(DEMO_CODE),
        expires_at=timezone.now() + timedelta(minutes=5),
    )
    confirm = (
        services.employment_contract_worker_confirm
        if side == "worker"
        else services.employment_contract_employer_confirm
    )
    return confirm(contract=contract, by=by, code=DEMO_CODE)


def _confirm_both(contract, *, worker, agency_admin):
    if contract.status in ("generated", "employer_confirmed"):
        contract = _confirm(contract, by=worker, side="worker")
    if contract.status == "worker_confirmed":
        contract = _confirm(contract, by=agency_admin, side="employer")
    return contract


def load_chain(*, core: dict, stdout=None) -> EmploymentContract | None:
    """The demo worker's own accepted offer gets a registered contract; Nigina's goes all the
    way to a work permit that names it."""
    from portal.demo import demo_user

    users = core["users"]
    firuz_contract = EmploymentContract.objects.filter(
        application__profile__user=users["worker@demo.karavan.kz"]
    ).first()
    if firuz_contract is not None:
        _confirm_both(
            firuz_contract,
            worker=users["worker@demo.karavan.kz"],
            agency_admin=users["agency.admin@demo.karavan.kz"],
        )
    agency_admin = users.get(TJ_AGENCY_ADMIN)
    today = timezone.localdate()
    job_order = (
        JobOrder.objects.filter(
            agency__name="Pamir Work Partners",
            status=JobOrderStatus.APPROVED,
            employer__name="Astana Build Group",
            application_deadline__gte=today,
            occupation__code__startswith="71",
        )
        .order_by("pk")
        .first()
    )
    if agency_admin is None or job_order is None:
        return None
    worker = demo_user(*TJ_WORKER)
    if not worker.preferred_language:
        worker.preferred_language = "tg"
        worker.save(update_fields=["preferred_language"])
    profile = WorkerProfile.objects.filter(user=worker).first() or services.worker_profile_create(
        user=worker,
        data={
            "origin_country": job_order.scheme.origin_country,
            "sex": "F",
            "birth_year": 1996,
            "years_experience": 5,
            "education_level": "vocational",
            "months_available": list(range(3, 12)),
            "occupations": [job_order.occupation_id],
            "skills": [],
            "languages": {"tg": "proficient", "ru": "independent"},
        },
    )
    application = profile.applications.filter(job_order=job_order).first()
    if application is None:
        application = services.vacancy_application_submit(
            job_order=job_order,
            by=worker,
            submission_key=uuid.uuid4(),
            message="Five years of brickwork in Dushanbe.",
        )
        services.vacancy_application_offer(application=application, by=agency_admin)
        application = services.vacancy_application_accept(application=application, by=worker)
    contract = _confirm_both(application.contract, worker=worker, agency_admin=agency_admin)
    permit = _permit(core, worker, job_order, contract, stdout)
    if permit is not None and not application.work_permit_reference:
        services.vacancy_application_permit_link(
            application=application, by=agency_admin, reference=permit.number
        )
    _write(
        stdout,
        f"vacancies: contract {contract.number} → permit "
        f"{permit.number if permit else '(permits demo not loaded)'}",
    )
    return contract


def _permit(core, worker, job_order, contract, stdout=None):
    """Nigina's work permit, applied for with the job order and contract numbers, issued by
    the Kazakh authority (needs the permits demo: fees and quotas)."""
    from licensing.permits import services as permits
    from licensing.permits.models import DocumentKind, WorkPermit
    from licensing.permits.selectors import permit_settings, required_documents
    from portal.models import Country, Region

    existing = WorkPermit.objects.filter(contract_number=contract.number).first()
    if existing is not None:
        return existing
    users = core["users"]
    data = {
        "given_names": "Nigina",
        "surname": "Saidova",
        "sex": "F",
        "birth_date": date(1996, 1, 15),
        "nationality": Country.objects.get(pk="TJ"),
        "passport_number": "TJ4100104",
        "passport_expiry": timezone.localdate() + timedelta(days=4 * 365),
        "occupation": job_order.occupation,
        "qualification": "vocational",
        "qualification_evidence": "Vocational diploma, bricklaying",
        "employer_name": job_order.employer.name,
        "employer_tax_id": job_order.employer.registration_number[-12:],
        "employer_region": job_order.region,
        "job_order_number": job_order.number,
        "contract_number": contract.number,
        "region": Region.objects.get(pk=job_order.region_id),
        "requested_months": min(12, job_order.contract_months),
    }
    try:
        application = permits.permit_application_create(
            by=worker, kind="WP", country_id="KZ", data=data, submission_key=uuid.uuid4()
        )
        for kind in required_documents(
            application=application, settings=permit_settings(authority=application.authority)
        ):
            permits.permit_document_add(
                application=application,
                by=worker,
                kind=kind or DocumentKind.PASSPORT,
                uploaded=SimpleUploadedFile(
                    f"{kind}.pdf", plain_pdf(), content_type="application/pdf"
                ),
            )
        permits.permit_application_submit(application=application, by=worker)
        permits.permit_application_review_start(
            application=application, by=users["officer.kz@demo.karavan.kz"]
        )
        return permits.permit_application_approve(
            application=application, by=users["senior.kz@demo.karavan.kz"]
        )
    except Exception as error:  # noqa: BLE001 - without the permits demo the chain ends at the contract
        _write(stdout, f"vacancies: no demo permit for the contract ({error})")
        return None
