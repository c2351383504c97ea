"""Reads for the campaign pages: what is live, in which languages, and where."""

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

LANGUAGE_NAMES = dict(settings.LANGUAGES)
#: Most search hits considered; a reader never pages beyond a few screens.
SEARCH_LIMIT = 100


def page_public_url(*, page: Page) -> str:
    """Absolute public address of a page, on the portal's public host (``SITE_URL``)."""
    parts = page.get_url_parts()
    if parts is None:
        return ""
    _site_id, _root_url, path = parts
    return settings.SITE_URL.rstrip("/") + path


def page_is_expired(*, page: Page) -> bool:
    """True once the page's expiry time has passed, even before `publish_scheduled` ran."""
    return bool(page.expire_at and page.expire_at <= timezone.now())


def _not_expired(qs: QuerySet) -> QuerySet:
    return qs.filter(Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now()))


def page_translations(*, page: Page) -> list[dict]:
    """Live, public translations of `page` (itself included), in the order of LANGUAGES.

    Each item: code, name, url (absolute), current. Used for hreflang alternates and for the
    "this page in other languages" list.
    """
    pages = _not_expired(
        page.get_translations(inclusive=True).live().public().select_related("locale")
    )
    by_code = {p.locale.language_code: p for p in pages}
    return [
        {
            "code": code,
            "name": LANGUAGE_NAMES[code],
            "url": page_public_url(page=by_code[code]),
            "path": by_code[code].url,
            "current": by_code[code].pk == page.pk,
        }
        for code in LANGUAGE_NAMES
        if code in by_code
    ]


#: How long a page's route (path → page) is remembered; each use checks it against the page.
ROUTE_SECONDS = 300


def _route_key(request) -> str:
    return f"pageroute:{request.get_host()}:{request.path}"


def page_route_cached(*, request):
    """The remembered route of this request's path (a RouteResult), or None.

    One query: the page's own row by primary key, live. It is used only when its `url_path`
    is still the one remembered (a moved, renamed or unpublished page falls back to Wagtail's
    routing), so a stale entry can cost a query but never serve the wrong page."""
    from django.apps import apps
    from django.core.cache import cache
    from wagtail.url_routing import RouteResult

    remembered = cache.get(_route_key(request))
    if remembered is None:
        return None
    label, pk, url_path = remembered
    try:
        model = apps.get_model(label)
    except LookupError:
        return None
    page = model.objects.filter(pk=pk, live=True).first()
    if page is None or page.url_path != url_path:
        return None
    return RouteResult(page)


def page_route_remember(*, request, route) -> None:
    """Remember a plain route (a live page, no extra arguments) for `page_route_cached`."""
    from django.core.cache import cache

    if route is None:
        return
    page, args, kwargs = route
    if args or kwargs or not page.live:
        return
    cache.set(_route_key(request), (page._meta.label, page.pk, page.url_path), ROUTE_SECONDS)


def page_in_other_locales(*, home: Page, path_components: list[str]) -> list[dict]:
    """Translations of the page at `path_components` when it exists under another language's
    home page but not under `home`. Empty when no language has such a page."""
    from django.http import Http404

    for other in home.get_translations().live().specific():
        try:
            result = Page.route(other, None, list(path_components))
        except Http404:
            continue
        page = result[0] if isinstance(result, tuple) else result.page
        if page.live and not page_is_expired(page=page):
            return [
                t for t in page_translations(page=page) if t["code"] != home.locale.language_code
            ]
    return []


def campaigns_current(*, locale: Locale, parent: Page | None = None) -> QuerySet:
    """Live, public, unexpired campaigns of one language, newest first."""
    from .models import CampaignPage

    qs = CampaignPage.objects.live().public().filter(locale=locale)
    if parent is not None:
        qs = qs.child_of(parent)
    return _not_expired(qs).order_by("-first_published_at", "-pk")


def guides_live(*, locale: Locale, parent: Page | None = None) -> QuerySet:
    """Live, public destination guides of one language, by title."""
    from .models import DestinationGuidePage

    qs = DestinationGuidePage.objects.live().public().filter(locale=locale)
    if parent is not None:
        qs = qs.child_of(parent)
    return _not_expired(qs).select_related("destination_country").order_by("title")


def _in_reader_language(model, **filters) -> list:
    """Snippets of `model` in the reader's language, falling back to the default language's
    row where a snippet is not translated (one row per translation key)."""
    default, active = Locale.get_default(), Locale.get_active()
    rows = {
        row.translation_key: row
        for row in model.objects.filter(locale=default, **filters).select_related("country")
    }
    if active.pk != default.pk:
        for row in model.objects.filter(
            locale=active,
            translation_key__in=list(rows),
        ).select_related("country"):
            rows[row.translation_key] = row
    return list(rows.values())


def hotlines_for(*, country_id: str) -> list:
    """The hotlines one can dial in `country_id` (and the international ones), in the reader's
    language: shown at once to someone who has just asked for help from there."""
    from .models import Hotline

    rows = _in_reader_language(Hotline, country_id__in=[country_id]) + _in_reader_language(
        Hotline, country__isnull=True
    )
    return sorted(rows, key=lambda h: (h.country_id is None, h.name))


