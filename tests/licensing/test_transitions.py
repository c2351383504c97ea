"""The full transition table of licence applications and licences, four eyes, reasons, and the
audit event of each transition checked field by field."""

import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from licensing import services
from licensing.cases import LICENCE_APPLICATION
from licensing.models import Licence, LicenceApplication
from portal.lifecycle import (
    ERROR_FOUR_EYES,
    ERROR_REASON_REQUIRED,
    ApplicationStatus,
    InvalidTransition,
)
from portal.models import AuditEvent

from .factories import fill_application, issued_licence, submitted_application, under_review

pytestmark = pytest.mark.django_db
S = ApplicationStatus


def last_event(obj) -> AuditEvent:
    return (
        AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
        .order_by("-id")
        .first()
    )


def assert_event(
    event,
    *,
    actor,
    action,
    role,
    from_state,
    to_state,
    reason="",
    changes=None,
    organisation,
    country,
):
    assert event.actor == actor
    assert event.actor_label == (str(actor) if actor else "anonymous")
    assert event.action == action
    assert event.role == role
    assert event.from_state == from_state
    assert event.to_state == to_state
    assert event.reason == reason
    if changes is not None:
        assert event.changes == changes
    assert event.organisation == organisation
    assert event.country == country
    assert event.time is not None


def test_create_is_audited_and_double_submit_creates_one_application(lic):
    key = uuid.uuid4()
    first = services.licence_application_create(
        agency=lic["kz_agency"], by=lic["kz_admin"], submission_key=key
    )
    second = services.licence_application_create(
        agency=lic["kz_agency"], by=lic["kz_admin"], submission_key=key
    )
    assert first.pk == second.pk
    assert LicenceApplication.objects.filter(agency=lic["kz_agency"]).count() == 1
    assert first.authority == lic["kz_authority"]
    assert_event(
        last_event(first),
        actor=lic["kz_admin"],
        action="licence_application.create",
        role="agency_admin",
        from_state="",
        to_state="draft",
        changes={"status": [None, "draft"], "kind": [None, "new"]},
        organisation=lic["kz_agency"],
        country="KZ",
    )
    with pytest.raises(ValidationError) as exc:
        services.licence_application_create(
            agency=lic["kz_agency"], by=lic["kz_admin"], submission_key=uuid.uuid4()
        )
    assert services.ERROR_OPEN_APPLICATION in exc.value.messages


def test_incomplete_application_cannot_be_submitted(lic):
    application = services.licence_application_create(agency=lic["kz_agency"], by=lic["kz_admin"])
    with pytest.raises(ValidationError) as exc, translation.override("en"):
        services.licence_application_submit(application=application, by=lic["kz_admin"])
    assert "fair-recruitment declaration" in exc.value.messages[0]
    assert "Tax clearance" in exc.value.messages[0]


def test_submit_audit_event(lic):
    application = submitted_application(lic)
    assert application.status == S.SUBMITTED
    assert application.submitted_by == lic["kz_admin"]
    deadline = timezone.localdate() + timedelta(days=30)
    assert application.decision_deadline == deadline
    assert_event(
        last_event(application),
        actor=lic["kz_admin"],
        action="licence_application.submit",
        role="agency_admin",
        from_state="draft",
        to_state="submitted",
        changes={"status": ["draft", "submitted"], "decision_deadline": [None, str(deadline)]},
        organisation=lic["kz_agency"],
        country="KZ",
    )


def test_update_audit_records_changed_fields(lic):
    application = services.licence_application_create(agency=lic["kz_agency"], by=lic["kz_admin"])
    services.licence_application_update(
        application=application,
        by=lic["kz_admin"],
        data={"planned_yearly_placements": 50, "destination_countries": ["KR"]},
    )
    assert_event(
        last_event(application),
        actor=lic["kz_admin"],
        action="licence_application.update",
        role="agency_admin",
        from_state="draft",
        to_state="draft",
        changes={"planned_yearly_placements": [None, 50], "destination_countries": [[], ["KR"]]},
        organisation=lic["kz_agency"],
        country="KZ",
    )


