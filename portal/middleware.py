"""Request-wide rules: the back-office CSP and MFA enforcement for staff."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware as _DjangoLocaleMiddleware
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation

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


class LocaleMiddleware(_DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, minus the language redirect for unprefixed back-office paths.

    Wagtail's catch-all page route resolves under every language prefix, so Django would turn
    every 404 under /admin/ or /api/ into a redirect to /ru/admin/… — a 404 must stay a 404.
    """

    def process_response(self, request, response):
        if request.path.startswith((*settings.BACKOFFICE_PATH_PREFIXES, "/api/")):
            return response
        return super().process_response(request, response)


class BackOfficeLanguageMiddleware:
    """The back office (/admin/, no language prefix) in the staff member's own language.

    Django picks the language of an unprefixed path from the language cookie, then the
    browser's Accept-Language. Staff who have not chosen a language for the back office (the
    cookie, set by /<lang>/admin/) get the language of their account, the one they signed up
    in and can change on their dashboard, before the browser's. Wagtail then uses this
    language unless the staff member picked another one in the admin's account settings.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.path.startswith(settings.BACKOFFICE_PATH_PREFIXES)
            and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
            and request.user.is_authenticated
            and request.user.preferred_language in dict(settings.LANGUAGES)
        ):
            translation.activate(request.user.preferred_language)
            request.LANGUAGE_CODE = request.user.preferred_language
        return self.get_response(request)
