"""Demo campaigns, guides and help contacts for `make demo` (development only). Idempotent.

Pages are written by the demo editor and published as the demo reviewer would approve them;
one extra campaign is left waiting in the reviewer's moderation queue.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from wagtail.models import Locale

from . import demo_content as content
from .models import (
    CampaignPage,
    DestinationGuidePage,
    GuideHotline,
    GuideResourceCentre,
    HomePage,
    Hotline,
    ResourceCentre,
)
from .services import moderation_setup, site_tree_ensure

EDITOR = "editor@demo.karavan.kz"
REVIEWER = "reviewer@demo.karavan.kz"


def _date(value):
    return date.fromisoformat(value) if value else None


def _steps(rows):
    return [{"title": t, "text": text, "deadline": d, "cost": c, "where": w}
            for t, text, d, c, w in rows]


def campaign_body(text: dict, hotline: Hotline | None) -> list:
    """The block sequence every demo campaign follows, filled with one language's text."""
    body = [
        ("text", text["intro"]),
        ("steps", {"heading": text["steps_heading"], "steps": _steps(text["steps"])}),
        ("checklist", {"heading": text["checklist_heading"], "items": text["checklist"]}),
        ("questions", {"heading": text["faq_heading"], "questions": [
            {"question": q, "answer": a} for q, a in text["faq"]]}),
    ]
    if hotline is not None:
        body.append(("hotline", {"hotline": hotline, "message": text["hotline_message"]}))
    body.append(("check_agency", {"heading": "", "text": ""}))
    return body


def _snippets(locales: dict) -> tuple[dict, dict]:
    """Hotlines and resource centres in every content language, sharing translation keys."""
    hotlines, centres = {}, {}
    for spec in content.HOTLINES:
        source = None
        for code in content.CONTENT_LANGUAGES:
            name, hours, languages, description = spec["text"][code]
            fields = {"number": spec["number"], "country_id": spec["country"],
                      "cost": spec["cost"], "hours": hours, "languages": languages,
                      "description": description, "name": name}
            source_key = {"translation_key": source.translation_key} if source else {}
            existing = (source.get_translation_or_none(locales[code]) if source else
                        Hotline.objects.filter(locale=locales[code], number=spec["number"]).first())
            obj = existing or Hotline.objects.create(locale=locales[code], **source_key, **fields)
            source = source or obj
            hotlines[(spec["key"], code)] = obj
    for spec in content.RESOURCE_CENTRES:
        source = None
        for code in content.CONTENT_LANGUAGES:
            name, city, address, hours, languages = spec["text"][code]
            fields = {"name": name, "city": city, "address": address, "opening_hours": hours,
                      "languages_spoken": languages, "country_id": spec["country"],
                      "phones": spec["phones"], "latitude": spec["lat"], "longitude": spec["lon"]}
            source_key = {"translation_key": source.translation_key} if source else {}
            existing = (source.get_translation_or_none(locales[code]) if source else
                        ResourceCentre.objects.filter(locale=locales[code],
                                                      phones=spec["phones"]).first())
            obj = existing or ResourceCentre.objects.create(locale=locales[code], **source_key,
                                                            **fields)
            source = source or obj
            centres[(spec["key"], code)] = obj
    return hotlines, centres


def _publish(page, *, editor, reviewer):
    revision = page.save_revision(user=editor, log_action=True)
    revision.publish(user=reviewer)


def _campaigns(tree, locales, hotlines, *, editor, reviewer) -> int:
    created = 0
    for spec in content.CAMPAIGNS:
        source = None
        for code in content.CONTENT_LANGUAGES:
            index = tree[code]["campaigns"]
            page = CampaignPage.objects.child_of(index).filter(slug=spec["slug"]).first()
            if page is None:
                text = spec["text"][code]
                page = CampaignPage(
                    title=text["title"], slug=spec["slug"], summary=text["summary"],
                    audience=spec["audience"], campaign_start=_date(spec["period"][0]),
                    campaign_end=_date(spec["period"][1]), owner=editor, locale=locales[code],
                    body=campaign_body(text, hotlines.get(("karavan-line", code))),
                    **({"translation_key": source.translation_key} if source else {}),
                )
                index.add_child(instance=page)
                page.origin_countries.set(spec["origins"])
                page.destination_countries.set(spec["destinations"])
                _publish(page, editor=editor, reviewer=reviewer)
                created += 1
            source = source or page
    return created


