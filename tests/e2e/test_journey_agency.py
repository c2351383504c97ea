"""Journey 2: a recruitment agency in Kyrgyzstan, from sign-up to its first job order.

The agency's director signs up and registers the agency, protects the account with an
authenticator app (TOTP), applies for a licence with its documents (small real PDFs), answers
the authority's request for information, downloads the licence certificate once approved, and
posts a job order for vetting. The officer's steps go through the licensing services (journey 3
drives the back office).
"""

import hashlib
from datetime import timedelta
from pathlib import Path

import pytest
from allauth.mfa.models import Authenticator
from django.utils import timezone

from licensing import services as licensing_services
from licensing.models import LicenceApplication
from portal.models import AuditEvent, Membership, Organisation, Role, User
from tests.conftest import make_user
from tests.vacancies.factories import minimum_wage, scheme_create, skills
from vacancies import services as vacancies_services
from vacancies.models import JobOrder

from .helpers import (
    authority,
    page_kept_on_failure,
    pdf_file,
    pdf_text,
    sign_in,
    sign_out,
    sign_up,
    totp_code,
    uploads_in_tmp,  # noqa: F401
)

pytestmark = pytest.mark.usefixtures("uploads_in_tmp")

EMAIL = "director@osh-labour.example.org"
PASSWORD = "osh-labour-link-2026!"
AGENCY = "Osh Labour Link"


@pytest.fixture
def world(transactional_db):
    """The authorities (KG licenses, KZ vets job orders), a KG→KZ scheme, an employer, the
    Almaty minimum wage and the ESCO skills the job order names."""
    kg, kz = authority("KG"), authority("KZ")
    employer = Organisation.objects.create(
        name="Almaty Agro Holding", kind="employer", country_id="KZ"
    )
    skills("harvest crops", "prune trees")
    minimum_wage()
    from tests.vacancies.factories import employer_accredit

    employer_accredit(employer, kz)
    return {
        "kg_authority": kg,
        "kz_authority": kz,
        "employer": employer,
        "scheme": scheme_create(),
        "kg_officer": make_user("kg.officer@example.org", role=Role.OFFICER, organisation=kg),
        "kz_officer": make_user("kz.officer@example.org", role=Role.OFFICER, organisation=kz),
    }


def test_agency_journey(browser_page, world, tmp_path):
    page = browser_page
    page.set_default_timeout(15_000)
    with page_kept_on_failure(page, "agency"):
        _agency_journey(page, world, tmp_path)


