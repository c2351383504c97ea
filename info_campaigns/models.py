"""Pages and snippets of the information campaigns: what migrants read before they leave.

Reads live in ``selectors.py``, changes (leaflets, tree set-up, moderation set-up) in
``services.py``; the models only describe content and how Wagtail serves it.
"""

from django import forms
from django.db import models
from django.http import Http404
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from .blocks import ContentStreamBlock, EmbassyBlock, EmergencyNumberBlock


class Audience(models.TextChoices):
    """Who a campaign speaks to; editors pick one so the index can show it and readers
    can tell at a glance whether it is for them."""

    PROSPECTIVE = "prospective", _("Prospective migrants")
    WOMEN = "women", _("Women migrant workers")
    RETURNEES = "returnees", _("Returning migrants")
    FAMILIES = "families", _("Families of migrants")
    ALL = "all", _("Everyone")


class HotlineCost(models.TextChoices):
    FREE = "free", _("Free of charge")
    LOCAL = "local", _("Local call rate")
    PAID = "paid", _("Paid")


# --- Snippets ------------------------------------------------------------------------------


class ResourceCentre(TranslatableMixin, index.Indexed, models.Model):
    """A place a migrant can walk into for free advice (a migrant resource centre, a
    consulate's help desk, an NGO office). Kept as a snippet so one centre is listed on every
    guide that needs it and a changed phone number changes everywhere."""

    name = models.CharField(
        _("name"), max_length=200, help_text=_("The centre's name as people know it.")
    )
    country = models.ForeignKey(
        "portal.Country",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("country"),
        help_text=_("Country in which the centre is located."),
    )
    city = models.CharField(
        _("city"), max_length=100, help_text=_("The city or town where the centre is.")
    )
    address = models.TextField(
        _("address"), help_text=_("Street address as a visitor would give it to a taxi driver.")
    )
    opening_hours = models.CharField(
        _("opening hours"),
        max_length=200,
        blank=True,
        help_text=_("For example “Mon–Fri 9:00–18:00”."),
    )
    phones = models.CharField(
        _("phones"),
        max_length=200,
        blank=True,
        help_text=_(
            "One or more numbers in international format, separated by commas: +7 727 000 00 00."
        ),
    )
    email = models.EmailField(
        _("e-mail"), blank=True, help_text=_("An address where people can write to the centre.")
    )
    website = models.URLField(
        _("website"), blank=True, help_text=_("The centre's own website, if it has one.")
    )
    languages_spoken = models.CharField(
        _("languages spoken"),
        max_length=200,
        blank=True,
        help_text=_("Languages in which staff can advise, for example “Russian, Tajik, Uzbek”."),
    )
    services = models.TextField(
        _("services"),
        blank=True,
        help_text=_(
            "What the centre does for migrants, one service a line: legal advice, "
            "help with wage claims, pre-departure orientation …"
        ),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_("WGS 84, for example 43.238949."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_("WGS 84, for example 76.889709."),
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("country"), FieldPanel("city")]),
        FieldPanel("address"),
        FieldPanel("opening_hours"),
        FieldPanel("phones"),
        FieldRowPanel([FieldPanel("email"), FieldPanel("website")]),
        FieldPanel("languages_spoken"),
        FieldPanel("services"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("city"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("resource centre")
        verbose_name_plural = _("resource centres")
        ordering = ["country", "city", "name"]

    def __str__(self):
        return f"{self.name} ({self.city})"

    @property
    def phone_list(self) -> list[str]:
        return [p.strip() for p in self.phones.split(",") if p.strip()]

    @property
    def service_list(self) -> list[str]:
        return [s.strip() for s in self.services.splitlines() if s.strip()]

    @property
    def map_url(self) -> str:
        """OpenStreetMap link: no map is embedded, so the page stays light."""
        if self.latitude is None or self.longitude is None:
            return ""
        return (
            f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}"
            f"#map=17/{self.latitude}/{self.longitude}"
        )


class Hotline(TranslatableMixin, index.Indexed, models.Model):
    """A telephone line migrants can call (a ministry hotline, an anti-trafficking line,
    an IOM line). A snippet so the same number appears in callouts and on guides."""

    name = models.CharField(
        _("name"), max_length=200, help_text=_("The hotline's name as people know it.")
    )
    number = models.CharField(
        _("number"),
        max_length=40,
        help_text=_("As dialled from a mobile phone, for example +996 312 000 000 or 1414."),
    )
    country = models.ForeignKey(
        "portal.Country",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("country"),
        help_text=_(
            "Country where the number can be dialled; leave empty for international lines."
        ),
    )
    hours = models.CharField(
        _("hours"),
        max_length=200,
        blank=True,
        help_text=_("For example “24 hours” or “Mon–Sat 9:00–20:00”."),
    )
    languages = models.CharField(
        _("languages"), max_length=200, blank=True, help_text=_("Languages operators speak.")
    )
    cost = models.CharField(
        _("cost of the call"),
        max_length=10,
        choices=HotlineCost.choices,
        default=HotlineCost.FREE,
        help_text=_("Whether the caller pays for the call."),
    )
    description = models.CharField(
        _("what it helps with"),
        max_length=300,
        blank=True,
        help_text=_("In a few words: who should call and about what."),
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("number"), FieldPanel("country")]),
        FieldRowPanel([FieldPanel("hours"), FieldPanel("cost")]),
        FieldPanel("languages"),
        FieldPanel("description"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("hotline")
        verbose_name_plural = _("hotlines")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}: {self.number}"

    @property
    def tel_href(self) -> str:
        return "tel:" + "".join(ch for ch in self.number if ch.isdigit() or ch == "+")


