"""Fixtures of the campaigns tests: the tree in every language, editors and reviewers."""

import pytest

from portal.models import Role
from tests.conftest import make_user

from .factories import tree_build


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Leaflets are written to storage: keep them out of the working tree."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def tree(db):
    return tree_build()


@pytest.fixture
def editor(orgs):
    return make_user("campaign.editor@example.org", role=Role.EDITOR, organisation=orgs["partner"])


@pytest.fixture
def reviewer(orgs):
    return make_user(
        "campaign.reviewer@example.org", role=Role.REVIEWER, organisation=orgs["kz_authority"]
    )


from tests.browser import browser, browser_page, browser_reference_data  # noqa: E402, F401
