"""Rate limits for the anonymous public forms: filing a complaint and looking one up by its
tracking code. Counters live in the shared Django cache (Redis in production), so every app
server sees the same counts.

Why not `allauth.core.ratelimit`: its public `consume`/`clear` read their rates only from
`ACCOUNT_RATE_LIMITS` (the app is hard-coded to `allauth.account`; allauth's own docstring calls
that unfit for reuse and plans to deprecate it), and the configurable version lives in
`allauth.core.internal`, which is private API. The client is the one that
sign-in lockouts and API throttles see: `portal.clients` (behind `KARAVAN_TRUSTED_PROXIES`
proxies).

Counting is a fixed window per (action, source): `cache.add` then `cache.incr`, both atomic on
Redis and on the local-memory cache.
"""

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from portal.clients import client_network

ERROR_RATE_LIMITED = _(
    "Too many attempts from your connection or for this code. Please wait a few minutes and "
    "try again. If you need help now, call the hotline of your country's migration authority."
)


@dataclass(frozen=True)
class Rate:
    """At most `amount` requests per `seconds`, counted per client `ip` or per `key`."""

    amount: int
    seconds: int
    per: str  # "ip" or "key"


#: Defaults; `KARAVAN_LICENSING_RATE_LIMITS` in settings may override an action's list. Generous
#: per IP because many migrants share one address (mobile carrier NAT, internet cafés).
RATE_LIMITS: dict[str, list[Rate]] = {
    "complaint_file": [Rate(10, 3600, "ip")],
    "complaint_track": [Rate(30, 600, "ip"), Rate(10, 600, "key")],
    # The Telegram bot (portal/telegram): all its updates come from Telegram's addresses, so
    # it counts per chat: every message, lookups by number or code, and complaints filed.
    "telegram_chat": [Rate(30, 60, "key"), Rate(300, 3600, "key")],
    "telegram_lookup": [Rate(10, 600, "key")],
    "telegram_complaint": [Rate(5, 3600, "key")],
}


def rates_for(action: str) -> list[Rate]:
    configured = getattr(settings, "KARAVAN_LICENSING_RATE_LIMITS", {}) or {}
    return list(configured.get(action, RATE_LIMITS.get(action, [])))


def _cache_key(request, action: str, rate: Rate, key: str | None) -> str:
    if rate.per == "ip":
        source = client_network(request)
    elif rate.per == "key":
        source = key or ""
    else:
        raise ValueError(rate.per)
    # Hashed: tracking codes and addresses do not appear in the cache in clear.
    digest = hashlib.sha256(source.encode()).hexdigest()[:32]
    window = int(time.time() // rate.seconds)
    return f"licensing:rl:{action}:{rate.amount}/{rate.seconds}/{rate.per}:{digest}:{window}"


def _applies(rate: Rate, key: str | None) -> bool:
    return rate.per != "key" or bool(key)


def consume(request, *, action: str, key: str | None = None) -> bool:
    """Count one request for `action`; False when any of its limits is exceeded."""
    allowed = True
    for rate in rates_for(action):
        if not _applies(rate, key):
            continue
        cache_key = _cache_key(request, action, rate, key)
        cache.add(cache_key, 0, timeout=rate.seconds)
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add and incr: start the window again
            cache.set(cache_key, 1, timeout=rate.seconds)
            count = 1
        if count > rate.amount:
            allowed = False
    return allowed


def clear(request, *, action: str, key: str | None = None) -> None:
    """Forget the counts of `action` for this client (and key) in the current window."""
    for rate in rates_for(action):
        if _applies(rate, key):
            cache.delete(_cache_key(request, action, rate, key))


def retry_after(action: str) -> int:
    """Seconds a client should wait, for the `Retry-After` header (the longest window)."""
    return max((rate.seconds for rate in rates_for(action)), default=60)