# --- Pages ---------------------------------------------------------------------------------


class KaravanPage(Page):
    """Shared behaviour of the public pages: translations for hreflang and the switcher,
    expiry honoured at once, and the migrant-friendly "not in your language" notice."""

    review_notes = models.TextField(
        _("still to review"),
        blank=True,
        help_text=_(
            "For editors and translators only, never shown to readers: what a native "
            "speaker or the editor should still check on this page, in this language. "
            "Empty it once done."
        ),
    )

    settings_panels = [FieldPanel("review_notes")] + Page.settings_panels
    #: A translation starts with its own review; the source's notes do not apply to it.
    exclude_fields_in_copy = ["review_notes"]

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        from .selectors import page_translations

        context = super().get_context(request, *args, **kwargs)
        # Lazy: read only when the template renders a part not already in the fragment cache.
        context["translations"] = SimpleLazyObject(lambda: page_translations(page=self))
        return context

    def serve(self, request, *args, **kwargs):
        from .selectors import page_is_expired

        # Scheduled expiry is applied by `publish_scheduled`; until that runs, hide the page
        # anyway so an expired message is never shown as current.
        if page_is_expired(page=self):
            raise Http404
        return super().serve(request, *args, **kwargs)


class HomePage(KaravanPage):
    """The start page of one language. One per locale: translate it with "Translate" rather
    than creating a second one. Its children are the campaign and guide indexes."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences under the heading, in plain language."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["info_campaigns.CampaignIndexPage", "info_campaigns.GuideIndexPage"]
    template = "info_campaigns/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Serve the page, or, when it exists only in other languages, say so plainly."""
        try:
            return super().route(request, path_components)
        except Http404:
            from .selectors import page_in_other_locales

            elsewhere = page_in_other_locales(home=self, path_components=path_components)
            if not elsewhere:
                raise
            from wagtail.url_routing import RouteResult

            return RouteResult(self, kwargs={"missing_translation": elsewhere})

    def serve(self, request, *args, missing_translation=None, **kwargs):
        if missing_translation:
            return render(
                request,
                "info_campaigns/not_translated.html",
                {
                    "page": self,
                    "translations": missing_translation,
                },
                status=404,
            )
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .selectors import campaigns_current, guides_live

        context = super().get_context(request, *args, **kwargs)
        context["campaigns"] = SimpleLazyObject(
            lambda: list(campaigns_current(locale=self.locale_id)[:4])
        )
        context["guides"] = SimpleLazyObject(lambda: list(guides_live(locale=self.locale_id)))
        return context


class CampaignIndexPage(KaravanPage):
    """Lists the current campaigns of one language, newest first. Editors create campaigns
    under it; it also carries the language's Atom feed link."""

    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("Shown above the list of campaigns.")
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["info_campaigns.HomePage"]
    subpage_types = ["info_campaigns.CampaignPage"]
    template = "info_campaigns/campaign_index_page.html"

    class Meta:
        verbose_name = _("campaign index")

    def get_context(self, request, *args, **kwargs):
        from .selectors import campaigns_current

        context = super().get_context(request, *args, **kwargs)
        context["campaigns"] = SimpleLazyObject(
            lambda: list(campaigns_current(locale=self.locale_id, parent=self))
        )
        return context


