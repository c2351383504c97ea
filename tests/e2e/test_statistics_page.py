"""axe-core (WCAG 2.2 AA) on the public statistics page in Russian and Tajik, with figures in
its tables, charts and map; and no machine code or Python value where a reader looks."""

import re

from tests.browser import axe_violations, format_violations
from tests.conftest import make_user
from tests.matching.conftest import profile_for

LEAKED = re.compile(r"\b(?:None|True|False|nan)\b")


def test_statistics_page_passes_axe_in_russian_and_tajik(browser_page):
    for i in range(6):
        profile_for(
            make_user(f"stat-w{i}@example.org"), sex="F", region="KG-C", occupations=["9211"]
        )
    for i in range(5):
        profile_for(
            make_user(f"stat-m{i}@example.org"), sex="M", region="KG-C", occupations=["7212"]
        )
    for lang in ("ru", "tg"):
        browser_page.goto(f"/{lang}/statistics/")
        assert browser_page.locator("h1").count() == 1
        assert browser_page.locator("svg.readable-chart").count() >= 1
        assert browser_page.locator("svg.map").count() >= 1
        # open every detailed table so axe checks them too
        browser_page.evaluate(
            "() => document.querySelectorAll('details').forEach(d => d.open = true)"
        )
        violations = axe_violations(browser_page)
        assert violations == [], f"/{lang}/statistics/\n" + format_violations(violations)
        text = browser_page.locator("main").inner_text()
        assert not LEAKED.search(text), LEAKED.search(text)
