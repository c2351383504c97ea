"""Dates as DD.MM.YYYY, 24-hour times, "1 234,5" numbers: the convention of the region,
for the public pages, the back office and e-mails alike (Django's own locale files differ per
language, and Kazakh has none)."""

from portal.formats.common import *  # noqa: F403
