"""Vacancy search across languages (PostgreSQL's text search with the `karavan_search`
configuration: `simple` + unaccent, prefix matching): a welder is found by what people call
welders in each of the seven languages, and by its skills' labels in any of them."""

import pytest
from django.db import connection

from portal.models import Skill
from portal.reference import load_translations
from tests.conftest import requires_postgres
from vacancies.selectors import VacancyFilters, vacancy_search

from .factories import KOREAN_TEXTS, RUSSIAN_TEXTS, minimum_wage, published, scheme_create

pytestmark = [pytest.mark.django_db, requires_postgres]


@pytest.fixture
def two_jobs(v):
    """A welder in Busan (title only in English, Russian and Korean) and an apple picker."""
    Skill.objects.get_or_create(label="operate welding equipment")
    load_translations()
    kr = scheme_create(
        origin="KG", destination="KR", vetting="KZ", sectors=["72"], name="KG→KR shipbuilding"
    )
    minimum_wage(region="KR-26", amount="2000000", currency="KRW", country="KR")
    welder = published(
        {**v, "scheme": kr},
        title="Ship hull worker",
        occupation="7212",
        region="KR-26",
        city="Busan",
        currency="KRW",
        monthly_wage=2600000,
        languages=["ko", "ru"],
        description="Hull sections.",
        essential_skills=list(Skill.objects.filter(label="operate welding equipment")),
        translations={"ru": {**RUSSIAN_TEXTS, "title": "Рабочий верфи"}, "ko": KOREAN_TEXTS},
    )
    apples = published(v)
    return welder, apples


def found(q: str) -> set:
    return set(vacancy_search(filters=VacancyFilters(q=q)))


@pytest.mark.parametrize(
    ("lang", "query"),
    [
        ("en", "welder"),
        ("ru", "сварщик"),
        ("kk", "дәнекерлеуші"),
        ("ky", "ширетүүчү"),
        ("tg", "кафшергар"),
        ("tk", "kebşirleýji"),
        ("uz", "payvandchi"),
    ],
)
def test_welder_found_by_its_name_in_each_language(two_jobs, lang, query):
    welder, _apples = two_jobs
    assert found(query) == {welder}, lang


@pytest.mark.parametrize(
    "query",
    [
        "Сварщики",  # the ISCO-08 label in Russian
        "газорезчики",
        "Кафшергарон",  # in Tajik
        "Ширетүүчүлөр",  # in Kyrgyz
        "payvand",  # a prefix of the Uzbek word
        "Работа со сварочным",  # a skill label in Russian
        "Кор бо таҷҳизоти",  # the same skill in Tajik
        "Pusan",  # the region in Turkmen/Uzbek spelling
    ],
)
def test_welder_found_by_labels_in_every_language(two_jobs, query):
    welder, _apples = two_jobs
    assert found(query) == {welder}


def test_unaccent_and_case(two_jobs):
    welder, _apples = two_jobs
    assert found("KEBSIRLEYJI") == {welder}
    assert found("kebsirleyji") == {welder}


def test_no_match_and_operators_ignored(two_jobs):
    assert found("сварщик & | ! :*") == found("сварщик")
    assert found("нет-такой-работы") == set()


def test_search_configuration_exists():
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('karavan_search', 'Türkiye Ёлка')::text")
        assert cursor.fetchone()[0] == "'turkiye':1 'елка':2"
