"""Headless Chromium for browser tests, and axe-core accessibility checks.

Reuse it from any app's tests: re-export the fixtures in that app's ``conftest.py``::

    from tests.browser import browser, browser_page, browser_reference_data  # noqa: F401

and write tests such as::

    @pytest.mark.browser
    def test_home_is_accessible(browser_page, live_server):
        browser_page.goto(live_server.url + "/ru/")
        assert axe_violations(browser_page) == [], format_violations(...)

``browser_page`` runs against pytest-django's ``live_server`` and therefore uses a
transactional database: every test's data is committed, then flushed. The flush also removes
what the session fixture in ``tests/conftest.py`` loaded (countries, ISCO, groups) and the
Wagtail tree; ``browser_reference_data`` (module scope, pulled in by ``browser_page``) puts it
back once the module's last browser test is done, so later tests find the database as before.

Tests skip, with the reason, when /usr/bin/chromium or axe-core is missing. Nothing is
downloaded: never run ``playwright install``.
"""

import json
import os
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = Path(os.environ.get("KARAVAN_CHROMIUM", "/usr/bin/chromium"))
AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: A cheap phone: the public pages are designed for it first.
PHONE_VIEWPORT = {"width": 360, "height": 740}
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"
#: WCAG 2.2 AA, the level the design commits to.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def browser_missing_reason() -> str | None:
    """Why browser tests cannot run here, or None when they can."""
    if not CHROMIUM.exists():
        return f"Chromium not found at {CHROMIUM} (apt package 'chromium')"
    if not AXE_JS.exists():
        return f"axe-core not found at {AXE_JS} (run 'npm ci')"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Python Playwright is not installed"
    return None


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium per test module.

    Module scope, not session: while Playwright's sync API is running, its event loop counts
    as running in this thread, so Django needs ``DJANGO_ALLOW_ASYNC_UNSAFE`` for ORM calls.
    Both are confined to the module, so later tests (and subprocesses such as
    ``manage.py check --deploy``) see neither.
    """
    reason = browser_missing_reason()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        with sync_playwright() as playwright:
            instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield instance
            instance.close()
    finally:
        if previous is None:
            os.environ.pop(ASYNC_UNSAFE, None)
        else:
            os.environ[ASYNC_UNSAFE] = previous


@pytest.fixture(scope="module")
def browser_reference_data(django_db_blocker):
    """Restore the session's shared data after the transactional flushes of a browser module."""
    yield
    with django_db_blocker.unblock():
        restore_shared_test_data()


def restore_shared_test_data() -> None:
    """What `tests/conftest.py` and the data migrations put in the database at session start."""
    from django.apps import apps
    from wagtail.models import Collection

    from portal.reference import (
        load_countries_and_regions,
        load_currencies,
        load_isco,
        load_languages,
        load_translations,
    )
    from portal.services import role_groups_ensure

    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")
    load_countries_and_regions()
    load_isco()
    load_languages()
    load_currencies()
    load_translations()
    role_groups_ensure()
    if apps.is_installed("info_campaigns"):
        from info_campaigns.services import site_tree_ensure

        site_tree_ensure()


@pytest.fixture
def browser_page(browser_reference_data, browser, live_server, transactional_db):
    """A fresh page (phone viewport, own cookies) in a new browser context.

    Its ``base_url`` is the live server, so ``browser_page.goto("/ru/")`` works.
    JavaScript stays enabled so axe can run; the pages must not need it.
    """
    context = browser.new_context(base_url=live_server.url, viewport=PHONE_VIEWPORT)
    page = context.new_page()
    yield page
    context.close()


def axe_violations(page, *, tags=None, exclude=None) -> list[dict]:
    """Run axe-core on the page as it is now and return its violations (empty when none).

    ``tags`` defaults to WCAG 2.2 AA; ``exclude`` is a list of CSS selectors to leave out.
    """
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol: the page's strict CSP does not block it.
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    context = {"exclude": [[selector] for selector in exclude]} if exclude else None
    options = {
        "runOnly": {"type": "tag", "values": tags or WCAG_TAGS},
        "resultTypes": ["violations"],
    }
    result = page.evaluate(
        "async ([context, options]) => await axe.run(context || document, options)",
        [context, options],
    )
    return result["violations"]


def format_violations(violations: list[dict]) -> str:
    """A readable summary for assertion messages: rule, impact, help and offending nodes."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation.get('impact')}): {violation['help']}")
        for node in violation.get("nodes", [])[:5]:
            lines.append(f"    {json.dumps(node.get('target'))}: {node.get('failureSummary', '')}")
    return "\n".join(lines)
