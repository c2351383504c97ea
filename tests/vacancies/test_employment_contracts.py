"""Individual employment contracts: generated at acceptance in the worker's language and the
destination's, confirmed by both sides with one-time codes, registered (EC number, SHA-256),
named by the permit, and verified as a whole chain."""

import hashlib
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from portal.models import AuditEvent
from portal.numbering import NumberSequence
from portal.verification import check_code, verify_number
from tests.concurrency import at_once
from tests.conftest import make_user, requires_postgres
from vacancies import services
from vacancies.models import ContractConfirmationCode, EmploymentContract, EmploymentContractStatus

from .factories import published, under_review

pytestmark = pytest.mark.django_db
C = EmploymentContractStatus


def _accept(v, job_order, worker=None):
    worker = worker or v["worker"]
    application = services.vacancy_application_submit(
        job_order=job_order, by=worker, submission_key=uuid.uuid4()
    )
    services.vacancy_application_offer(application=application, by=v["agency_admin"])
    return services.vacancy_application_accept(application=application, by=worker)


SENT: list = []


@pytest.fixture(autouse=True)
def codes_sent(monkeypatch):
    """What `notify` was asked to send from the contract services (the codes, in the clear,
    exist only there)."""
    from vacancies.services import employment_contracts

    SENT.clear()
    real = employment_contracts.notify

    def record(*, event, recipients, context):
        SENT.append((event, list(recipients), dict(context)))
        return real(event=event, recipients=recipients, context=context)

    monkeypatch.setattr(employment_contracts, "notify", record)
    yield SENT


def _code_sent_to(user) -> str:
    return [
        context["code"]
        for event, recipients, context in SENT
        if event == "employment_contract.code" and user in recipients
    ][-1]


def _confirm_both(v, contract):
    services.employment_contract_code_send(contract=contract, by=v["worker"], side="worker")
    services.employment_contract_worker_confirm(
        contract=contract, by=v["worker"], code=_code_sent_to(v["worker"])
    )
    services.employment_contract_code_send(contract=contract, by=v["agency_admin"], side="employer")
    return services.employment_contract_employer_confirm(
        contract=contract, by=v["agency_admin"], code=_code_sent_to(v["agency_admin"])
    )


def test_accepting_an_offer_generates_the_contract(v, worker_profile):
    application = _accept(v, published(v))
    contract = application.contract
    assert contract.status == C.GENERATED and contract.number is None
    # The worker (Kyrgyz, writing English here) gets Russian, a language of Kyrgyzstan the job
    # order is written in; the destination's side is Russian too.
    assert contract.worker_language in ("ru", "en")
    assert contract.destination_language == "ru"
    content = contract.pdf.open("rb").read()
    assert content.startswith(b"%PDF")
    assert contract.sha256 == hashlib.sha256(content).hexdigest()
    assert AuditEvent.objects.filter(action="employment_contract.generate").count() == 1


def test_both_sides_confirm_with_one_time_codes_and_the_contract_is_registered(v, worker_profile):
    contract = _accept(v, published(v)).contract
    draft = contract.sha256
    services.employment_contract_code_send(contract=contract, by=v["worker"], side="worker")
    code = _code_sent_to(v["worker"])
    with pytest.raises(ValidationError):
        services.employment_contract_worker_confirm(
            contract=contract, by=v["worker"], code="WRONG1"
        )
    contract = services.employment_contract_worker_confirm(
        contract=contract, by=v["worker"], code=code
    )
    assert contract.status == C.WORKER_CONFIRMED
    with pytest.raises(ValidationError):  # a code works once
        services.employment_contract_employer_confirm(
            contract=contract, by=v["agency_admin"], code=code
        )
    services.employment_contract_code_send(contract=contract, by=v["agency_admin"], side="employer")
    contract = services.employment_contract_employer_confirm(
        contract=contract, by=v["agency_admin"], code=_code_sent_to(v["agency_admin"])
    )
    assert contract.status == C.REGISTERED
    year = timezone.localdate().year
    assert contract.number == f"KZ-EC-{year}-000001"
    assert contract.sha256 != draft
    assert contract.sha256 == hashlib.sha256(contract.pdf.open("rb").read()).hexdigest()
    event = AuditEvent.objects.get(action="employment_contract.employer_confirm")
    assert event.from_state == C.WORKER_CONFIRMED and event.to_state == C.REGISTERED
    assert event.changes["number"] == [None, contract.number]
    assert event.changes["sha256"] == [draft, contract.sha256]
    assert event.role == "agency_admin"


def test_only_each_side_may_ask_for_its_code(v, worker_profile):
    contract = _accept(v, published(v)).contract
    stranger = make_user("stranger@example.org")
    with pytest.raises(PermissionDenied):
        services.employment_contract_code_send(contract=contract, by=stranger, side="worker")
    with pytest.raises(PermissionDenied):
        services.employment_contract_code_send(contract=contract, by=v["worker"], side="employer")
    with pytest.raises(PermissionDenied):
        services.employment_contract_code_send(
            contract=contract, by=v["agency_admin"], side="worker"
        )


def test_codes_are_stored_hashed_and_expire(v, worker_profile):
    contract = _accept(v, published(v)).contract
    services.employment_contract_code_send(contract=contract, by=v["worker"], side="worker")
    code = _code_sent_to(v["worker"])
    row = ContractConfirmationCode.objects.get()
    assert code not in row.code_hash
    ContractConfirmationCode.objects.update(expires_at=timezone.now())
    with pytest.raises(ValidationError):
        services.employment_contract_worker_confirm(contract=contract, by=v["worker"], code=code)


