"""What editors still have to check: unverified facts are shown to readers as such, language
notes never are, and both are listed in the back office for the editors."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from portal.models import Role
from tests.conftest import give_totp, make_user

from .factories import BODY, campaign_create, guide_create

pytestmark = pytest.mark.django_db
REPORT = "info_campaigns_content_to_check"


def _unverified_guide(tree):
    step = {**BODY[1][1]["steps"][0], "to_check": "The 7-day deadline."}
    return guide_create(
        tree["en"]["guides"],
        locale=Locale.objects.get(language_code="en"),
        work_permits=[
            ("steps", {"heading": "", "steps": [step]}),
            ("to_check", "Whether the permit is still issued by the akimat."),
        ],
        embassies=[
            (
                "embassy",
                {
                    "name": "Embassy of the Kyrgyz Republic",
                    "address": "Astana",
                    "phone": "",
                    "website": "",
                    "to_check": "Street address.",
                },
            )
        ],
        review_notes="Kazakh terms to be reviewed by a native speaker.",
    )


def test_unverified_facts_are_shown_to_readers_as_such(tree, client):
    _unverified_guide(tree)
    html = client.get("/en/guides/kazakhstan/").content.decode()
    assert html.count('class="to-check"') == 3
    for note in (
        "The 7-day deadline.",
        "Whether the permit is still issued by the akimat.",
        "Street address.",
    ):
        assert note in html
    assert "Not yet verified:" in html


def test_language_review_notes_are_never_shown_to_readers(tree, client):
    _unverified_guide(tree)
    html = client.get("/en/guides/kazakhstan/").content.decode()
    assert "native speaker" not in html


def test_a_new_translation_starts_without_the_source_review_notes(tree):
    page = campaign_create(tree["ru"]["campaigns"], review_notes="Проверить термины.")
    translation = page.copy_for_translation(Locale.objects.get(language_code="kk"))
    assert translation.review_notes == ""


def test_editors_see_what_is_still_to_check_in_the_back_office(tree, client, editor):
    page = _unverified_guide(tree)
    campaign_create(tree["ru"]["campaigns"])  # nothing to check: not listed
    give_totp(editor)
    client.force_login(editor)
    html = client.get(reverse(REPORT)).content.decode()
    assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in html
    assert "The 7-day deadline." in html and "Street address." in html
    assert "Kazakh terms to be reviewed by a native speaker." in html
    assert "Recruitment fees are the employer" not in html


def test_the_report_is_for_people_who_edit_pages(tree, client, orgs):
    officer = make_user(
        "officer.report@example.org", role=Role.OFFICER, organisation=orgs["kz_authority"]
    )
    give_totp(officer)
    client.force_login(officer)
    response = client.get(reverse(REPORT))
    assert response.status_code in (302, 403)
    assert "The 7-day deadline." not in response.content.decode()


def test_content_review_command_lists_the_same_items(tree):
    _unverified_guide(tree)
    out = io.StringIO()
    with translation.override("en"):  # section names follow the back office's language
        call_command("content_review", stdout=out)
    listing = out.getvalue()
    assert "[en] /en/guides/kazakhstan/" in listing
    assert (
        "to check (work permits and patents: Register your address): The 7-day deadline." in listing
    )
    assert "language review: Kazakh terms to be reviewed by a native speaker." in listing
    assert listing.rstrip().endswith("1 pages: 3 facts to check, 1 awaiting language review")
