"""Every query parameter is validated against the published schema (issue 17, finding 11):
a value the schema does not allow answers 400 problem+json naming the parameter; a value it
allows is accepted. The schema documents the HTTP server's own 400 and 414 answers."""

import pytest

from .conftest import bearer
from .test_schemathesis import _schema_dict


def _refused(response, parameter):
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == "invalid" and parameter in body["errors"], body
    return body["errors"][parameter][0]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("page_size=abc", "page_size"),
        ("page_size=0", "page_size"),
        ("page_size=201", "page_size"),
        ("page=1.5", "page"),
        ("lang=xx", "lang"),
        ("lang=en&lang=ru", "lang"),
        ("wage_min=-.", "wage_min"),
        ("wage_min=-5", "wage_min"),
        ("wage_min=%C2%B2", "wage_min"),
        ("occupation=%D9%A3", "occupation"),  # an Arabic-Indic digit is not an ISCO code
        ("q=a%00b", "q"),
        ("month=13", "month"),
    ],
)
def test_public_parameters_outside_the_schema_are_refused(api, world, query, parameter):
    _refused(api.get(f"/api/v1/vacancies/?{query}"), parameter)


def test_the_refusal_speaks_the_request_language(api, world):
    message = _refused(api.get("/api/v1/vacancies/?page_size=abc&lang=ru"), "page_size")
    assert message == "Введите целое число."


def test_values_the_schema_allows_are_accepted(api, world):
    for query in (
        "wage_min=0",
        "wage_min=900",
        "page_size=200&page=1",
        "lang=tk",
        "occupation=92",
        "q=",
    ):
        assert api.get(f"/api/v1/vacancies/?{query}").status_code == 200, query


@pytest.mark.parametrize(
    "since", ["yesterday", "2026-13-01T00:00:00Z", "2026-05-01", "2026-05-01T08:00:00"]
)
def test_a_malformed_since_is_refused(api, world, issue_token, since):
    raw = issue_token().raw
    response = api.get("/api/v1/partner/registry/changes/", {"since": since}, **bearer(raw))
    _refused(response, "since")
    ok = api.get(
        "/api/v1/partner/registry/changes/", {"since": "2026-05-01T08:00:00Z"}, **bearer(raw)
    )
    assert ok.status_code == 200


def test_the_schema_documents_the_servers_own_answers():
    for item in _schema_dict()["paths"].values():
        for operation in item.values():
            responses = operation["responses"]
            assert "text/html" in responses["414"]["content"]
            assert {"application/problem+json", "text/html"} <= set(responses["400"]["content"])
