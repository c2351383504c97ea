"""The back office reads in each staff member's language.

Wagtail ships no Kazakh, Kyrgyz, Tajik, Turkmen or Uzbek catalogue: it offered only its own
languages and showed the rest in Russian (the default) or English. The admin strings staff
meet are translated in locale_vendor/ (docs/languages.md, "Back office and account pages").
"""

import json
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
import wagtail
from django.conf import settings

from tests.conftest import give_totp

pytestmark = pytest.mark.django_db

NATIONAL = ["kk", "ky", "tg", "tk", "uz"]
MENU_IN_ENGLISH = {"Dashboard", "Pages", "Search", "Help", "Account", "Log out", "Reports"}


class VisibleText(HTMLParser):
    """Text nodes and the attributes a person reads or hears (aria-label, title, placeholder)."""

    def __init__(self):
        super().__init__()
        self.texts, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self.hidden += 1
        for name, value in attrs:
            if name in ("placeholder", "aria-label", "title", "alt") and value:
                self.texts.append(" ".join(value.split()))

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden and data.strip():
            self.texts.append(" ".join(data.split()))


def visible_texts(response) -> list[str]:
    parser = VisibleText()
    parser.feed(response.content.decode())
    return parser.texts


def sidebar_labels(response) -> list[str]:
    props = re.search(
        r'id="wagtail-sidebar-props"[^>]*>(.*?)</script>', response.content.decode(), re.S
    )
    menu = json.dumps(json.loads(props.group(1)), ensure_ascii=False)
    return re.findall(r'"label": "([^"]*)"', menu)


@cache
def wagtail_english_and_russian(code: str) -> frozenset[str]:
    """Every Wagtail string as English source and as Russian (the fallback language), minus
    what reads the same in ``code`` (Сайт, Профиль, Wagtail…)."""
    root = Path(wagtail.__file__).parent
    texts = set()
    for ru_po in root.rglob("locale/ru/LC_MESSAGES/django.po"):
        for entry in polib.pofile(str(ru_po)):
            texts.update({entry.msgid, entry.msgstr, *entry.msgstr_plural.values()})
    own = set()
    for folder in settings.LOCALE_PATHS:
        for entry in polib.pofile(str(Path(folder) / code / "LC_MESSAGES" / "django.po")):
            own.update({entry.msgstr, *entry.msgstr_plural.values()})
    return frozenset(t for t in texts - own if re.search(r"[^\W\d_]{3}", t) and "Wagtail" not in t)


def in_language(client, user, code, path):
    give_totp(user)
    client.force_login(user)
    switch = client.get(f"/{code}/admin/")
    assert switch.status_code == 302 and switch["Location"] == "/admin/"
    response = client.get(path)
    assert response.status_code == 200
    assert f'<html lang="{code}"' in response.content.decode()
    return response


def test_every_site_language_is_a_back_office_language():
    from wagtail.admin.localization import get_available_admin_languages

    assert [code for code, _ in get_available_admin_languages()] == [
        code for code, _ in settings.LANGUAGES
    ]


@pytest.mark.parametrize("code", NATIONAL)
@pytest.mark.parametrize(
    ("who", "path"),
    [
        ("officer", "/admin/"),
        ("editor", "/admin/"),
        ("editor", "/admin/pages/"),
        ("officer", "/admin/account/"),
    ],
)
def test_back_office_shows_no_english_or_russian_wagtail_strings(client, people, code, who, path):
    response = in_language(client, people[who], code, path)
    assert not MENU_IN_ENGLISH & set(sidebar_labels(response))
    foreign = wagtail_english_and_russian(code)
    found = sorted({t for t in visible_texts(response) if t in foreign or t.rstrip(":") in foreign})
    assert not found, f"{path} in {code} shows English or Russian: {found}"


def test_without_a_chosen_language_staff_get_their_account_language(client, people):
    officer = people["officer"]
    officer.preferred_language = "uz"
    officer.save(update_fields=["preferred_language"])
    give_totp(officer)
    client.force_login(officer)
    response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="uz"' in response.content.decode()
    assert "Boshqaruv paneli" in response.content.decode()


def test_the_choice_made_in_wagtails_account_settings_wins(client, people):
    from wagtail.users.models import UserProfile

    officer = people["officer"]
    profile = UserProfile.get_for_user(officer)
    profile.preferred_language = "ru"
    profile.save()
    response = in_language_without_check(client, officer, "tg")
    assert '<html lang="ru"' in response.content.decode()


def in_language_without_check(client, user, code):
    give_totp(user)
    client.force_login(user)
    client.get(f"/{code}/admin/")
    return client.get("/admin/")


@pytest.fixture
def superuser():
    from portal.models import User

    return User.objects.create_superuser(email="root@example.org", password="correct-horse-battery")


@pytest.mark.parametrize("code", NATIONAL)
@pytest.mark.parametrize(
    "path",
    [
        "/admin/users/",
        "/admin/groups/",
        "/admin/sites/",
        "/admin/collections/",
        "/admin/redirects/import/",
    ],
)
def test_superuser_screens_show_no_english_or_russian_wagtail_strings(
    client, superuser, code, path
):
    """Users, groups and their permissions, sites, collections, redirects: only superusers
    reach them, and they too read their own language. (The redirects list is left out:
    Wagtail builds its filter labels with a non-lazy gettext at import, so "Type",
    "Permanent", "Temporary" and "All" are frozen in the default language, Russian.)"""
    response = in_language(client, superuser, code, path)
    foreign = wagtail_english_and_russian(code)
    found = sorted({t for t in visible_texts(response) if t in foreign or t.rstrip(":") in foreign})
    assert not found, f"{path} in {code} shows English or Russian: {found}"


@pytest.mark.parametrize("code", NATIONAL)
def test_wagtails_javascript_catalogue_speaks_the_staff_language(client, people, code):
    """The sidebar, page explorer, block editor and autosave messages come from
    /admin/jsi18n/: it serves our catalogue, not Wagtail's Russian or English."""
    in_language(client, people["editor"], code, "/admin/")
    catalogue = client.get("/admin/jsi18n/").content.decode()
    ours = polib.pofile(
        str(Path(settings.BASE_DIR) / "locale_vendor" / code / "LC_MESSAGES" / "djangojs.po")
    )
    for msgid in ("Loading…", "Page explorer", "Main menu", "Changes have been autosaved."):
        assert json.dumps(ours.find(msgid).msgstr)[1:-1] in catalogue, msgid
    russian = polib.pofile(
        str(
            Path(wagtail.__file__).parent
            / "admin"
            / "locale"
            / "ru"
            / "LC_MESSAGES"
            / "djangojs.po"
        )
    )
    assert json.dumps(russian.find("Page explorer").msgstr)[1:-1] not in catalogue
