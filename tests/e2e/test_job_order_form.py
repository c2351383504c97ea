"""The agency's job-order form on a 390 px phone, once with JavaScript off (the search buttons
post the form back and nothing typed is lost) and once with it on (the options change as the
agency types; the browser's own refusals are listed at the top of the form)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from portal.models import EscoOccupation, Organisation, Role, Skill
from tests.conftest import make_user
from tests.vacancies.factories import licence_issue, minimum_wage, scheme_create
from vacancies.models import JobOrder

from .helpers import authority, page_kept_on_failure, pdf_file, sign_in, uploads_in_tmp  # noqa: F401

pytestmark = pytest.mark.usefixtures("uploads_in_tmp")

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def agency_admin(transactional_db):
    """A licensed KG agency, a KG→KZ scheme open to welders, and ESCO's welder skills."""
    kg = authority("KG")
    authority("KZ")  # vets the scheme's job orders
    agency = Organisation.objects.create(name="Osh Labour Link", kind="agency", country_id="KG")
    licence_issue(agency, kg)
    Organisation.objects.create(name="Almaty Steel", kind="employer", country_id="KZ")
    scheme_create(sectors=("9211", "7212"))
    minimum_wage()
    Skill.objects.create(
        label="use welding equipment", names={"ru": "Использование сварочного оборудования"}
    )
    Skill.objects.create(label="read blueprints")
    EscoOccupation.objects.create(
        uri="http://data.europa.eu/esco/occupation/welder",
        label="welder",
        isco_id="7212",
        essential_skills=["use welding equipment", "read blueprints"],
    )
    return make_user("director@osh.example.org", role=Role.AGENCY_ADMIN, organisation=agency)


def phone_page(browser, live_server, *, javascript: bool):
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, java_script_enabled=javascript
    )
    return context, context.new_page()


def fill_terms(form, tmp_path):
    """Everything but the occupation and the skills."""
    start = timezone.localdate() + timedelta(days=60)
    form.get_by_label("Scheme").select_option(label="KG→KZ seasonal agriculture")
    form.get_by_label("Employer", exact=True).select_option(label="Almaty Steel")
    form.get_by_label("Job title").fill("Welder")
    form.get_by_label("What the work involves").fill("Welding steel frames.")
    form.get_by_label("Working and living conditions").fill("Shared flat, 40 hours a week.")
    form.locator("input[name=languages][value=ru]").check()
    form.get_by_label("Region").select_option(value="KZ-75")
    form.get_by_label("City or town").fill("Almaty")
    form.get_by_label("Positions").fill("4")
    form.get_by_label("Monthly gross wage").fill("250000")
    form.get_by_label("Currency").fill("kzt")
    form.get_by_label("Hours per week").fill("40")
    form.get_by_label("Housing").select_option(value="free")
    form.get_by_label("Meals").select_option(value="free")
    form.get_by_label("Contract length (months)").fill("5")
    form.get_by_label("Work starts on").fill(start.isoformat())
    form.get_by_label("Work ends on").fill((start + timedelta(days=150)).isoformat())
    form.get_by_label("Apply by").fill((start - timedelta(days=14)).isoformat())
    form.get_by_label("Language of the contract template").select_option(value="ru")
    form.locator("details", has_text="Russian").locator("summary").click()
    form.get_by_label("Russian: Title").fill("Сварщик")
    form.get_by_label("Russian: Description").fill("Сварка каркасов.")
    form.get_by_label("Russian: Conditions").fill("Квартира, 40 часов в неделю.")


def assert_saved(page):
    assert "Job order saved." in page.locator("main").inner_text()
    job_order = JobOrder.objects.get()
    assert job_order.occupation_id == "7212"
    assert list(job_order.essential_skills.values_list("label", flat=True)) == [
        "use welding equipment"
    ]
    assert job_order.contract_template


def test_job_order_form_without_javascript(
    browser, live_server, agency_admin, tmp_path, browser_reference_data
):
    context, page = phone_page(browser, live_server, javascript=False)
    page.set_default_timeout(15_000)
    with page_kept_on_failure(page, "job-order-no-js"):
        sign_in(page, agency_admin.email)
        page.goto("/en/agency/job-orders/new/")
        form = page.locator("form[data-job-order-form]")
        fill_terms(form, tmp_path)
        # Occupation: a word in Russian, then the Search button (a round trip to the server).
        form.get_by_label("Find the occupation").fill("сварщик")
        form.locator("#occupation-chooser").get_by_role("button", name="Search").click()
        form = page.locator("form[data-job-order-form]")
        assert form.get_by_label("Job title").input_value() == "Welder"
        assert form.get_by_label("Russian: Title").input_value() == "Сварщик"
        assert form.get_by_label("Work starts on").input_value()
        form.get_by_label("7212 Welders and flamecutters").check()
        # Skills: search, tick, and the occupation stays chosen.
        form.get_by_label("Find an essential skill").fill("welding")
        form.locator("#essential_skills-chooser").get_by_role("button", name="Search").click()
        form = page.locator("form[data-job-order-form]")
        assert form.get_by_label("7212 Welders and flamecutters").is_checked()
        form.get_by_label("use welding equipment").check()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        # The file is chosen last: a browser never re-fills a file input after a round trip.
        form.get_by_label("Contract template (PDF)").set_input_files(
            pdf_file(tmp_path, "contract.pdf")
        )
        form.get_by_role("button", name="Save draft").click()
        assert_saved(page)
    context.close()


def test_job_order_form_with_javascript(
    browser, live_server, agency_admin, tmp_path, browser_reference_data
):
    context, page = phone_page(browser, live_server, javascript=True)
    page.set_default_timeout(15_000)
    with page_kept_on_failure(page, "job-order-js"):
        sign_in(page, agency_admin.email)
        page.goto("/en/agency/job-orders/new/")
        form = page.locator("form[data-job-order-form]")
        # The browser refuses an empty form; its messages are listed at the top too.
        form.get_by_role("button", name="Save draft").click()
        summary = form.locator("[data-browser-errors]")
        summary.wait_for()
        assert "Job title" in summary.inner_text()
        assert page.url.endswith("/agency/job-orders/new/")
        fill_terms(form, tmp_path)
        # Typing offers the occupations at once (no page load: the typed values stay as is).
        form.get_by_label("Find the occupation").fill("кафшергар")
        welders = form.get_by_label("7212 Welders and flamecutters")
        welders.wait_for()
        welders.check()
        # Choosing it offers its essential skills.
        weld = form.get_by_label("use welding equipment")
        weld.wait_for()
        weld.check()
        form.get_by_label("Find an essential skill").fill("blueprint")
        form.get_by_label("read blueprints").wait_for()
        assert weld.is_checked()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        form.get_by_label("Contract template (PDF)").set_input_files(
            pdf_file(tmp_path, "contract.pdf")
        )
        form.get_by_role("button", name="Save draft").click()
        assert_saved(page)
    context.close()
