"""Account pages (allauth) read in the page's language, not in Russian or English.

allauth ships no Kazakh, Tajik or Turkmen catalogue, and Django's national-language catalogues
lack some password messages; without ours (locale_vendor/, built by ``manage.py
vendor_messages``) those strings fall back to Russian, the default language.
"""

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings

from portal.management.commands.vendor_messages import (
    SOURCES,
    VENDOR_LANGUAGES,
    build,
    vendor_path,
)

# Languages whose vendor catalogue is still being translated (remove when filled).
PENDING: set[str] = set()
ACCOUNT_PAGES = ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]


def languages(codes):
    return [
        pytest.param(code, marks=pytest.mark.xfail(reason="being translated"))
        if code in PENDING
        else code
        for code in codes
    ]


class VisibleText(HTMLParser):
    """Text nodes and the attributes a person reads (placeholder, aria-label, title, alt)."""

    def __init__(self):
        super().__init__()
        self.texts, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.hidden += 1
        for name, value in attrs:
            if name in ("placeholder", "aria-label", "title", "alt") and value:
                self.texts.append(value.strip())

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden and data.strip():
            self.texts.append(" ".join(data.split()))


def strings(entry: polib.POEntry) -> list[str]:
    if entry.msgid_plural:
        return [entry.msgid, entry.msgid_plural, *entry.msgstr_plural.values()]
    return [entry.msgid, entry.msgstr]


@cache
def foreign_strings(code: str) -> set[str]:
    """English source and Russian text of every library string the vendor catalogue covers,
    minus what reads the same in ``code`` (e.g. "IPv4")."""
    ours = polib.pofile(str(vendor_path(code)))
    foreign = set()
    for source in SOURCES:
        russian = polib.pofile(str(source.locale / "ru" / "LC_MESSAGES" / "django.po"))
        for entry in russian:
            if ours.find(entry.msgid, msgctxt=entry.msgctxt):
                foreign.update(" ".join(text.split()) for text in strings(entry) if text)
    project = polib.pofile(str(Path(settings.LOCALE_PATHS[0]) / code / "LC_MESSAGES" / "django.po"))
    same = {" ".join(text.split()) for po in (ours, project) for e in po for text in strings(e)[1:]}
    return {text for text in foreign - same if re.search(r"[^\W\d_]{3}", text)}


@pytest.mark.parametrize("code", VENDOR_LANGUAGES)
def test_vendor_catalogue_is_up_to_date_with_the_installed_libraries(code):
    """Every allauth / Django string the account pages use has an entry: after upgrading
    allauth or Django, ``make messages`` adds the new ones (then translate them)."""
    for domain in ("django", "djangojs"):
        expected = {(e.msgctxt, e.msgid) for e in build(code, domain)[0]}
        present = {(e.msgctxt, e.msgid) for e in polib.pofile(str(vendor_path(code, domain)))}
        assert expected == present, (
            f"{domain}: run `make messages`: {sorted(expected ^ present)[:10]}"
        )


@pytest.mark.django_db
@pytest.mark.parametrize("code", languages(["kk", "ky", "tg", "tk", "uz"]))
@pytest.mark.parametrize("page", ACCOUNT_PAGES)
def test_account_page_has_no_russian_or_english_library_strings(client, code, page):
    response = client.get(f"/{code}{page}")
    assert response.status_code == 200
    parser = VisibleText()
    parser.feed(response.content.decode())
    foreign = foreign_strings(code) | {"Войти", "Sign In", "Remember Me", "Запомнить меня"}
    found = [text for text in parser.texts if text in foreign or text.rstrip(":") in foreign]
    assert not found, f"/{code}{page} shows Russian or English: {found}"
