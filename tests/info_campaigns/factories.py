"""Builders for campaign test content: the page tree, campaigns, guides and help contacts."""

from django.db import transaction
from wagtail.models import Locale

from info_campaigns.models import (
    CampaignIndexPage,
    CampaignPage,
    DestinationGuidePage,
    GuideHotline,
    GuideIndexPage,
    GuideResourceCentre,
    Hotline,
    ResourceCentre,
)
from info_campaigns.services import moderation_setup, site_tree_ensure

BODY = [
    ("text", "<p>Work only with a written contract in a language you understand.</p>"),
    (
        "steps",
        {
            "heading": "How to get a patent",
            "steps": [
                {
                    "title": "Register your address",
                    "text": "<p>At the migration centre.</p>",
                    "deadline": "within 7 working days",
                    "cost": "free",
                    "where": "Migration centre",
                },
                {
                    "title": "Pay the monthly fee",
                    "text": "",
                    "deadline": "",
                    "cost": "illustrative: 5000",
                    "where": "Any bank",
                },
            ],
        },
    ),
    ("checklist", {"heading": "Take with you", "items": ["Passport", "Contract"]}),
    (
        "questions",
        {
            "heading": "Questions",
            "questions": [
                {
                    "question": "Who pays the recruitment fee?",
                    "answer": "<p>The employer, never you.</p>",
                },
            ],
        },
    ),
    ("check_agency", {"heading": "", "text": ""}),
]


def tree_build() -> dict:
    """The fixed page tree in every language, with moderation set up, as the demo has it."""
    tree = site_tree_ensure()
    moderation_setup()
    return tree


def hotline_create(**fields) -> Hotline:
    defaults = {
        "name": "Migrant hotline",
        "number": "+7 700 000 00 00",
        "hours": "24 hours",
        "languages": "Russian, Tajik",
        "locale": Locale.get_default(),
    }
    return Hotline.objects.create(**{**defaults, **fields})


def publish(page):
    """Publish the latest revision (on-commit hooks such as the leaflet build run only when the
    caller captures them, see test_leaflet)."""
    with transaction.atomic():
        page.save_revision().publish()
    page.refresh_from_db()
    return page


def campaign_create(
    parent: CampaignIndexPage, *, live: bool = True, body=None, **fields
) -> CampaignPage:
    defaults = {
        "title": "Recruitment fees are the employer's to pay",
        "slug": "fees",
        "summary": "No worker pays for a job. Report anyone who asks.",
        "body": BODY if body is None else body,
    }
    page = CampaignPage(**{**defaults, **fields}, live=False)
    parent.add_child(instance=page)
    if live:
        publish(page)
    return page


def guide_create(
    parent: GuideIndexPage, *, live: bool = True, hotline=None, centre=None, **fields
) -> DestinationGuidePage:
    defaults = {
        "title": "Working in Kazakhstan",
        "slug": "kazakhstan",
        "destination_country_id": "KZ",
        "summary": "Registration, permits and help in Kazakhstan.",
        "entry_and_registration": [("text", "<p>Register within the deadline.</p>")],
        "work_permits": [BODY[1]],
        "rights_and_duties": [("checklist", {"heading": "", "items": ["Written contract"]})],
        "emergency_numbers": [("number", {"label": "Single emergency number", "number": "112"})],
        "embassies": [
            ("embassy", {"name": "Embassy (demo)", "address": "Astana", "phone": "", "website": ""})
        ],
    }
    page = DestinationGuidePage(**{**defaults, **fields}, live=False)
    if hotline:
        page.hotlines = [GuideHotline(hotline=hotline)]
    if centre:
        page.resource_centres = [GuideResourceCentre(centre=centre)]
    parent.add_child(instance=page)
    if live:
        publish(page)
    return page


def centre_create(**fields) -> ResourceCentre:
    defaults = {
        "name": "Migrant resource centre",
        "country_id": "KZ",
        "city": "Almaty",
        "address": "1 Abai Avenue",
        "phones": "+7 727 000 00 00",
        "languages_spoken": "Russian, Kyrgyz",
        "locale": Locale.get_default(),
        "latitude": "43.238949",
        "longitude": "76.889709",
    }
    return ResourceCentre.objects.create(**{**defaults, **fields})
