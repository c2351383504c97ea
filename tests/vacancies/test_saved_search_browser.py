"""Saved searches in Chromium on a 390 × 844 phone: sign in from the search,
save it, see it in "my saved searches", and stop it from the alert's link signed out —
no page scrolls sideways, and axe finds no WCAG 2.2 AA violation."""

import pytest

from tests.browser import (  # noqa: F401
    axe_violations,
    browser,
    browser_page,
    browser_reference_data,
    format_violations,
)
from tests.conftest import make_user
from vacancies.models import SavedSearch

pytestmark = pytest.mark.browser

SIDEWAYS = "document.documentElement.scrollWidth > document.documentElement.clientWidth"


def check(page):
    assert not page.evaluate(SIDEWAYS), f"{page.url} scrolls sideways"
    violations = axe_violations(page)
    assert violations == [], format_violations(violations)


def test_save_list_and_unsubscribe_on_a_phone(browser_page):  # noqa: F811
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    make_user("phone.worker@example.org", preferred_language="tg")
    page.goto("/tg/vacancies/?q=%D0%BA%D0%B0%D1%84%D1%88%D0%B5%D1%80%D0%B3%D0%B0%D1%80")
    login = page.locator("a.save-search, .save-search a").first
    check(page)
    login.click()
    page.fill("input[name=login]", "phone.worker@example.org")
    page.fill("input[name=password]", "correct-horse-battery")
    page.locator("main form:has(input[name=password]) [type=submit]").first.click()
    page.wait_for_load_state()
    assert "/tg/vacancies/" in page.url  # back on the same search
    page.locator("form.save-search button").click()
    page.wait_for_load_state()
    assert page.url.endswith("/tg/profile/alerts/")
    assert "«кафшергар»" in page.content()
    check(page)

    search = SavedSearch.objects.get()
    page.context.clear_cookies()
    page.goto(f"/tg/vacancies/alerts/stop/{search.token}/")
    check(page)
    page.locator("main form button").click()
    page.wait_for_load_state()
    search.refresh_from_db()
    assert not search.active
    check(page)
    page.goto("/tg/vacancies/alerts/stop/not-a-token/")
    check(page)
