"""Journey 1: a prospective migrant from Tajikistan, on a phone.

Reads the guide in Tajik, checks the agency's licence by number (from the guide's own form)
and by the address in the licence certificate's QR code, searches vacancies with filters,
registers with e-mail (confirming it from the e-mail), builds a skills profile (suggestions
without JavaScript), sees the vacancies that fit with the skills shared and missing, applies,
files an anonymous complaint and follows it with its tracking code. The public part runs a
second time with JavaScript switched off.
"""

from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from wagtail.models import Locale

from licensing import services as licensing_services
from licensing.certificate import licence_certificate_pdf, verification_url
from licensing.models import Complaint
from portal.models import AuditEvent, Role, User
from tests.browser import PHONE_VIEWPORT
from tests.conftest import make_user
from tests.info_campaigns.factories import BODY, guide_create, tree_build
from tests.vacancies.factories import published, skills
from vacancies.models import VacancyApplication, WorkerProfile

from .helpers import (
    filters_open,
    link_in_last_email,
    page_kept_on_failure,
    pdf_text,
    published_vacancy,
    sign_in,
    uploads_in_tmp,  # noqa: F401
)

pytestmark = pytest.mark.usefixtures("uploads_in_tmp")

EMAIL = "dilshod@example.org"
PASSWORD = "a-long-unusual-passphrase-42"
GUIDE_TITLE = "Кор дар Қазоқистон"
GUIDE_SUMMARY = "Бақайдгирӣ, иҷозатномаҳо ва кумак дар Қазоқистон."


@pytest.fixture
def world(transactional_db):
    """What exists before the migrant arrives: a Tajik guide to Kazakhstan with the "check
    your agency" box, a licensed KG agency with one published vacancy, and a second published
    vacancy elsewhere (so the filters have something to leave out)."""
    tree = tree_build()
    check_agency = BODY[-1]
    guide = guide_create(
        tree["tg"]["guides"],
        locale=Locale.objects.get(language_code="tg"),
        title=GUIDE_TITLE,
        summary=GUIDE_SUMMARY,
        work_permits=[BODY[1], check_agency],
    )
    v = published_vacancy()
    # A bricklayer's job in another occupation group, paid less: the filters leave it out.
    v["other"] = published(
        v,
        title="Bricklayer",
        occupation="7112",
        monthly_wage=Decimal("160000"),
        essential_skills=skills("lay bricks"),
        optional_skills=[],
    )
    kg_officer = make_user(
        "kg.officer@example.org", role=Role.OFFICER, organisation=v["kg_authority"]
    )
    return {**v, "guide": guide, "kg_officer": kg_officer}


def read_guide_and_verify_agency(page, world, live_server):
    """The guide in Tajik; the licence checked by number and by the certificate's QR address."""
    licence = world["licence"]
    page.goto("/tg/guides/kazakhstan/")
    assert page.locator("html").get_attribute("lang") == "tg"
    assert page.locator("h1").inner_text() == GUIDE_TITLE
    assert GUIDE_SUMMARY in page.locator(".lead").inner_text()

    # By number, with the "check your agency" form inside the guide (typed in lower case).
    page.locator("form[action='/tg/verify/'] input[name=number]").fill(licence.number.lower())
    page.locator("form[action='/tg/verify/'] [type=submit]").click()
    assert urlsplit(page.url).path == f"/tg/verify/{licence.number}/"
    assert licence.number in page.locator("h1").inner_text()
    assert page.locator(".status.active").count() == 1
    assert "Silk Road Recruitment" in page.locator("dl.facts").inner_text()

    # By the address the certificate's QR code carries: the certificate prints it under the
    # code, and it is the public check of this very licence.
    certificate = pdf_text(licence_certificate_pdf(licence=licence)).replace("\n", "")
    qr_url = verification_url(licence.number)
    assert qr_url in certificate
    page.goto(live_server.url + urlsplit(qr_url).path)
    assert page.locator("h1").inner_text().endswith(licence.number)
    assert page.locator(".status.active").count() == 1
    assert "Silk Road Recruitment" in page.locator("dl.facts").inner_text()


