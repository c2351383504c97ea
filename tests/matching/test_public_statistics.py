"""The public statistics page (/<lang>/statistics/), its downloads and the indicator registry:
no login, seven languages, figures split by sex, small cells suppressed on every table."""

import csv
import io

import pytest
from django.conf import settings

from matching import indicators
from tests.conftest import make_user
from vacancies.models import VacancyApplication

from .conftest import profile_for

LANGS = [code for code, _name in settings.LANGUAGES]


@pytest.fixture
def statistics_world(world):
    """Seven women and two men from Chüy (KG-C) pickers; six women placed as pickers."""
    women = [
        profile_for(
            make_user(f"w{i}@example.org"), sex="F", region="KG-C", skill_labels=["harvest crops"]
        )
        for i in range(7)
    ]
    men = [profile_for(make_user(f"m{i}@example.org"), sex="M", region="KG-C") for i in range(2)]
    for i, profile in enumerate(women):
        VacancyApplication.objects.create(
            job_order=world["picker"], profile=profile, status="accepted" if i < 6 else "applied"
        )
    for profile in men:
        VacancyApplication.objects.create(job_order=world["picker"], profile=profile)
    return {**world, "women": women, "men": men}


def year_of(world):
    return world["picker"].season_start.year


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_page_is_public_in_every_language(client, statistics_world, lang):
    response = client.get(f"/{lang}/statistics/", {"year": year_of(statistics_world)})
    assert response.status_code == 200
    body = response.content.decode()
    assert f'lang="{lang}"' in body
    for indicator in indicators.indicators():
        assert f'id="{indicator.slug}"' in body
    assert "<svg" in body and "<script" not in body
    assert "Natural Earth" in body


@pytest.mark.django_db
def test_csv_is_split_by_sex_and_suppressed(client, statistics_world):
    year = year_of(statistics_world)
    response = client.get("/en/statistics/women.csv", {"table": "summary", "year": year})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    (kz,) = [r for r in rows if r["destination"] == "KZ"]
    assert kz["placements_female"] == "6" and kz["placements_female_suppressed"] == "false"
    # 2 men applied: a small cell, not published; so is the not-stated cell beside it
    assert kz["applications_male"] == "" and kz["applications_male_suppressed"] == "true"
    for row in rows:
        for key, value in row.items():
            if value.isdigit():
                assert not 0 < int(value) < indicators.THRESHOLD, (key, value)


@pytest.mark.django_db
def test_xlsx_download(client, statistics_world):
    from openpyxl import load_workbook

    response = client.get(
        "/ru/statistics/supply-demand.xlsx", {"table": "detail", "year": year_of(statistics_world)}
    )
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    values = [c for row in book.active.iter_rows(values_only=True) for c in row if c]
    assert "workers_female" in values


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/en/statistics/nothing.csv",
        "/en/statistics/women.pdf",
        "/en/statistics/women.csv?table=secret",
    ],
)
def test_unknown_download_is_404(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.django_db
def test_bad_filter_gets_a_translated_error_and_the_default_year(client, statistics_world):
    response = client.get("/ru/statistics/", {"year": "1899", "country": "XX"})
    assert response.status_code == 200
    body = response.content.decode()
    assert 'role="alert"' in body
    assert "Выберите корректный вариант" in body
