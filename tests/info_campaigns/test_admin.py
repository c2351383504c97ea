"""The Wagtail admin forms for every page type and snippet open for editors and reviewers."""

import pytest
from django.urls import reverse

from info_campaigns.models import (
    CampaignIndexPage,
    CampaignPage,
    DestinationGuidePage,
    GuideIndexPage,
    Hotline,
    ResourceCentre,
)
from tests.conftest import give_totp

from .factories import campaign_create, guide_create, hotline_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, editor):
    give_totp(editor)
    client.force_login(editor)
    return client


def test_editor_can_open_add_and_edit_forms(tree, editor_client):
    campaigns, guides = tree["ru"]["campaigns"], tree["ru"]["guides"]
    for parent, model in ((campaigns, CampaignPage), (guides, DestinationGuidePage)):
        url = reverse(
            "wagtailadmin_pages:add",
            args=[model._meta.app_label, model._meta.model_name, parent.pk],
        )
        assert editor_client.get(url).status_code == 200, model
    for page in (
        campaign_create(campaigns),
        guide_create(guides, hotline=hotline_create()),
        CampaignIndexPage.objects.first(),
        GuideIndexPage.objects.first(),
    ):
        response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200, page
        html = response.content.decode()
        assert "Ministry review" in html or "action-submit" in html


def test_editor_can_manage_help_contact_snippets(tree, editor_client):
    hotline_create()
    for model in (Hotline, ResourceCentre):
        for name in ("list", "add"):
            url = reverse(f"wagtailsnippets_info_campaigns_{model._meta.model_name}:{name}")
            assert editor_client.get(url).status_code == 200, (model, name)
