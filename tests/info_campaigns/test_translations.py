"""Multilingual content: hreflang alternates, the "not in your language" notice, snippets in
the reader's language."""

import pytest
from django.conf import settings
from wagtail.models import Locale

from .factories import campaign_create, guide_create, hotline_create

pytestmark = pytest.mark.django_db


def test_alternates_list_only_the_languages_the_page_exists_in(tree, client):
    ru = campaign_create(tree["ru"]["campaigns"])
    campaign_create(
        tree["en"]["campaigns"],
        translation_key=ru.translation_key,
        title="Fees",
        locale=Locale.objects.get(language_code="en"),
    )
    html = client.get("/ru/campaigns/fees/").content.decode()
    assert (
        f'<link rel="alternate" hreflang="ru" href="{settings.SITE_URL}/ru/campaigns/fees/">'
        in html
    )
    assert (
        f'<link rel="alternate" hreflang="en" href="{settings.SITE_URL}/en/campaigns/fees/">'
        in html
    )
    assert 'hreflang="kk" href="' + settings.SITE_URL + "/kk/campaigns/fees/" not in html
    # and the page offers the other language in its own list
    assert '<a href="/en/campaigns/fees/" lang="en" hreflang="en">English</a>' in html


def test_missing_translation_says_so_and_offers_the_existing_languages(tree, client):
    ru = campaign_create(tree["ru"]["campaigns"])
    campaign_create(
        tree["tg"]["campaigns"],
        translation_key=ru.translation_key,
        title="Ҳаққи миёнаравӣ",
        locale=Locale.objects.get(language_code="tg"),
    )
    response = client.get("/kk/campaigns/fees/")  # the language switcher keeps the path
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="kk"' in html
    assert 'href="/ru/campaigns/fees/" lang="ru"' in html
    assert 'href="/tg/campaigns/fees/" lang="tg"' in html
    assert 'href="/kk/campaigns/fees/"' not in html.split("<main", 1)[1]


def test_unknown_pages_are_plain_404s(tree, client):
    assert client.get("/kk/campaigns/no-such-page/").status_code == 404


def test_unpublished_translations_are_not_offered(tree, client):
    ru = campaign_create(tree["ru"]["campaigns"])
    campaign_create(
        tree["en"]["campaigns"],
        live=False,
        translation_key=ru.translation_key,
        locale=Locale.objects.get(language_code="en"),
    )
    html = client.get("/ru/campaigns/fees/").content.decode()
    assert f'hreflang="en" href="{settings.SITE_URL}/en/campaigns/fees/"' not in html
    assert 'class="other-langs"' not in html  # no other language to offer


def test_guide_shows_help_contacts_in_the_readers_language(tree, client):
    hotline = hotline_create(name="Линия поддержки")
    tg = Locale.objects.get(language_code="tg")
    translated = hotline.copy_for_translation(tg)
    translated.name = "Хати дастгирӣ"
    translated.save()
    ru_guide = guide_create(tree["ru"]["guides"], hotline=hotline)
    guide_create(
        tree["tg"]["guides"],
        hotline=hotline,
        translation_key=ru_guide.translation_key,
        locale=tg,
        title="Қазоқистон",
    )
    assert "Хати дастгирӣ" in client.get("/tg/guides/kazakhstan/").content.decode()
    assert "Линия поддержки" in client.get("/ru/guides/kazakhstan/").content.decode()


def test_home_pages_exist_in_all_seven_languages_from_the_migration(client):
    """No fixture: the data migration alone serves every /<lang>/."""
    for code, _name in settings.LANGUAGES:
        response = client.get(f"/{code}/")
        assert response.status_code == 200
        assert f'<html lang="{code}"' in response.content.decode()
