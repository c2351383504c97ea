"""An editor submits, a ministry reviewer approves, and only then does the public see it.
Scheduled go-live and expiry are honoured."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from info_campaigns.models import CampaignPage
from info_campaigns.services import REVIEW_TASK_NAME, WORKFLOW_NAME, moderation_setup
from tests.conftest import give_totp

from .factories import campaign_create

pytestmark = pytest.mark.django_db


def _submit(page, editor):
    """What the editor's "Submit to Ministry review" button does."""
    page.save_revision(user=editor)
    workflow = page.get_workflow()
    assert workflow.name == WORKFLOW_NAME
    return workflow.start(page, editor)


def _approve_in_admin(client, reviewer, page):
    give_totp(reviewer)
    client.force_login(reviewer)
    task_state = page.current_workflow_task_state
    assert task_state.task.name == REVIEW_TASK_NAME
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    return client.post(url, {"comment": "Checked against the law."})


def test_setup_is_idempotent_and_gives_reviewers_publish_but_not_editors(tree, editor, reviewer):
    moderation_setup()
    moderation_setup()
    index = tree["ru"]["campaigns"]
    assert index.permissions_for_user(editor).can_add_subpage()
    page = campaign_create(index, live=False)
    assert page.permissions_for_user(editor).can_edit()
    assert not page.permissions_for_user(editor).can_publish()
    assert page.permissions_for_user(reviewer).can_publish()


def test_unapproved_campaign_is_hidden_and_approval_publishes_it(tree, editor, reviewer, client):
    page = campaign_create(tree["ru"]["campaigns"], live=False, owner=editor)
    assert client.get("/ru/campaigns/fees/").status_code == 404

    _submit(page, editor)
    page.refresh_from_db()
    assert not page.live
    assert client.get("/ru/campaigns/fees/").status_code == 404
    assert "fees" not in client.get("/ru/campaigns/").content.decode()

    response = _approve_in_admin(client, reviewer, page)
    assert response.status_code in (200, 302)
    client.logout()
    page.refresh_from_db()
    assert page.live
    assert page.workflow_states.get().status == "approved"
    assert client.get("/ru/campaigns/fees/").status_code == 200
    assert "/ru/campaigns/fees/" in client.get("/ru/campaigns/").content.decode()


def test_rejected_campaign_stays_hidden(tree, editor, reviewer, client):
    page = campaign_create(tree["en"]["campaigns"], live=False)
    _submit(page, editor)
    page.current_workflow_task_state.specific.reject(user=reviewer, comment="Cite the law.")
    page.refresh_from_db()
    assert not page.live
    assert client.get("/en/campaigns/fees/").status_code == 404


def test_scheduled_go_live_waits_for_its_date(tree, editor, reviewer, client):
    go_live = timezone.now() + timedelta(days=2)
    page = campaign_create(tree["ru"]["campaigns"], live=False, go_live_at=go_live)
    _submit(page, editor)
    page.current_workflow_task_state.specific.approve(user=reviewer)
    page.refresh_from_db()
    assert not page.live  # approved, but scheduled
    call_command("publish_scheduled")
    assert client.get("/ru/campaigns/fees/").status_code == 404

    with mock.patch("django.utils.timezone.now", return_value=go_live + timedelta(minutes=1)):
        call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live
    assert client.get("/ru/campaigns/fees/").status_code == 200


def test_scheduled_expiry_hides_the_campaign(tree, client):
    page = campaign_create(tree["ru"]["campaigns"])
    assert client.get("/ru/campaigns/fees/").status_code == 200

    CampaignPage.objects.filter(pk=page.pk).update(expire_at=timezone.now() - timedelta(minutes=1))
    # Hidden at once, even before the scheduler runs …
    assert client.get("/ru/campaigns/fees/").status_code == 404
    assert "/ru/campaigns/fees/" not in client.get("/ru/campaigns/").content.decode()
    assert "/ru/campaigns/fees/" not in client.get("/ru/feeds/campaigns/").content.decode()
    # … and unpublished when it does.
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live
    assert page.expired
    assert client.get("/ru/campaigns/fees/").status_code == 404
