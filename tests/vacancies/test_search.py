"""Public vacancy search: filters, full text, pagination, constant queries per page."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from vacancies.models import JobOrder
from vacancies.selectors import VacancyFilters, vacancy_search

from .factories import KOREAN_TEXTS, RUSSIAN_TEXTS, minimum_wage, published, scheme_create

pytestmark = pytest.mark.django_db


def clones(job_order, n, **overrides):
    """`n` copies of a published job order (bulk, for volume), with their languages."""
    fields = {
        f.attname: getattr(job_order, f.attname)
        for f in JobOrder._meta.concrete_fields
        if f.attname not in ("id", "number", "submission_key")
    }
    fields.update(overrides)
    made = JobOrder.objects.bulk_create(
        [JobOrder(**fields, number=f"KZ-JO-2099-{i:06d}") for i in range(n)]
    )
    through = JobOrder.languages.through
    made = list(
        JobOrder.objects.filter(number__startswith="KZ-JO-2099-").exclude(languages__isnull=False)
    )
    through.objects.bulk_create([through(joborder_id=jo.pk, language_id="ru") for jo in made])
    return made


@pytest.fixture
def catalogue(v):
    """Three distinct vacancies: Almaty apples (ru), Astana bricklaying (kk+ru, winter),
    and a Busan welding job under a UZ→KR scheme."""
    apples = published(v)
    minimum_wage(region="KZ-71", amount="150000")
    bricks = published(
        v,
        title="Bricklayer",
        occupation="7112",
        region="KZ-71",
        city="Astana",
        description="Build walls of a school.",
        languages=["kk", "ru"],
        monthly_wage=Decimal("320000"),
    )
    kr = scheme_create(
        origin="KG", destination="KR", vetting="KZ", sectors=["72"], name="KG→KR shipbuilding"
    )
    minimum_wage(region="KR-26", amount="2000000", currency="KRW", country="KR")
    start = apples.season_start + timedelta(days=120)
    welder = published(
        {**v, "scheme": kr},
        title="Ship welder",
        occupation="7212",
        region="KR-26",
        city="Busan",
        currency="KRW",
        monthly_wage=Decimal("2600000"),
        languages=["ko", "ru"],
        season_start=start,
        season_end=start + timedelta(days=200),
        application_deadline=start - timedelta(days=10),
        contract_months=7,
        description="Weld hull sections.",
        translations={"ru": RUSSIAN_TEXTS, "ko": KOREAN_TEXTS},
    )
    return {"apples": apples, "bricks": bricks, "welder": welder}


def _search(**kwargs):
    return set(vacancy_search(filters=VacancyFilters(**kwargs)))


def test_filters(catalogue):
    c = catalogue
    assert _search() == {c["apples"], c["bricks"], c["welder"]}
    assert _search(country="KR") == {c["welder"]}
    assert _search(region="KZ-71") == {c["bricks"]}
    assert _search(occupation="7") == {c["bricks"], c["welder"]}
    assert _search(occupation="721") == {c["welder"]}
    assert _search(language="kk") == {c["bricks"]}
    assert _search(wage_min=Decimal("300000"), currency="KZT") == {c["bricks"]}
    welder_month = c["welder"].season_start.month
    assert c["welder"] in _search(month=welder_month)
    apple_months = set(c["apples"].season_months)
    only_welder = next(m for m in c["welder"].season_months if m not in apple_months)
    assert _search(month=only_welder) == {c["welder"]}


def test_full_text(catalogue):
    c = catalogue
    assert _search(q="welder") == {c["welder"]}
    assert _search(q="Busan") == {c["welder"]}
    assert _search(q="school walls") == {c["bricks"]}
    assert _search(q="nothing-like-this") == set()


def test_search_page_filters_and_renders(catalogue, client):
    response = client.get("/en/vacancies/", {"country": "KR"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ship welder" in body and "Apple picker" not in body
    assert catalogue["welder"].number in body


def test_detail_page_shows_terms(catalogue, client):
    welder = catalogue["welder"]
    body = client.get(f"/en/vacancies/{welder.pk}/").content.decode()
    assert "2,600,000 KRW" in body or "2600000" in body
    assert welder.contract_sha256 in body
    assert "Nothing. No recruitment fee" in body


def test_contract_download_for_published(catalogue, client):
    from .factories import CONTRACT_BYTES

    response = client.get(f"/en/vacancies/{catalogue['apples'].pk}/contract/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == CONTRACT_BYTES


def _page_queries(client, params) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/en/vacancies/", params)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_query_count_independent_of_results(v, client, django_assert_num_queries):
    apples = published(v)
    _page_queries(client, {})  # fills the cached choice lists of the form
    one = _page_queries(client, {"q": "apple"})
    clones(apples, 45)
    assert JobOrder.objects.count() == 46
    many = _page_queries(client, {"q": "apple"})
    assert one == many
    # Bounded count, the page's ids, those rows with their joins, their languages.
    assert one <= 4
    for params in (
        {},
        {"country": "KZ", "occupation": "9", "month": "7"},
        {"language": "ru"},
        {"region": "KZ-75", "wage_min": "1000", "currency": "KZT"},
    ):
        assert _page_queries(client, params) == one, params
    with django_assert_num_queries(one):
        response = client.get("/en/vacancies/", {"q": "apple", "page": 2})
    assert response.context["page"].paginator.count == 46
    assert len(response.context["page"].object_list) == 20


def test_broad_search_says_more_than_the_cap(v, client, monkeypatch):
    from vacancies import selectors

    monkeypatch.setattr(selectors, "SEARCH_COUNT_CAP", 30)
    clones(published(v), 45)
    response = client.get("/en/vacancies/")
    body = response.content.decode()
    assert "More than 30 vacancies found" in body
    assert response.context["page"].paginator.num_pages == 2
    last = client.get("/en/vacancies/", {"page": 99})
    assert last.context["page"].number == 2
    assert "Choose a country, region, occupation or month" in last.content.decode()
    # Below the cap the count is exact.
    assert (
        "0 vacancies found"
        in client.get("/en/vacancies/", {"q": "nothing-like-this"}).content.decode()
    )


def test_search_form_choices_follow_reference_data(v, client):
    from portal.models import Region

    client.get("/en/vacancies/")  # cache the choice lists
    Region.objects.create(code="KZ-99", country_id="KZ", name="Testregion")
    body = client.get("/en/vacancies/").content.decode()
    assert "Testregion" in body


def test_pagination_keeps_filters(v, client):
    apples = published(v)
    clones(apples, 25)
    body = client.get("/en/vacancies/", {"country": "KZ"}).content.decode()
    assert "country=KZ&amp;page=2" in body


def test_past_deadline_not_listed(v):
    apples = published(v)
    JobOrder.objects.filter(pk=apples.pk).update(
        application_deadline=apples.season_start - timedelta(days=400)
    )
    assert _search() == set()
