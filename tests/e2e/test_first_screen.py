"""The first screen of a cheap phone (issue 20), in Russian and Tajik, in Chromium.

- 390 × 844: the header takes at most a quarter of the screen; the first vacancy result is
  on the first screen (the filters are folded away); the registry shows each agency's status.
- 320 px wide: no public page scrolls sideways (every public page type of
  tests/e2e/test_accessibility.py's walk, which also checks that no "None" or internal code
  shows).
- The language choice and the menu open and work without JavaScript.

The module shares test_accessibility.py's data and live server (its own instance of the
module-scoped ``site`` fixture).
"""

import pytest

from .test_accessibility import CASES, LANGS, ids, site  # noqa: F401

CHEAP_PHONE = {"width": 390, "height": 844}
NARROW = {"width": 320, "height": 640}
PUBLIC = [case for case in CASES if case.who == "anonymous"]


def open_at(site, path, viewport, *, javascript=True):  # noqa: F811
    context = site.browser.new_context(
        base_url=site.url, viewport=viewport, java_script_enabled=javascript
    )
    page = context.new_page()
    page.goto(path)
    return page


def header_height(page) -> float:
    return page.evaluate(
        "() => document.querySelector('header.site').getBoundingClientRect().height"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", ["", "vacancies/", "registry/"])
def test_header_takes_at_most_a_quarter_of_a_phone_screen(site, lang, path):  # noqa: F811
    page = open_at(site, f"/{lang}/{path}", CHEAP_PHONE, javascript=False)
    height = header_height(page)
    page.context.close()
    assert height <= CHEAP_PHONE["height"] / 4, f"/{lang}/{path}: header {height:.0f} px"


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_language_choice_and_menu_work_without_javascript(site, lang):  # noqa: F811
    page = open_at(site, f"/{lang}/vacancies/", CHEAP_PHONE, javascript=False)
    languages = page.locator("header details.lang-choice")
    assert not languages.locator("a[hreflang=kk]").is_visible()
    languages.locator("summary").click()
    kazakh = languages.locator("a[hreflang=kk]")
    assert kazakh.get_attribute("lang") == "kk" and kazakh.inner_text() == "Қазақша"
    kazakh.click()
    page.wait_for_load_state()
    assert page.url.endswith("/kk/vacancies/"), page.url
    menu = page.locator("header details.menu")
    assert not menu.locator("a[href='/kk/registry/']").is_visible()
    menu.locator("summary").click()
    menu.locator("a[href='/kk/registry/']").click()
    page.wait_for_load_state()
    assert page.url.endswith("/kk/registry/"), page.url
    page.context.close()


@pytest.mark.django_db
def test_menu_is_open_on_a_wide_screen(site):  # noqa: F811
    page = open_at(site, "/ru/", {"width": 1280, "height": 800}, javascript=False)
    assert page.locator("nav.main a[href='/ru/registry/']").is_visible()
    assert not page.locator("details.menu > summary").is_visible()
    page.context.close()


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_first_vacancy_is_on_the_first_screen(site, lang):  # noqa: F811
    page = open_at(site, f"/{lang}/vacancies/", CHEAP_PHONE)
    first = page.locator("main ul.cards > li").first
    box = first.bounding_box()
    title = first.locator("a").first.bounding_box()
    page.context.close()
    assert box is not None and title is not None
    assert title["y"] + title["height"] <= CHEAP_PHONE["height"], (
        f"first vacancy's title ends at {title['y'] + title['height']:.0f} px"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_registry_shows_each_status_on_a_phone(site, lang):  # noqa: F811
    page = open_at(site, f"/{lang}/registry/", CHEAP_PHONE)
    status = page.locator("main .registry .status").first
    assert status.is_visible()
    box = status.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= CHEAP_PHONE["width"], box
    assert page.evaluate("() => document.documentElement.scrollWidth") <= CHEAP_PHONE["width"]
    page.context.close()


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("case", PUBLIC, ids=[case.name for case in PUBLIC])
def test_public_page_does_not_scroll_sideways_at_320(site, case, lang):  # noqa: F811
    page = site.page(case.who)
    page.set_viewport_size(NARROW)
    try:
        if callable(case.go):
            case.go(page, lang, site.data)
        else:
            page.goto(f"/{lang}/{case.go.format(**ids(site.data))}")
        widths = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
    finally:
        page.set_viewport_size({"width": 360, "height": 740})
    assert widths[0] <= widths[1], f"{page.url}: {widths[0]} px wide in {widths[1]} px"


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_contract_fingerprint_is_behind_technical_details(site, lang):  # noqa: F811
    job_order = site.data["job_order"]
    page = open_at(site, f"/{lang}/vacancies/{job_order.pk}/", NARROW)
    fingerprint = page.locator("main details.technical code")
    assert not fingerprint.is_visible()
    page.locator("main details.technical summary").click()
    assert fingerprint.is_visible() and fingerprint.inner_text() == job_order.contract_sha256
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    page.context.close()
    assert widths[0] <= widths[1]