def test_review_request_info_resubmit_approve(lic):
    application = under_review(lic)
    assert_event(
        last_event(application),
        actor=lic["officer"],
        action="licence_application.review_start",
        role="officer",
        from_state="submitted",
        to_state="under_review",
        changes={"status": ["submitted", "under_review"]},
        organisation=lic["kz_agency"],
        country="KZ",
    )

    with pytest.raises(InvalidTransition) as exc:
        services.licence_application_request_info(
            application=application, by=lic["officer"], message="  "
        )
    assert str(exc.value) == str(ERROR_REASON_REQUIRED)
    application = services.licence_application_request_info(
        application=application, by=lic["officer"], message="Send the 2026 tax clearance."
    )
    assert application.status == S.INFO_REQUESTED
    assert_event(
        last_event(application),
        actor=lic["officer"],
        action="licence_application.request_info",
        role="officer",
        from_state="under_review",
        to_state="info_requested",
        reason="Send the 2026 tax clearance.",
        changes={"status": ["under_review", "info_requested"]},
        organisation=lic["kz_agency"],
        country="KZ",
    )

    # The applicant may edit again and must answer when resubmitting.
    services.licence_application_update(
        application=application, by=lic["kz_admin"], data={"planned_yearly_placements": 150}
    )
    with pytest.raises(InvalidTransition):
        services.licence_application_submit(application=application, by=lic["kz_admin"])
    application = services.licence_application_submit(
        application=application, by=lic["kz_admin"], response="Uploaded the new certificate."
    )
    info = application.information_requests.get()
    assert info.response == "Uploaded the new certificate." and info.responded_by == lic["kz_admin"]
    assert last_event(application).from_state == "info_requested"
    assert last_event(application).reason == "Uploaded the new certificate."

    application = services.licence_application_review_start(
        application=application, by=lic["senior_officer"]
    )
    licence = services.licence_application_approve(
        application=application, by=lic["senior_officer"], conditions="Korea EPS only"
    )
    year = timezone.localdate().year
    assert licence.number == f"KZ-LIC-{year}-000001"
    assert licence.valid_from == timezone.localdate()
    assert licence.valid_until.year == licence.valid_from.year + 3
    assert sorted(licence.destination_countries.values_list("pk", flat=True)) == ["GB", "KR"]
    application.refresh_from_db()
    assert application.status == S.APPROVED and application.decided_by == lic["senior_officer"]
    assert_event(
        last_event(application),
        actor=lic["senior_officer"],
        action="licence_application.approve",
        role="senior_officer",
        from_state="under_review",
        to_state="approved",
        reason="Korea EPS only",
        changes={"status": ["under_review", "approved"], "licence": [None, licence.number]},
        organisation=lic["kz_agency"],
        country="KZ",
    )


def test_refuse_needs_reason_and_is_audited(lic):
    application = under_review(lic)
    with pytest.raises(InvalidTransition) as exc:
        services.licence_application_refuse(application=application, by=lic["officer"], reason="")
    assert str(exc.value) == str(ERROR_REASON_REQUIRED)
    application = services.licence_application_refuse(
        application=application, by=lic["officer"], reason="No office at the address given."
    )
    assert application.status == S.REFUSED
    assert_event(
        last_event(application),
        actor=lic["officer"],
        action="licence_application.refuse",
        role="officer",
        from_state="under_review",
        to_state="refused",
        reason="No office at the address given.",
        changes={"status": ["under_review", "refused"]},
        organisation=lic["kz_agency"],
        country="KZ",
    )


def test_withdraw_is_audited(lic):
    application = submitted_application(lic)
    application = services.licence_application_withdraw(
        application=application, by=lic["kz_admin"], reason="Merged"
    )
    assert_event(
        last_event(application),
        actor=lic["kz_admin"],
        action="licence_application.withdraw",
        role="agency_admin",
        from_state="submitted",
        to_state="withdrawn",
        reason="Merged",
        changes={"status": ["submitted", "withdrawn"]},
        organisation=lic["kz_agency"],
        country="KZ",
    )


def test_four_eyes_the_last_editor_never_decides(lic):
    application = under_review(lic)
    LicenceApplication.objects.filter(pk=application.pk).update(last_edited_by=lic["officer"])
    for decide in (
        lambda: services.licence_application_approve(application=application, by=lic["officer"]),
        lambda: services.licence_application_refuse(
            application=application, by=lic["officer"], reason="x"
        ),
    ):
        with pytest.raises(InvalidTransition) as exc:
            decide()
        assert str(exc.value) == str(ERROR_FOUR_EYES)
    services.licence_application_approve(application=application, by=lic["senior_officer"])


