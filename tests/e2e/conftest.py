"""Whole user journeys in headless Chromium against pytest-django's live server.

Every test in this folder carries the ``e2e`` marker: ``make e2e`` runs them, ``make unit``
leaves them out, ``make test`` runs both. On CI the live server uses PostgreSQL.
"""

from pathlib import Path

import pytest

from tests.browser import browser, browser_page, browser_reference_data  # noqa: F401

HERE = Path(__file__).parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        if Path(str(item.fspath)).is_relative_to(HERE):
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.browser)
