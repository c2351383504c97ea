"""axe-core (WCAG 2.2 AA) on the public shell and the account forms, in Russian and Tajik."""

import pytest

from tests.browser import axe_violations, format_violations

pytestmark = pytest.mark.browser

PAGES = [
    "verify/",
    "verify/KZ-LIC-2026-999999/",  # the "not valid" page
    "data-licence/",
    "accounts/login/",
    "accounts/signup/",
    "accounts/password/reset/",
]


@pytest.mark.parametrize("lang", ["ru", "tg"])
def test_public_shell_and_account_forms_have_no_axe_violations(browser_page, lang):
    for path in PAGES:
        browser_page.goto(f"/{lang}/{path}")
        violations = axe_violations(browser_page)
        assert violations == [], f"/{lang}/{path}\n" + format_violations(violations)


def test_form_errors_are_announced_accessibly(browser_page):
    """A failed sign-in shows its error in a way axe accepts (labels, contrast, names)."""
    browser_page.goto("/ru/accounts/login/")
    browser_page.fill("input[name=login]", "nobody@example.org")
    browser_page.fill("input[name=password]", "wrong-password-123")
    browser_page.click("button[type=submit]")
    violations = axe_violations(browser_page)
    assert violations == [], format_violations(violations)


def test_keyboard_user_can_skip_to_content(browser_page):
    browser_page.goto("/ru/verify/")
    browser_page.keyboard.press("Tab")
    focused = browser_page.evaluate("() => document.activeElement.getAttribute('href')")
    assert focused == "#main"
    browser_page.keyboard.press("Enter")
    assert browser_page.evaluate("() => document.activeElement.id") == "main"
