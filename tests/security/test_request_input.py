"""Input that used to crash a view (issue 17, finding 4) answers 4xx or a normal page with a
message in the page's language, never 500. The class of bug is closed in two places:
`portal.request_input.parse_id(s)` for every id read from a request (``str.isdigit`` accepts
"²"), and `BadInputMiddleware`, which refuses NUL bytes (PostgreSQL cannot store them) with a
400 page that says why."""

import pytest
from django.test import Client

from portal.request_input import parse_id, parse_ids
from tests.vacancies.factories import scheme_create, skills
from vacancies import services as vacancies

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12", 12),
        (" 7 ", 7),
        ("²", None),
        ("١٢", None),
        ("-1", None),
        ("1.0", None),
        ("", None),
        ("abc", None),
        ("1" * 19, None),
        ("1\x00", None),
        (None, None),
        (["1"], None),
    ],
)
def test_parse_id_accepts_ascii_digits_only(raw, expected):
    assert parse_id(raw) == expected


def test_parse_ids_refuses_the_list_if_one_is_bad():
    assert parse_ids(["1", "22"]) == [1, 22]
    assert parse_ids(["1", "²"]) is None


@pytest.mark.parametrize(
    "url",
    [
        "/en/complaints/new/?agency=%C2%B2",
        "/en/complaints/new/?agency=99999999999999999999999",
        "/en/complaints/new/?subject=%00&agency=%00",
        "/en/search/?q=%00",
        "/en/search/?q=a%00b&page=%00",
        "/en/verify/%00/",
        "/en/permits/fees/?%00=%00",
    ],
)
def test_odd_query_strings_never_crash_a_public_page(client, url):
    response = client.get(url)
    assert response.status_code in (200, 400, 404)
    if response.status_code == 400:
        assert "The request could not be understood" in response.content.decode()


@pytest.mark.parametrize("number", ["a/b", "../..", "KZ-PT-2026-000001/x"])
def test_verifying_a_number_that_cannot_be_a_path_answers_not_valid(client, number):
    from urllib.parse import quote

    response = client.get("/en/verify/?number=" + quote(number, safe="%"))
    assert response.status_code == 404
    assert "This number is not valid" in response.content.decode()


def test_a_nul_in_a_posted_form_is_refused_with_a_message(client):
    response = client.post(
        "/en/complaints/new/",
        "description=a%00b&country=%00",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert "The request could not be understood" in response.content.decode()


@pytest.fixture
def worker_client(people):
    worker = people["worker"]
    scheme = scheme_create()
    vacancies.worker_profile_create(
        user=worker,
        data={
            "origin_country": scheme.origin_country,
            "sex": "M",
            "birth_year": 1995,
            "years_experience": 3,
            "education_level": "vocational",
            "months_available": [4, 5],
            "occupations": ["9211"],
            "skills": skills("harvest crops"),
            "languages": {"ru": "independent"},
        },
    )
    client = Client()
    client.force_login(worker)
    return client


@pytest.mark.parametrize(
    "data", [{"add": "abc"}, {"remove": "²"}, {"add": ["1", "x"]}, {"add": "1" * 30}]
)
def test_bad_skill_ids_answer_400_with_a_message_and_change_nothing(worker_client, people, data):
    response = worker_client.post("/en/profile/skills/", data)
    assert response.status_code == 400
    assert "That choice is not valid." in response.content.decode()
    assert list(people["worker"].worker_profile.skills.values_list("label", flat=True)) == [
        "harvest crops"
    ]


def test_good_skill_ids_still_save(worker_client, people):
    [skill] = skills("prune trees")
    response = worker_client.post("/en/profile/skills/", {"add": str(skill.pk)})
    assert response.status_code == 302
    assert set(people["worker"].worker_profile.skills.values_list("label", flat=True)) == {
        "harvest crops",
        "prune trees",
    }


def test_the_message_is_in_the_pages_language(worker_client):
    response = worker_client.post("/ru/profile/skills/", {"remove": "²"})
    assert response.status_code == 400
    assert "Этот вариант недопустим." in response.content.decode()