def search_vacancies(page, world):
    """Two vacancies published; the filters keep the fruit-picking one; its page opens."""
    job_order = world["job_order"]
    page.goto("/en/vacancies/")
    assert page.locator("h2#results").inner_text() == "2 vacancies found"
    filters_open(page)
    page.get_by_label("Destination country").select_option(label="Kazakhstan")
    page.get_by_label("Occupation group").select_option(value="9")
    page.get_by_label("Minimum monthly wage").fill("180000")
    page.get_by_label("Currency").fill("kzt")
    page.get_by_role("button", name="Search", exact=True).click()
    assert page.locator("h2#results").inner_text() == "1 vacancy found"
    assert page.get_by_role("link", name="Bricklayer").count() == 0
    page.get_by_role("link", name="Apple picker").first.click()
    assert page.locator("h1").inner_text() == "Apple picker"
    assert job_order.number in page.locator(".notice.ok").inner_text()
    assert "200,000 KZT a month" in page.locator("main").inner_text()


def complain_and_track(page, world) -> Complaint:
    """An anonymous complaint about the agency; its tracking code shows its status."""
    licence = world["licence"]
    page.goto(f"/en/complaints/new/?subject={licence.number}")
    assert (
        page.get_by_label("Licence or document number, if you have it").input_value()
        == licence.number
    )
    page.get_by_label("Name of the agency or recruiter").fill("Silk Road Recruitment")
    page.get_by_label("Country where you were recruited").select_option(label="Kyrgyzstan")
    page.get_by_label("Fees charged to the worker").check()
    page.get_by_label("What happened?").fill("They asked me for 300 dollars for the visa.")
    page.get_by_label("Amount you paid (if any)").fill("300")
    page.get_by_label("Currency").fill("usd")
    assert page.get_by_label("File anonymously", exact=False).is_checked()
    page.get_by_role("button", name="Send the complaint").click()
    assert page.locator("h1").inner_text() == "Your complaint has been received"
    code = page.locator(".tracking-code").inner_text()
    complaint = Complaint.objects.get(tracking_code=code)
    assert complaint.agency == world["agency"] and complaint.is_anonymous
    assert complaint.category == "fees" and complaint.currency == "USD"
    assert not complaint.contact and not complaint.contact_name
    event = AuditEvent.objects.get(action="complaint.file", object_id=str(complaint.pk))
    assert event.actor_id is None  # anonymous: not even a signed-in filer is recorded

    page.get_by_role("link", name="Follow your complaint").click()
    page.get_by_label("Tracking code").fill(code.lower())
    page.get_by_role("button", name="Show the status").click()
    facts = page.locator("dl.facts").inner_text()
    assert code in facts and "Fees charged to the worker" in facts and "Received" in facts

    # The KG authority starts investigating; the same code now shows it.
    licensing_services.complaint_investigate(complaint=complaint, by=world["kg_officer"])
    page.get_by_label("Tracking code").fill(code)
    page.get_by_role("button", name="Show the status").click()
    assert "Under investigation" in page.locator("dl.facts").inner_text()
    return complaint


def test_migrant_journey(browser_page, world, live_server):
    page = browser_page
    page.set_default_timeout(15_000)
    with page_kept_on_failure(page, "migrant"):
        _migrant_journey(page, world, live_server)


