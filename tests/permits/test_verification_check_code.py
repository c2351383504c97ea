"""Permit and patent numbers are sequential: anyone could walk them (issue 17). The number alone
answers only whether the document exists and its status; the holder's initials, nationality,
birth year and region need the check code printed on the document (and carried by its QR
code). Agencies' licences stay fully public."""

import io
import re

import pytest
from django.utils import translation
from pypdf import PdfReader

from licensing.permits import services
from licensing.permits.certificate import permit_certificate_pdf
from portal.verification import CHECK_CODE_ALPHABET, check_code, verification_url, verify_number
from tests.conftest import make_user

from .conftest import under_review

pytestmark = pytest.mark.django_db
DETAILS = ["F. R.", "Tajikistan", "1994", "Almaty", "Highly skilled"]
WRONG_CODE_MESSAGE = "This check code does not belong to this number."


@pytest.fixture
def permit(pm):
    return services.permit_application_approve(
        application=under_review(pm["worker"], pm["officer"]), by=pm["officer"]
    )


def _page(client, path, **params):
    """Status and the page's main content (the footer names the region's countries)."""
    response = client.get(path, params)
    html = response.content.decode()
    main = re.search(r"<main.*</main>", html, re.S)
    return response.status_code, main.group(0) if main else html


def test_check_code_is_short_unambiguous_and_keyed(settings):
    code = check_code("KZ-WP-2026-000001")
    assert len(code) == 8 and set(code) <= set(CHECK_CODE_ALPHABET)
    assert not set(code) & set("0O1IL")
    assert check_code("kz-wp-2026-000001") == code
    assert check_code("KZ-WP-2026-000002") != code
    settings.KARAVAN_VERIFICATION_KEY = "another-instance-key"
    assert check_code("KZ-WP-2026-000001") != code


def test_number_alone_shows_status_but_not_the_holder(client, permit):
    status, html = _page(client, f"/en/verify/{permit.number}/")
    assert status == 200
    assert "Active" in html and permit.authority.name in html
    for detail in DETAILS:
        assert detail not in html
    assert 'name="code"' in html  # the form that asks for the check code
    result = verify_number(permit.number)
    assert result.withheld and not result.wrong_code
    assert result.holder == "" and result.facts == [] and result.linked == []
    assert result.valid_from is None and result.valid_until is None


def test_number_with_its_check_code_shows_the_holder(client, permit):
    code = check_code(permit.number)
    typed = f"{code[:4].lower()}-{code[4:].lower()}"  # as a person types it from the paper
    status, html = _page(client, f"/en/verify/{permit.number}/", code=typed)
    assert status == 200
    for detail in DETAILS:
        assert detail in html
    assert "Rahimov" not in html and "08.03.1994" not in html


def test_the_verify_form_keeps_the_code(client, permit):
    code = check_code(permit.number)
    response = client.get("/en/verify/", {"number": permit.number.lower(), "code": code.lower()})
    assert response.status_code == 302
    assert response["Location"] == f"/en/verify/{permit.number}/?code={code}"


@pytest.mark.parametrize("code", ["²", "КОД-ÄÖ", "x" * 500, "' OR 1=1 --"])
def test_any_typed_code_is_an_answer_never_an_error(client, permit, code):
    status, html = _page(client, f"/en/verify/{permit.number}/", code=code)
    assert status == 400 and "F. R." not in html
    assert client.get(f"/api/v1/verify/{permit.number}/", {"code": code}).status_code == 400


@pytest.mark.parametrize("language", ["en", "ru", "tg"])
def test_a_wrong_code_gets_a_translated_message_and_no_details(client, permit, language):
    status, html = _page(client, f"/{language}/verify/{permit.number}/", code="ABCD2345")
    assert status == 400
    with translation.override(language):
        message = translation.gettext(
            "This check code does not belong to this number. Compare both with the document. "
            "The holder's details are not shown."
        )
    assert language == "en" or not message.startswith("This check code")
    assert message in html or message.replace("'", "&#x27;") in html
    for detail in DETAILS:
        assert detail not in html


def test_the_certificate_prints_the_code_and_its_qr_address_carries_it(client, permit):
    with translation.override("en"):
        url = verification_url(permit.number)
        pdf = permit_certificate_pdf(document=permit)
    code = check_code(permit.number)
    assert url.endswith(f"/en/verify/{permit.number}/?code={code}")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert f"{code[:4]}-{code[4:]}" in text
    status, html = _page(client, re.sub(r"^https?://[^/]+", "", url))
    assert status == 200 and "F. R." in html


def test_patents_need_the_code_too(client, pm):
    patent = services.permit_application_approve(
        application=under_review(make_user("lab@example.org"), pm["officer"], kind="PT"),
        by=pm["officer"],
    )
    assert verify_number(patent.number).withheld
    assert verify_number(patent.number, check_code(patent.number)).facts


def test_the_api_withholds_the_same_details(client, permit):
    url = f"/api/v1/verify/{permit.number}/"
    plain = client.get(url).json()
    assert plain["details_withheld"] is True and plain["status"] == "active"
    assert plain["holder"] == "" and plain["facts"] == [] and plain["valid_until"] is None
    full = client.get(url, {"code": check_code(permit.number)}).json()
    assert full["details_withheld"] is False and full["holder"] == "F. R."
    wrong = client.get(url, {"code": "ABCD2345", "lang": "en"})
    assert wrong.status_code == 400
    assert wrong["Content-Type"] == "application/problem+json"
    assert WRONG_CODE_MESSAGE in str(wrong.json())
    assert "F. R." not in wrong.content.decode()


def test_agency_licences_stay_fully_public(client, orgs):
    from tests.vacancies.factories import licence_issue

    licence = licence_issue(orgs["kg_agency"], orgs["kg_authority"])
    status, html = _page(client, f"/en/verify/{licence.number}/")
    assert status == 200 and orgs["kg_agency"].name in html and 'name="code"' not in html
    assert not verify_number(licence.number).withheld
