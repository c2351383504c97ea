"""A job order in the worker's language: vetting refuses one that is not readable in a
language of its destination and of its origin country, and the vacancy page shows the
reader's language or says which one it shows."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from vacancies import services
from vacancies.models import JobOrderStatus

from .factories import RUSSIAN_TEXTS, published, under_review

pytestmark = pytest.mark.django_db

TAJIK = {
    "title": "Себчин",
    "description": "Ҷамъоварии себ дар боғҳои назди Алмаато.",
    "conditions": "40 соат дар як ҳафта; манзил ройгон.",
}
KAZAKH = {
    "title": "Алма жинаушы",
    "description": "Алматы маңындағы бақтарда алма жинау.",
    "conditions": "Аптасына 40 сағат; тұрғын үй тегін.",
}


def test_vetting_refuses_a_job_order_without_a_language_of_the_origin_country(v):
    # KG→KZ scheme: Kazakh covers Kazakhstan, nothing covers Kyrgyzstan (Kyrgyz or Russian).
    job_order = under_review(v, translations={"kk": KAZAKH})
    with pytest.raises(ValidationError) as exc:
        services.job_order_approve(job_order=job_order, by=v["officer"])
    expected = str(services.ERROR_CONTENT_LANGUAGE) % {
        "country": "Kyrgyzstan",
        "languages": "Kyrgyz, Russian",
    }
    assert exc.value.messages == [expected]
    job_order.refresh_from_db()
    assert job_order.status == JobOrderStatus.UNDER_REVIEW and job_order.number is None


def test_vetting_wants_every_text_not_just_a_title(v):
    job_order = under_review(v, translations={"ru": {**RUSSIAN_TEXTS, "conditions": ""}})
    gaps = services.job_order_language_gaps(job_order)
    assert len(gaps) == 2  # neither Kazakhstan nor Kyrgyzstan can read the conditions


def test_vetting_message_is_in_the_officer_language(v):
    job_order = under_review(v, translations={})
    with translation.override("ru"):
        gaps = services.job_order_language_gaps(job_order)
    assert gaps[0].startswith("Название, описание и условия работы")
    assert "Казахстан" in gaps[0] and "Казахский, Русский" in gaps[0]


def test_one_shared_language_covers_both_countries(v):
    job_order = published(v)  # Russian: a language of Kazakhstan and of Kyrgyzstan
    assert job_order.status == JobOrderStatus.APPROVED


def test_vacancy_page_in_the_reader_language(client, v):
    job_order = published(v, translations={"ru": RUSSIAN_TEXTS, "tg": TAJIK})
    page = client.get(f"/tg/vacancies/{job_order.pk}/").content.decode()
    assert "<h1>Себчин</h1>" in page
    assert TAJIK["conditions"] in page
    assert "Apple picker" not in page


def test_vacancy_page_says_which_language_it_shows(client, v):
    job_order = published(v)  # English and Russian only
    page = client.get(f"/tk/vacancies/{job_order.pk}/").content.decode()
    # Turkmen readers get Russian (the region's second language), marked as Russian.
    assert '<h1 lang="ru">Сборщик яблок</h1>' in page
    assert "Apple picker" not in page
    with translation.override("tk"):
        notice = translation.gettext(
            "This vacancy has no text in your language; it is shown in %(language)s."
        )
    assert notice.split("%(language)s")[0] in page
    assert "Rus dili" in page
    listing = client.get("/tk/vacancies/").content.decode()
    assert '<span lang="ru">Сборщик яблок</span>' in listing


def test_search_document_holds_every_language(v):
    job_order = published(v, translations={"ru": RUSSIAN_TEXTS, "tg": TAJIK})
    job_order.refresh_from_db()
    for word in ("Себчин", "Сборщик", "Apple", "Подсобные", "Коргарони", "Алматы"):
        assert word in job_order.search_text
