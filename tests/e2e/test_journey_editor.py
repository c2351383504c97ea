"""Journey 5: a partner's editor writes a campaign in Wagtail's page editor (Russian),
translates it into English (``wagtail.contrib.simple_translation``), and submits both to the
"Ministry review" workflow; a ministry reviewer approves them from the dashboard; the campaign is
live in both languages, each with its printable leaflet (built by the task queued on publish,
which runs at once in tests).

Preconditions built directly: the page tree in every language with moderation set up, an editor
and a reviewer.
"""

import re

import pytest
from playwright.sync_api import expect
from wagtail.models import PageLogEntry

from info_campaigns.models import CampaignPage, Leaflet
from portal.models import Organisation, Role
from tests.conftest import make_user

from .helpers import (  # noqa: F401
    authority,
    desk,
    page_kept_on_failure,
    pdf_text,
    sign_out,
    staff_sign_in,
)

TITLE_RU = "Не платите за работу"
TEXT_RU = "Работодатель оплачивает подбор. Никогда не отдавайте паспорт посреднику."
TITLE_EN = "Do not pay for a job"
TEXT_EN = "The employer pays for recruitment. Never hand your passport to a middleman."


@pytest.fixture
def newsroom(transactional_db, settings, tmp_path):
    from tests.info_campaigns.factories import tree_build

    settings.MEDIA_ROOT = str(tmp_path / "media")  # the leaflets
    tree = tree_build()
    partner = Organisation.objects.create(name="IOM", kind="partner", country_id="KZ")
    return {
        "tree": tree,
        "editor": make_user("editor@example.org", role=Role.EDITOR, organisation=partner),
        "reviewer": make_user(
            "reviewer@example.org",
            role=Role.REVIEWER,
            organisation=authority("KZ", "KZ Ministry of Labour"),
        ),
    }


def fill_campaign(page, *, title, summary, text, slug=None):
    """The page editor's fields: title, summary, one text block in the body (Draftail)."""
    page.locator("#id_title").fill(title)
    page.locator("#id_summary").fill(summary)
    body = page.locator("[data-contentpath=body]")
    if body.locator("[contenteditable=true]").count() == 0:
        body.get_by_role("button", name="Insert a block").first.click()
        page.get_by_role("option", name="Text", exact=True).click()
    editor = body.locator("[contenteditable=true]").first
    editor.click()
    editor.press("Control+a")
    editor.type(text)
    if slug:
        page.get_by_role("tab", name="Promote").click()
        page.locator("#id_slug").fill(slug)
        page.get_by_role("tab", name="Content").click()


def autosaved(page):
    """Let a running autosave finish before a button is pressed. Wagtail autosaves the editor
    half a second after a change, and the first autosave of a new page creates it: a click
    racing that request would post the create form twice (the second fails on the slug)."""
    page.wait_for_timeout(1500)
    expect(page.locator("#w-autosave-indicator")).not_to_have_attribute(
        "data-w-autosave-state-value", "saving", timeout=15000
    )


def footer_action(page, name):
    """A button of the editor's footer action menu (the main one or under "More actions")."""
    button = page.get_by_role("button", name=name, exact=True)
    if not button.is_visible():
        page.get_by_role("button", name="More actions").click()
    button.click()
    page.wait_for_load_state()


def test_editor_writes_translates_and_a_reviewer_publishes(
    desk,
    newsroom,  # noqa: F811
    live_server,
):
    with page_kept_on_failure(desk, "editor"):
        journey(desk, newsroom, live_server.url)


def journey(page, newsroom, site_url):
    tree = newsroom["tree"]
    staff_sign_in(page, newsroom["editor"])

    # 1. Write the campaign in Russian and save a draft.
    index_ru = tree["ru"]["campaigns"]
    page.goto(f"/admin/pages/add/info_campaigns/campaignpage/{index_ru.pk}/")
    fill_campaign(
        page,
        title=TITLE_RU,
        summary="Подбор оплачивает работодатель.",
        text=TEXT_RU,
        slug="do-not-pay",
    )
    autosaved(page)
    footer_action(page, "Save draft")
    # "Page … created." when the first autosave created it, "… has been created/updated." else.
    expect(page.get_by_text(re.compile(r"Page '.*' (has been )?(created|updated)"))).to_be_visible()
    campaign = CampaignPage.objects.get(locale__language_code="ru", slug="do-not-pay")
    assert not campaign.live and TEXT_RU in str(campaign.get_latest_revision_as_object().body)

    # 2. Translate it into English (simple_translation), then write the English text.
    page.goto(f"/admin/translation/submit/page/{campaign.pk}/")
    page.get_by_label("English").check()
    page.get_by_role("button", name="Submit").click()
    page.wait_for_load_state()
    translation = CampaignPage.objects.get(
        locale__language_code="en", translation_key=campaign.translation_key
    )
    assert not translation.live
    page.goto(f"/admin/pages/{translation.pk}/edit/")
    fill_campaign(page, title=TITLE_EN, summary="The employer pays for recruitment.", text=TEXT_EN)
    autosaved(page)

    # 3. Both languages go to the Ministry review; nothing is public yet.
    footer_action(page, "Submit to Ministry review")
    expect(page.get_by_text("has been submitted for moderation").first).to_be_visible()
    page.goto(f"/admin/pages/{campaign.pk}/edit/")
    footer_action(page, "Submit to Ministry review")
    expect(page.get_by_text("has been submitted for moderation").first).to_be_visible()
    for pk in (campaign.pk, translation.pk):
        assert CampaignPage.objects.get(pk=pk).workflow_states.get().status == "in_progress"
    public = page.context.browser.new_context(base_url=site_url).new_page()  # a visitor
    assert public.goto("/ru/campaigns/do-not-pay/").status == 404
    sign_out(page)

    # 4. The reviewer approves both from the dashboard.
    staff_sign_in(page, newsroom["reviewer"])
    for title in (TITLE_RU, TITLE_EN):
        row = page.locator("#awaiting-review-section tr").filter(has_text=title)
        expect(row).to_have_count(1)
        row.get_by_role("button", name="Actions").click()
        row.get_by_role("button", name="Approve", exact=True).click()
        expect(row).to_have_count(0)  # the dashboard reloads without it
    for pk in (campaign.pk, translation.pk):
        approved = CampaignPage.objects.get(pk=pk)
        assert approved.live and approved.workflow_states.get().status == "approved"
        # Wagtail's own log is the record of who approved and published what.
        log = {(e.action, e.user_id) for e in PageLogEntry.objects.filter(page_id=pk)}
        assert {
            ("wagtail.workflow.approve", newsroom["reviewer"].pk),
            ("wagtail.publish", newsroom["reviewer"].pk),
        } <= log, log

    # 5. Live in both languages, each with its leaflet.
    for lang, title, text in (("ru", TITLE_RU, TEXT_RU), ("en", TITLE_EN, TEXT_EN)):
        response = public.goto(f"/{lang}/campaigns/do-not-pay/")
        assert response.status == 200
        expect(public.get_by_role("heading", level=1)).to_have_text(title)
        expect(public.get_by_text(text)).to_be_visible()
        link = public.get_by_role("link", name=re.compile("leaflet|листовка", re.I))
        leaflet = public.request.get(link.get_attribute("href"))
        assert leaflet.status == 200 and leaflet.body().startswith(b"%PDF")
        assert title in pdf_text(leaflet.body()).replace("\n", " ")
    assert Leaflet.objects.filter(page__translation_key=campaign.translation_key).count() == 2
    public.context.close()
