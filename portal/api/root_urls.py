"""A URLconf with only the API, set on API requests that answer 404.

LocaleMiddleware redirects a 404 outside the language prefix to `/<lang>/<path>` when that
path resolves — and Wagtail's catch-all makes every path resolve. An API client must get the
problem+json 404 instead, so the API points the middleware at this URLconf, which has no
language-prefixed patterns.
"""

from django.urls import include, path

urlpatterns = [path("api/v1/", include("portal.api.urls"))]
