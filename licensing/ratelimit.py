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

Complaints come from shared connections (carrier NAT, internet cafés): one address may be a
whole town. `complaint_decision` therefore refuses only what is one person's or one form's
excess (per form key, per session, per signed-in user) and, past a generous per-address
ceiling, *slows* the address instead of shutting it: one complaint per `pace` seconds gets
through, the others are asked to press Send again after that wait (HTTP 429 with
`Retry-After`, what they typed kept). A signed-in user with a verified phone number is counted
as that person, with higher limits, and is not slowed by the address. See docs/security.md.
"""

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from portal.clients import client_network

ERROR_SLOWED = _(
    "Many reports are being sent from your connection right now. Nothing was sent yet and what "
    "you typed is kept: wait %(seconds)s seconds, then press the button again."
)
ERROR_RATE_LIMITED = _(
    "Too many attempts from your connection or for this code. Please wait a few minutes and "
    "try again. If you need help now, call the hotline of your country's migration authority."
)


@dataclass(frozen=True)
class Rate:
    """At most `amount` requests per `seconds`, counted per client `ip`, per `key` (a tracking
    code, a form's one-time key), per `session` or per signed-in `user`. Past a limit with
    `pace` set, one request per `pace` seconds still passes (slowed, not refused)."""

    amount: int
    seconds: int
    per: str  # "ip", "key", "session" or "user"
    pace: int = 0


#: Defaults; `KARAVAN_LICENSING_RATE_LIMITS` in settings may override an action's list. Generous
#: per IP because many migrants share one address (mobile carrier NAT, internet cafés).
RATE_LIMITS: dict[str, list[Rate]] = {
    # Anyone: a form key retried (errors corrected) 10 times, 5 complaints a session; 60 an
    # hour per address, then one every 30 seconds.
    "complaint_file": [
        Rate(10, 3600, "key"),
        Rate(5, 3600, "session"),
        Rate(60, 3600, "ip", pace=30),
    ],
    # A signed-in user whose phone number is verified: counted as that person, not the address.
    "complaint_file_verified": [Rate(10, 3600, "key"), Rate(20, 3600, "user")],
    "complaint_track": [Rate(30, 600, "ip"), Rate(10, 600, "key")],
    # Help requests (licensing/protection): as complaints; someone in danger is slowed, never
    # shut out by a shared address.
    "help_request_file": [
        Rate(10, 3600, "key"),
        Rate(5, 3600, "session"),
        Rate(60, 3600, "ip", pace=30),
    ],
    "help_track": [Rate(30, 600, "ip"), Rate(10, 600, "key")],
    # The Telegram bot (portal/telegram): all its updates come from Telegram's addresses, so
    # it counts per chat: every message, lookups by number or code, and complaints filed.
    "telegram_chat": [Rate(30, 60, "key"), Rate(300, 3600, "key")],
    "telegram_lookup": [Rate(10, 600, "key")],
    "telegram_complaint": [Rate(5, 3600, "key")],
}


def rates_for(action: str) -> list[Rate]:
    configured = getattr(settings, "KARAVAN_LICENSING_RATE_LIMITS", {}) or {}
    return list(configured.get(action, RATE_LIMITS.get(action, [])))


def _source(request, rate: Rate, key: str | None) -> str:
    """What `rate` counts under for this request; "" when it does not apply (no key given,
    no session yet, not signed in)."""
    if rate.per == "ip":
        return client_network(request)
    if rate.per == "key":
        return key or ""
    if rate.per == "session":
        session = getattr(request, "session", None)
        return (session.session_key or "") if session is not None else ""
    if rate.per == "user":
        user = getattr(request, "user", None)
        return str(user.pk) if user is not None and user.is_authenticated else ""
    raise ValueError(rate.per)


def _cache_key(request, action: str, rate: Rate, key: str | None) -> str:
    source = _source(request, rate, key)
    # Hashed: tracking codes and addresses do not appear in the cache in clear.
    digest = hashlib.sha256(source.encode()).hexdigest()[:32]
    window = int(time.time() // rate.seconds)
    return f"licensing:rl:{action}:{rate.amount}/{rate.seconds}/{rate.per}:{digest}:{window}"


def _applies(request, rate: Rate, key: str | None) -> bool:
    return rate.per == "ip" or bool(_source(request, rate, key))


def _count(cache_key: str, seconds: int) -> int:
    cache.add(cache_key, 0, timeout=seconds)
    try:
        return cache.incr(cache_key)
    except ValueError:  # expired between add and incr: start the window again
        cache.set(cache_key, 1, timeout=seconds)
        return 1


@dataclass(frozen=True)
class Decision:
    """`allowed`; else `wait` > 0 when the client is only slowed (try again after `wait`
    seconds), 0 when refused for the longest window."""

    allowed: bool
    wait: int = 0


def decide(request, *, action: str, key: str | None = None) -> Decision:
    """Count one request for `action` against each of its limits that applies. Refused when a
    limit without `pace` is exceeded; past a limit with `pace`, the first request in each
    `pace`-second slot passes and the others are told to wait for the next slot."""
    refused, wait = False, 0
    for rate in rates_for(action):
        if not _applies(request, rate, key):
            continue
        cache_key = _cache_key(request, action, rate, key)
        if _count(cache_key, rate.seconds) <= rate.amount:
            continue
        if not rate.pace:
            refused = True
        elif not refused and not cache.add(
            f"{cache_key}:pace:{int(time.time() // rate.pace)}", 1, timeout=rate.pace
        ):
            wait = max(wait, rate.pace - int(time.time() % rate.pace))
    if refused:
        return Decision(False)
    return Decision(not wait, wait)


def consume(request, *, action: str, key: str | None = None) -> bool:
    """Count one request for `action`; False when it is refused or slowed."""
    return decide(request, action=action, key=key).allowed


def complaint_decision(request, *, form_key: str | None) -> tuple[str, Decision]:
    """The action a complaint is counted under (a signed-in user with a verified phone number
    has their own, higher limits) and whether it may go through now."""
    user = getattr(request, "user", None)
    verified = bool(
        user is not None and user.is_authenticated and getattr(user, "phone_verified", False)
    )
    action = "complaint_file_verified" if verified else "complaint_file"
    return action, decide(request, action=action, key=form_key)


def clear(request, *, action: str, key: str | None = None) -> None:
    """Forget the counts of `action` for this client (and key) in the current window."""
    for rate in rates_for(action):
        if _applies(request, rate, key):
            cache.delete(_cache_key(request, action, rate, key))


def retry_after(action: str) -> int:
    """Seconds a client should wait, for the `Retry-After` header (the longest window)."""
    return max((rate.seconds for rate in rates_for(action)), default=60)
