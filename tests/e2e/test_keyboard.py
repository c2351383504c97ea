"""Journey 1 with the keyboard only, in Tajik: Tab and Shift+Tab to move, Enter to follow links
and submit, Space to tick, arrow keys to choose in lists and radio groups. No clicks, no
``fill``: text is typed into the focused field. Every element that takes focus on the way must
show a visible focus outline, and the skip link must move focus to the main content.

The migrant reads the guide, checks the agency's licence from the guide's own form, searches
vacancies, registers, builds a profile and picks skills, sees the vacancies that fit, applies,
files an anonymous complaint and follows it with its tracking code.
"""

import re
from urllib.parse import urlsplit

import pytest
from wagtail.models import Locale

from licensing.models import Complaint
from portal.models import User
from tests.info_campaigns.factories import BODY, guide_create, tree_build
from vacancies.models import VacancyApplication, WorkerProfile

from .helpers import (  # noqa: F401
    link_in_last_email,
    page_kept_on_failure,
    published_vacancy,
    uploads_in_tmp,
)

pytestmark = pytest.mark.usefixtures("uploads_in_tmp")

EMAIL = "keyboard.migrant@example.org"
PASSWORD = "a-long-unusual-passphrase-42"
MAX_TABS = 400


@pytest.fixture
def world(transactional_db):
    """A Tajik guide to Kazakhstan with the "check your agency" box, and a licensed agency's
    published fruit-picking vacancy."""
    tree = tree_build()
    guide_create(
        tree["tg"]["guides"],
        locale=Locale.objects.get(language_code="tg"),
        title="Кор дар Қазоқистон",
        work_permits=[BODY[1], BODY[-1]],
    )
    return published_vacancy()


# --- keyboard helpers ------------------------------------------------------------------------

FOCUS_STATE = """selector => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    return {matches: el.matches(selector), tag: el.tagName, name: el.name || el.id || '',
            outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2};
}"""


