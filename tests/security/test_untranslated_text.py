"""No English where a reader of another language looks: every public page type, every account
page and every worker and agency page, in each of the six other languages, fails when a piece
of visible text outside an element marked `lang="en"` is exactly an English catalogue string
(a msgid whose translation differs) or an English reference label (country, region, language,
currency, ISCO-08 group, ESCO occupation or skill).

Pages are found, not listed: every parameterless route the access matrix classifies as public
or as the signed-in user's own (test_matrix.CLASSES), as an anonymous visitor, the worker and
the agency, plus every object page the worker or the agency may open (test_matrix.OBJECT_CASES),
in the world of tests/security/conftest.py; and the pages those leave out: every CMS page type
(home, campaign and guide indexes, a campaign, a guide) in each language, the permit
application forms, and the account pages reached by an e-mailed link (with an expired key).
Test client, no browser: it runs in CI.
"""

import re
from fnmatch import fnmatch
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from portal.reference import TRANSLATED_TABLES

from .test_matrix import CLASSES, OBJECT_CASES, all_routes

OTHER_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]
#: Routes that answer with something other than a page (feeds, files, redirects, API).
NOT_PAGES = [
    "healthz",
    "healthz_detail",
    "set_language",
    "sitemap",
    "api:*",
    "*payment_webhook",
    "telegram_webhook",
    "licensing:registry_csv",
    "wagtaildocs*",
    "wagtailcore_*",
    "account_logout",
    "info_campaigns:campaign_feed",
    "info_campaigns:leaflet",
    "portal:account_language",
    "portal:account_channels",
    "account_confirm_email",
    "account_reset_password_from_key*",
    "mfa_logout",
    "*_download",
    "*certificate*",
    "*contract*",
]
ATTRIBUTES = ("placeholder", "aria-label", "title", "alt")
VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "param",
    "source",
    "track",
    "wbr",
}
LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


