"""Request-wide rules: the back-office CSP, MFA enforcement for staff, bad input, the body
size limit."""

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
        if (
            request.path.startswith(settings.BACKOFFICE_PATH_PREFIXES)
            or "/accounts/" in request.path
        ):
            response._csp_config = settings.BACKOFFICE_CSP
        return response


#: Paths a staff user without an authenticator may still reach (to set one up, or leave).
MFA_EXEMPT_PREFIXES = ("/static/", "/media/")
#: The load balancer's check (not /healthz/detail, which shows staff the system's state).
MFA_EXEMPT_PATHS = frozenset({"/healthz"})


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
            and path not in MFA_EXEMPT_PATHS
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
UNPREFIXED_PATHS = ("/api/", "/payments/", "/telegram/")


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


#: Messages of the error page, by status (the 404 page has its own template).
ERROR_MESSAGES = {
    400: _(
        "The request could not be understood: it contains something no page here accepts. "
        "Go back and try again."
    ),
    403: _("You are not allowed to do this."),
    405: _("This address cannot be used this way. Use the links and buttons on the pages."),
}
OTHER_ERROR = _("The request could not be completed.")


def error_page(request, status: int, message=None):
    """The site's error page in the page's language (templates/error.html)."""
    from django.template.response import TemplateResponse

    response = TemplateResponse(
        request,
        "error.html",
        {"status": status, "message": message or ERROR_MESSAGES.get(status, OTHER_ERROR)},
        status=status,
    )
    return response.render()


def _is_ours(request) -> bool:
    """Pages of the site (not the API with its own errors, not the back office)."""
    return not request.path.startswith((*settings.BACKOFFICE_PATH_PREFIXES, "/api/"))


class BadInputMiddleware:
    """Input no page can use never reaches a view, and every refusal explains itself.

    - A NUL character in the path, the query or a url-encoded form answers 400: PostgreSQL cannot
      store or compare text containing it, and no form here wants one.
    - A 4xx answer without a body (405 of `require_POST`, a bare `HttpResponseBadRequest`)
      gets the error page in the page's language, keeping its status and headers.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            400 <= response.status_code < 500
            and not response.streaming
            and not response.content
            and _is_ours(request)
        ):
            page = error_page(request, response.status_code)
            for header in ("Allow", "Retry-After"):
                if header in response:
                    page[header] = response[header]
            return page
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not _is_ours(request):
            return None
        texts = [request.path, *map(str, view_args), *map(str, view_kwargs.values())]
        texts += [text for key, values in request.GET.lists() for text in (key, *values)]
        # Form data only where CSRF checking reads it anyway (never a webhook's raw body).
        # Multipart forms are left to the view: parsing them here would take over its answer to
        # too many files (a form with the user's input kept), and form fields refuse NUL anyway.
        if (
            request.method == "POST"
            and not getattr(view_func, "csrf_exempt", False)
            and request.content_type == "application/x-www-form-urlencoded"
        ):
            texts += [text for key, values in request.POST.lists() for text in (key, *values)]
        if any("\x00" in text for text in texts):
            return error_page(request, 400)
        return None


ERROR_BODY_TOO_LARGE = _(
    "What you sent is larger than %(limit)s MB in total, so it was not "
    "read. Send fewer or smaller files at a time (at most 10 MB each)."
)
ERROR_LENGTH_REQUIRED = _(
    "Send the request with its length (Content-Length); streamed bodies are not accepted."
)


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
            return body_refused(
                request, 413, "body_too_large", ERROR_BODY_TOO_LARGE, limit=limit // (1024 * 1024)
            )
        return self.get_response(request)


def body_refused(request, status: int, code: str, message, **params) -> HttpResponse:
    """The refusal in the language of the address (problem+json under /api/)."""
    lang = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(lang):
        detail = str(message) % params if params else str(message)
        if request.path_info.startswith("/api/"):
            from .api.problems import PROBLEM_MEDIA_TYPE, problem

            response = HttpResponse(
                json.dumps(
                    problem(
                        status_code=status, code=code, detail=detail, instance=request.path_info
                    )
                ),
                status=status,
                content_type=PROBLEM_MEDIA_TYPE,
            )
        else:
            response = HttpResponse(
                render_to_string(
                    "request_refused.html",
                    {
                        "lang": lang,
                        "detail": detail,
                        "status": status,
                        "title": _("Request too large") if status == 413 else _("Length required"),
                    },
                ),
                status=status,
            )
    response["Cache-Control"] = "no-store"
    return response
