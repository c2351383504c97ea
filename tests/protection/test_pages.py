"""Public pages: asking for help in Tajik without an account (the code shown once, hotlines of
where one is at once), following it by a code sent by POST, and the resource centres with
their server-drawn map."""

import re

import pytest

from licensing.protection.models import HelpRequest
from tests.info_campaigns.factories import centre_create, hotline_create

pytestmark = pytest.mark.django_db


def form_data(**extra):
    data = {
        "category": "documents_withheld",
        "description": "Он паспорти маро гирифт.",
        "origin_country": "TJ",
        "current_country": "RU",
        "sex": "F",
        "q_documents_retained": "yes",
        "q_threats": "yes",
        "q_wages_withheld": "yes",
        "q_violence": "no",
        "is_anonymous": "on",
        "consent_to_refer": "on",
    }
    return {**data, **extra}


def test_help_page_in_tajik_asks_the_ilo_questions_without_javascript(client):
    response = client.get("/tg/help/")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="tg"' in page and "<script" not in page.split("</header>", 1)[-1]
    assert page.count('value="yes"') == 11  # one yes/no question per ILO indicator
    assert 'name="submission_key"' in page


def test_anonymous_request_from_russia_shows_code_and_hotlines_at_once(client, prot):
    hotline_create(name="Единый номер 112", number="112", country=None)
    hotline_create(name="KZ line", number="1414", country_id="KZ")
    centre_create(
        name="Moscow advice point", country_id="RU", city="Moscow", phones="+7 495 000 0000"
    )
    response = client.post("/tg/help/", form_data())
    assert response.status_code == 302 and response["Location"] == "/tg/help/sent/"
    request = HelpRequest.objects.get()
    assert (request.language, request.priority, request.is_anonymous) == ("tg", "urgent", True)
    assert request.current_country_id == "RU" and request.sex == "F"
    page = client.get("/tg/help/sent/").content.decode()
    assert request.tracking_code in page
    assert "112" in page and "1414" not in page  # only what one can dial in Russia
    assert "Moscow advice point" in page
    # Shown once: the code is not in any URL and not shown again.
    again = client.get("/tg/help/sent/")
    assert again.status_code == 302 and request.tracking_code not in again["Location"]


def test_bad_input_is_a_translated_error_not_a_crash(client, prot):
    response = client.post("/ru/help/", form_data(origin_country="RU", description=""))
    assert response.status_code == 400
    assert HelpRequest.objects.count() == 0
    assert 'role="alert"' in response.content.decode()


def test_track_by_posted_code(client, prot):
    client.post("/ru/help/", form_data())
    code = HelpRequest.objects.get().tracking_code
    response = client.post("/ru/help/track/", {"code": code.lower()})
    page = response.content.decode()
    assert response.status_code == 200 and code in page
    missing = client.post("/ru/help/track/", {"code": "HNOTACODE1"})
    assert missing.status_code == 404
    assert client.get("/ru/help/track/").status_code == 200


def test_double_submit_files_one_request(client, prot):
    page = client.get("/ru/help/").content.decode()
    key = re.search(r'name="submission_key" value="([0-9a-f-]{36})"', page)[1]
    client.post("/ru/help/", form_data(submission_key=key))
    client.post("/ru/help/", form_data(submission_key=key))
    assert HelpRequest.objects.count() == 1


def test_resource_centres_list_and_map_without_javascript(client):
    centre_create(
        name="Dushanbe centre",
        country_id="TJ",
        city="Dushanbe",
        phones="+992 37 000 0001",
        latitude="38.5598",
        longitude="68.787",
        services="Pre-departure orientation\nLegal advice",
    )
    centre_create(
        name="Moscow point",
        country_id="RU",
        city="Moscow",
        phones="+7 495 1",
        latitude="55.7558",
        longitude="37.6173",
    )
    response = client.get("/ru/resource-centres/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in page and "tile" not in page and "<script" not in page.split("</header>")[-1]
    assert "Dushanbe centre" in page and "Moscow point" in page
    assert "<li>Legal advice</li>" in page and "Natural Earth" in page
    only_ru = client.get("/ru/resource-centres/?country=RU").content.decode()
    assert "Moscow point" in only_ru and "Dushanbe centre" not in only_ru
    unknown = client.get("/ru/resource-centres/?country=ZZ")
    assert unknown.status_code == 200 and "Dushanbe centre" in unknown.content.decode()
