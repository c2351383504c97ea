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
- entries live `KARAVAN_PAGE_CACHE_SECONDS` (60 by default; 0 turns the cache off), and every
  state change starts a new generation at once: each writes an audit event, and publishing or
  unpublishing a Wagtail page does too, so a published guide, a vetted vacancy or a suspended
  licence shows on the next request.

The CSP and security headers are added by the outer middleware on every answer, cached or not.
"""

from __future__ import annotations

import hashlib
import re

from django.conf import settings
from django.core.cache import cache

GENERATION_KEY = "pagecache:generation"
PREFIXES = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)
#: Signed-in or personal areas: never cached, even when a request comes without a cookie.
PRIVATE_PARTS = ("/accounts/", "/agency/", "/profile/", "/dashboard/", "/permits/application/",
                 "/complaints/", "/vacancies-for-you/")


def _seconds() -> int:
    return int(getattr(settings, "KARAVAN_PAGE_CACHE_SECONDS", 60))


def generation() -> int:
    return cache.get_or_set(GENERATION_KEY, 1, timeout=None)


def invalidate(**_kwargs) -> None:
    """Start a new generation: every stored page is stale from now on."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)


def _cacheable_request(request) -> bool:
    path = request.path
    return (
        _seconds() > 0
        and request.method == "GET"
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
    control = {part.strip().split("=")[0].lower()
               for part in re.split(r"\s*,\s*", response.get("Cache-Control", "")) if part}
    return not control & {"private", "no-cache", "no-store"}


def _key(request) -> str:
    url = f"{request.get_host()}{request.get_full_path()}"
    return f"pagecache:{generation()}:{hashlib.sha256(url.encode()).hexdigest()}"


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
