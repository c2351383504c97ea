"""Request input that never crashes a view: ids parsed strictly.

`str.isdigit()` is the wrong test before `int()`: "²" and "١" are digits to it, and `int("²")`
fails. PostgreSQL refuses text with a NUL byte ("%00"), which would reach it from any query
string or form. Views read ids only through `parse_id`/`parse_ids`; a NUL anywhere in the path,
the query string or a form is refused with a 400 page by `portal.middleware.BadInputMiddleware`.
"""

import re
from collections.abc import Iterable

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