def _migrant_journey(page, world, live_server):
    job_order = world["job_order"]

    read_guide_and_verify_agency(page, world, live_server)
    search_vacancies(page, world)
    assert page.get_by_role("link", name="Sign in to apply").count() == 1

    # Register with e-mail; the address is confirmed from the e-mail's link.
    page.goto("/en/accounts/signup/")
    page.fill("input[name=email]", EMAIL)
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.locator("main form:has(input[name=password1]) [type=submit]").click()
    page.wait_for_load_state()
    user = User.objects.get(email=EMAIL)
    assert not user.emailaddress_set.get().verified
    page.goto(link_in_last_email(EMAIL, "/confirm-email/"))
    page.locator("main form [type=submit]").first.click()
    page.wait_for_load_state()
    assert user.emailaddress_set.get().verified
    if "/accounts/login/" in page.url:
        sign_in(page, EMAIL, password=PASSWORD)

    # The skills profile.
    page.goto("/en/profile/")
    assert page.locator("h1").inner_text() == "My worker profile"
    page.get_by_label("Country of origin").select_option(label="Tajikistan")
    page.get_by_label("Sex").select_option(value="M")
    page.get_by_label("Year of birth").fill("1996")
    page.locator("input[name=occupations][value='92']").check()
    page.get_by_label("Years of work experience").fill("4")
    for month in ("4", "5", "6", "7", "8"):
        page.locator(f"input[name=months_available][value='{month}']").check()
    page.locator("input[name=preferred_destinations][value='KZ']").check()
    page.locator("select[name=lang_ru]").select_option(value="independent")
    page.locator("select[name=lang_tg]").select_option(value="proficient")
    page.get_by_role("button", name="Save my profile").click()
    assert "Your profile is saved." in page.locator("main").inner_text()
    profile = WorkerProfile.objects.get(user=user)
    assert profile.origin_country_id == "TJ" and profile.months_available == [4, 5, 6, 7, 8]
    assert set(profile.languages.values_list("language_id", flat=True)) == {"ru", "tg"}
    assert AuditEvent.objects.filter(
        action="worker_profile.create", actor=user, object_id=str(profile.pk)
    ).exists()

    # Skills, found by a word and ticked (a plain GET form, no JavaScript).
    page.get_by_role("link", name="My skills").click()
    page.get_by_label("Find a skill").fill("harvest")
    page.get_by_role("button", name="Find").click()
    page.get_by_label("harvest crops").check()
    page.get_by_role("button", name="Save my skills").click()
    assert "Your skills are saved." in page.locator("main").inner_text()
    assert list(profile.skills.values_list("label", flat=True)) == ["harvest crops"]

    # Vacancies for this worker, with the skills shared and missing.
    page.goto("/en/vacancies-for-you/")
    first = page.locator("ol.matching-results > li").first
    assert first.locator("h2").inner_text() == "Apple picker"
    shared, missing = first.locator("ul.matching-skills").all()
    assert shared.inner_text().strip() == "✓ harvest crops"
    assert missing.inner_text().strip() == "operate forklift"

    # Apply.
    first.get_by_role("link", name="See the vacancy and apply").click()
    page.get_by_label("Message to the agency (optional)").fill("I picked apples for 4 seasons.")
    page.get_by_role("button", name="Apply for this job").click()
    assert page.locator("h1").inner_text() == "My applications"
    assert "Your application was sent." in page.locator("main").inner_text()
    card = page.locator("li.card").first
    assert "Apple picker" in card.inner_text() and job_order.number in card.inner_text()
    application = VacancyApplication.objects.get(job_order=job_order, profile=profile)
    assert application.status == "applied"
    assert card.locator(f".status.{application.status}").count() == 1
    assert AuditEvent.objects.filter(
        action="vacancy_application.submit", object_id=str(application.pk), actor=user
    ).exists()

    # An anonymous complaint against the agency, followed by its code: although the worker is
    # signed in, the complaint keeps no link to the account.
    complaint = complain_and_track(page, world)
    assert complaint.filed_by_id is None


def test_public_part_without_javascript(browser_reference_data, browser, world, live_server):
    """Guide, verification, search, vacancy page, complaint and tracking with JavaScript off."""
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE_VIEWPORT, java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    with page_kept_on_failure(page, "migrant-nojs"):
        read_guide_and_verify_agency(page, world, live_server)
        search_vacancies(page, world)
        complain_and_track(page, world)
    context.close()
