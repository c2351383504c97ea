"""Every translatable string must be one that `makemessages` can extract.

xgettext does not read inside f-string expressions, so `f"{_('Complaint')} {code}"` never
reaches a catalogue and shows in English in every language (the officer dashboard showed
"Complaint UJ3CTAHYM6" on /kk/). Write `_("Complaint %(code)s") % {"code": code}` instead.
"""

import re
from pathlib import Path

from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
APPS = ["portal", "licensing", "vacancies", "matching", "info_campaigns"]
#: `_(` or `gettext(` called inside the braces of an f-string.
GETTEXT_IN_FSTRING = re.compile(
    r"""\bf(["']).*?\{[^}]*\b(_|gettext|gettext_lazy|pgettext)\(.*?\1"""
)


def test_no_translatable_string_is_hidden_inside_an_f_string():
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if GETTEXT_IN_FSTRING.search(line)
    ]
    assert found == []


def test_the_names_that_were_hidden_are_translated(db):
    from licensing.models import Complaint
    from matching.models import MatchRun
    from portal.maps import region_map_svg

    with translation.override("kk"):
        assert str(Complaint(tracking_code="UJ3CTAHYM6")).endswith("UJ3CTAHYM6")
        assert not str(Complaint(tracking_code="X")).startswith("Complaint")
        assert not str(MatchRun(pk=7)).startswith("Match run")
        svg = str(region_map_svg(values={}, title="t", description="d"))
        assert ": no data<" not in svg
