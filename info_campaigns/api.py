"""/api/v1/campaigns/ and /api/v1/guides/: live, public pages of one language (`?lang=` or
Accept-Language), read through `info_campaigns.selectors`."""

from django.db.models import Max, Q
from django.http import Http404
from django.utils import translation
from rest_framework import serializers
from rest_framework.response import Response
from wagtail.models import Locale

from portal.api.views import MAX_ID, PublicApiView, list_schema

from . import selectors
from .models import Audience


def _locale() -> Locale | None:
    return Locale.objects.filter(language_code=translation.get_language()).first()


class StreamBlockSerializer(serializers.Serializer):
    """One block of a page body as Wagtail stores it (type, value, id)."""

    type = serializers.CharField()
    value = serializers.JSONField()
    id = serializers.CharField(allow_null=True, required=False)


class CampaignQuerySerializer(serializers.Serializer):
    audience = serializers.ChoiceField(choices=Audience.choices, required=False)
    destination_country = serializers.RegexField(
        r"^[A-Za-z]{2}$",
        required=False,
        help_text="Campaigns about this destination (or about any destination).",
    )


class GuideQuerySerializer(serializers.Serializer):
    destination_country = serializers.RegexField(r"^[A-Za-z]{2}$", required=False)


def _blocks(stream) -> list[dict]:
    return [
        {"type": b.get("type"), "value": b.get("value"), "id": b.get("id")} for b in stream.raw_data
    ]


class PageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    summary = serializers.CharField()
    language = serializers.CharField(source="locale.language_code")
    url = serializers.SerializerMethodField(help_text="Public address of the page.")
    first_published_at = serializers.DateTimeField(allow_null=True)
    last_published_at = serializers.DateTimeField(allow_null=True)

    def get_url(self, page) -> str:
        return selectors.page_public_url(page=page)


class CampaignSerializer(PageSerializer):
    audience = serializers.CharField()
    origin_countries = serializers.SerializerMethodField()
    destination_countries = serializers.SerializerMethodField()
    campaign_start = serializers.DateField(allow_null=True)
    campaign_end = serializers.DateField(allow_null=True)

    def get_origin_countries(self, page) -> list[str]:
        return sorted(c.code for c in page.origin_countries.all())

    def get_destination_countries(self, page) -> list[str]:
        return sorted(c.code for c in page.destination_countries.all())


class CampaignDetailSerializer(CampaignSerializer):
    body = serializers.SerializerMethodField()

    def get_body(self, page) -> StreamBlockSerializer(many=True):
        return _blocks(page.body)


class GuideSerializer(PageSerializer):
    destination_country = serializers.CharField(source="destination_country_id")


GUIDE_SECTIONS = (
    "entry_and_registration",
    "work_permits",
    "rights_and_duties",
    "emergency_numbers",
    "embassies",
)


class GuideDetailSerializer(GuideSerializer):
    sections = serializers.SerializerMethodField(
        help_text="entry_and_registration, work_permits, rights_and_duties, "
        "emergency_numbers, embassies: each a list of blocks."
    )

    def get_sections(self, page) -> dict[str, list]:
        return {name: _blocks(getattr(page, name)) for name in GUIDE_SECTIONS}


class _PageList(PublicApiView):
    query_serializer_class: type[serializers.Serializer]

    def pages(self, locale, filters: dict):
        """The live pages of `locale` matching `filters`, as a queryset."""
        raise NotImplementedError

    def get(self, request):
        query = self.checked_query(self.query_serializer_class)
        locale = _locale()
        pages = self.pages(locale, query.validated_data) if locale else []
        if locale:
            self.last_modified = pages.aggregate(latest=Max("last_published_at"))["latest"]
        return self.page_response(pages)


class CampaignList(_PageList):
    """Live campaigns in the requested language, newest first."""

    serializer_class = CampaignSerializer
    query_serializer_class = CampaignQuerySerializer

    def pages(self, locale, filters):
        qs = selectors.campaigns_current(locale=locale)
        if filters.get("audience"):
            qs = qs.filter(audience=filters["audience"])
        if filters.get("destination_country"):
            country = filters["destination_country"].upper()
            qs = qs.filter(
                Q(destination_countries=country) | Q(destination_countries__isnull=True)
            ).distinct()
        return (
            qs.prefetch_related("origin_countries", "destination_countries")
            .select_related("locale")
            .order_by("-first_published_at", "-pk")
        )

    @list_schema(
        operation_id="campaigns_list",
        responses=CampaignSerializer(many=True),
        parameters=[CampaignQuerySerializer],
        tags=["public"],
    )
    def get(self, request):
        return super().get(request)


class GuideList(_PageList):
    """Live destination guides in the requested language, by title."""

    serializer_class = GuideSerializer
    query_serializer_class = GuideQuerySerializer

    def pages(self, locale, filters):
        qs = selectors.guides_live(locale=locale)
        if filters.get("destination_country"):
            qs = qs.filter(destination_country_id=filters["destination_country"].upper())
        return qs.select_related("locale").order_by("title", "pk")

    @list_schema(
        operation_id="guides_list",
        responses=GuideSerializer(many=True),
        parameters=[GuideQuerySerializer],
        tags=["public"],
    )
    def get(self, request):
        return super().get(request)


class _PageDetail(PublicApiView):
    def pages(self, locale):
        """The live pages of `locale`, as a queryset."""
        raise NotImplementedError

    def get(self, request, pk: int):
        locale = _locale()
        page = self.pages(locale).filter(pk=pk).first() if locale and pk <= MAX_ID else None
        if page is None:
            raise Http404
        self.last_modified = page.last_published_at
        return Response(self.get_serializer(page).data)


class CampaignDetail(_PageDetail):
    """One live campaign with its body blocks."""

    serializer_class = CampaignDetailSerializer

    def pages(self, locale):
        return selectors.campaigns_current(locale=locale)

    @list_schema(
        operation_id="campaigns_retrieve", responses=CampaignDetailSerializer, tags=["public"]
    )
    def get(self, request, pk: int):
        return super().get(request, pk)


class GuideDetail(_PageDetail):
    """One live destination guide with its sections."""

    serializer_class = GuideDetailSerializer

    def pages(self, locale):
        return selectors.guides_live(locale=locale)

    @list_schema(operation_id="guides_retrieve", responses=GuideDetailSerializer, tags=["public"])
    def get(self, request, pk: int):
        return super().get(request, pk)