def _agency_journey(page, world, tmp_path):
    # Sign up with e-mail (confirmed from the e-mail), then register the agency.
    sign_up(page, EMAIL, PASSWORD)
    user = User.objects.get(email=EMAIL)
    page.goto("/en/agency/")
    assert page.url.endswith("/en/agency/register/")
    page.get_by_label("Agency name").fill(AGENCY)
    page.get_by_label("Country of registration").select_option(label="Kyrgyzstan")
    page.get_by_label("Business registration number").fill("KG-77-0042")
    page.get_by_label("Office address").fill("Lenin 1, Osh")
    page.get_by_label("Contact e-mail").fill("office@osh-labour.example.org")
    page.get_by_role("button", name="Register the agency").click()
    assert page.locator("h1").inner_text() == AGENCY
    assert "Your agency holds no licence yet." in page.locator("main").inner_text()
    agency = Organisation.objects.get(name=AGENCY)
    assert agency.kind == "agency" and agency.country_id == "KG"
    assert Membership.objects.get(user=user, organisation=agency).role == Role.AGENCY_ADMIN
    assert AuditEvent.objects.filter(action="organisation.register", actor=user).exists()

    # Two-factor authentication with an authenticator app: the secret shown on the set-up page
    # is what the app would store; the code typed is the one it would show.
    page.goto("/en/accounts/2fa/totp/activate/")
    if "/reauthenticate/" in page.url:  # allauth asks for the password again first
        page.fill("input[name=password]", PASSWORD)
        page.locator("main form:has(input[name=password]) [type=submit]").click()
        page.wait_for_load_state()
    secret = page.locator("#authenticator_secret").input_value()
    assert len(secret) >= 16
    page.fill("input[name=code]", totp_code(secret))
    page.locator("main form:has(input[name=code]) [type=submit]").click()
    page.wait_for_load_state()
    assert Authenticator.objects.filter(user=user, type="totp").exists()
    # From now on signing in takes the code as well.
    sign_out(page)
    sign_in(page, EMAIL, password=PASSWORD, totp_secret=secret)

    # The licence application, step by step.
    page.goto("/en/agency/")
    page.get_by_role("button", name="Apply for a licence").click()
    application = LicenceApplication.objects.get(agency=agency)
    assert page.url.endswith(f"/en/agency/licence/{application.pk}/step/scope/")
    page.locator("input[name=destination_countries][value=KZ]").check()
    page.locator("input[name=sectors][value='92']").check()
    page.get_by_label("Planned placements per year").fill("60")
    page.get_by_label("Office address").fill("Lenin 1, Osh")
    page.get_by_role("button", name="Save and continue").click()
    assert page.url.endswith("/step/documents/")
    for kind in licensing_services.REQUIRED_DOCUMENTS:
        page.locator(f"input[type=file][name={kind}]").set_input_files(
            pdf_file(tmp_path, f"{kind}.pdf")
        )
    page.get_by_role("button", name="Save and continue").click()
    assert page.url.endswith("/step/declaration/")
    assert application.documents.count() == len(licensing_services.REQUIRED_DOCUMENTS)
    page.get_by_label("We charge workers no recruitment fee", exact=False).check()
    page.get_by_label("We never keep workers' passports", exact=False).check()
    page.get_by_role("button", name="Save and continue").click()
    assert page.url.endswith(f"/en/agency/licence/{application.pk}/")
    page.get_by_role("button", name="Submit the application").click()
    assert "Your application has been submitted." in page.locator("main").inner_text()
    assert page.locator("h1 .status.submitted").count() == 1
    application.refresh_from_db()
    assert application.status == "submitted" and application.authority == world["kg_authority"]

    # The KG officer asks a question; the agency answers and resubmits.
    officer = world["kg_officer"]
    licensing_services.licence_application_review_start(application=application, by=officer)
    licensing_services.licence_application_request_info(
        application=application, by=officer, message="Send the lease of the Osh office."
    )
    page.reload()
    assert page.locator("h1 .status.info_requested").count() == 1
    assert "Send the lease of the Osh office." in page.locator("main").inner_text()
    page.get_by_label("Your answer to the authority").fill("The lease is the office proof.")
    page.get_by_role("button", name="Answer and resubmit").click()
    assert page.locator("h1 .status.submitted").count() == 1
    assert "The lease is the office proof." in page.locator("main").inner_text()
    application.refresh_from_db()
    assert application.information_requests.get().response == "The lease is the office proof."
    submits = AuditEvent.objects.filter(
        action="licence_application.submit", object_id=str(application.pk), actor=user
    )
    assert sorted(submits.values_list("from_state", "to_state")) == [
        ("draft", "submitted"),
        ("info_requested", "submitted"),
    ]

    # Approved: the agency downloads its certificate, a PDF carrying the licence number.
    licensing_services.licence_application_review_start(application=application, by=officer)
    licence = licensing_services.licence_application_approve(application=application, by=officer)
    page.goto("/en/agency/")
    row = page.locator("table tbody tr").first
    assert licence.number in row.inner_text()
    assert row.locator(".status.active").count() == 1
    with page.expect_download() as download:
        row.get_by_role("link", name="Certificate (PDF)").click()
    data = Path(download.value.path()).read_bytes()
    assert data.startswith(b"%PDF")
    assert licence.number in pdf_text(data)
    assert download.value.suggested_filename == f"{licence.number}.pdf"
    # Anyone can check it; it covers placements in Kazakhstan, as applied for.
    page.goto(f"/en/verify/{licence.number}/")
    assert page.locator(".status.active").count() == 1
    facts = page.locator("dl.facts").inner_text()
    assert AGENCY in facts and "May place workers in\tKazakhstan" in facts.replace("\n", "\t")

    # A job order under the KG→KZ scheme, with its contract template, sent for vetting.
    page.goto("/en/agency/job-orders/")
    page.get_by_role("link", name="Post a job order").click()
    start = timezone.localdate() + timedelta(days=60)
    form = page.locator("main form[method=post]").filter(has=page.locator("[name=title]"))
    form.get_by_label("Scheme").select_option(label=world["scheme"].name)
    form.get_by_label("Employer", exact=True).select_option(label="Almaty Agro Holding")
    form.get_by_label("Job title").fill("Apple picker")
    form.get_by_label("What the work involves").fill("Harvest apples near Almaty.")
    # Vetting wants title, description and conditions in a language of each country (ru here).
    form.get_by_label("Working and living conditions").fill("Shared room on the farm, 2 km away.")
    # The occupation and the skills are found by search (the script offers them as it goes).
    form.get_by_label("Find the occupation").fill("9211")
    form.locator("input[name=occupation][value='9211']").check()
    form.get_by_label("Find an essential skill").fill("harvest")
    form.get_by_label("harvest crops").check()
    form.get_by_label("Find an optional skill").fill("prune")
    form.get_by_label("prune trees").check()
    form.locator("input[name=languages][value=ru]").check()
    form.get_by_label("Region").select_option(value="KZ-75")
    form.get_by_label("City or town").fill("Almaty")
    form.get_by_label("Positions").fill("12")
    form.get_by_label("Monthly gross wage").fill("210000")
    form.get_by_label("Currency").fill("kzt")
    form.get_by_label("Hours per week").fill("40")
    form.get_by_label("Housing").select_option(value="free")
    form.get_by_label("Meals").select_option(value="deducted")
    form.get_by_label("Contract length (months)").fill("6")
    form.get_by_label("Work starts on").fill(start.isoformat())
    form.get_by_label("Work ends on").fill((start + timedelta(days=180)).isoformat())
    form.get_by_label("Apply by").fill((start - timedelta(days=14)).isoformat())
    form.get_by_label("Language of the contract template").select_option(value="ru")
    contract = pdf_file(tmp_path, "contract-ru.pdf")
    form.get_by_label("Contract template (PDF)").set_input_files(contract)
    form.locator("[type=submit]").last.click()
    assert "Job order saved." in page.locator("main").inner_text()
    job_order = JobOrder.objects.get(agency=agency)
    assert job_order.worker_fee_amount == 0 and job_order.contract_template
    assert list(job_order.optional_skills.values_list("label", flat=True)) == ["prune trees"]
    page.get_by_role("button", name="Submit for vetting").click()
    job_order.refresh_from_db()
    assert job_order.status == "submitted"
    assert page.locator(".status.submitted").count() >= 1

    # Vetted in Kazakhstan, it is public with its number.
    kz_officer = world["kz_officer"]
    vacancies_services.job_order_review_start(job_order=job_order, by=kz_officer)
    vacancies_services.job_order_approve(job_order=job_order, by=kz_officer)
    job_order.refresh_from_db()
    # The approved contract's fingerprint is that of the file the agency uploaded.
    assert job_order.contract_sha256 == hashlib.sha256(Path(contract).read_bytes()).hexdigest()
    page.goto("/en/agency/job-orders/")
    assert job_order.number in page.locator("table").inner_text()
    page.goto(f"/en/vacancies/{job_order.pk}/")
    assert page.locator("h1").inner_text() == "Apple picker"
    assert AGENCY in page.locator("main").inner_text()
    page.locator("main details.technical summary").click()
    assert job_order.contract_sha256 in page.locator("main code").inner_text()