def tab_to(page, selector: str, *, backwards: bool = False):
    """Press Tab (or Shift+Tab) until the focused element matches ``selector``. Every element
    focused on the way must show its focus outline."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(MAX_TABS):
        page.keyboard.press(key)
        state = page.evaluate(FOCUS_STATE, selector)
        if state["tag"] != "BODY":  # past the last element, focus leaves the page for a step
            assert state["outline"], (
                f"no visible focus on {state['tag']} {state['name']} ({page.url})"
            )
        if state["matches"]:
            return
    raise AssertionError(f"{selector} not reachable with {key} on {page.url}")


def activate(page, selector: str, **kwargs) -> None:
    """Tab to a link or button and press Enter; wait for the page it leads to."""
    tab_to(page, selector, **kwargs)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def menu_activate(page, href: str, *, backwards: bool = False) -> None:
    """Follow a link of the main menu: Tab to the menu button (folded on a phone), Enter opens
    it, then Tab to the link and Enter."""
    tab_to(page, "details.menu > summary", backwards=backwards)
    if page.evaluate("() => !document.activeElement.parentElement.open"):
        page.keyboard.press("Enter")
    activate(page, f"nav.main a[href='{href}']")


def filters_open(page) -> None:
    """Tab to the folded vacancy filters and open them with Enter."""
    tab_to(page, "details.filters > summary")
    if page.evaluate("() => !document.activeElement.parentElement.open"):
        page.keyboard.press("Enter")


def type_into(page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


def choose(page, selector: str, value: str) -> None:
    """Tab to a closed <select> and move through its options with the arrow keys."""
    tab_to(page, selector)
    page.keyboard.press("Home")
    for _ in range(MAX_TABS):
        if page.evaluate("() => document.activeElement.value") == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"option {value} not reached in {selector}")


def tick(page, selector: str) -> None:
    tab_to(page, selector)
    page.keyboard.press("Space")
    assert page.evaluate("() => document.activeElement.checked"), selector


def path(page) -> str:
    return urlsplit(page.url).path


# --- the journey -----------------------------------------------------------------------------


def test_migrant_journey_with_the_keyboard_only(browser_page, world):
    page = browser_page
    page.set_default_timeout(15_000)
    with page_kept_on_failure(page, "keyboard"):
        _journey(page, world)


def _journey(page, world):
    licence, job_order = world["licence"], world["job_order"]

    # The guide in Tajik; the first Tab reaches the skip link, which moves focus to <main>.
    page.goto("/tg/guides/kazakhstan/")
    tab_to(page, "a.skip[href='#main']")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    assert page.evaluate("() => !!document.activeElement.closest('main')"), (
        "after the skip link, Tab goes on inside the main content"
    )

    # Check the agency's licence with the guide's own form.
    type_into(page, "form[action='/tg/verify/'] input[name=number]", licence.number)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert path(page) == f"/tg/verify/{licence.number}/"
    assert page.locator(".status.active").count() == 1

    # Vacancies: the main menu, the destination filter, the search button, the vacancy.
    page.keyboard.press("Shift+Tab")  # back from <main> into the header: Shift+Tab works too
    menu_activate(page, "/tg/vacancies/", backwards=True)
    filters_open(page)
    choose(page, "select[name=country]", "KZ")
    activate(page, "main form[role=search] button[type=submit]")
    assert page.locator(f"a[href='/tg/vacancies/{job_order.pk}/']").count() == 1
    activate(page, f"a[href='/tg/vacancies/{job_order.pk}/']")
    assert path(page) == f"/tg/vacancies/{job_order.pk}/"

    # Register: from "sign in to apply" to the sign-up form.
    activate(page, "main a[href^='/tg/accounts/login/']")
    activate(page, "main a[href^='/tg/accounts/signup/']")
    type_into(page, "input[name=email]", EMAIL)
    type_into(page, "input[name=password1]", PASSWORD)
    type_into(page, "input[name=password2]", PASSWORD)
    activate(page, "main form button[type=submit]")
    user = User.objects.get(email=EMAIL)
    # The address is confirmed from the e-mail (opened in the mail app, not on this page).
    page.goto(link_in_last_email(EMAIL, "/confirm-email/"))
    activate(page, "main form button[type=submit]")
    if "/accounts/login/" in page.url:
        type_into(page, "input[name=login]", EMAIL)
        type_into(page, "input[name=password]", PASSWORD)
        activate(page, "main form button[type=submit]")

    # The profile, from "My account".
    menu_activate(page, "/tg/dashboard/")
    activate(page, "main a[href='/tg/profile/']")
    choose(page, "select[name=origin_country]", "TJ")
    choose(page, "select[name=sex]", "M")
    type_into(page, "input[name=birth_year]", "1996")
    tick(page, "input[name=occupations][value='92']")
    type_into(page, "input[name=years_experience]", "4")
    for month in ("4", "5", "6", "7", "8"):
        tick(page, f"input[name=months_available][value='{month}']")
    tick(page, "input[name=preferred_destinations][value='KZ']")
    choose(page, "select[name=lang_ru]", "independent")
    choose(page, "select[name=lang_tg]", "proficient")
    activate(page, "main form[method=post] button[type=submit]")
    profile = WorkerProfile.objects.get(user=user)
    assert profile.origin_country_id == "TJ" and profile.months_available == [4, 5, 6, 7, 8]

    # Skills: search by a word (Enter submits the search), tick one, save.
    activate(page, "main a[href='/tg/profile/skills/']")
    type_into(page, "input[name=q]", "harvest")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tick(page, "input[name=add]")
    activate(page, "main form[method=post] button[type=submit]")
    assert list(profile.skills.values_list("label", flat=True)) == ["harvest crops"]

    # The vacancies that fit, then apply.
    menu_activate(page, "/tg/dashboard/", backwards=True)
    activate(page, "main a[href='/tg/vacancies-for-you/']")
    activate(page, f"main a[href='/tg/vacancies/{job_order.pk}/']")
    type_into(page, "textarea[name=message]", "I picked apples for 4 seasons.")
    activate(page, "main form[method=post] button[type=submit]")
    assert path(page) == "/tg/profile/applications/"
    assert VacancyApplication.objects.filter(job_order=job_order, profile=profile).exists()

    # An anonymous complaint, from the main menu; the category is a radio group.
    menu_activate(page, "/tg/complaints/new/", backwards=True)
    type_into(page, "input[name=agency_name]", "Silk Road Recruitment")
    type_into(page, "input[name=licence_number]", licence.number)
    choose(page, "select[name=country]", "KG")
    tab_to(page, "input[name=category]")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")  # arrow keys move the choice within the group
    category = page.evaluate("() => document.activeElement.value")
    type_into(page, "textarea[name=description]", "They asked me for 300 dollars.")
    activate(page, "main form button[type=submit]")
    assert path(page) == "/tg/complaints/filed/"
    code = page.locator(".tracking-code").inner_text().strip()
    complaint = Complaint.objects.get(tracking_code=code)
    assert complaint.is_anonymous and complaint.category == category
    assert complaint.agency == world["agency"]

    # Follow it with its code.
    activate(page, "main a[href='/tg/complaints/track/']")
    type_into(page, "input[name=code]", code)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert re.search(re.escape(code), page.locator("dl.facts").inner_text())
