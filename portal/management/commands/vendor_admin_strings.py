"""Record which Wagtail admin strings staff meet, for locale_vendor/wagtail_admin_msgids.json.

Wagtail ships no Kazakh, Kyrgyz, Tajik, Turkmen or Uzbek catalogue, and its ~2,000 strings
are mostly for developers' and superusers' screens. This command walks the back office as the
demo staff accounts (``make demo``), in English, following the links of each page (the sidebar
menu included) up to ``--pages`` pages per account, notes every msgid looked up while
rendering, and keeps those that come from Wagtail's catalogues and are not in the project's
own. It adds them to the list (``--replace`` to start afresh); ``manage.py vendor_messages``
then gives each language an entry to translate.
"""

import json
import re
from pathlib import Path

import polib
import wagtail
from django.conf import settings
from django.core.management.base import BaseCommand
from django.test import Client
from django.test.utils import override_settings
from django.utils.translation import trans_real

from .vendor_messages import WAGTAIL_ADMIN_MSGIDS

#: The demo accounts of every staff role, and the superuser (portal/demo.py).
STAFF = [
    "officer.tj@demo.karavan.kz",
    "senior.kz@demo.karavan.kz",
    "admin.kz@demo.karavan.kz",
    "analyst@demo.karavan.kz",
    "editor@demo.karavan.kz",
    "reviewer@demo.karavan.kz",
    "superadmin@demo.karavan.kz",  # the platform's superusers: sites, groups, workflows…
]
START = [
    "/admin/",
    "/admin/pages/",
    "/admin/pages/search/?q=a",
    "/admin/account/",
    "/admin/images/",
    "/admin/documents/",
    "/admin/snippets/",
    "/admin/reports/",
]
#: Links not followed: they change something or only repeat a listing.
SKIP = (
    "delete",
    "logout",
    "unpublish",
    "revert",
    "copy",
    "move",
    "lock",
    "export",
    "preview",
    "usage",
    "bulk",
    "history/",
    "workflow",
)
LINK = re.compile(r'href="(/admin/[^"#]*)"|"url": "(/admin/[^"]*)"')


def _key(msgctxt, msgid) -> str:
    return f"{msgctxt}\x04{msgid}" if msgctxt else msgid


class Command(BaseCommand):
    help = "Walk the back office as demo staff; list the Wagtail strings they meet."

    def add_arguments(self, parser):
        parser.add_argument("--pages", type=int, default=100, help="pages per account")
        parser.add_argument("--replace", action="store_true", help="forget the current list")

    def handle(self, *args, **options):
        from allauth.mfa.models import Authenticator
        from wagtail.users.models import UserProfile

        from portal.models import User

        looked_up = set()
        gettext, ngettext = (
            trans_real.DjangoTranslation.gettext,
            trans_real.DjangoTranslation.ngettext,
        )

        def recording_gettext(translation, message):
            looked_up.add(message)
            return gettext(translation, message)

        def recording_ngettext(translation, singular, plural, number):
            looked_up.add(singular)
            return ngettext(translation, singular, plural, number)

        trans_real.DjangoTranslation.gettext = recording_gettext
        trans_real.DjangoTranslation.ngettext = recording_ngettext
        try:
            with override_settings(ALLOWED_HOSTS=["*"]):
                for email in STAFF:
                    user = User.objects.filter(email=email).first()
                    if user is None:
                        self.stderr.write(f"{email}: not found (run `make demo` first)")
                        continue
                    if not Authenticator.objects.filter(user=user).exists():
                        self.stderr.write(f"{email}: has no authenticator; skipped")
                        continue
                    profile = UserProfile.get_for_user(user)
                    language, profile.preferred_language = profile.preferred_language, "en"
                    profile.save(update_fields=["preferred_language"])
                    try:
                        count = self._walk(user, options["pages"])
                    finally:
                        profile.preferred_language = language
                        profile.save(update_fields=["preferred_language"])
                    self.stdout.write(f"{email}: {count} pages")
        finally:
            trans_real.DjangoTranslation.gettext = gettext
            trans_real.DjangoTranslation.ngettext = ngettext

        root = Path(wagtail.__file__).parent
        wagtail_msgids = {
            _key(e.msgctxt, e.msgid)
            for po in root.rglob("locale/en/LC_MESSAGES/django.po")
            for e in polib.pofile(str(po))
        }
        project = {
            _key(e.msgctxt, e.msgid)
            for e in polib.pofile(str(Path(settings.LOCALE_PATHS[0]) / "ru/LC_MESSAGES/django.po"))
        }
        found = (looked_up & wagtail_msgids) - project
        old = (
            set()
            if options["replace"] or not WAGTAIL_ADMIN_MSGIDS.exists()
            else set(json.loads(WAGTAIL_ADMIN_MSGIDS.read_text(encoding="utf-8")))
        )
        WAGTAIL_ADMIN_MSGIDS.write_text(
            json.dumps(sorted(old | found), ensure_ascii=False, indent=0) + "\n", encoding="utf-8"
        )
        self.stdout.write(
            f"{len(found)} Wagtail strings met, {len(found - old)} new; "
            f"{len(old | found)} listed. Now run `make messages` and translate."
        )

    def _walk(self, user, limit: int) -> int:
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(user)
        queue, seen, count = list(START), set(), 0
        while queue and count < limit:
            url = queue.pop(0)
            shape = re.sub(r"\d+", "N", url.split("?")[0])  # one page per kind of page
            if shape in seen:
                continue
            seen.add(shape)
            response = client.get(url)
            count += 1
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            for match in LINK.finditer(response.content.decode()):
                link = (match.group(1) or match.group(2)).replace("&amp;", "&")
                if not any(part in link for part in SKIP):
                    queue.append(link)
        return count