class VisibleText(HTMLParser):
    """Text a reader sees (text nodes, the title, option labels, placeholders, alt texts,
    button values), each with the language of its nearest `lang` ancestor."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.found: list[tuple[str, str]] = []

    def _lang(self) -> str:
        return next((lang for _tag, lang in reversed(self.stack) if lang), "")

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = attrs.get("lang")
        here = lang or self._lang()
        for name in ATTRIBUTES:
            if attrs.get(name):
                self.found.append((here, attrs[name]))
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.found.append((here, attrs["value"]))
        if tag not in VOID:
            self.stack.append((tag, lang))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if any(tag in ("script", "style", "template") for tag, _lang in self.stack):
            return
        text = " ".join(data.split())
        if text:
            self.found.append((self._lang(), text))


def visible_text(html: str) -> list[tuple[str, str]]:
    parser = VisibleText()
    parser.feed(html)
    return parser.found


def _meaningful(text: str) -> bool:
    return len(text) > 1 and bool(LETTER.search(text))


def catalogue_english(lang: str) -> set[str]:
    """English source strings of the project's catalogues (locale/, and locale_vendor/ for
    the account pages) that `lang` says differently (or has not translated yet)."""
    entries = []
    for root in settings.LOCALE_PATHS:
        path = Path(root) / lang / "LC_MESSAGES" / "django.po"
        if path.exists():
            entries += list(polib.pofile(str(path)))
    out = set()
    for entry in entries:
        if entry.obsolete:
            continue
        ids = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
        translated = (
            [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
        )
        for msgid in ids:
            text = " ".join(msgid.split())
            if _meaningful(text) and "%(" not in text and text not in translated:
                out.add(text)
    return out


def reference_english(lang: str) -> set[str]:
    """English reference labels a reader of `lang` should not see unmarked: all of them, but
    those whose label in `lang` (or its fallback) is spelt the same ("Almaty", "Astana")."""
    out = set()
    for model, _key, _source in TRANSLATED_TABLES.values():
        for row in model.objects.all():
            english = row.english
            text, used = row.label_for(lang)
            if _meaningful(english) and not (used != "en" and text == english):
                out.add(english)
    return out


@pytest.fixture
def cms_pages(db) -> dict[str, list[str]]:
    """{language: URLs} of one page of every CMS page type, published in every language (the
    content is neutral: the walk checks the templates' own text and the reference labels)."""
    from tests.info_campaigns.factories import campaign_create, guide_create, tree_build

    found = {}
    for code, tree in tree_build().items():
        campaign = campaign_create(
            tree["campaigns"],
            title=f"{code} 1",
            summary="—",
            body=[("check_agency", {"heading": "", "text": ""})],
        )
        guide = guide_create(
            tree["guides"],
            title=f"{code} 2",
            summary="—",
            entry_and_registration=[],
            work_permits=[],
            rights_and_duties=[],
            emergency_numbers=[("number", {"label": "112", "number": "112"})],
            embassies=[],
        )
        found[code] = [
            page.url for page in (tree["home"], tree["campaigns"], tree["guides"], campaign, guide)
        ]
    return found


#: Pages the route map cannot produce by itself (they need a parameter).
EXTRA_PAGES = [
    ("worker", "/permits/apply/work-permit/"),
    ("worker", "/permits/apply/patent/"),
    ("agency_a", "/permits/apply/work-permit/"),
    ("anonymous", "/accounts/confirm-email/expired-key/"),
    ("anonymous", "/accounts/password/reset/key/1-expired-key/"),
    ("anonymous", "/accounts/password/reset/key/done/"),
]


def pages(world) -> list[tuple[str, str]]:
    """(role, path without language prefix) of every page to walk."""
    found = []
    for pattern, name in all_routes():
        if "<" in pattern.replace("<lang>/", "") or any(fnmatch(name, p) for p in NOT_PAGES):
            continue
        path = "/" + pattern.replace("<lang>/", "")
        if any(fnmatch(name, p) for p in CLASSES["public"] if p):
            found.append(("anonymous", path))
        elif any(fnmatch(name, p) for p in CLASSES["self"]):
            found += [("anonymous", path), ("worker", path), ("agency_a", path)]
    for case in OBJECT_CASES:
        if case.method != "get" or any(fnmatch(case.name, p) for p in NOT_PAGES):
            continue
        for role in case.allowed & {"worker", "agency_a"}:
            url = reverse(case.name, kwargs=case.kwargs(world))
            found.append((role, "/" + url.split("/", 2)[2]))
    job_order, licence = world["job_order"], world["licence"]
    found += [
        ("anonymous", f"/vacancies/{job_order.pk}/"),
        ("anonymous", f"/registry/{licence.agency_id}/"),
        ("anonymous", f"/verify/{licence.number}/"),
        ("worker", f"/vacancies/{job_order.pk}/"),
    ]
    return sorted(set(found + EXTRA_PAGES))


def walk(client, world, cms: dict[str, list[str]]) -> dict[str, list]:
    """{language: [(role, url, [(lang, text)])]} for every page that answers 200 with HTML."""
    users = world["users"]
    seen: dict[str, list] = {}
    for lang in OTHER_LANGUAGES:
        visits = [(role, f"/{lang}{path}") for role, path in pages(world)]
        visits += [("anonymous", url) for url in cms[lang]]
        for role, url in visits:
            client.logout()
            if users[role] is not None:
                client.force_login(users[role])
            response = client.get(url)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            seen.setdefault(lang, []).append((role, url, visible_text(response.content.decode())))
    return seen


def _english_on_pages(walked, lang, english: set[str]) -> list[str]:
    problems = []
    for role, url, texts in walked[lang]:
        for text_lang, text in texts:
            if text in english and not text_lang.startswith("en"):
                problems.append(f"/{lang}/ {role:9} {url}: {text!r}")
    return sorted(set(problems))


@pytest.mark.django_db
def test_no_unmarked_english_reference_label(client, world, cms_pages):
    walked = walk(client, world, cms_pages)
    for lang in OTHER_LANGUAGES:
        urls = {url.split("/", 2)[2] for _role, url, _texts in walked[lang]}
        for expected in (
            "",
            "campaigns/",
            "guides/",
            "guides/kazakhstan/",
            "campaigns/fees/",
            "vacancies/",
            "registry/",
            "accounts/login/",
            "accounts/signup/",
            "accounts/confirm-email/",
            "profile/",
            "agency/",
            "agency/job-orders/new/",
            "complaints/new/",
            "permits/apply/patent/",
        ):
            assert expected in urls or any(url.startswith(expected) for url in urls if expected), (
                lang,
                expected,
            )
    problems = []
    for lang in OTHER_LANGUAGES:
        with translation.override(lang):
            problems += _english_on_pages(walked, lang, reference_english(lang))
    assert not problems, "English reference labels:\n" + "\n".join(problems)


@pytest.mark.django_db
def test_no_english_catalogue_string(client, world, cms_pages):
    walked = walk(client, world, cms_pages)
    problems = []
    for lang in OTHER_LANGUAGES:
        problems += _english_on_pages(walked, lang, catalogue_english(lang))
    assert not problems, "English catalogue strings:\n" + "\n".join(problems)


def test_visible_text_honours_lang_and_skips_scripts():
    html = (
        '<html lang="tg"><head><title>Сар</title><script>var x = "Search";</script></head>'
        '<body><p>Ҷустуҷӯ <span lang="en">Search</span></p><br><img alt="Logo">'
        "<select><option>Welders</option></select></body></html>"
    )
    assert visible_text(html) == [
        ("tg", "Сар"),
        ("tg", "Ҷустуҷӯ"),
        ("en", "Search"),
        ("tg", "Logo"),
        ("tg", "Welders"),
    ]
