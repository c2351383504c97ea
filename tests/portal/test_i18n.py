"""Language prefixes, the no-JavaScript switcher, <html lang> and hreflang."""

import re

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

CODES = [code for code, _ in settings.LANGUAGES]


def test_seven_languages_are_served():
    assert CODES == ["ru", "en", "kk", "ky", "tg", "tk", "uz"]


@pytest.mark.parametrize("code", CODES)
def test_each_language_has_its_prefix_and_html_lang(client, code):
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{code}"' in html
    for other in CODES:
        assert f'hreflang="{other}" href="{settings.SITE_URL}/{other}/"' in html


def test_root_redirects_to_a_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="tg")
    assert response.status_code == 302
    assert response["Location"] == "/tg/"


def test_switcher_links_keep_the_page_and_work_without_javascript(client):
    html = client.get("/en/verify/").content.decode()
    links = dict(re.findall(r'<a href="(/[a-z]{2}/verify/)" lang="([a-z]{2})"', html))
    assert sorted(links.values()) == sorted(CODES)
    assert "<script" not in html


@pytest.mark.parametrize(
    ("code", "phrase"),
    [
        ("ru", "Проверить документ"),
        ("en", "Verify a document"),
        ("kk", "Құжатты тексеру"),
        ("ky", "Документти текшерүү"),
        ("tg", "Санадро тафтиш кунед"),
        ("tk", "Resminamany barlaň"),
        ("uz", "Hujjatni tekshirish"),
    ],
)
def test_public_shell_is_translated(client, code, phrase):
    assert phrase in client.get(f"/{code}/").content.decode()


@pytest.mark.django_db
def test_worker_dashboard_links_to_profile_matches_applications_and_permits(client, people):
    client.force_login(people["worker"])
    html = client.get("/en/dashboard/").content.decode()
    for href in [
        "/en/profile/",
        "/en/vacancies-for-you/",
        "/en/profile/applications/",
        "/en/permits/",
    ]:
        assert f'href="{href}"' in html
