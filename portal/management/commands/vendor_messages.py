"""Build locale_vendor/<lang>/LC_MESSAGES/django.po: our translations of library strings.

allauth ships no Kazakh, Tajik or Turkmen catalogue, and Django's own catalogues for the
national languages lack some of the password and form messages the account pages show. A
missing string falls back to Russian (LANGUAGE_CODE), so a Kazakh reader would sign in in
Russian. This command lists, per language:

* every allauth msgid the account pages and e-mails use (sign-in, sign-up, password reset,
  e-mail addresses, phone, MFA, sessions; social-account, OpenID and IdP strings left out);
* every Django msgid of the password validators, form fields and validators that Django's
  catalogue for the language leaves untranslated;
* the Wagtail admin msgids listed in locale_vendor/wagtail_admin_msgids.json: the strings
  staff meet in the back office (``manage.py vendor_admin_strings`` records them). Wagtail
  ships none of the five national languages.

It also builds ``locale_vendor/<lang>/LC_MESSAGES/djangojs.po``: Wagtail admin's JavaScript
strings (the sidebar, the page explorer, the editor's block menus, autosave and comment
messages), which ``/admin/jsi18n/`` serves from ``LOCALE_PATHS`` too. New entries are seeded
with the language's translation of the same msgid in the ``django`` catalogues where there is
one ("Search", "Cancel", "Dashboard").

It keeps the translations already in our catalogue, seeds new entries from the library's own
catalogue for the language when it has one (allauth ships Kyrgyz and Uzbek), and drops
msgids the libraries no longer have. ``make messages`` runs it; then fill the empty msgstr.

``settings.LOCALE_PATHS`` lists ``locale_vendor`` after ``locale``: the project catalogue wins
where both have a msgid, and ``makemessages`` keeps writing project strings to ``locale``.
"""

import json
import re
from dataclasses import dataclass
from pathlib import Path

import allauth
import django
import polib
import wagtail
from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

VENDOR_DIR = Path(settings.BASE_DIR) / "locale_vendor"
VENDOR_LANGUAGES = ["kk", "ky", "tg", "tk", "uz"]
NAMES = {"kk": "Kazakh", "ky": "Kyrgyz", "tg": "Tajik", "tk": "Turkmen", "uz": "Uzbek"}
DJANGO = Path(django.__file__).parent


@dataclass(frozen=True)
class Source:
    locale: Path  # the library's locale/ folder
    used: re.Pattern  # matches the start of the occurrences ("#: path:line") we show
    only_missing: bool  # only the msgids the library's own catalogue leaves untranslated
    msgids: frozenset | None = None  # only these msgids (Wagtail: the ones staff meet)


SOURCES = [
    Source(
        Path(allauth.__file__).parent / "locale",
        re.compile(r"(account|mfa|usersessions|templates/(account|mfa|usersessions|allauth))/"),
        only_missing=False,
    ),
    Source(
        DJANGO / "contrib" / "auth" / "locale",
        re.compile(r"contrib/auth/password_validation\.py"),
        only_missing=True,
    ),
    Source(
        DJANGO / "conf" / "locale",
        re.compile(r"(forms/fields|core/validators)\.py"),
        only_missing=True,
    ),
]


#: The Wagtail admin strings staff meet (menu, dashboard, listings, editor, search, filters,
#: account), as ``manage.py vendor_admin_strings`` records them by walking the back office;
#: Wagtail ships no kk/ky/tg/tk/uz catalogue. "context\x04msgid" for msgids with a context.
WAGTAIL_ADMIN_MSGIDS = VENDOR_DIR / "wagtail_admin_msgids.json"


def _key(entry) -> str:
    return f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid


def _wagtail_sources() -> list[Source]:
    if not WAGTAIL_ADMIN_MSGIDS.exists():
        return []
    listed = frozenset(json.loads(WAGTAIL_ADMIN_MSGIDS.read_text(encoding="utf-8")))
    root = Path(wagtail.__file__).parent
    return [
        Source(locale, re.compile(""), only_missing=False, msgids=listed)
        for locale in sorted(root.rglob("locale"))
        if (locale / "en" / "LC_MESSAGES" / "django.po").exists()
    ]


SOURCES += _wagtail_sources()


def catalogue(path: Path) -> polib.POFile | None:
    return polib.pofile(str(path)) if path.exists() else None


def translated(entry: polib.POEntry | None) -> bool:
    if entry is None or "fuzzy" in entry.flags or entry.obsolete:
        return False
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def house_style(code: str, text: str) -> str:
    """Our spelling rules for text taken from a library's catalogue: Uzbek writes oʻ and gʻ
    with U+02BB and the tutuq belgisi (maʼlumot) with U+02BC, never an ASCII apostrophe."""
    if code == "uz":
        text = re.sub(r"([OoGg])['`‘’]", "\\1\u02bb", text)
        text = re.sub(r"(?<=\w)['`‘’](?=\w)", "\u02bc", text)
    return text