class GuideIndexPage(KaravanPage):
    """Lists the destination guides of one language ("Before you leave"). The main
    navigation's "Guides" link points here, so keep its slug ``guides``."""

    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("Shown above the list of destination guides.")
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["info_campaigns.HomePage"]
    subpage_types = ["info_campaigns.DestinationGuidePage"]
    template = "info_campaigns/guide_index_page.html"

    class Meta:
        verbose_name = _("guide index")

    def get_context(self, request, *args, **kwargs):
        from .selectors import guides_live

        context = super().get_context(request, *args, **kwargs)
        context["guides"] = SimpleLazyObject(
            lambda: list(guides_live(locale=self.locale_id, parent=self))
        )
        return context


class LeafletPageMixin:
    """Pages that have a printable leaflet (``leaflet.pdf`` next to the page)."""

    @property
    def leaflet_path(self) -> str:
        return (self.url or "") + "leaflet.pdf"


class CampaignPage(LeafletPageMixin, KaravanPage):
    """One information campaign ("Recruitment fees are the employer's to pay"): who it is
    for, between which countries, when it runs, and the message itself as a body of blocks.
    Goes live only after a ministry reviewer approves it; can be scheduled and given an
    expiry date in the "Publishing" settings."""

    summary = models.TextField(
        _("summary"),
        max_length=300,
        help_text=_(
            "One or two sentences: shown in lists, in the feed, in search results and "
            "as the page description for search engines."
        ),
    )
    audience = models.CharField(
        _("audience"),
        max_length=20,
        choices=Audience.choices,
        default=Audience.PROSPECTIVE,
        help_text=_("The group this campaign speaks to."),
    )
    origin_countries = ParentalManyToManyField(
        "portal.Country",
        blank=True,
        related_name="+",
        verbose_name=_("countries of origin"),
        help_text=_("Countries whose citizens the campaign addresses; empty means all."),
    )
    destination_countries = ParentalManyToManyField(
        "portal.Country",
        blank=True,
        related_name="+",
        verbose_name=_("destination countries"),
        help_text=_("Countries the campaign is about; empty means any destination."),
    )
    campaign_start = models.DateField(
        _("campaign start"),
        null=True,
        blank=True,
        help_text=_(
            "First day of the campaign as announced to partners. To schedule when the "
            "page goes live, use “Go-live date” in the publishing settings."
        ),
    )
    campaign_end = models.DateField(
        _("campaign end"),
        null=True,
        blank=True,
        help_text=_(
            "Last day of the campaign. To take the page down automatically, set the "
            "“Expiry date” in the publishing settings."
        ),
    )
    body = StreamField(
        ContentStreamBlock(),
        verbose_name=_("body"),
        help_text=_("The message, in short blocks. Start with what the reader must do."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldPanel("origin_countries", widget=forms.CheckboxSelectMultiple),
                FieldPanel("destination_countries", widget=forms.CheckboxSelectMultiple),
                FieldRowPanel([FieldPanel("campaign_start"), FieldPanel("campaign_end")]),
            ],
            heading=_("Who and when"),
        ),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("audience"),
    ]
    parent_page_types = ["info_campaigns.CampaignIndexPage"]
    subpage_types: list = []
    template = "info_campaigns/campaign_page.html"

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    @property
    def description(self) -> str:
        return self.search_description or self.summary


