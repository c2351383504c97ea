"""A senior officer of the authority handling a complaint reassigns it to another officer of
that authority: one service, one audit event, an action in the back office."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from licensing import services
from licensing.models import Complaint
from portal.lifecycle import InvalidTransition
from portal.models import AuditEvent, Organisation, Role
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def complaint(lic):
    return services.complaint_file(
        by=None,
        country_id="KZ",
        category="fees",
        description="Paid 200 USD",
        agency=lic["kz_agency"],
    )


def test_assign_is_audited_field_by_field(lic, complaint):
    services.complaint_investigate(complaint=complaint, by=lic["officer"])
    result = services.complaint_assign(
        complaint=complaint,
        by=lic["senior_officer"],
        officer=lic["officer2"],
        reason="  Officer is on leave. ",
    )
    complaint.refresh_from_db()
    assert result.handling_officer == complaint.handling_officer == lic["officer2"]
    assert complaint.status == "investigating"  # reassignment does not change the state
    event = AuditEvent.objects.filter(action="complaint.assign").get()
    assert event.actor == lic["senior_officer"]
    assert event.actor_label == str(lic["senior_officer"])
    assert event.role == Role.SENIOR_OFFICER
    assert event.object_type == "licensing.complaint"
    assert event.object_id == str(complaint.pk)
    assert event.from_state == "investigating"
    assert event.to_state == "investigating"
    assert event.reason == "Officer is on leave."
    assert event.changes == {"handling_officer": [str(lic["officer"]), str(lic["officer2"])]}
    assert event.organisation == lic["kz_agency"]
    assert event.country == "KZ"
    assert event.time is not None


def test_assign_a_received_complaint_records_no_previous_officer(lic, complaint):
    services.complaint_assign(
        complaint=complaint,
        by=lic["senior_officer"],
        officer=lic["officer"],
        reason="Fees cases go to her.",
    )
    complaint.refresh_from_db()
    assert complaint.status == "received" and complaint.handling_officer == lic["officer"]
    event = AuditEvent.objects.filter(action="complaint.assign").get()
    assert event.changes == {"handling_officer": [None, str(lic["officer"])]}
    assert event.from_state == event.to_state == "received"


def test_only_a_senior_officer_of_the_handling_authority_assigns(lic, complaint):
    kg_senior = make_user(
        "kgsenior@example.org", role=Role.SENIOR_OFFICER, organisation=lic["kg_authority"]
    )
    for outsider in (
        lic["officer"],
        kg_senior,
        lic["kg_officer"],
        lic["authority_admin"],
        lic["kz_admin"],
    ):
        with pytest.raises(PermissionDenied):
            services.complaint_assign(
                complaint=complaint, by=outsider, officer=lic["officer2"], reason="x"
            )
    assert not AuditEvent.objects.filter(action="complaint.assign").exists()


def test_only_officers_of_the_same_authority_can_be_assigned(lic, complaint):
    other_kz = Organisation.objects.create(
        name="KZ Permits Office",
        kind="authority",
        country_id="KZ",
        competences=[Organisation.Competence.AGENCY_LICENSING],
    )
    other_kz_officer = make_user("other.kz@example.org", role=Role.OFFICER, organisation=other_kz)
    for candidate in (lic["kg_officer"], other_kz_officer, lic["analyst"], lic["kz_admin"], None):
        with pytest.raises(ValidationError) as error:
            services.complaint_assign(
                complaint=complaint, by=lic["senior_officer"], officer=candidate, reason="x"
            )
        assert services.ERROR_NOT_AUTHORITY_OFFICER in error.value.messages
    complaint.refresh_from_db()
    assert complaint.handling_officer is None


def test_assign_needs_a_reason_an_open_complaint_and_a_new_officer(lic, complaint):
    with pytest.raises(InvalidTransition):  # portal.lifecycle.reason_required
        services.complaint_assign(
            complaint=complaint, by=lic["senior_officer"], officer=lic["officer"], reason="  "
        )
    services.complaint_investigate(complaint=complaint, by=lic["officer"])
    with pytest.raises(ValidationError) as error:
        services.complaint_assign(
            complaint=complaint, by=lic["senior_officer"], officer=lic["officer"], reason="x"
        )
    assert services.ERROR_ALREADY_ASSIGNED in error.value.messages
    services.complaint_decide(
        complaint=complaint, by=lic["officer"], upheld=False, outcome="No evidence."
    )
    with pytest.raises(InvalidTransition) as error:
        services.complaint_assign(
            complaint=complaint, by=lic["senior_officer"], officer=lic["officer2"], reason="x"
        )
    assert str(services.ERROR_COMPLAINT_CLOSED) in str(error.value)
    assert AuditEvent.objects.filter(action="complaint.assign").count() == 0


@pytest.fixture
def admin_client(client, lic, give_totp_to):
    from wagtail.users.models import UserProfile

    give_totp_to(lic["officer"], lic["senior_officer"])
    for user in (lic["officer"], lic["senior_officer"]):
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "en"
        profile.save()
    return client


def test_back_office_assign_action(admin_client, lic, complaint):
    base = "/admin/licensing/complaints"
    admin_client.force_login(lic["officer"])
    page = admin_client.get(f"{base}/inspect/{complaint.pk}/").content.decode()
    assert "Assign to another officer" not in page  # not offered to a plain officer
    admin_client.post(
        f"{base}/action/{complaint.pk}/assign/",
        {"assign-officer": lic["officer2"].pk, "assign-reason": "x"},
    )
    assert Complaint.objects.get(pk=complaint.pk).handling_officer is None

    admin_client.force_login(lic["senior_officer"])
    page = admin_client.get(f"{base}/inspect/{complaint.pk}/").content.decode()
    assert "Assign to another officer" in page
    assert "officer2@example.org" in page and "kgofficer@example.org" not in page
    response = admin_client.post(
        f"{base}/action/{complaint.pk}/assign/",
        {"assign-officer": lic["kg_officer"].pk, "assign-reason": "x"},
    )
    assert response.status_code == 302
    assert Complaint.objects.get(pk=complaint.pk).handling_officer is None  # not a choice
    admin_client.post(
        f"{base}/action/{complaint.pk}/assign/",
        {"assign-officer": lic["officer2"].pk, "assign-reason": "Workload"},
    )
    assert Complaint.objects.get(pk=complaint.pk).handling_officer == lic["officer2"]
    assert AuditEvent.objects.filter(action="complaint.assign").count() == 1
