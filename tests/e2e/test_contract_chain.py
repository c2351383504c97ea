"""A contract number verifies the whole chain, in the browser.

A Kyrgyz worker accepts an offer; the contract is generated from the vetted job order. The
worker opens it in the browser, asks for a one-time code (it arrives by e-mail), types it and
confirms; the agency confirms for the employer; the contract is registered (KZ-EC-…) and the
work permit names it. The address in the contract's QR code then shows, on one public page,
the agency licence, the employer accreditation, the job order, the contract and the permit —
and axe finds nothing wrong with that page.
"""

import re
import uuid

import pytest

from portal.models import Role
from portal.verification import check_code
from tests.browser import axe_violations, format_violations
from tests.conftest import make_user
from vacancies import services
from vacancies.models import EmploymentContract, WorkerProfile

from .helpers import (
    PASSWORD,
    emails_to,
    page_kept_on_failure,
    published_vacancy,
    sign_in,
    uploads_in_tmp,  # noqa: F401
)

pytestmark = pytest.mark.usefixtures("uploads_in_tmp")
CODE_RE = re.compile(r": ([2-9A-Z]{6})\. ")  # the code, in whatever language the e-mail speaks


def _last_code(address: str) -> str:
    bodies = [m.body for m in emails_to(address) if CODE_RE.search(m.body)]
    assert bodies, f"no code e-mail to {address}"
    return CODE_RE.search(bodies[-1])[1]


@pytest.fixture
def world(transactional_db):
    v = published_vacancy()
    worker = make_user("aizada@example.org", first_name="Aizada", last_name="Mamytova")
    worker.preferred_language = "en"
    worker.save(update_fields=["preferred_language"])
    services.worker_profile_create(
        user=worker,
        data={
            "origin_country": v["scheme"].origin_country,
            "sex": "F",
            "birth_year": 1994,
            "years_experience": 4,
            "education_level": "vocational",
            "months_available": [4, 5, 6],
            "occupations": ["9211"],
            "skills": [],
            "languages": {"ky": "proficient"},
        },
    )
    application = services.vacancy_application_submit(
        job_order=v["job_order"], by=worker, submission_key=uuid.uuid4()
    )
    services.vacancy_application_offer(application=application, by=v["agency_admin"])
    services.vacancy_application_accept(application=application, by=worker)
    return {**v, "worker": worker, "contract": EmploymentContract.objects.get()}


def _permit(world, contract):
    from licensing.permits import services as permits
    from tests.permits.conftest import submitted

    application = submitted(
        world["worker"], job_order_number=world["job_order"].number, contract_number=contract.number
    )
    second = make_user(
        "second.officer@example.org", role=Role.OFFICER, organisation=world["kz_authority"]
    )
    permits.permit_application_review_start(application=application, by=second)
    return permits.permit_application_approve(application=application, by=second)


def test_a_contract_number_verifies_the_whole_chain(browser_page, world):
    page = browser_page
    contract = world["contract"]
    with page_kept_on_failure(page, "contract-chain"):
        sign_in(page, "aizada@example.org", password=PASSWORD)
        page.goto("/en/profile/applications/")
        page.get_by_role("link", name="Your employment contract").click()
        assert page.get_by_role("heading", level=1).inner_text() == "Employment contract"
        page.get_by_role("button", name="Send me a one-time code").click()
        page.fill("input[name=code]", _last_code("aizada@example.org"))
        page.get_by_role("button", name="Confirm", exact=True).click()
        assert "Confirmed by the worker" in page.content()
        contract.refresh_from_db()
        assert contract.status == "worker_confirmed"

        # The agency confirms for the employer (its own one-time code, by e-mail too).
        services.employment_contract_code_send(
            contract=contract, by=world["agency_admin"], side="employer"
        )
        contract = services.employment_contract_employer_confirm(
            contract=contract,
            by=world["agency_admin"],
            code=_last_code(world["agency_admin"].email),
        )
        assert contract.number.startswith("KZ-EC-")
        permit = _permit(world, contract)

        # What the QR code on the registered contract opens, for anyone, without signing in.
        page.context.clear_cookies()
        page.goto(f"/en/verify/{contract.number}/?code={check_code(contract.number)}")
        text = page.locator("main").inner_text()
        for number in (
            world["licence"].number,
            world["accreditation"].number,
            world["job_order"].number,
            contract.number,
            permit.number,
        ):
            assert number in text, number
        assert contract.sha256 in text
        violations = axe_violations(page)
        assert violations == [], format_violations(violations)
    assert WorkerProfile.objects.count() == 1
