"""Request input that never crashes a view: ids parsed strictly, NUL bytes removed.

`str.isdigit()` is the wrong test before `int()`: "²" and "١" are digits to it, and `int("²")`
fails. PostgreSQL refuses text with a NUL byte ("%00"), which would reach it from any query
string or form. Views read ids only through `parse_id`/`parse_ids`; `StripNulMiddleware`
removes NUL from the path, the query string and url-encoded forms before any view runs.
"""

import re
from collections.abc import Iterable

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

ERROR_BAD_ID = _("That choice is not valid. Go back and choose again.")

#: An id is 1 to 18 ASCII digits: it always fits a PostgreSQL bigint.
_ID = re.compile(r"[0-9]{1,18}")


def parse_id(value) -> int | None:
    """The id in `value` (a request parameter), or None if it is not plain ASCII digits."""
    if isinstance(value, str) and _ID.fullmatch(value.strip()):
        return int(value.strip())
    return None


def parse_ids(values: Iterable) -> list[int] | None:
    """Every id in `values` (e.g. `request.POST.getlist("add")`), or None if any is not one."""
    ids = [parse_id(value) for value in values]
    return None if None in ids else ids


def _without_nul(query: QueryDict) -> QueryDict:
    if not any("\x00" in key or "\x00" in value
               for key, values in query.lists() for value in values):
        return query
    clean = QueryDict(mutable=True, encoding=query.encoding)
    for key, values in query.lists():
        clean.setlist(key.replace("\x00", ""), [value.replace("\x00", "") for value in values])
    clean._mutable = False
    return clean


class StripNulMiddleware:
    """Remove NUL bytes from the path, the query string and url-encoded POST bodies.

    Multipart bodies are left to the form fields (Django's CharField refuses NUL with its own
    message), so that reading them here never runs before a view's upload handlers.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info:
            request.path_info = request.path_info.replace("\x00", "")
            request.path = request.path.replace("\x00", "")
        request.GET = _without_nul(request.GET)
        if request.method == "POST" and request.content_type == "application/x-www-form-urlencoded":
            request.POST = _without_nul(request.POST)
        return self.get_response(request)