def test_the_permit_references_the_contract_and_the_chain_verifies(v, worker_profile, client):
    from licensing.permits.models import WorkPermit

    job_order = published(v)
    contract = _confirm_both(v, _accept(v, job_order).contract)
    permit = _permit_for(v, job_order, contract)
    assert permit.contract_number == contract.number
    result = verify_number(contract.number, check_code(contract.number))
    kinds = [linked.number.split("-")[1] for linked in result.linked]
    assert kinds == ["LIC", "EMP", "JO", "WP"]
    assert result.status == "active"
    # By number alone: registered or not, nothing about the person.
    bare = verify_number(contract.number)
    assert bare.withheld and bare.linked == [] and bare.holder == ""
    # The permit's own check shows the contract in its chain.
    permit_result = verify_number(permit.number, check_code(permit.number))
    assert contract.number in [linked.number for linked in permit_result.linked]
    page = client.get(f"/en/verify/{contract.number}/?code={check_code(contract.number)}")
    assert page.status_code == 200
    for number in (
        v["licence"].number,
        v["accreditation"].number,
        job_order.number,
        contract.number,
        permit.number,
    ):
        assert number.encode() in page.content
    assert WorkPermit.objects.count() == 1


def _permit_for(v, job_order, contract):
    """A work permit issued through the permit services for the worker, naming the contract."""
    from licensing.permits import services as permit_services
    from portal.models import Role
    from tests.permits.conftest import submitted

    application = submitted(
        v["worker"], job_order_number=job_order.number, contract_number=contract.number
    )
    second = make_user("officer-two@example.org", role=Role.OFFICER, organisation=v["kz_authority"])
    application = permit_services.permit_application_review_start(
        application=application, by=second
    )
    return permit_services.permit_application_approve(application=application, by=second)


def test_a_permit_cannot_name_an_unknown_contract(v, worker_profile):
    from licensing.permits import services as permit_services
    from licensing.permits.services.permit_applications import ERROR_CONTRACT_UNKNOWN
    from tests.permits.conftest import application_data

    with pytest.raises(ValidationError) as exc:
        permit_services.permit_application_create(
            by=v["worker"],
            kind="WP",
            country_id="KZ",
            data=application_data(contract_number="KZ-EC-2026-999999"),
            submission_key=uuid.uuid4(),
        )
    assert str(ERROR_CONTRACT_UNKNOWN) in exc.value.messages


def test_vetting_refuses_a_contract_not_available_in_an_origin_language(v):
    # Written in English only, contract template in English: nothing a Kyrgyz worker reads.
    job_order = under_review(v, translations={}, contract_language="en")
    problems = services.job_order_contract_language_gaps(job_order)
    assert len(problems) == 1 and "Kyrgyzstan" in problems[0]
    assert problems[0] in services.job_order_vetting_problems(job_order)
    ok = under_review(v)
    assert services.job_order_contract_language_gaps(ok) == []


def test_worker_and_agency_pages(v, worker_profile, client):
    contract = _accept(v, published(v)).contract
    client.force_login(v["worker"])
    page = client.get(f"/en/contracts/{contract.pk}/")
    assert page.status_code == 200 and b"Confirm your contract" in page.content
    assert client.get(f"/en/contracts/{contract.pk}/pdf/").status_code == 200
    assert client.post(f"/en/contracts/{contract.pk}/code/").status_code == 302
    response = client.post(
        f"/en/contracts/{contract.pk}/confirm/", {"code": _code_sent_to(v["worker"])}
    )
    assert response.status_code == 302
    contract.refresh_from_db()
    assert contract.status == C.WORKER_CONFIRMED
    stranger = make_user("nosy@example.org")
    client.force_login(stranger)
    assert client.get(f"/en/contracts/{contract.pk}/").status_code == 404
    assert client.get(f"/en/contracts/{contract.pk}/pdf/").status_code == 404
    client.force_login(v["agency_admin"])
    page = client.get(f"/en/contracts/{contract.pk}/")
    assert b"Confirm the contract for the employer" in page.content


@pytest.mark.postgres
@requires_postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_get_unique_gapless_ec_numbers(v):
    job_order = published(v, positions=6)
    contracts = []
    for i in range(6):
        worker = make_user(f"w{i}@example.org")
        services.worker_profile_create(
            user=worker,
            data={
                "origin_country": v["scheme"].origin_country,
                "sex": "F",
                "birth_year": 1990,
                "years_experience": 2,
                "education_level": "vocational",
                "months_available": [5],
                "occupations": ["9211"],
                "skills": [],
                "languages": {"ky": "proficient"},
            },
        )
        contract = _accept(v, job_order, worker).contract
        services.employment_contract_code_send(contract=contract, by=worker, side="worker")
        services.employment_contract_worker_confirm(
            contract=contract, by=worker, code=_code_sent_to(worker)
        )
        services.employment_contract_code_send(
            contract=contract, by=v["agency_admin"], side="employer"
        )
        contracts.append((contract, _code_sent_to(v["agency_admin"])))
        # each send replaces the agency's older unused code for *that* contract only
    queue = list(contracts)

    def confirm():
        contract, code = queue.pop()
        return services.employment_contract_employer_confirm(
            contract=contract, by=v["agency_admin"], code=code
        ).number

    results, errors = at_once(confirm, 6)
    year = timezone.localdate().year
    assert errors == []
    assert sorted(results) == [f"KZ-EC-{year}-{i:06d}" for i in range(1, 7)]
    assert NumberSequence.objects.get(country="KZ", kind="EC", year=year).last == 6
    assert EmploymentContract.objects.filter(status=C.REGISTERED).count() == 6
