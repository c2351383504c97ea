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
    resource_centres,
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
        response = render(
            request, "info_campaigns/leaflet_pending.html", {"page": page}, status=503
        )
        response["Retry-After"] = "60"
        return response
    response = FileResponse(
        stored.file.open("rb"),
        content_type="application/pdf",
        filename=f"{page.slug}-{page.locale.language_code}.pdf",
    )
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
    return render(
        request,
        "info_campaigns/search.html",
        {
            "query": query,
            "page_obj": page_obj,
            "results": SimpleLazyObject(lambda: page_obj.object_list),
        },
    )


@require_safe
def resource_centre_list(request):
    """``/resource-centres/``: origin and destination centres with their services, languages,
    hours and contacts, and a map drawn on the server (no JavaScript, no tile server) whose
    numbered markers match the list. ``?country=RU`` narrows both."""
    from django.utils.translation import gettext as _

    from portal.maps import MapPoint, point_map_svg
    from portal.models import Country

    everywhere = resource_centres()
    countries = sorted({c.country for c in everywhere}, key=lambda c: (not c.is_origin, c.name))
    chosen = (request.GET.get("country") or "").strip().upper()[:2]
    if chosen not in {c.pk for c in countries}:
        chosen = ""
    centres = [c for c in everywhere if not chosen or c.country_id == chosen]
    # Markers are not links: the map is one image (role="img") for assistive technology, and a
    # focusable link inside it is a nested control (axe: nested-interactive). The numbers on
    # the markers match the list, whose entries carry the links and contacts.
    located = [c for c in centres if c.latitude is not None and c.longitude is not None]
    points = [
        MapPoint(float(c.longitude), float(c.latitude), f"{c.name}, {c.city}") for c in located
    ]
    numbers = {c.pk: n for n, c in enumerate(located, start=1)}
    rows = [(c, numbers.get(c.pk)) for c in centres]
    chosen_country = Country.objects.filter(pk=chosen).first() if chosen else None
    svg = (
        point_map_svg(
            points=points,
            title=_("Map of migrant resource centres"),
            description=_(
                "Numbered markers show where the centres listed below are; the numbers "
                "match the list."
            ),
        )
        if points
        else ""
    )
    return render(
        request,
        "info_campaigns/resource_centres.html",
        {
            "rows": rows,
            "countries": countries,
            "chosen": chosen,
            "chosen_country": chosen_country,
            "map_svg": svg,
        },
    )


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
