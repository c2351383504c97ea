"""Issue 21's Done-when, in Chromium: a help request filed anonymously in Tajik from Russia is
triaged by the Tajik authority, referred with consent to the Russian labour inspectorate
(which sees only what was ticked), answered there, closed with an outcome, and counted by sex;
the person follows it by the tracking code alone. axe-core checks /tg/help/ and
/ru/resource-centres/.

Only the preconditions (the organisations and their staff, a hotline and two centres) are
built directly; everything the person, the officer and the inspector do is clicks and forms.
"""

import re

import pytest
from playwright.sync_api import expect

from licensing.protection.models import HelpReferral, HelpRequest
from licensing.protection.selectors import help_figures_by_sex
from portal.models import Organisation, Role
from tests.browser import PHONE_VIEWPORT, axe_violations, format_violations
from tests.conftest import make_user

from .helpers import desk, page_kept_on_failure, staff_sign_in  # noqa: F401

DESCRIPTION = "Бригадир шиносномаи маро гирифт ва се моҳ музд намедиҳад."


@pytest.fixture
def parties(transactional_db):
    from tests.info_campaigns.factories import centre_create, hotline_create

    C = Organisation.Competence
    tj = Organisation.objects.create(
        name="Migration Service of Tajikistan",
        kind="authority",
        country_id="TJ",
        competences=[C.MIGRANT_PROTECTION],
    )
    inspectorate = Organisation.objects.create(
        name="Labour Inspectorate Moscow",
        kind="authority",
        country_id="RU",
        competences=[C.LABOUR_INSPECTION],
    )
    hotline_create(name="Рақами ягонаи хадамоти фавқулодда", number="112", country=None)
    centre_create(
        name="Dushanbe resource centre",
        country_id="TJ",
        city="Dushanbe",
        phones="+992 37 000 0001",
        latitude="38.5598",
        longitude="68.787",
        services="Pre-departure orientation\nLegal advice",
    )
    centre_create(
        name="Moscow advice point",
        country_id="RU",
        city="Moscow",
        phones="+7 495 000 0000",
        latitude="55.7558",
        longitude="37.6173",
    )
    return {
        "officer": make_user("tj.officer@example.org", role=Role.OFFICER, organisation=tj),
        "inspector": make_user(
            "inspector@example.org", role=Role.OFFICER, organisation=inspectorate
        ),
        "inspectorate": inspectorate,
    }


def new_page(browser, live_server, *, phone=False):
    viewport = PHONE_VIEWPORT if phone else {"width": 1280, "height": 900}
    return browser.new_context(base_url=live_server.url, viewport=viewport).new_page()


def section(page, label):
    """The action form on a case page headed by `label`."""
    return page.get_by_role("region", name=label)


