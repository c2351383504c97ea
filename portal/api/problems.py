"""Errors in one shape: RFC 9457 problem details (`application/problem+json`).

    {"type": "urn:karavan:problem:not-found", "title": "Not found", "status": 404,
     "detail": "No agency with this id.", "instance": "/api/v1/registry/agencies/9/",
     "code": "not_found", "errors": {"field": ["message", ...]}}

`title` and `detail` are in the request's language (Accept-Language or ?lang=) where a
translation exists; `errors` appears only on validation problems.
"""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.views import exception_handler as drf_exception_handler

PROBLEM_MEDIA_TYPE = "application/problem+json"

TITLES = {
    400: _("Invalid request"),
    401: _("Authentication required"),
    403: _("Not allowed"),
    404: _("Not found"),
    405: _("Method not allowed"),
    406: _("Not acceptable"),
    415: _("Unsupported media type"),
    429: _("Too many requests"),
    503: _("Service unavailable"),
}


class ProblemJSONRenderer(JSONRenderer):
    """JSON with the problem media type."""

    media_type = PROBLEM_MEDIA_TYPE
    format = "problem"


def problem(
    *, status_code: int, code: str, detail, instance: str = "", errors: dict | None = None
) -> dict:
    """The problem body. `code` is stable and machine-readable; `type` is derived from it."""
    body = {
        "type": f"urn:karavan:problem:{code.replace('_', '-')}",
        "title": str(TITLES.get(status_code, _("Error"))),
        "status": status_code,
        "detail": str(detail),
        "instance": instance,
        "code": code,
    }
    if errors:
        body["errors"] = errors
    return body


def _flatten(detail, prefix="") -> dict:
    """DRF's nested validation detail as {"field" or "field.sub": [messages]}."""
    if isinstance(detail, dict):
        out = {}
        for key, value in detail.items():
            out.update(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
        return out
    if isinstance(detail, list) and detail and not isinstance(detail[0], (dict, list)):
        return {prefix or "non_field_errors": [str(d) for d in detail]}
    if isinstance(detail, list):
        out = {}
        for i, value in enumerate(detail):
            out.update(_flatten(value, f"{prefix}.{i}" if prefix else str(i)))
        return out
    return {prefix or "non_field_errors": [str(detail)]}


def problem_exception_handler(exc, context):
    """REST_FRAMEWORK["EXCEPTION_HANDLER"]: every handled error becomes a problem document.
    Unhandled exceptions still raise (a server error is a bug, not a documented answer)."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    request = context.get("request")
    instance = request.path if request is not None else ""
    if isinstance(exc, exceptions.ValidationError):
        errors = _flatten(exc.detail)
        body = problem(
            status_code=response.status_code,
            code="invalid",
            detail=_("Some parameters are not valid; see errors."),
            instance=instance,
            errors=errors,
        )
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        code = getattr(detail, "code", None) or getattr(exc, "default_code", "error")
        if response.status_code == status.HTTP_429_TOO_MANY_REQUESTS:
            code = "throttled"
        body = problem(
            status_code=response.status_code, code=str(code), detail=detail, instance=instance
        )
    response.data = body
    response.content_type = PROBLEM_MEDIA_TYPE
    return response