def test_officers_act_only_in_their_jurisdiction_and_agencies_only_for_themselves(lic):
    application = submitted_application(lic)
    with pytest.raises(PermissionDenied):
        services.licence_application_review_start(application=application, by=lic["kg_officer"])
    with pytest.raises(PermissionDenied):
        services.licence_application_review_start(application=application, by=lic["kz_admin"])
    with pytest.raises(PermissionDenied):
        services.licence_application_withdraw(application=application, by=lic["agency_admin"])
    with pytest.raises(PermissionDenied):
        services.licence_application_review_start(application=application, by=lic["analyst"])


#: Every (from, to) pair of application states, driven through the services that exist.
APPLICATION_MOVES = {
    S.SUBMITTED: lambda app, lic: services.licence_application_submit(
        application=app, by=lic["kz_admin"], response="answer"
    ),
    S.UNDER_REVIEW: lambda app, lic: services.licence_application_review_start(
        application=app, by=lic["officer"]
    ),
    S.INFO_REQUESTED: lambda app, lic: services.licence_application_request_info(
        application=app, by=lic["officer"], message="more"
    ),
    S.APPROVED: lambda app, lic: services.licence_application_approve(
        application=app, by=lic["officer"]
    ),
    S.REFUSED: lambda app, lic: services.licence_application_refuse(
        application=app, by=lic["officer"], reason="no"
    ),
    S.WITHDRAWN: lambda app, lic: services.licence_application_withdraw(
        application=app, by=lic["kz_admin"]
    ),
}
#: How to reach each state from a fresh complete draft.
PATHS = {
    S.DRAFT: [],
    S.SUBMITTED: [S.SUBMITTED],
    S.UNDER_REVIEW: [S.SUBMITTED, S.UNDER_REVIEW],
    S.INFO_REQUESTED: [S.SUBMITTED, S.UNDER_REVIEW, S.INFO_REQUESTED],
    S.APPROVED: [S.SUBMITTED, S.UNDER_REVIEW, S.APPROVED],
    S.REFUSED: [S.SUBMITTED, S.UNDER_REVIEW, S.REFUSED],
    S.WITHDRAWN: [S.WITHDRAWN],
}


@pytest.mark.parametrize("source", list(PATHS))
@pytest.mark.parametrize("target", list(APPLICATION_MOVES))
def test_application_transition_table(lic, source, target):
    application = services.licence_application_create(agency=lic["kz_agency"], by=lic["kz_admin"])
    fill_application(application, lic["kz_admin"])
    for step in PATHS[source]:
        APPLICATION_MOVES[step](application, lic)
    application.refresh_from_db()
    assert application.status == source
    events_before = AuditEvent.objects.count()
    if (source, target) in LICENCE_APPLICATION.lifecycle.table():
        APPLICATION_MOVES[target](application, lic)
        application.refresh_from_db()
        assert application.status == target
        assert AuditEvent.objects.count() == events_before + 1
    else:
        with pytest.raises((InvalidTransition, ValidationError)):
            APPLICATION_MOVES[target](application, lic)
        application.refresh_from_db()
        assert application.status == source
        assert AuditEvent.objects.count() == events_before


# --- licences --------------------------------------------------------------------------------


def test_suspend_needs_reason_reinstate_and_audit(lic):
    licence = issued_licence(lic)
    with pytest.raises(InvalidTransition):
        services.licence_suspend(licence=licence, by=lic["officer"], reason=" ")
    with pytest.raises(PermissionDenied):
        services.licence_suspend(licence=licence, by=lic["kg_officer"], reason="x")
    licence = services.licence_suspend(
        licence=licence, by=lic["officer"], reason="Inspection found fees charged"
    )
    assert licence.status == "suspended"
    assert_event(
        last_event(licence),
        actor=lic["officer"],
        action="licence.suspend",
        role="officer",
        from_state="active",
        to_state="suspended",
        reason="Inspection found fees charged",
        changes={"status": ["active", "suspended"]},
        organisation=lic["kz_agency"],
        country="KZ",
    )
    with pytest.raises(InvalidTransition):
        services.licence_suspend(licence=licence, by=lic["officer"], reason="again")
    licence = services.licence_reinstate(
        licence=licence, by=lic["senior_officer"], reason="Fees refunded"
    )
    assert_event(
        last_event(licence),
        actor=lic["senior_officer"],
        action="licence.reinstate",
        role="senior_officer",
        from_state="suspended",
        to_state="active",
        reason="Fees refunded",
        changes={"status": ["suspended", "active"]},
        organisation=lic["kz_agency"],
        country="KZ",
    )
    with pytest.raises(InvalidTransition):
        services.licence_reinstate(licence=licence, by=lic["officer"])