#: Wagtail admin's JavaScript catalogue (``/admin/jsi18n/``): all of it.
JS_SOURCES = [
    Source(Path(wagtail.__file__).parent / "admin" / "locale", re.compile(""), only_missing=False)
]


def vendor_path(code: str, domain: str = "django") -> Path:
    return VENDOR_DIR / code / "LC_MESSAGES" / f"{domain}.po"


def _django_translations(code: str) -> dict[tuple, polib.POEntry]:
    """Our translated entries of the `django` domain (project first), by (context, msgid)."""
    found = {}
    for path in (
        vendor_path(code),
        Path(settings.LOCALE_PATHS[0]) / code / "LC_MESSAGES" / "django.po",
    ):
        for entry in catalogue(path) or []:
            if translated(entry):
                found[(entry.msgctxt, entry.msgid)] = entry
    return found


def build(code: str, domain: str = "django") -> tuple[polib.POFile, int]:
    old = catalogue(vendor_path(code, domain))
    project = polib.pofile(str(Path(settings.LOCALE_PATHS[0]) / code / "LC_MESSAGES" / "django.po"))
    sources = SOURCES if domain == "django" else JS_SOURCES
    ours = _django_translations(code) if domain == "djangojs" else {}
    now = timezone.now().strftime("%Y-%m-%d %H:%M%z")
    po = polib.POFile(wrapwidth=100)
    what = (
        "Strings of django-allauth and Django shown on Karavan's account pages"
        if domain == "django"
        else "Wagtail admin's JavaScript strings"
    )
    po.header = (
        f"{what}, in {NAMES[code]}.\n"
        "Built by `manage.py vendor_messages` (see docs/languages.md). Entries marked\n"
        "'# review: machine-uncertain' need a native speaker's check."
    )
    po.metadata = {
        "Project-Id-Version": "Karavan (library strings)",
        "PO-Revision-Date": old.metadata.get("PO-Revision-Date", now) if old else now,
        "Last-Translator": "Karavan translators <i18n@karavan.example>",
        "Language-Team": f"{NAMES[code]} <i18n@karavan.example>",
        "Language": code,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": project.metadata["Plural-Forms"],
    }
    nplurals = int(re.search(r"nplurals=(\d+)", po.metadata["Plural-Forms"]).group(1))
    seen, missing = set(), 0
    for source in sources:
        english = catalogue(source.locale / "en" / "LC_MESSAGES" / f"{domain}.po")
        shipped = catalogue(source.locale / code / "LC_MESSAGES" / f"{domain}.po")
        for item in english:
            key = (item.msgctxt, item.msgid)
            if item.obsolete or key in seen:
                continue
            if source.msgids is not None and _key(item) not in source.msgids:
                continue
            if not any(source.used.match(path) for path, _line in item.occurrences):
                continue
            previous = old.find(item.msgid, msgctxt=item.msgctxt) if old else None
            seed = shipped.find(item.msgid, msgctxt=item.msgctxt) if shipped else None
            if not translated(seed):
                seed = ours.get(key)
            if source.only_missing and translated(seed) and not translated(previous):
                continue
            seen.add(key)
            entry = polib.POEntry(
                msgid=item.msgid,
                msgid_plural=item.msgid_plural,
                msgctxt=item.msgctxt,
                occurrences=sorted({(path, None) for path, _line in item.occurrences}),
                flags=[flag for flag in item.flags if flag != "fuzzy"],
            )
            origin = previous if translated(previous) else seed if translated(seed) else None
            if origin is None:
                if item.msgid_plural:
                    entry.msgstr_plural = dict.fromkeys(range(nplurals), "")
                missing += 1
            elif origin is previous:
                entry.msgstr, entry.msgstr_plural = origin.msgstr, dict(origin.msgstr_plural)
                entry.tcomment = previous.tcomment
            else:
                entry.msgstr = house_style(code, seed.msgstr)
                entry.tcomment = seed.tcomment if seed is ours.get(key) else ""
                entry.msgstr_plural = {
                    n: house_style(code, t) for n, t in seed.msgstr_plural.items()
                }
            po.append(entry)
    return po, missing


class Command(BaseCommand):
    help = (
        "Create or update locale_vendor/<lang>/LC_MESSAGES/django.po (allauth, Django, "
        "Wagtail) and djangojs.po (Wagtail admin's JavaScript)."
    )

    def add_arguments(self, parser):
        parser.add_argument("-l", "--locale", action="append", choices=VENDOR_LANGUAGES)

    def handle(self, *args, **options):
        for code in options["locale"] or VENDOR_LANGUAGES:
            for domain in ("django", "djangojs"):
                po, missing = build(code, domain)
                path = vendor_path(code, domain)
                path.parent.mkdir(parents=True, exist_ok=True)
                po.save(str(path))
                self.stdout.write(
                    f"{path.relative_to(settings.BASE_DIR)}: {len(po)} strings, "
                    f"{missing} to translate"
                )
