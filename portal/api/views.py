"""Base classes every /api/v1/ view builds on: language, problem+json errors, conditional
GET (ETag, Last-Modified), public and partner access, the audit of partner calls."""

import hashlib

from django.conf import settings
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.audit import audit_record

from .authentication import ApiTokenAuthentication
from .models import ApiToken
from .pagination import ApiPagination
from .parameters import check_query_parameters, declared_methods
from .permissions import HasScope
from .problems import PROBLEM_MEDIA_TYPE, ProblemJSONRenderer
from .renderers import CSVRenderer
from .throttles import PartnerThrottle, PublicThrottle

#: Largest id a path may name (bigger ones cannot exist and would overflow SQLite).
MAX_ID = 2**31 - 1
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]

LANG_PARAMETER = OpenApiParameter(
    "lang",
    OpenApiTypes.STR,
    enum=LANGUAGE_CODES,
    required=False,
    description="Language of texts and error messages (else Accept-Language).",
)
FORMAT_PARAMETER = OpenApiParameter(
    "format",
    OpenApiTypes.STR,
    enum=["json", "csv"],
    required=False,
    description="Response format (or send Accept: text/csv).",
)


def request_language(request) -> str:
    """`?lang=` if it names a portal language, else what LocaleMiddleware chose."""
    wanted = (request.GET.get("lang") or "").strip().lower()
    return wanted if wanted in LANGUAGE_CODES else translation.get_language()


class ApiViewMixin:
    """Shared behaviour. Set `last_modified` (a datetime) in a handler to send Last-Modified."""

    pagination_class = ApiPagination
    last_modified = None
    cache_control: dict = {}

    def initial(self, request, *args, **kwargs):
        translation.activate(request_language(request))
        request.LANGUAGE_CODE = translation.get_language()
        declared = declared_methods(request.path)
        if declared and request.method.upper() not in declared | {"HEAD"}:
            from rest_framework.exceptions import MethodNotAllowed

            self.allowed_methods_declared = declared
            raise MethodNotAllowed(request.method)
        # Who asks comes first: without a valid token a partner learns nothing else (not even
        # that a parameter or the format it asked for is wrong); then the parameters, against
        # the schema, before content negotiation would turn an unknown ?format= into a 404.
        self.check_permissions(request)
        check_query_parameters(request)
        super().initial(request, *args, **kwargs)

    def checked_query(self, serializer_class):
        """The query parameters read by `serializer_class` (a 400 problem when they are not
        valid); its `validated_data` holds them."""
        query = serializer_class(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return query

    def page_response(self, items):
        """One page of `items`, rendered by the view's serializer, with the pagination links."""
        page = self.paginate_queryset(items)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        if getattr(response, "content_type", None) == PROBLEM_MEDIA_TYPE:
            # Errors are always problem+json, whatever format the client asked for.
            self.request.accepted_renderer = ProblemJSONRenderer()
            self.request.accepted_media_type = PROBLEM_MEDIA_TYPE
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_vary_headers(response, ["Accept", "Accept-Language"])
        response["Content-Language"] = translation.get_language()
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            # Only successful answers are cacheable; errors (429 above all) never are.
            patch_cache_control(response, **self.cache_control)
            response = self._conditional(request, response)
        return response

    def _conditional(self, request, response):
        """Strong ETag over the rendered body; 304 when the client already has it."""
        if hasattr(response, "render") and not getattr(response, "is_rendered", True):
            response.render()
        etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
        response["ETag"] = etag
        last_modified = None
        if self.last_modified is not None:
            last_modified = int(self.last_modified.timestamp())  # HTTP dates have whole seconds
            response["Last-Modified"] = http_date(last_modified)
        conditional = get_conditional_response(
            request._request, etag=etag, last_modified=last_modified, response=response
        )
        return conditional


class PublicApiView(ApiViewMixin, generics.GenericAPIView):
    """No login; throttled per client address; cacheable for a minute."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [PublicThrottle]
    renderer_classes = [JSONRenderer]
    cache_control = {"public": True, "max_age": 60}


class PartnerApiView(ApiViewMixin, generics.GenericAPIView):
    """Token with `required_scope`; throttled per token; JSON or CSV; every call audited."""

    authentication_classes = [ApiTokenAuthentication]
    permission_classes = [HasScope]
    throttle_classes = [PartnerThrottle]
    renderer_classes = [JSONRenderer, CSVRenderer]
    required_scope: str = ""
    cache_control = {"private": True, "no_cache": True}

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        token = request.__dict__.get("_auth")
        if isinstance(token, ApiToken):
            query = request._request.META.get("QUERY_STRING", "")
            audit_record(
                actor=f"API token {token.prefix}",
                action="api.partner.call",
                obj=token,
                organisation=token.organisation,
                country=token.organisation.country_id,
                to_state=str(response.status_code),
                reason=f"{request.method} {request.path}" + (f"?{query}" if query else "")[:1000],
                changes={"scope": [None, self.required_scope]},
                request=request._request,
            )
        return response


def list_schema(**kwargs):
    """extend_schema for list endpoints: adds ?lang= (and ?format= for partner lists)."""
    params = kwargs.pop("parameters", [])
    return extend_schema(parameters=[LANG_PARAMETER, *params], **kwargs)


def partner_list_schema(query_serializer, row_serializer, operation_id: str):
    """`list_schema` of a partner list: its query, ?format= (JSON or CSV), its rows, tag."""
    return list_schema(
        parameters=[query_serializer, FORMAT_PARAMETER],
        operation_id=operation_id,
        responses=row_serializer(many=True),
        tags=["partner"],
    )


class NotFoundView(PublicApiView):
    """Any other /api/v1/ path: a problem+json 404 instead of an HTML page."""

    schema = None  # not an endpoint of its own

    def get(self, request, *args, **kwargs):
        from rest_framework.exceptions import NotFound

        raise NotFound

    post = put = patch = delete = options = get

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        declared = getattr(self, "allowed_methods_declared", None)
        if declared:  # a documented path (with an id the route refuses): its methods
            response["Allow"] = ", ".join(sorted(declared))
        else:
            del response["Allow"]  # nothing is allowed on a path that does not exist
        return response


__all__ = [
    "FORMAT_PARAMETER",
    "LANG_PARAMETER",
    "PartnerApiView",
    "PublicApiView",
    "Response",
    "APIView",
    "list_schema",
    "partner_list_schema",
]
