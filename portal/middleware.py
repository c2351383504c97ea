"""Request-wide rules: the back-office CSP, MFA enforcement for staff, the body size limit."""

import json

from django.conf import settings
from django.http import HttpResponse
from django.middleware.locale import LocaleMiddleware as _DjangoLocaleMiddleware
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

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


ERROR_BODY_TOO_LARGE = _("What you sent is larger than %(limit)s MB in total, so it was not "
                         "read. Send fewer or smaller files at a time (at most 10 MB each).")
ERROR_LENGTH_REQUIRED = _("Send the request with its length (Content-Length); streamed "
                          "bodies are not accepted.")


class RequestBodyLimitMiddleware:
    """Refuse a request body over KARAVAN_MAX_REQUEST_BYTES from its headers alone, before any
    of it is read (413); a streamed (chunked) body without a length is refused too (411).

    Django reads a multipart upload in full, to temporary files, before a form or a view
    could look at the size; a 40 MB anonymous upload would otherwise be read and stored.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        meta = request.META
        if "chunked" in meta.get("HTTP_TRANSFER_ENCODING", "").lower():
            return body_refused(request, 411, "length_required", ERROR_LENGTH_REQUIRED)
        try:
            length = int(meta.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django itself treats a malformed length as an empty body
        limit = settings.KARAVAN_MAX_REQUEST_BYTES
        if length > limit:
            return body_refused(request, 413, "body_too_large", ERROR_BODY_TOO_LARGE,
                                limit=limit // (1024 * 1024))
        return self.get_response(request)


def body_refused(request, status: int, code: str, message, **params) -> HttpResponse:
    """The refusal in the language of the address (problem+json under /api/)."""
    lang = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(lang):
        detail = str(message) % params if params else str(message)
        if request.path_info.startswith("/api/"):
            from .api.problems import PROBLEM_MEDIA_TYPE, problem

            response = HttpResponse(json.dumps(problem(status_code=status, code=code,
                                                       detail=detail,
                                                       instance=request.path_info)),
                                    status=status, content_type=PROBLEM_MEDIA_TYPE)
        else:
            response = HttpResponse(render_to_string("request_refused.html", {
                "lang": lang, "detail": detail, "status": status,
                "title": _("Request too large") if status == 413 else _("Length required")}),
                status=status)
    response["Cache-Control"] = "no-store"
    return response
