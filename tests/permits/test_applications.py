"""Applications: categories and tracks, duplicates, double submits, agencies with consent,
the transitions with their audit events, four eyes, jurisdiction, e-mails."""

import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from licensing.models import Licence
from licensing.permits import services
from licensing.permits.models import (
    Category,
    DocumentKind,
    PermitApplication,
    PermitSettings,
    WorkPermit,
)
from licensing.permits.personal_data import passport_normalise
from portal.lifecycle import ERROR_FOUR_EYES, InvalidTransition
from portal.models import AuditEvent, IscoGroup, Organisation, Role
from tests.conftest import make_user

from .conftest import application_data, complete, draft, pdf, submitted, under_review

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("occupation", "qualification", "diploma", "category", "fast"),
    [
        ("2512", "higher", True, Category.HIGHLY_SKILLED, True),
        ("1120", "higher", True, Category.HIGHLY_SKILLED, True),
        ("2512", "higher", False, Category.SKILLED, False),  # no evidence uploaded
        ("3118", "vocational", True, Category.SKILLED, False),  # evidence, but not higher education
        ("7112", "higher", True, Category.SKILLED, False),  # major group 7 is never highly skilled
        ("9313", "none", False, Category.LOW_SKILLED, False),
    ],
)
def test_category_derived_from_isco_major_group_and_evidence(
    pm, occupation, qualification, diploma, category, fast
):
    application = draft(
        pm["worker"], occupation=IscoGroup.objects.get(pk=occupation), qualification=qualification
    )
    if diploma:
        services.permit_document_add(
            application=application, by=pm["worker"], kind=DocumentKind.DIPLOMA, uploaded=pdf()
        )
    application.refresh_from_db()
    assert (application.category, application.fast_track) == (category, fast)


def test_category_rule_is_configurable_per_authority(pm):
    PermitSettings.objects.create(
        authority=pm["kz_authority"],
        highly_skilled_groups=["1", "2"],
        low_skilled_groups=["9", "8"],
    )
    technician = complete(
        draft(pm["worker"], occupation=IscoGroup.objects.get(pk="3118")), pm["worker"]
    )
    assert technician.category == Category.SKILLED
    driver = draft(
        make_user("driver@example.org"), kind="PT", occupation=IscoGroup.objects.get(pk="8322")
    )
    assert driver.category == Category.LOW_SKILLED


def test_patent_only_for_low_skilled_occupations(pm):
    with pytest.raises(ValidationError) as exc:
        draft(pm["worker"], kind="PT", occupation=IscoGroup.objects.get(pk="2512"))
    assert str(services.ERROR_PATENT_LOW_SKILLED) in exc.value.messages


def test_fast_track_has_the_shorter_document_list(pm):
    fast = complete(draft(pm["worker"]), pm["worker"])
    other = make_user("w2@example.org")
    standard = complete(
        draft(other, occupation=IscoGroup.objects.get(pk="7112"), qualification="vocational"), other
    )
    assert fast.fast_track and not standard.fast_track
    assert set(fast.documents.values_list("kind", flat=True)) == {
        "passport_copy",
        "diploma",
        "employment_contract",
    }
    assert set(standard.documents.values_list("kind", flat=True)) == {
        "passport_copy",
        "employment_contract",
        "medical_certificate",
        "employer_letter",
    }


def test_one_open_application_per_passport_and_kind(pm):
    first = draft(pm["worker"])
    again = application_data()
    again["passport_number"] = passport_normalise("tj " + _clear(first)[2:])
    with pytest.raises(ValidationError) as exc:
        services.permit_application_create(by=pm["worker"], kind="WP", country_id="KZ", data=again)
    assert str(services.ERROR_DUPLICATE_PASSPORT) in exc.value.messages
    # Another kind is fine, and so is a new application once the first is closed.
    services.permit_application_withdraw(application=first, by=pm["worker"])
    assert (
        services.permit_application_create(
            by=pm["worker"], kind="WP", country_id="KZ", data=again
        ).pk
        != first.pk
    )


def _clear(application):
    from licensing.permits.personal_data import passport_decrypt

    return passport_decrypt(application.passport_number_encrypted)


def test_double_submit_with_the_same_key_creates_one_application(pm):
    key = uuid.uuid4()
    data = application_data()
    first = services.permit_application_create(
        by=pm["worker"], kind="WP", country_id="KZ", data=data, submission_key=key
    )
    second = services.permit_application_create(
        by=pm["worker"], kind="WP", country_id="KZ", data=dict(data), submission_key=key
    )
    assert first.pk == second.pk
    assert PermitApplication.objects.count() == 1


def test_submit_lists_what_is_missing(pm):
    application = draft(pm["worker"], employer_name="")
    with pytest.raises(ValidationError) as exc:
        services.permit_application_submit(application=application, by=pm["worker"])
    text = " ".join(exc.value.messages)
    assert "employer" in text and "passport" in text.lower()


