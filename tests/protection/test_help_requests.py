"""Help requests on the case kernel: filing (anonymous, idempotent, scored), the lifecycle as
data, triage by the origin authority only, referral only with consent and only of what was
ticked, answers by the receiving organisation only, escalation, outcome and figures by sex."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from licensing.protection import selectors, services
from licensing.protection.cases import HELP_REFERRAL, HELP_REQUEST
from licensing.protection.indicators import indicator_score, priority_of
from licensing.protection.models import (
    HelpReferral,
    HelpRequest,
    HelpStatus,
    Party,
    ReferralStatus,
)
from licensing.protection.permissions import ProtectionPermission as P
from portal.lifecycle import InvalidTransition
from portal.models import AuditEvent
from portal.policy import can, scope

pytestmark = pytest.mark.django_db
H, R = HelpStatus, ReferralStatus


def last_event(obj) -> AuditEvent:
    return (
        AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
        .order_by("-id")
        .first()
    )


def file(by=None, **extra) -> HelpRequest:
    from django.contrib.auth.models import AnonymousUser

    fields = {
        "category": "unpaid_wages",
        "description": "Three months without pay.",
        "origin_country_id": "TJ",
        "current_country_id": "RU",
        "sex": "F",
        "answers": ["wages_withheld", "documents_retained"],
        "consent_to_refer": True,
        "language": "tg",
    }
    return services.help_request_file(by=by or AnonymousUser(), **{**fields, **extra})


# --- scoring ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "category", "expected"),
    [
        ([], "stranded", "normal"),
        (["deception"], "deception", "normal"),
        (["wages_withheld"], "unpaid_wages", "high"),
        ([], "violence", "high"),
        (["violence"], "health", "urgent"),
        (["restricted_movement"], "stranded", "urgent"),
        (["documents_retained", "threats", "deception"], "documents_withheld", "urgent"),
        (["unknown", "deception"], "deception", "normal"),
    ],
)
def test_priority_from_the_ilo_answers(answers, category, expected):
    assert priority_of(answers, category=category) == expected


def test_score_counts_each_indicator_once():
    assert indicator_score(["threats", "threats", "isolation"]) == 4
    assert indicator_score(["nonsense"]) == 0


# --- filing ----------------------------------------------------------------------------------


def test_anonymous_filing_stores_no_contact_and_is_audited(
    prot, monday, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request = file(is_anonymous=True, contact_name="Gulnora", contact="+992900000111")
    assert request.tracking_code.startswith("H") and len(request.tracking_code) == 10
    assert (request.contact_name, request.contact, request.filed_by) == ("", "", None)
    assert request.status == H.RECEIVED
    assert request.priority == "high" and request.indicator_score == 4
    assert request.indicators == ["documents_retained", "wages_withheld"]
    assert request.triage_due == date(2026, 3, 4)  # two working days for "high"
    assert request.consent_to_refer and request.consent_recorded_at is not None
    event = last_event(request)
    assert (event.actor, event.actor_label, event.action) == (
        None,
        "anonymous",
        "help_request.file",
    )
    assert (event.from_state, event.to_state, event.country) == ("", "received", "TJ")
    assert event.changes == {
        "status": [None, "received"],
        "category": [None, "unpaid_wages"],
        "priority": [None, "high"],
        "indicators": [None, ["documents_retained", "wages_withheld"]],
        "consent_to_refer": [None, True],
    }
    assert event.ip is None
    from portal.models import NotificationDelivery

    told = NotificationDelivery.objects.filter(event="help_request.new")
    assert {d.user for d in told} == {prot["tj_officer"], prot["tj_officer2"]}


def test_signed_in_person_who_gives_a_contact_is_told(prot, django_capture_on_commit_callbacks):
    request = file(
        by=prot["worker"], is_anonymous=False, contact_name="Gulnora", contact="gul@example.org"
    )
    assert request.filed_by == prot["worker"] and request.contact == "gul@example.org"
    assert selectors.person_contacts(help_request=request) == [prot["worker"]]


def test_double_submit_files_once(prot):
    import uuid

    key = uuid.uuid4()
    first = file(submission_key=key)
    second = file(submission_key=key)
    assert first.pk == second.pk and HelpRequest.objects.count() == 1


def test_filing_needs_words_and_an_origin_country(prot):
    with pytest.raises(ValidationError):
        file(description="   ")
    with pytest.raises(ValidationError):
        file(origin_country_id="RU")
    assert HelpRequest.objects.count() == 0


# --- lifecycle -------------------------------------------------------------------------------


def test_lifecycle_tables_are_data():
    assert HELP_REQUEST.lifecycle.table() == {
        ("received", "triaged"): "officer",
        ("triaged", "referred"): "officer",
        ("referred", "referred"): "officer",
        ("received", "closed"): "officer",
        ("triaged", "closed"): "officer",
        ("referred", "closed"): "officer",
    }
    assert HELP_REFERRAL.lifecycle.table() == {
        ("sent", "answered"): "officer",
        ("escalated", "answered"): "officer",
        ("sent", "declined"): "officer",
        ("escalated", "declined"): "officer",
        ("sent", "escalated"): "system",
    }


def test_only_the_origin_authority_triages(prot):
    request = file()
    for outsider in (prot["officer"], prot["inspector"], prot["ngo_worker"], prot["worker"]):
        with pytest.raises(PermissionDenied):
            services.help_request_triage(help_request=request, by=outsider)
    request = services.help_request_triage(help_request=request, by=prot["tj_officer"])
    assert (request.status, request.handled_by) == (H.TRIAGED, prot["tj_officer"])
    event = last_event(request)
    assert (event.actor, event.action, event.role) == (
        prot["tj_officer"],
        "help_request.triage",
        "officer",
    )
    assert event.changes == {
        "status": ["received", "triaged"],
        "handled_by": [None, str(prot["tj_officer"])],
    }
    with pytest.raises(InvalidTransition):
        services.help_request_triage(help_request=request, by=prot["tj_officer"])


def test_referral_needs_consent_which_an_officer_can_record(prot):
    request = services.help_request_triage(
        help_request=file(consent_to_refer=False), by=prot["tj_officer"]
    )
    with pytest.raises(ValidationError):
        services.help_request_refer(
            help_request=request,
            by=prot["tj_officer"],
            party=Party.NGO,
            organisation=prot["ngo"],
            shared_items=["category"],
            message="Please call her.",
        )
    assert HelpReferral.objects.count() == 0
    with pytest.raises(InvalidTransition):
        services.help_request_consent_record(help_request=request, by=prot["tj_officer"], note=" ")
    request = services.help_request_consent_record(
        help_request=request, by=prot["tj_officer"], note="By phone on 02.03.2026"
    )
    assert request.consent_to_refer and request.consent_note == "By phone on 02.03.2026"
    event = last_event(request)
    assert (event.action, event.reason, event.changes) == (
        "help_request.consent",
        "By phone on 02.03.2026",
        {"consent_to_refer": [False, True]},
    )
    referral = services.help_request_refer(
        help_request=request,
        by=prot["tj_officer"],
        party=Party.NGO,
        organisation=prot["ngo"],
        shared_items=["category"],
        message="Please call her.",
    )
    assert referral.status == R.SENT


@pytest.mark.parametrize(
    ("party", "org", "allowed"),
    [
        (Party.INSPECTORATE, "inspectorate", True),  # inspectorate where the person is (RU)
        (Party.INSPECTORATE, "kz_inspectorate", False),  # not where the person is
        (Party.CONSULATE, "consulate", True),  # the origin country's consulate
        (Party.CONSULATE, "inspectorate", False),
        (Party.NGO, "ngo", True),
        (Party.RESOURCE_CENTRE, "centre", True),
        (Party.NGO, "tj_authority", False),  # an authority is not an NGO
    ],
)
def test_who_can_receive_a_referral(prot, party, org, allowed):
    request = services.help_request_triage(help_request=file(), by=prot["tj_officer"])
    refer = lambda: services.help_request_refer(  # noqa: E731
        help_request=request,
        by=prot["tj_officer"],
        party=party,
        organisation=prot[org],
        shared_items=["category"],
        message="Please help.",
    )
    if allowed:
        assert refer().organisation == prot[org]
    else:
        with pytest.raises(ValidationError):
            refer()


def test_only_what_was_ticked_is_shared_and_only_with_that_party(prot, monday):
    request = services.help_request_triage(
        help_request=file(employer_name="OOO Stroy", place="Moscow"), by=prot["tj_officer"]
    )
    with pytest.raises(ValidationError):  # anonymous: no contact to share
        services.help_request_refer(
            help_request=request,
            by=prot["tj_officer"],
            party=Party.INSPECTORATE,
            organisation=prot["inspectorate"],
            shared_items=["contact"],
            message="x",
        )
    referral = services.help_request_refer(
        help_request=request,
        by=prot["tj_officer"],
        party=Party.INSPECTORATE,
        organisation=prot["inspectorate"],
        shared_items=["category", "employer_name", "place"],
        message="Inspect the employer, please.",
    )
    assert referral.shared == {
        "category": "unpaid_wages",
        "employer_name": "OOO Stroy",
        "current_country": "RU",
        "place": "Moscow",
    }
    assert "description" not in referral.shared and "sex" not in referral.shared
    from licensing.permits.selectors import working_days_add

    assert referral.due_on == working_days_add(country_id="RU", start=monday, days=5)
    request.refresh_from_db()
    assert request.status == H.REFERRED
    event = last_event(request)
    assert event.action == "help_request.refer" and event.reason == "Inspect the employer, please."
    assert event.changes["shared_items"] == [None, ["category", "employer_name", "place"]]
    # The inspectorate sees its referral, never the request; the NGO sees neither.
    inspector, ngo = prot["inspector"], prot["ngo_worker"]
    assert list(scope(inspector, P.REFERRAL_VIEW, HelpReferral.objects.all())) == [referral]
    assert not scope(inspector, P.HELP_TRIAGE, HelpRequest.objects.all()).exists()
    assert not can(inspector, P.HELP_TRIAGE, request)
    assert not scope(ngo, P.REFERRAL_VIEW, HelpReferral.objects.all()).exists()
    assert not can(ngo, P.REFERRAL_VIEW, referral)
    # The referring authority follows it.
    assert can(prot["tj_officer2"], P.REFERRAL_VIEW, referral)


def test_the_party_answers_and_nobody_else(prot, django_capture_on_commit_callbacks):
    request = services.help_request_triage(help_request=file(), by=prot["tj_officer"])
    referral = services.help_request_refer(
        help_request=request,
        by=prot["tj_officer"],
        party=Party.INSPECTORATE,
        organisation=prot["inspectorate"],
        shared_items=["category"],
        message="Inspect.",
    )
    for outsider in (prot["tj_officer"], prot["ngo_worker"], prot["worker"]):
        with pytest.raises(PermissionDenied):
            services.help_referral_answer(referral=referral, by=outsider, response="x")
    with django_capture_on_commit_callbacks(execute=True):
        referral = services.help_referral_answer(
            referral=referral, by=prot["inspector"], response="Employer paid the wages."
        )
    assert (referral.status, referral.answered_by) == (R.ANSWERED, prot["inspector"])
    assert referral.response == "Employer paid the wages."
    event = last_event(referral)
    assert (event.action, event.from_state, event.to_state, event.reason, event.country) == (
        "help_referral.answer",
        "sent",
        "answered",
        "Employer paid the wages.",
        "TJ",
    )
    assert event.organisation == prot["inspectorate"]
    from portal.models import NotificationDelivery

    assert NotificationDelivery.objects.filter(
        event="help_referral.answer", user=prot["tj_officer"]
    ).exists()


def test_unanswered_referral_is_escalated_then_can_still_be_answered(prot, monday):
    request = services.help_request_triage(help_request=file(), by=prot["tj_officer"])
    referral = services.help_request_refer(
        help_request=request,
        by=prot["tj_officer"],
        party=Party.CONSULATE,
        organisation=prot["consulate"],
        shared_items=["category"],
        message="Help her home.",
    )
    assert services.protection_daily(today=referral.due_on) == {"referrals_escalated": 0}
    result = services.protection_daily(today=referral.due_on + timedelta(days=1))
    assert result == {"referrals_escalated": 1}
    referral.refresh_from_db()
    assert referral.status == R.ESCALATED and referral.escalated_at is not None
    event = last_event(referral)
    assert (event.actor, event.role, event.action) == (None, "system", "help_referral.escalate")
    assert services.protection_daily(today=referral.due_on + timedelta(days=2)) == {
        "referrals_escalated": 0
    }
    referral = services.help_referral_decline(
        referral=referral, by=prot["consul"], response="Not in our district."
    )
    assert referral.status == R.DECLINED


def test_close_with_outcome_and_figures_by_sex(prot):
    women = [file(sex="F") for _ in range(2)]
    man = file(sex="M", category="stranded", answers=[])
    services.help_request_close(
        help_request=women[0], by=prot["tj_officer"], outcome="resolved", outcome_note="Wages paid."
    )
    with pytest.raises(ValidationError):
        services.help_request_close(
            help_request=man, by=prot["tj_officer"], outcome="nope", outcome_note="x"
        )
    closed = services.help_request_close(
        help_request=man, by=prot["tj_officer"], outcome="returned", outcome_note="Flew home."
    )
    assert (closed.status, closed.outcome, closed.handled_by) == (
        H.CLOSED,
        "returned",
        prot["tj_officer"],
    )
    assert last_event(closed).changes == {
        "status": ["received", "closed"],
        "outcome": [None, "returned"],
    }
    figures = selectors.help_figures_by_sex(country_id="TJ")
    assert figures["total"] == {"F": 2, "M": 1, "X": 0, "total": 3}
    assert figures["category"]["unpaid_wages"] == {"F": 2, "M": 0, "X": 0, "total": 2}
    assert figures["outcome"]["resolved"] == {"F": 1, "M": 0, "X": 0, "total": 1}
    assert figures["outcome"]["returned"] == {"F": 0, "M": 1, "X": 0, "total": 1}
    assert figures["status"]["received"]["F"] == 1
    assert selectors.help_figures_by_sex(country_id="KG")["total"]["total"] == 0
    assert can(prot["analyst"], P.STATISTICS_VIEW, "KZ")
    assert not can(prot["analyst"], P.STATISTICS_VIEW, "TJ")
