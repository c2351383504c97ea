"""The Atom feed per language and sitemap.xml are well-formed and list what is live."""

import pytest
from defusedxml import ElementTree as ET
from django.conf import settings
from wagtail.models import Locale

from .factories import campaign_create, guide_create

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def test_campaign_feed_per_language_is_well_formed_atom(tree, client):
    ru = campaign_create(tree["ru"]["campaigns"], title="Плата за наём")
    campaign_create(
        tree["en"]["campaigns"],
        title="Fees are the employer's",
        translation_key=ru.translation_key,
        locale=Locale.objects.get(language_code="en"),
    )
    campaign_create(tree["ru"]["campaigns"], slug="draft", title="Черновик", live=False)

    response = client.get("/ru/feeds/campaigns/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "ru"
    entries = root.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == ["Плата за наём"]
    link = entries[0].find(f"{ATOM}link").get("href")
    assert link == f"{settings.SITE_URL}/ru/campaigns/fees/"
    assert entries[0].find(f"{ATOM}summary").text.startswith("No worker pays")

    en = ET.fromstring(client.get("/en/feeds/campaigns/").content)
    assert [e.find(f"{ATOM}title").text for e in en.findall(f"{ATOM}entry")] == [
        "Fees are the employer's"
    ]


def test_campaign_index_advertises_its_feed(tree, client):
    html = client.get("/uz/campaigns/").content.decode()
    assert '<link rel="alternate" type="application/atom+xml" href="/uz/feeds/campaigns/"' in html


def test_sitemap_is_well_formed_with_hreflang_alternates(tree, client):
    ru = campaign_create(tree["ru"]["campaigns"])
    campaign_create(
        tree["ky"]["campaigns"],
        translation_key=ru.translation_key,
        locale=Locale.objects.get(language_code="ky"),
    )
    guide_create(tree["en"]["guides"])
    campaign_create(tree["ru"]["campaigns"], slug="draft", live=False)

    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    urls = {u.find(f"{SM}loc").text: u for u in root.findall(f"{SM}url")}
    base = settings.SITE_URL
    for code, _name in settings.LANGUAGES:
        assert f"{base}/{code}/" in urls
        assert f"{base}/{code}/guides/" in urls
    assert f"{base}/en/guides/kazakhstan/" in urls
    assert f"{base}/ru/campaigns/draft/" not in urls
    alternates = {
        (a.get("hreflang"), a.get("href"))
        for a in urls[f"{base}/ru/campaigns/fees/"].findall(f"{XHTML}link")
    }
    assert alternates == {
        ("ru", f"{base}/ru/campaigns/fees/"),
        ("ky", f"{base}/ky/campaigns/fees/"),
    }
    assert urls[f"{base}/ru/campaigns/fees/"].find(f"{SM}lastmod") is not None


def test_pages_carry_a_meta_description(tree, client):
    campaign_create(tree["ru"]["campaigns"], summary="Работник никогда не платит за работу.")
    html = client.get("/ru/campaigns/fees/").content.decode()
    assert '<meta name="description" content="Работник никогда не платит за работу.">' in html