class DestinationGuidePage(LeafletPageMixin, KaravanPage):
    """Everything a migrant must know about one destination country, in a fixed order that is
    the same for every country: entry and registration, work permits and patents, rights and
    duties, then help (emergency numbers, embassies, resource centres, hotlines)."""

    destination_country = models.ForeignKey(
        "portal.Country",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("destination country"),
        help_text=_("The country this guide is about."),
    )
    summary = models.TextField(
        _("summary"),
        max_length=300,
        help_text=_("One or two sentences for lists, search results and search engines."),
    )
    entry_and_registration = StreamField(
        ContentStreamBlock(),
        blank=True,
        verbose_name=_("entry and registration"),
        help_text=_("Entry rules and registration deadlines after arrival."),
    )
    work_permits = StreamField(
        ContentStreamBlock(),
        blank=True,
        verbose_name=_("work permits and patents"),
        help_text=_("Steps to a work permit or patent, with costs and where to go."),
    )
    rights_and_duties = StreamField(
        ContentStreamBlock(),
        blank=True,
        verbose_name=_("rights and duties"),
        help_text=_("What the employer owes the worker and what the worker must do."),
    )
    emergency_numbers = StreamField(
        [("number", EmergencyNumberBlock())],
        blank=True,
        verbose_name=_("emergency numbers"),
        help_text=_("Police, ambulance, single emergency number at the destination."),
    )
    embassies = StreamField(
        [("embassy", EmbassyBlock())],
        blank=True,
        verbose_name=_("embassies and consulates"),
        help_text=_("Embassies and consulates of the countries of origin at the destination."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("destination_country"),
        FieldPanel("summary"),
        FieldPanel("entry_and_registration"),
        FieldPanel("work_permits"),
        FieldPanel("rights_and_duties"),
        MultiFieldPanel(
            [
                FieldPanel("emergency_numbers"),
                FieldPanel("embassies"),
                InlinePanel("resource_centres", label=_("Resource centres")),
                InlinePanel("hotlines", label=_("Hotlines")),
            ],
            heading=_("Help"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("entry_and_registration"),
        index.SearchField("work_permits"),
        index.SearchField("rights_and_duties"),
        index.FilterField("destination_country"),
    ]
    parent_page_types = ["info_campaigns.GuideIndexPage"]
    subpage_types: list = []
    template = "info_campaigns/destination_guide_page.html"

    class Meta:
        verbose_name = _("destination guide")
        verbose_name_plural = _("destination guides")

    @property
    def description(self) -> str:
        return self.search_description or self.summary

    def get_context(self, request, *args, **kwargs):
        from .selectors import guide_help, passport_rules

        context = super().get_context(request, *args, **kwargs)
        # Lazy where the answer does not depend on the query: a cached fragment needs neither.
        help_lists = SimpleLazyObject(lambda: guide_help(guide=self))
        context["resource_centres"] = SimpleLazyObject(lambda: help_lists["resource_centres"])
        context["hotlines_list"] = SimpleLazyObject(lambda: help_lists["hotlines_list"])
        citizenship = request.GET.get("citizenship", "")
        if citizenship:  # the answer's status (400 for a citizenship not listed) needs it now
            context.update(passport_rules(guide=self, citizenship=citizenship))
        else:
            context.update(passport_rules(guide=self, citizenship="", lazy=True))
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if getattr(response, "context_data", {}).get("passport_error"):
            response.status_code = 400  # a citizenship that is not on the list
        return response


class GuideResourceCentre(Orderable):
    """A resource centre listed on a guide, in the order the editor chose."""

    page = ParentalKey(
        DestinationGuidePage, on_delete=models.CASCADE, related_name="resource_centres"
    )
    centre = models.ForeignKey(
        ResourceCentre,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("resource centre"),
        help_text=_("Shown in the reader's language when translated."),
    )
    panels = [FieldPanel("centre")]


class GuideHotline(Orderable):
    """A hotline listed on a guide, in the order the editor chose."""

    page = ParentalKey(DestinationGuidePage, on_delete=models.CASCADE, related_name="hotlines")
    hotline = models.ForeignKey(
        Hotline,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("hotline"),
        help_text=_("Shown in the reader's language when translated."),
    )
    panels = [FieldPanel("hotline")]


class Leaflet(models.Model):
    """The printable A4 leaflet of a published campaign or guide, built in the background on
    publish and served from storage. One per page (each translation has its own)."""

    page = models.OneToOneField(
        Page,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("page"),
        help_text=_("The page the leaflet was made from."),
    )
    file = models.FileField(
        _("file"),
        upload_to="leaflets/",
        max_length=255,
        help_text=_("The printable PDF, made from the page when it is published."),
    )
    revision_id = models.PositiveBigIntegerField(
        _("revision"),
        null=True,
        blank=True,
        help_text=_("Page revision the leaflet was built from; a newer publish rebuilds it."),
    )
    url = models.URLField(
        _("page address"),
        max_length=500,
        help_text=_("Address printed on the leaflet and encoded in its QR."),
    )
    built_at = models.DateTimeField(_("built at"), auto_now=True)

    class Meta:
        verbose_name = _("leaflet")
        verbose_name_plural = _("leaflets")

    def __str__(self):
        return self.url
