"""Request-wide rules: the back-office CSP and MFA enforcement for staff."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware as _DjangoLocaleMiddleware
from django.shortcuts import redirect
from django.urls import reverse

from .policy import is_staff_user


class BackOfficeCSPMiddleware:
    """The Wagtail admin ships inline scripts and styles: give it its own, looser policy.

    Public pages keep the strict nonce-based policy from SECURE_CSP.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(settings.BACKOFFICE_PATH_PREFIXES) or "/accounts/" in request.path:
            response._csp_config = settings.BACKOFFICE_CSP
        return response


#: Paths a staff user without an authenticator may still reach (to set one up, or leave).
MFA_EXEMPT_PREFIXES = ("/static/", "/media/", "/healthz")


class StaffMFARequiredMiddleware:
    """Every staff role must have an authenticator; until then only /accounts/ is reachable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        path = request.path
        if (
            user is not None
            and is_staff_user(user)
            and "/accounts/" not in path
            and not path.startswith(MFA_EXEMPT_PREFIXES)
            and not _has_authenticator(user)
        ):
            return redirect(reverse("mfa_activate_totp") + "?next=" + path)
        return self.get_response(request)


def _has_authenticator(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(
        user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
    ).exists()


#: Machine-facing paths outside the language prefixes (besides the back office).
UNPREFIXED_PATHS = ("/api/", "/payments/")


class LocaleMiddleware(_DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, minus the language redirect for unprefixed back-office paths.

    Wagtail's catch-all page route resolves under every language prefix, so Django would turn
    every 404 under /admin/, /api/ or /payments/ (the gateway's webhook) into a redirect to
    /ru/admin/… — a 404 must stay a 404.
    """

    def process_response(self, request, response):
        if request.path.startswith((*settings.BACKOFFICE_PATH_PREFIXES, *UNPREFIXED_PATHS)):
            return response
        return super().process_response(request, response)