def _licence(agency, authority):
    today = timezone.localdate()
    return Licence.objects.create(
        number=f"{agency.country_id}-LIC-2026-000999",
        agency=agency,
        authority=authority,
        valid_from=today - timedelta(days=1),
        valid_until=today + timedelta(days=365),
    )


def test_agency_applies_for_the_worker_only_with_licence_and_consent(pm):
    agency, staff, worker = pm["kg_agency"], pm["agency_staff"], pm["worker"]
    with pytest.raises(ValidationError) as exc:
        draft(worker, agency=agency, by=staff)
    assert str(services.ERROR_AGENCY_NOT_LICENSED) in exc.value.messages
    _licence(agency, pm["kg_authority"])
    application = complete(draft(worker, agency=agency, by=staff), staff)
    assert application.worker == worker and application.created_by == staff
    with pytest.raises(ValidationError) as exc:
        services.permit_application_submit(application=application, by=staff)
    assert "consent" in " ".join(exc.value.messages)
    with pytest.raises(PermissionDenied):  # only the worker can consent
        services.permit_application_consent_give(application=application, by=staff)
    services.permit_application_consent_give(application=application, by=worker)
    application = services.permit_application_submit(application=application, by=staff)
    assert application.status == "submitted"
    # The agency from another country cannot touch it; the worker sees it.
    from portal.policy import can

    outsider = make_user(
        "tjstaff@example.org", role=Role.AGENCY_STAFF, organisation=pm["tj_agency"]
    )
    assert not can(outsider, "permits.application.view", application)
    assert can(worker, "permits.application.view", application)


def test_approval_issues_a_numbered_permit_with_one_audit_event_per_transition(
    pm, django_capture_on_commit_callbacks
):
    worker, officer = pm["worker"], pm["officer"]
    with django_capture_on_commit_callbacks(execute=True):
        application = under_review(worker, officer)
        before = AuditEvent.objects.count()
        permit = services.permit_application_approve(application=application, by=officer)
    assert isinstance(permit, WorkPermit)
    year = timezone.localdate().year
    assert permit.number == f"KZ-WP-{year}-000001"
    assert permit.holder == worker and permit.category == Category.HIGHLY_SKILLED
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.filter(action="permit_application.approve").get()
    assert event.actor == officer
    assert event.actor_label == str(officer)
    assert event.role == Role.OFFICER
    assert event.organisation_id == pm["kz_authority"].pk
    assert event.object_type == "permits.permitapplication"
    assert event.object_id == str(application.pk)
    assert (event.from_state, event.to_state) == ("under_review", "approved")
    assert event.reason == ""
    assert event.changes == {
        "status": ["under_review", "approved"],
        "number": [None, permit.number],
        "quotas": [None, []],
    }
    assert event.country == "KZ"
    # One e-mail to the worker on each change: submitted, under review, approved.
    assert [m.to for m in mail.outbox] == [[worker.email]] * 3
    assert permit.number in mail.outbox[-1].body
    assert "/permits/application/" in mail.outbox[-1].body


def test_four_eyes_and_jurisdiction(pm):
    worker, officer = pm["worker"], pm["officer"]
    application = under_review(worker, officer)
    PermitApplication.objects.filter(pk=application.pk).update(last_edited_by=officer)
    with pytest.raises(InvalidTransition) as exc:
        services.permit_application_approve(application=application, by=officer)
    assert str(exc.value) == str(ERROR_FOUR_EYES)
    with pytest.raises(PermissionDenied):
        services.permit_application_refuse(application=application, by=pm["kg_officer"], reason="x")
    application = services.permit_application_refuse(
        application=application, by=pm["officer2"], reason="Employer unknown"
    )
    assert application.status == "refused" and application.decision_reason == "Employer unknown"


def test_competence_decides_who_handles_which_kind(pm):
    patents_only = Organisation.objects.create(
        name="RU migration", kind="authority", country_id="RU", competences=["patents"]
    )
    ru_officer = make_user("ru@example.org", role=Role.OFFICER, organisation=patents_only)
    from licensing.permits.policy import officer_countries

    assert officer_countries(ru_officer, "PT") == {"RU"}
    assert officer_countries(ru_officer, "WP") == set()


def test_information_request_round_trip_sets_a_new_deadline(pm):
    worker, officer = pm["worker"], pm["officer"]
    application = under_review(worker, officer)
    application = services.permit_application_request_info(
        application=application, by=officer, message="Upload a clearer diploma"
    )
    assert application.status == "info_requested"
    with pytest.raises(InvalidTransition):
        services.permit_application_submit(application=application, by=worker)  # needs an answer
    application = services.permit_application_submit(
        application=application, by=worker, response="Done"
    )
    assert application.status == "submitted"
    assert application.information_requests.get().response == "Done"


def test_transition_outside_the_table_is_impossible(pm):
    application = submitted(pm["worker"])
    with pytest.raises(InvalidTransition):
        services.permit_application_approve(application=application, by=pm["officer"])
