"""URLconf of portal.settings.loadtest only: the site plus a bare view, the load test's ceiling
(a short HttpResponse, no database, no template). Production's URLconf has no such route."""

from django.http import HttpResponse
from django.urls import path

from .urls import handler500  # noqa: F401
from .urls import urlpatterns as site_patterns


def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("loadtest/bare", bare), *site_patterns]
