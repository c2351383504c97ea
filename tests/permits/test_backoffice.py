"""The back office: the officer's queue (overdue first, jurisdiction only), case pages with
actions that call the services, the audited passport view, quotas for analysts."""

from datetime import date

import pytest

from licensing.permits import services
from licensing.permits.models import PermitApplication
from portal.models import AuditEvent
from tests.conftest import give_totp, make_user

from .conftest import submitted, under_review

pytestmark = pytest.mark.django_db


def staff_login(client, user):
    """Sign a staff user in with an authenticator and an English back office."""
    from wagtail.users.models import UserProfile

    give_totp(user)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)


@pytest.fixture
def officer_client(client, pm):
    staff_login(client, pm["officer"])
    return client


def test_queue_lists_overdue_first_with_working_days_left(officer_client, pm):
    late = under_review(make_user("late@example.org"), pm["officer"])
    fresh = submitted(make_user("fresh@example.org"))
    PermitApplication.objects.filter(pk=late.pk).update(decision_deadline=date(2020, 1, 6))
    # Labels are compared language-free: the client's requests switch the active language.
    late_label, fresh_label = f"#{late.pk} — ", f"#{fresh.pk} — "
    html = officer_client.get("/admin/permits/applications/").content.decode()
    assert html.index(late_label) < html.index(fresh_label)
    assert "OVERDUE" in html
    staff_login(officer_client, pm["kg_officer"])
    html = officer_client.get("/admin/permits/applications/").content.decode()
    assert late_label not in html


def test_case_page_actions_call_the_services(officer_client, pm):
    application = submitted(pm["worker"])
    url = f"/admin/permits/applications/inspect/{application.pk}/"
    page = officer_client.get(url)
    assert page.status_code == 200
    assert "Start review" in page.content.decode()
    officer_client.post(f"/admin/permits/applications/action/{application.pk}/review_start/")
    application.refresh_from_db()
    assert application.status == "under_review"
    officer_client.post(f"/admin/permits/applications/action/{application.pk}/approve/")
    application.refresh_from_db()
    assert application.status == "approved" and application.workpermit.number.startswith("KZ-WP-")


def test_passport_shown_only_on_request_and_audited(officer_client, pm):
    application = submitted(pm["worker"], passport_number="TJ5550001")
    page = officer_client.get(
        f"/admin/permits/applications/inspect/{application.pk}/"
    ).content.decode()
    assert "TJ5550001" not in page
    assert not AuditEvent.objects.filter(action="permit_application.passport_view").exists()
    shown = officer_client.post(
        f"/admin/permits/applications/action/{application.pk}/reveal_passport/"
    ).content.decode()
    assert "TJ5550001" in shown
    assert (
        AuditEvent.objects.filter(
            action="permit_application.passport_view", actor=pm["officer"]
        ).count()
        == 1
    )


def test_analyst_sees_quota_uptake_and_senior_officer_changes_it(client, pm):
    from django.utils import timezone

    quota = services.quota_create(
        by=pm["senior_officer"],
        country_id="KZ",
        year=timezone.localdate().year,
        kind="PT",
        limit=300,
        reason="Decree 12",
    )
    staff_login(client, pm["analyst"])
    html = client.get("/admin/permits/quotas/").content.decode()
    assert f"KZ · {quota.year} · " in html and "300" in html
    staff_login(client, pm["senior_officer"])
    client.post(
        f"/admin/permits/quotas/action/{quota.pk}/change/",
        {"change-limit": "350", "change-reason": "Harvest season", "change-confirm": "1"},
    )
    quota.refresh_from_db()
    assert quota.limit == 350
    assert AuditEvent.objects.get(action="quota.change").reason == "Harvest season"


def test_authority_sets_deadlines_and_category_rule_with_an_audit_event(client, pm):
    staff_login(client, pm["senior_officer"])
    assert client.get("/admin/permits/settings/").status_code == 200
    response = client.post(
        "/admin/permits/settings/",
        {
            "fast_track_working_days": "3",
            "standard_working_days": "10",
            "patent_max_months": "12",
            "permit_max_months": "12",
            "fast_track_documents": ["passport_copy", "diploma"],
            "standard_documents": ["passport_copy", "employment_contract"],
            "patent_documents": ["passport_copy"],
            "highly_skilled_groups": "1, 2",
            "low_skilled_groups": "9",
        },
    )
    assert response.status_code == 302
    from licensing.permits.selectors import permit_settings

    saved = permit_settings(authority=pm["kz_authority"])
    assert (saved.fast_track_working_days, saved.highly_skilled_groups) == (3, ["1", "2"])
    event = AuditEvent.objects.get(action="permit_settings.update")
    assert event.changes["fast_track_working_days"] == [5, 3] and event.country == "KZ"
    staff_login(client, pm["officer"])  # a plain officer may not change the rules
    refused = client.get("/admin/permits/settings/")
    assert refused.status_code in (302, 403) and refused.get("Location", "/admin/") == "/admin/"