def resource_centres(*, country_id: str = "") -> list:
    """Resource centres in the reader's language, origin countries first, then by country,
    city and name; only those of `country_id` when given."""
    from .models import ResourceCentre

    rows = _in_reader_language(ResourceCentre, **({"country_id": country_id} if country_id else {}))
    return sorted(rows, key=lambda c: (not c.country.is_origin, c.country_id, c.city, c.name))


def guide_help(*, guide) -> dict:
    """Resource centres and hotlines of a guide, each in the reader's language if translated."""
    centres = [row.centre.localized for row in guide.resource_centres.select_related("centre")]
    hotlines = [row.hotline.localized for row in guide.hotlines.select_related("hotline")]
    return {"resource_centres": centres, "hotlines_list": hotlines}


ERROR_CITIZENSHIP = _("Choose your citizenship from the list.")


def passport_rules(*, guide, citizenship: str, lazy: bool = False) -> dict:
    """The "rules for your passport" box of a guide: the nationalities with rules for its
    country and, once one is chosen (`?citizenship=KG`, no JavaScript), the corridor rules in
    force for it, in the reader's language (`portal.corridors`, the table the services use)."""
    from portal.corridors import passport_answers, passport_choices

    destination = guide.destination_country_id
    code = (citizenship or "").strip().upper()[:8]
    if lazy and not code:  # nothing chosen: the list is read only if the template shows it
        return {
            "passport_choices": SimpleLazyObject(lambda: passport_choices(destination=destination)),
            "passport_selected": "",
            "passport_answers": [],
            "passport_error": "",
        }
    choices = passport_choices(destination=destination)
    context = {
        "passport_choices": choices,
        "passport_selected": code,
        "passport_answers": [],
        "passport_error": "",
    }
    if not code:
        return context
    if code not in {c for c, _name in choices}:
        context["passport_error"] = ERROR_CITIZENSHIP
        return context
    context["passport_answers"] = passport_answers(origin=code, destination=destination)
    return context


def pages_search(*, query: str, locale: Locale):
    """Full-text search over live campaigns and guides of one language.

    Database backend: PostgreSQL full text in production, SQLite FTS in development.
    """
    from .models import CampaignPage, DestinationGuidePage

    query = (query or "").strip()
    if not query:
        return []
    qs = Page.objects.live().filter(locale=locale).type(CampaignPage, DestinationGuidePage)
    # Expiry and view restrictions are not search filter fields: apply them to the hits.
    hits = list(qs.specific().search(query, operator="and")[:SEARCH_LIMIT])
    visible = set(
        _not_expired(Page.objects.public().filter(pk__in=[p.pk for p in hits])).values_list(
            "pk", flat=True
        )
    )
    return [p for p in hits if p.pk in visible]


def leaflet_current(*, page: Page):
    """The stored leaflet of `page` if it was built from the live revision, else None."""
    from .models import Leaflet

    leaflet = Leaflet.objects.filter(page=page).first()
    if leaflet is None or not leaflet.file:
        return None
    if page.live_revision_id and leaflet.revision_id != page.live_revision_id:
        return None
    return leaflet


def _checks_in(value, context: str):
    """(where, note) for every "to be checked" note inside a stream, struct or list value."""
    from wagtail.blocks import StreamValue, StructValue
    from wagtail.blocks.list_block import ListValue

    if isinstance(value, StreamValue):
        for child in value:
            if child.block_type == "to_check":
                yield context, str(child.value)
            else:
                yield from _checks_in(child.value, context)
    elif isinstance(value, StructValue):
        label = value.get("title") or value.get("name") or value.get("heading") or context
        if value.get("to_check"):
            yield label, value["to_check"]
        for child in value.values():
            yield from _checks_in(child, label)
    elif isinstance(value, ListValue | list):
        for child in value:
            yield from _checks_in(child, context)


def page_review_items(*, page) -> dict:
    """What is still to check on `page` (its latest draft, as the editor sees it): the
    language-review notes and every fact marked "to be checked", with where it is."""
    from wagtail.fields import StreamField

    draft = page.get_latest_revision_as_object() if page.has_unpublished_changes else page
    checks = []
    for field in draft._meta.get_fields():
        if isinstance(field, StreamField):
            checks += [
                (f"{field.verbose_name}: {where}" if where else str(field.verbose_name), note)
                for where, note in _checks_in(getattr(draft, field.name), "")
            ]
    return {"page": page, "review_notes": getattr(draft, "review_notes", ""), "checks": checks}


def pages_to_check(*, language: str | None = None) -> list[dict]:
    """Every campaign, guide or other site page with something still to check, in tree order,
    for the editors' report and `manage.py content_review`."""
    from .models import (
        CampaignIndexPage,
        CampaignPage,
        DestinationGuidePage,
        GuideIndexPage,
        HomePage,
    )

    pages = (
        Page.objects.type(
            HomePage, CampaignIndexPage, GuideIndexPage, CampaignPage, DestinationGuidePage
        )
        .select_related("locale")
        .order_by("path")
        .specific()
    )
    if language:
        pages = pages.filter(locale__language_code=language)
    items = (page_review_items(page=page) for page in pages)
    return [item for item in items if item["review_notes"] or item["checks"]]