def _guides(tree, locales, hotlines, centres, *, editor, reviewer) -> int:
    created = 0
    for spec in content.GUIDES:
        source = None
        for code in content.CONTENT_LANGUAGES:
            index = tree[code]["guides"]
            page = DestinationGuidePage.objects.child_of(index).filter(slug=spec["slug"]).first()
            if page is None:
                text = spec["text"][code]
                page = DestinationGuidePage(
                    title=text["title"], slug=spec["slug"], summary=text["summary"],
                    destination_country_id=spec["country"], owner=editor, locale=locales[code],
                    entry_and_registration=[
                        ("text", text["entry_intro"]),
                        ("steps", {"heading": "", "steps": _steps(text["entry_steps"])}),
                    ],
                    work_permits=[
                        ("text", text["permits_intro"]),
                        ("steps", {"heading": "", "steps": _steps(text["permit_steps"])}),
                    ],
                    rights_and_duties=[
                        ("checklist", {"heading": text["rights_heading"],
                                       "items": text["rights"]}),
                        ("text", text["duties"]),
                        ("check_agency", {"heading": "", "text": ""}),
                    ],
                    emergency_numbers=[
                        ("number", {"label": label, "number": number}) for label, number in
                        zip(content.EMERGENCY_LABELS[code], content.EMERGENCY_NUMBERS,
                            strict=True)],
                    embassies=[("embassy", {"name": name, "address": content.EMBASSY_NOTE[code],
                                            "phone": "", "website": ""})
                               for name in text["embassies"]],
                    **({"translation_key": source.translation_key} if source else {}),
                )
                page.hotlines = [GuideHotline(hotline=hotlines[(key, code)])
                                 for key in spec["hotlines"]]
                page.resource_centres = [GuideResourceCentre(centre=centres[(key, code)])
                                         for key in spec["centres"]]
                index.add_child(instance=page)
                _publish(page, editor=editor, reviewer=reviewer)
                created += 1
            source = source or page
    return created


def _draft_in_moderation(tree, locales, hotlines, *, editor) -> bool:
    spec, code = content.DRAFT_CAMPAIGN, "ru"
    index = tree[code]["campaigns"]
    if CampaignPage.objects.child_of(index).filter(slug=spec["slug"]).exists():
        return False
    text = spec["text"][code]
    page = CampaignPage(
        title=text["title"], slug=spec["slug"], summary=text["summary"],
        audience=spec["audience"], campaign_start=_date(spec["period"][0]), owner=editor,
        locale=locales[code], live=False,
        body=campaign_body(text, hotlines.get(("karavan-line", code))),
    )
    index.add_child(instance=page)
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    return True


def _home_intros(tree, *, reviewer):
    for code, intro in content.HOME_INTROS.items():
        home = HomePage.objects.get(pk=tree[code]["home"].pk)
        if home.intro != intro:
            home.intro = intro
            home.save_revision(user=reviewer).publish(user=reviewer)


@transaction.atomic
def load_demo(*, core: dict, stdout=None) -> dict:
    """Tree, moderation, snippets, four campaigns and two guides in five languages."""
    if not getattr(settings, "KARAVAN_DEMO_ALLOWED", False):
        raise ImproperlyConfigured("Demo data is refused under production settings.")
    tree = site_tree_ensure()
    moderation_setup()
    users = core.get("users", {})
    editor, reviewer = users.get(EDITOR), users.get(REVIEWER)
    locales = {code: Locale.objects.get(language_code=code) for code, _n in settings.LANGUAGES}
    _home_intros(tree, reviewer=reviewer)
    hotlines, centres = _snippets(locales)
    campaigns = _campaigns(tree, locales, hotlines, editor=editor, reviewer=reviewer)
    guides = _guides(tree, locales, hotlines, centres, editor=editor, reviewer=reviewer)
    queued = _draft_in_moderation(tree, locales, hotlines, editor=editor)
    if stdout is not None:
        stdout.write(f"info_campaigns: {campaigns} campaign pages and {guides} guide pages "
                     f"created{', 1 campaign waiting for review' if queued else ''}")
    return {"tree": tree, "campaigns": campaigns, "guides": guides}
