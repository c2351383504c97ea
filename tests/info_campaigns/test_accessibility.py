"""axe-core finds no WCAG 2.2 AA violations on the home, campaign and guide pages, and the
pages work with JavaScript switched off (headless Chromium)."""

import pytest
from django.conf import settings

from portal.reference import load_countries_and_regions
from tests.browser import axe_violations, format_violations

from .factories import campaign_create, centre_create, guide_create, hotline_create, tree_build

pytestmark = pytest.mark.browser


def _demo_like_pages():
    """The tree and a campaign and guide with every kind of block, as the demo has them."""
    from info_campaigns.demo import content_pages, page_fields

    load_countries_and_regions()  # a previous browser test's flush removed them
    tree = tree_build()
    hotline = hotline_create()
    fees = next(data for data in content_pages("campaigns") if data.slug == "recruitment-fees")
    campaign_create(
        tree["ru"]["campaigns"], **page_fields(fees, "ru", hotlines={"karavan-line": hotline})
    )
    guide_create(tree["ru"]["guides"], hotline=hotline, centre=centre_create())
    return tree


def test_home_campaign_and_guide_pages_have_no_axe_violations(browser_page):
    _demo_like_pages()
    failures = {}
    for path in [
        "/ru/",
        "/ru/campaigns/",
        "/ru/campaigns/fees/",
        "/ru/guides/",
        "/ru/guides/kazakhstan/",
        "/ru/search/?q=%D0%B0%D0%B3%D0%B5%D0%BD%D1%82",
        "/kk/campaigns/fees/",
    ]:
        browser_page.goto(path)
        violations = axe_violations(browser_page)
        if violations:
            failures[path] = format_violations(violations)
    assert not failures, "\n".join(f"{path}:\n{text}" for path, text in failures.items())


def test_pages_work_without_javascript(
    browser, live_server, transactional_db, browser_reference_data
):
    _demo_like_pages()
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport={"width": 360, "height": 740}
    )
    page = context.new_page()
    try:
        page.goto("/ru/campaigns/fees/")
        details = page.locator("details").first
        assert details.get_attribute("open") is None
        details.locator("summary").click()  # native disclosure, no script
        assert details.get_attribute("open") is not None
        # the check-your-agency box submits by GET to the verification page
        page.fill("input[name=number]", "KZ-WP-2026-000042")
        page.locator("form.inline-form button").last.click()
        page.wait_for_load_state()
        assert "/ru/verify/" in page.url
        # the switcher keeps the path and says plainly when a translation is missing
        page.goto("/ru/campaigns/fees/")
        page.locator("details.lang-choice > summary").click()  # one control, folded
        page.locator("nav .langs a[lang=kk]").click()
        assert page.url == f"{live_server.url}/kk/campaigns/fees/"
        assert page.locator("main a[hreflang=ru]").get_attribute("href") == "/ru/campaigns/fees/"
        assert settings.LANGUAGE_CODE == "ru"
    finally:
        context.close()
