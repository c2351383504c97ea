"""HTTP for the campaigns app: leaflet download, search, feed and sitemap. Reads only."""

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_safe
from wagtail.models import Locale, Page

from .models import LeafletPageMixin
from .selectors import (
    leaflet_current,
    page_is_expired,
    page_route_cached,
    page_route_remember,
    pages_search,
)

SEARCH_PAGE_SIZE = 10


@require_safe
def leaflet(request, page_path: str):
    """``<page>/leaflet.pdf``: the stored leaflet of a live campaign or guide.

    Built in the background on publish; if it is not ready yet (a worker is busy), say so and
    queue it, rather than making a web request wait for WeasyPrint.
    """
    page = Page.find_for_request(request, page_path)
    page = page.specific if page is not None else None
    if not isinstance(page, LeafletPageMixin) or page_is_expired(page=page):
        raise Http404
    stored = leaflet_current(page=page)
    if stored is None:
        from .services import leaflet_schedule

        leaflet_schedule(page=page)
        response = render(request, "info_campaigns/leaflet_pending.html", {"page": page},
                          status=503)
        response["Retry-After"] = "60"
        return response
    response = FileResponse(stored.file.open("rb"), content_type="application/pdf",
                            filename=f"{page.slug}-{page.locale.language_code}.pdf")
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_safe
def search(request):
    """Search campaigns and guides in the visitor's language (GET form, no JavaScript)."""
    query = request.GET.get("q", "").strip()[:200]

    def results_page():
        results = pages_search(query=query, locale=Locale.get_active()) if query else []
        return Paginator(results, SEARCH_PAGE_SIZE).get_page(request.GET.get("page"))

    # Lazy: the template keeps the results in a fragment (no query when it is cached).
    page_obj = SimpleLazyObject(results_page)
    return render(request, "info_campaigns/search.html", {
        "query": query, "page_obj": page_obj,
        "results": SimpleLazyObject(lambda: page_obj.object_list),
    })


def serve_page(request, path: str):
    """Wagtail's page view (`wagtail.views.serve`, same URL pattern and name), with the route
    from the shared cache: finding a page by its path costs Wagtail a query per level (site,
    root, localized home, each child, the specific row); a remembered route costs one query,
    the page's own row, checked against the path before it is used (selectors)."""
    from wagtail import views as wagtail_views

    if request.method in ("GET", "HEAD") and not hasattr(request, "_wagtail_route_for_request"):
        route = page_route_cached(request=request)
        if route is None:
            route = Page.route_for_request(request, path)
            page_route_remember(request=request, route=route)
        request._wagtail_route_for_request = route
    return wagtail_views.serve(request, path)
