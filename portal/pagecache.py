"""Cache of public pages for anonymous visitors, in the shared cache (Redis in production).

Why our own small middleware rather than Django's per-site cache middleware: Django keys its
entries on every `Vary` header, and our pages vary on `Cookie` (the header reads the session to
show "sign in" or "my account"), so each visitor with a cookie would get entries of their own.
This middleware uses Django's cache, but decides by rules that fit this site:

- served and stored only for GET requests without a session or messages cookie (nobody
  signed in, no pending message) on a language-prefixed path (`/ru/…`), so the key — host, path
  and query string — always includes the language;
- a response is stored only when it is a 200 with no cookie to set (a form's CSRF token sets
  one, so no page with a POST form is ever stored), not marked private/no-cache/no-store, and
  did not use the per-request CSP nonce;
- entries live `KARAVAN_PAGE_CACHE_SECONDS` (60 by default; 0 turns the cache off), and a state
  change evicts, at once, the pages it can change and only those: each public page belongs to
  an *area* (the first part of its path after the language: the registry, verification,
  vacancies, permits, or the content: Wagtail's pages, search, feeds), each area has its own
  generation number in the key, and a change starts a new generation of the areas it touches.
  Every state change writes an audit event, whose object's app says which areas
  (`AREAS_CHANGED_BY_APP`: a licensing change touches the registry, verification and the
  vacancy pages that show the agency's licence, not the campaigns and guides; an app not listed
  touches every area; `AREAS_CHANGED_BY_TYPE`: the case kernel's private rows, such as a
  document added to an application, touch none); publishing or unpublishing a Wagtail page touches the content only (the
  sitemap is outside the language prefix and never stored here). So a published guide, a vetted
  vacancy or a suspended licence shows on the next request, and the other areas stay warm.

The CSP and security headers are added by the outer middleware on every answer, cached or not.
"""

from __future__ import annotations

import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "pagecache:generation"
CONTENT = "content"
#: Areas of the public site by the first part of the path after the language; others: CONTENT.
AREAS = {"registry": "registry", "verify": "verify", "vacancies": "vacancies", "permits": "permits"}
ALL_AREAS = frozenset({*AREAS.values(), CONTENT})
#: The areas an audit event can change, by its object's app (`object_type` "app.model").
AREAS_CHANGED_BY_APP = {
    # Licences, agencies, sanctions, complaints: the registry, verification, and the vacancy
    # pages that show the agency's licence.
    "licensing": frozenset({"registry", "verify", "vacancies"}),
    "vacancies": frozenset({"vacancies", "verify"}),
    "permits": frozenset({"permits", "verify"}),
    # Help requests and referrals are never shown on a public page.
    "protection": frozenset(),
}
#: Objects whose changes no public page shows, whatever app their case belongs to: the case
#: kernel's documents and information requests are seen only by the applicant and officers
#: (the decision that follows writes its own event, of the case's app).
AREAS_CHANGED_BY_TYPE = {
    "portal.casedocument": frozenset(),
    "portal.informationrequest": frozenset(),
}
PREFIXES = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)
#: Signed-in or personal areas: never cached, even when a request comes without a cookie.
PRIVATE_PARTS = (
    "/accounts/",
    "/agency/",
    "/profile/",
    "/dashboard/",
    "/permits/application/",
    "/complaints/",
    "/vacancies-for-you/",
    "/help/",
)


def _seconds() -> int:
    return int(getattr(settings, "KARAVAN_PAGE_CACHE_SECONDS", 60))


def area(path: str) -> str:
    """ "/ru/registry/5/" → "registry"; "/ru/" or a Wagtail page → "content"."""
    parts = path.split("/", 3)
    return AREAS.get(parts[2] if len(parts) > 2 else "", CONTENT)


def generation(of: str) -> int:
    return cache.get_or_set(f"{GENERATION_KEY}:{of}", 1, timeout=None)


def invalidate(areas=ALL_AREAS) -> None:
    """Start a new generation of these areas: their stored pages are stale from now on."""
    for name in areas:
        key = f"{GENERATION_KEY}:{name}"
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 2, timeout=None)


def _now_and_on_commit(areas) -> None:
    # Now, so this request's own next page is fresh; after commit, so a page rendered by
    # another request before the change was committed (and stored meanwhile) is dropped too.
    invalidate(areas)
    transaction.on_commit(lambda: invalidate(areas), robust=True)


def audit_event_saved(sender, instance, created=False, **_kwargs) -> None:
    """post_save of AuditEvent: evict the areas this object's app can change."""
    if created:
        kind = instance.object_type
        areas = AREAS_CHANGED_BY_TYPE.get(kind)
        if areas is None:
            areas = AREAS_CHANGED_BY_APP.get(kind.split(".", 1)[0], ALL_AREAS)
        if areas:
            _now_and_on_commit(areas)


def page_changed(**_kwargs) -> None:
    """Wagtail page published or unpublished: the content (home, campaigns, guides)."""
    _now_and_on_commit({CONTENT})


def _cacheable_request(request) -> bool:
    return _seconds() > 0 and is_public_read(request)


def is_public_read(request) -> bool:
    """A GET of a public page by an anonymous visitor: the same for everyone (cacheable, and
    read from the replica when there is one: portal/db_router.py)."""
    path = request.path
    return (
        request.method == "GET"
        and path.startswith(PREFIXES)
        and not any(part in path for part in PRIVATE_PARTS)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def _cacheable_response(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or getattr(request, "_csp_nonce", None):
        return False
    control = {
        part.strip().split("=")[0].lower()
        for part in re.split(r"\s*,\s*", response.get("Cache-Control", ""))
        if part
    }
    return not control & {"private", "no-cache", "no-store"}


def _key(request) -> str:
    url = f"{request.get_host()}{request.get_full_path()}"
    name = area(request.path)
    digest = hashlib.sha256(url.encode()).hexdigest()
    return f"pagecache:{name}:{generation(name)}:{digest}"


class PublicPageCacheMiddleware:
    """Place after LocaleMiddleware and before CsrfViewMiddleware (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        cached = cache.get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if _cacheable_response(request, response):
            response["X-Page-Cache"] = "miss"
            cache.set(key, response, timeout=_seconds())
        return response
