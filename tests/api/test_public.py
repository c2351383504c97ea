"""Public endpoints: no login, filters and ordering, paging, conditional GET, languages and
the problem+json shape."""

import pytest

from vacancies.models import JobOrder


def test_registry_list_filters_and_ordering(api, world, orgs):
    from tests.matching.conftest import licence_issue

    licence_issue(orgs["tj_agency"], orgs["kz_authority"])
    body = api.get("/api/v1/registry/agencies/").json()
    assert [a["name"] for a in body["results"]] == ["KG Agency", "TJ Agency"]
    assert body["count"] == 2
    assert [
        a["name"] for a in api.get("/api/v1/registry/agencies/?ordering=-name").json()["results"]
    ] == ["TJ Agency", "KG Agency"]
    only_kg = api.get("/api/v1/registry/agencies/?country=kg").json()["results"]
    assert [a["licence_number"] for a in only_kg] == [world["licence"].number]
    assert only_kg[0]["licence_status"] == "active"
    assert api.get("/api/v1/registry/agencies/?status=revoked").json()["count"] == 0
    page = api.get("/api/v1/registry/agencies/?page_size=1&page=2")
    assert page.json()["results"][0]["name"] == "TJ Agency"
    assert page["X-Total-Count"] == "2" and 'rel="prev"' in page["Link"]


def test_registry_detail_has_history_and_sanctions(api, world):
    body = api.get(f"/api/v1/registry/agencies/{world['agency'].pk}/").json()
    assert [lic["number"] for lic in body["licences"]] == [world["licence"].number]
    assert body["sanctions"] == [
        {
            "kind": "warning",
            "imposed_on": str(world["sanction"].imposed_on),
            "reason": "Late reporting",
            "licence_number": world["licence"].number,
        }
    ]


def test_unknown_agency_is_problem_404_without_redirect(api, world):
    response = api.get("/api/v1/registry/agencies/999999/?lang=en")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json() == {
        "type": "urn:karavan:problem:not-found",
        "title": "Not found",
        "status": 404,
        "detail": "Not found.",
        "instance": "/api/v1/registry/agencies/999999/",
        "code": "not_found",
    }
    assert api.get("/api/v1/no-such-thing").status_code == 404


def test_problem_in_requested_language(api, db):
    ru = api.get("/api/v1/vacancies/?month=13", HTTP_ACCEPT_LANGUAGE="ru")
    en = api.get("/api/v1/vacancies/?month=13&lang=en", HTTP_ACCEPT_LANGUAGE="ru")
    assert ru.status_code == en.status_code == 400
    assert ru["Content-Language"] == "ru" and en["Content-Language"] == "en"
    # Checked against the schema before the view (portal/api/parameters.py).
    assert en.json()["errors"]["month"] == ["Enter a value from 1 to 12."]
    assert ru.json()["errors"]["month"] == ["Введите значение от 1 до 12."]


def test_verification(api, world):
    body = api.get(f"/api/v1/verify/{world['licence'].number.lower()}/").json()
    assert body["number"] == world["licence"].number
    assert body["status"] == "active" and body["is_valid"] is True
    assert body["holder"] == "KG Agency"
    assert api.get("/api/v1/verify/KZ-WP-2026-999999/").status_code == 404
    assert api.get("/api/v1/verify/not-a-number/").status_code == 404


def test_vacancies_same_filters_as_public_search(api, world):
    def titles(query=""):
        return [v["title"] for v in api.get(f"/api/v1/vacancies/?{query}").json()["results"]]

    assert titles() == ["Welder", "Apple picker"]  # newest first
    assert titles("occupation=9") == ["Apple picker"]
    assert titles("occupation=7212") == ["Welder"]
    assert titles("language=en") == ["Welder"]
    assert titles("country=KZ&region=KZ-75") == ["Welder", "Apple picker"]
    assert titles("country=KG") == []
    assert titles("wage_min=300000") == []
    assert titles("currency=kzt") == ["Welder", "Apple picker"]
    assert titles("ordering=published_at") == ["Apple picker", "Welder"]
    JobOrder.objects.update(season_month_mask=0b111111111111)
    JobOrder.objects.filter(pk=world["picker"].pk).update(season_month_mask=1 << 2)  # March
    assert titles("month=3") == ["Welder", "Apple picker"]
    assert titles("month=4") == ["Welder"]


def test_vacancies_count_stops_at_the_cap_as_in_the_html_search(api, world, monkeypatch):
    """At 100,000 vacancies a broad query must not count them all: past the cap the count is
    the cap, a header says there are more, and pages end there."""
    from vacancies import selectors

    full = api.get("/api/v1/vacancies/")
    assert full.json()["count"] == 2 and "X-Total-Count-Capped" not in full
    monkeypatch.setattr(selectors, "SEARCH_COUNT_CAP", 1)
    capped = api.get("/api/v1/vacancies/?page_size=1")
    assert capped.json()["count"] == 1 and capped["X-Total-Count-Capped"] == "true"
    assert [v["title"] for v in capped.json()["results"]] == ["Welder"]
    assert api.get("/api/v1/vacancies/?page_size=1&page=2").status_code == 404


def test_vacancy_detail_and_unpublished_hidden(api, world):
    body = api.get(f"/api/v1/vacancies/{world['picker'].pk}/").json()
    assert body["essential_skills"] == ["harvest crops"]
    JobOrder.objects.filter(pk=world["picker"].pk).update(status="draft")
    assert api.get(f"/api/v1/vacancies/{world['picker'].pk}/").status_code == 404


@pytest.mark.parametrize("url", ["/api/v1/registry/agencies/", "/api/v1/vacancies/"])
def test_conditional_get(api, world, url):
    first = api.get(url)
    assert first.status_code == 200 and first["ETag"]
    assert "public" in first["Cache-Control"]
    again = api.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert api.get(url, HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_vacancies_last_modified(api, world):
    response = api.get("/api/v1/vacancies/")
    assert response["Last-Modified"]
    assert (
        api.get("/api/v1/vacancies/", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"]).status_code
        == 304
    )


def test_campaigns_and_guides_per_language(api, db):
    for url in ("/api/v1/campaigns/", "/api/v1/guides/?lang=kk"):
        response = api.get(url)
        assert response.status_code == 200
        assert response.json()["results"] == []
    assert api.get("/api/v1/guides/?lang=kk")["Content-Language"] == "kk"
    assert api.get("/api/v1/campaigns/1/").status_code == 404


def test_docs_page_uses_local_assets_only(api, db):
    response = api.get("/api/v1/docs/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "cdn." not in html and "unpkg" not in html and "jsdelivr" not in html
    assert api.get("/api/v1/schema/").status_code == 200


def test_public_endpoints_refuse_writes(api, db):
    response = api.post("/api/v1/vacancies/", {}, content_type="application/json")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/problem+json"