def test_revocation_needs_reason_and_a_second_officer(lic):
    licence = issued_licence(lic)
    with pytest.raises(InvalidTransition) as exc:
        services.licence_revocation_propose(licence=licence, by=lic["officer"], reason="")
    assert str(exc.value) == str(ERROR_REASON_REQUIRED)
    with pytest.raises(InvalidTransition) as exc:
        services.licence_revocation_confirm(licence=licence, by=lic["officer"])
    assert str(exc.value) == str(services.ERROR_NO_REVOCATION_PROPOSED)
    licence = services.licence_revocation_propose(
        licence=licence, by=lic["officer"], reason="Passports retained"
    )
    assert licence.status == "active"
    assert_event(
        last_event(licence),
        actor=lic["officer"],
        action="licence.revocation_propose",
        role="officer",
        from_state="active",
        to_state="active",
        reason="Passports retained",
        changes={
            "revocation_reason": ["", "Passports retained"],
            "revocation_requested_by": [None, str(lic["officer"])],
        },
        organisation=lic["kz_agency"],
        country="KZ",
    )
    with pytest.raises(InvalidTransition) as exc:
        services.licence_revocation_confirm(licence=licence, by=lic["officer"])
    assert str(exc.value) == str(services.ERROR_SECOND_OFFICER)
    with pytest.raises(PermissionDenied):
        services.licence_revocation_confirm(licence=licence, by=lic["kg_officer"])
    licence = services.licence_revocation_confirm(licence=licence, by=lic["officer2"])
    assert licence.status == "revoked" and licence.status_reason == "Passports retained"
    assert_event(
        last_event(licence),
        actor=lic["officer2"],
        action="licence.revoke",
        role="officer",
        from_state="active",
        to_state="revoked",
        reason="Passports retained",
        changes={"status": ["active", "revoked"], "proposed_by": [None, str(lic["officer"])]},
        organisation=lic["kz_agency"],
        country="KZ",
    )
    for move in (
        lambda: services.licence_suspend(licence=licence, by=lic["officer"], reason="x"),
        lambda: services.licence_reinstate(licence=licence, by=lic["officer"]),
    ):
        with pytest.raises(InvalidTransition):
            move()


def test_revocation_can_be_cancelled(lic):
    licence = issued_licence(lic)
    services.licence_revocation_propose(licence=licence, by=lic["officer"], reason="Doubt")
    licence = services.licence_revocation_cancel(
        licence=licence, by=lic["officer2"], reason="Evidence was forged"
    )
    assert licence.revocation_requested_by is None and licence.status == "active"
    assert_event(
        last_event(licence),
        actor=lic["officer2"],
        action="licence.revocation_cancel",
        role="officer",
        from_state="active",
        to_state="active",
        reason="Evidence was forged",
        changes={"revocation_reason": ["Doubt", ""]},
        organisation=lic["kz_agency"],
        country="KZ",
    )


def test_expiry_is_a_system_transition(lic):
    licence = issued_licence(lic)
    with pytest.raises(InvalidTransition):
        services.licence_expire(licence=licence)
    licence = services.licence_expire(
        licence=licence, today=licence.valid_until + timedelta(days=1)
    )
    assert_event(
        last_event(licence),
        actor=None,
        action="licence.expire",
        role="system",
        from_state="active",
        to_state="expired",
        changes={"status": ["active", "expired"]},
        organisation=lic["kz_agency"],
        country="KZ",
    )
    with pytest.raises(InvalidTransition):
        services.licence_suspend(licence=licence, by=lic["officer"], reason="x")


def test_renewal_creates_a_linked_licence_starting_after_the_old_one(lic):
    old = issued_licence(lic)
    with pytest.raises(ValidationError):
        services.licence_application_create(agency=lic["kz_agency"], by=lic["kz_admin"])
    renewal = services.licence_application_create(
        agency=lic["kz_agency"], by=lic["kz_admin"], renewal_of=old
    )
    assert renewal.kind == "renewal"
    assert renewal.planned_yearly_placements == 120  # prefilled from the previous application
    fill_application(renewal, lic["kz_admin"])
    services.licence_application_submit(application=renewal, by=lic["kz_admin"])
    services.licence_application_review_start(application=renewal, by=lic["officer"])
    new = services.licence_application_approve(application=renewal, by=lic["officer"])
    assert new.previous == old
    assert new.valid_from == old.valid_until + timedelta(days=1)
    assert new.number.endswith("000002")
    assert Licence.objects.filter(agency=lic["kz_agency"]).count() == 2
