"""Officers work the queue in the Wagtail admin: jurisdiction-scoped listings, case pages with
documents, and action forms that call the services."""

import pytest

from licensing import services
from licensing.models import Complaint, Licence, LicenceApplication

from .factories import issued_licence, submitted_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_client(client, lic, give_totp_to):
    from wagtail.users.models import UserProfile

    give_totp_to(lic["officer"], lic["officer2"], lic["kg_officer"])
    for user in (lic["officer"], lic["officer2"], lic["kg_officer"]):
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "en"  # assertions below read English labels
        profile.save()
    client.force_login(lic["officer"])
    return client


def test_queue_is_scoped_to_the_jurisdiction_and_shows_deadlines(officer_client, lic):
    application = submitted_application(lic)
    response = officer_client.get("/admin/licensing/applications/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Steppe Test Staffing" in html
    LicenceApplication.objects.filter(pk=application.pk).update(decision_deadline="2020-01-01")
    assert (
        "overdue"
        in officer_client.get(
            "/admin/licensing/applications/", {"status": "submitted"}
        ).content.decode()
    )
    filtered = officer_client.get("/admin/licensing/applications/", {"status": "refused"})
    assert "Steppe Test Staffing" not in filtered.content.decode()
    officer_client.force_login(lic["kg_officer"])
    assert (
        "Steppe Test Staffing"
        not in officer_client.get("/admin/licensing/applications/").content.decode()
    )
    # Not found (Django's LocaleMiddleware turns an admin 404 into a redirect to a 404 page).
    response = officer_client.get(
        f"/admin/licensing/applications/inspect/{application.pk}/", follow=True
    )
    assert response.status_code == 404


def test_case_page_shows_documents_and_actions_run_services(officer_client, lic):
    application = submitted_application(lic)
    base = "/admin/licensing/applications"
    page = officer_client.get(f"{base}/inspect/{application.pk}/").content.decode()
    assert "registration_certificate.pdf" in page
    document = application.documents.first()
    assert f"/admin/cases/documents/{document.pk}/" in page  # shown inline on the case page
    preview = officer_client.get(f"/admin/cases/documents/{document.pk}/")
    assert preview.status_code == 200 and preview["X-Frame-Options"] == "SAMEORIGIN"
    assert "inline" in preview["Content-Disposition"]
    # An officer of another country never sees it, even knowing its number.
    officer_client.force_login(lic["kg_officer"])
    assert (
        officer_client.get(f"/admin/cases/documents/{document.pk}/", follow=True).status_code == 404
    )
    officer_client.force_login(lic["officer"])
    assert f"{base}/action/{application.pk}/review_start/" in page
    officer_client.post(f"{base}/action/{application.pk}/review_start/")
    application.refresh_from_db()
    assert application.status == "under_review"
    # Refusing without a reason is refused; the state does not move.
    officer_client.post(f"{base}/action/{application.pk}/refuse/", {"refuse-reason": ""})
    application.refresh_from_db()
    assert application.status == "under_review"
    officer_client.post(
        f"{base}/action/{application.pk}/request_info/",
        {"request_info-message": "Send the lease contract."},
    )
    application.refresh_from_db()
    assert application.status == "info_requested"
    services.licence_application_submit(
        application=application, by=lic["kz_admin"], response="Lease attached."
    )
    officer_client.post(f"{base}/action/{application.pk}/review_start/")
    officer_client.post(
        f"{base}/action/{application.pk}/approve/", {"approve-conditions": "Korea only"}
    )
    application.refresh_from_db()
    assert application.status == "approved"
    assert Licence.objects.get(application=application).conditions == "Korea only"


def test_an_action_not_available_in_this_state_changes_nothing(officer_client, lic):
    application = submitted_application(lic)
    officer_client.post(f"/admin/licensing/applications/action/{application.pk}/approve/")
    application.refresh_from_db()
    assert application.status == "submitted"


def test_revocation_in_the_admin_needs_a_second_officer(officer_client, lic):
    licence = issued_licence(lic)
    base = "/admin/licensing/licences"
    page = officer_client.get(f"{base}/inspect/{licence.pk}/").content.decode()
    assert licence.number in page and f"{base}/action/{licence.pk}/propose_revocation/" in page
    officer_client.post(
        f"{base}/action/{licence.pk}/propose_revocation/",
        {"propose_revocation-reason": "Forged guarantee"},
    )
    officer_client.post(f"{base}/action/{licence.pk}/revoke/")
    licence.refresh_from_db()
    assert licence.status == "active" and licence.revocation_reason == "Forged guarantee"
    officer_client.force_login(lic["officer2"])
    officer_client.post(f"{base}/action/{licence.pk}/revoke/")
    licence.refresh_from_db()
    assert licence.status == "revoked"


def test_complaints_queue_and_decision(officer_client, lic):
    complaint = services.complaint_file(
        by=None,
        country_id="KZ",
        category="fees",
        description="Paid 200 USD",
        agency=lic["kz_agency"],
    )
    base = "/admin/licensing/complaints"
    assert complaint.tracking_code in officer_client.get(f"{base}/").content.decode()
    officer_client.post(f"{base}/action/{complaint.pk}/investigate/")
    officer_client.post(
        f"{base}/action/{complaint.pk}/uphold/", {"uphold-outcome": "Refund ordered"}
    )
    complaint.refresh_from_db()
    assert complaint.status == "upheld" and complaint.handling_officer == lic["officer"]
    officer_client.force_login(lic["kg_officer"])
    assert complaint.tracking_code not in officer_client.get(f"{base}/").content.decode()


def test_agency_users_and_editors_have_no_licensing_admin(client, lic, give_totp_to):
    give_totp_to(lic["editor"])
    client.force_login(lic["editor"])
    response = client.get("/admin/licensing/applications/")
    assert response.status_code in (302, 403)
    assert LicenceApplication.objects.count() == 0 and Complaint.objects.count() == 0


def test_authority_admin_sets_validity_and_periods(client, lic, give_totp_to):
    from licensing.models import AuthorityLicensingSettings
    from portal.models import AuditEvent

    give_totp_to(lic["authority_admin"], lic["officer"])
    client.force_login(lic["officer"])
    response = client.get("/admin/licensing/settings/")
    assert response.status_code in (302, 403)
    client.force_login(lic["authority_admin"])
    assert client.get("/admin/licensing/settings/").status_code == 200
    client.post(
        "/admin/licensing/settings/",
        {
            "licence_validity_years": "5",
            "decision_period_days": "20",
            "complaint_period_days": "15",
        },
    )
    saved = AuthorityLicensingSettings.objects.get(authority=lic["kz_authority"])
    assert (saved.licence_validity_years, saved.decision_period_days) == (5, 20)
    event = AuditEvent.objects.get(action="licensing_settings.update")
    assert event.changes["licence_validity_years"] == [3, 5]
    licence = issued_licence(lic)
    assert licence.valid_until.year == licence.valid_from.year + 5
