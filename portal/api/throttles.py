"""Rate limits: public calls per client address, partner calls per token.

Rates come from REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] ("public", "partner"), read at each
request so that a settings change (or a test's override) takes effect at once.
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from portal.clients import client_network


class _LiveRateThrottle(SimpleRateThrottle):
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_ident(self, request):
        # DRF's own reads X-Forwarded-For as the client sends it (a rotating header would pass
        # every limit); ours trusts only KARAVAN_TRUSTED_PROXIES hops, like every other limit.
        return client_network(request)


class PublicThrottle(_LiveRateThrottle):
    """Anonymous callers, keyed by client IP address."""

    scope = "public"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class PartnerThrottle(_LiveRateThrottle):
    """Partner calls, keyed by token (falls back to the address before authentication)."""

    scope = "partner"

    def get_cache_key(self, request, view):
        token = getattr(request, "auth", None)
        ident = f"token-{token.pk}" if token is not None else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}
