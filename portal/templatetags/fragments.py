"""`{% fragment "area" var1 var2 … %}…{% endfragment %}`: a part of a public page kept in the
shared cache, valid until what it shows changes.

The key holds the page-cache *area* generation of `area` (`portal.pagecache`: "registry",
"verify", "vacancies", "permits" or "content"), the active language and the values given, so a
state change that evicts that area's pages (a suspended licence, a vetted vacancy, a published
guide) makes every fragment of the area stale at once: the next request renders it afresh.
Several areas can be named with "+" ("vacancies+registry"). Entries also expire after
`KARAVAN_FRAGMENT_CACHE_SECONDS` (300 by default), so what depends on the date alone (a licence
expiring at midnight, a campaign's expiry time) is never older than that; 0 turns fragments
off.

Unlike the page cache this works for every visitor, signed in or not, and for pages with a
form: only the parts that are the same for everyone go inside (never a CSRF token, a CSP nonce,
the visitor's name or messages). Used to make public pages cheap to render when the page cache
is cold or off (docs/performance.md).
"""

from __future__ import annotations

import hashlib

from django import template
from django.conf import settings
from django.core.cache import cache
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

KEY_PREFIX = "fragment"


def fragment_seconds() -> int:
    return int(getattr(settings, "KARAVAN_FRAGMENT_CACHE_SECONDS", 300))


def fragment_key(areas: str, name: str, values, request=None) -> str:
    """The cache key of a fragment: areas' generations, language, name and the values.

    The generations are read once per request (kept on it), however many fragments it has."""
    from portal.pagecache import generation

    known = getattr(request, "_fragment_generations", None) if request is not None else None
    if known is None:
        known = {}
        if request is not None:
            request._fragment_generations = known
    for area in areas.split("+"):
        if area not in known:
            known[area] = generation(area)
    generations = ".".join(str(known[area]) for area in areas.split("+"))
    digest = hashlib.blake2b("\x1f".join(map(str, values)).encode(), digest_size=16).hexdigest()
    return f"{KEY_PREFIX}:{areas}:{generations}:{get_language()}:{name}:{digest}"


class FragmentNode(template.Node):
    def __init__(self, nodelist, areas, name, values):
        self.nodelist, self.areas, self.name, self.values = nodelist, areas, name, values

    def render(self, context):
        seconds = fragment_seconds()
        if seconds <= 0:
            return self.nodelist.render(context)
        areas = self.areas.resolve(context)
        key = fragment_key(
            areas,
            self.name,
            [v.resolve(context) for v in self.values],
            request=context.get("request"),
        )
        cached = cache.get(key)
        if cached is None:
            cached = self.nodelist.render(context)
            cache.set(key, str(cached), seconds)
        return mark_safe(cached)  # noqa: S308 — our own rendered template output


@register.tag("fragment")
def do_fragment(parser, token):
    """{% fragment "area[+area]" value… %} … {% endfragment %} (see the module docstring)."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs at least the area")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    # The template's name and the tag's position tell two fragments with the same values apart.
    origin = getattr(token, "position", None) or (0, 0)
    name = f"{parser.origin.template_name if parser.origin else ''}:{origin[0]}"
    return FragmentNode(
        nodelist,
        parser.compile_filter(bits[1]),
        name,
        [parser.compile_filter(bit) for bit in bits[2:]],
    )