def test_help_request_from_russia_in_tajik_is_referred_answered_and_counted(
    browser, live_server, desk, parties
):  # noqa: F811
    person = new_page(browser, live_server, phone=True)
    with page_kept_on_failure(person, "help-person"):
        # 1. The person asks for help in Tajik, without an account, from Russia.
        person.goto("/tg/help/")
        assert axe_violations(person) == [], format_violations(axe_violations(person))
        person.check("input[name=category][value=documents_withheld]")
        person.fill("textarea[name=description]", DESCRIPTION)
        for code in ("documents_retained", "wages_withheld", "threats"):
            person.check(f"input[name=q_{code}][value=yes]")
        person.select_option("select[name=origin_country]", "TJ")
        person.select_option("select[name=current_country]", "RU")
        person.check("input[name=sex][value=F]")
        person.check("input[name=consent_to_refer]")
        person.locator("main form button[type=submit]").click()
        person.wait_for_load_state()
        expect(person).to_have_url(re.compile(r"/tg/help/sent/$"))
        code = person.locator(".tracking-code").inner_text().strip()
        assert re.fullmatch(r"H[A-Z2-9]{9}", code)
        expect(person.get_by_role("link", name="112")).to_be_visible()  # hotline at once
        assert axe_violations(person) == [], format_violations(axe_violations(person))
    request = HelpRequest.objects.get(tracking_code=code)
    assert (request.is_anonymous, request.language, request.priority) == (True, "tg", "urgent")

    # 2. The Tajik authority triages it and refers it, with the consent given on the form,
    # to the Moscow inspectorate, sharing the problem and the place but not the words.
    officer = desk
    with page_kept_on_failure(officer, "help-officer"):
        staff_sign_in(officer, parties["officer"])
        officer.goto("/admin/protection/requests/")
        officer.get_by_role("row").filter(has_text=code).get_by_role("link").first.click()
        officer.wait_for_load_state()
        if "/inspect/" not in officer.url:
            officer.goto(f"/admin/protection/requests/inspect/{request.pk}/")
        expect(officer.get_by_text(DESCRIPTION)).to_be_visible()
        section(officer, "Take the request (I handle it)").get_by_role("button").click()
        expect(officer.get_by_text("Done: Take the request (I handle it).")).to_be_visible()
        refer = section(officer, "Refer to an organisation")
        refer.locator("select[name=refer-party]").select_option("inspectorate")
        refer.locator("select[name=refer-organisation]").select_option(
            label="Labour Inspectorate Moscow"
        )
        refer.locator("input[name=refer-shared_items][value=description]").uncheck()
        refer.locator("textarea[name=refer-message]").fill(
            "Please have her passport returned and the wages paid."
        )
        refer.get_by_role("button", name="Refer to an organisation").click()
        expect(officer.get_by_text("Done: Refer to an organisation.")).to_be_visible()
    referral = HelpReferral.objects.get(help_request=request)
    assert "description" not in referral.shared

    # 3. The inspectorate sees only its referral, and in it only what was shared; it answers.
    inspector = new_page(browser, live_server)
    with page_kept_on_failure(inspector, "help-inspector"):
        staff_sign_in(inspector, parties["inspector"])
        inspector.goto(f"/admin/protection/requests/inspect/{request.pk}/")
        assert DESCRIPTION not in inspector.content()
        inspector.goto(f"/admin/protection/referrals/inspect/{referral.pk}/")
        expect(inspector.get_by_text("What the authority shared with you")).to_be_visible()
        expect(inspector.get_by_text("Passport or documents withheld")).to_be_visible()
        assert DESCRIPTION not in inspector.content()
        answer = section(inspector, "Answer")
        answer.locator("textarea[name=answer-response]").fill(
            "The employer returned the passport and paid the wages after our visit."
        )
        answer.get_by_role("button", name="Answer").click()
        expect(inspector.get_by_text("Done: Answer.")).to_be_visible()

    # 4. The authority reads the answer and closes the case with its outcome.
    with page_kept_on_failure(officer, "help-officer-close"):
        officer.goto(f"/admin/protection/requests/inspect/{request.pk}/")
        expect(officer.get_by_text("paid the wages after our visit")).to_be_visible()
        close = section(officer, "Close with an outcome")
        close.locator("select[name=close-outcome]").select_option("resolved")
        close.locator("textarea[name=close-outcome_note]").fill(
            "Шиносномаатонро баргардонданд ва музд пардохт шуд."
        )
        close.get_by_role("button", name="Close with an outcome").click()
        expect(officer.get_by_text("Done: Close with an outcome.")).to_be_visible()

    # 5. Counted by sex.
    figures = help_figures_by_sex(country_id="TJ")
    assert figures["outcome"]["resolved"] == {"F": 1, "M": 0, "X": 0, "total": 1}
    assert figures["party"]["inspectorate"]["F"] == 1

    # 6. The person follows it with the code alone (sent by POST, never in the URL).
    with page_kept_on_failure(person, "help-track"):
        person.goto("/tg/help/track/")
        person.fill("input[name=code]", code.lower())
        person.locator("main form button[type=submit]").click()
        person.wait_for_load_state()
        assert code not in person.url
        expect(person.get_by_text("музд пардохт шуд")).to_be_visible()
        expect(person.get_by_text("Labour Inspectorate Moscow")).to_be_visible()


def test_resource_centres_page_is_accessible_and_needs_no_script(browser, live_server, parties):
    page = new_page(browser, live_server, phone=True)
    with page_kept_on_failure(page, "resource-centres"):
        page.goto("/ru/resource-centres/")
        expect(page.locator("svg.map")).to_be_visible()
        expect(page.get_by_role("heading", name="Moscow advice point")).to_be_visible()
        assert axe_violations(page) == [], format_violations(axe_violations(page))
        page.select_option("select[name=country]", "RU")
        page.locator("main form.inline-form button[type=submit]").click()
        page.wait_for_load_state()
        assert "country=RU" in page.url
        expect(page.get_by_text("Dushanbe resource centre")).to_have_count(0)
