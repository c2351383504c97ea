"""Corridor rules (issue 26): the law as data, read by the services, the guides, the bot and
the API; changed only by a second person's approval, on its date, never in the past."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from licensing.permits import selectors as permit_selectors
from licensing.permits import services as permit_services
from portal.corridor_models import CorridorRule, RuleStatus
from portal.corridor_services import (
    ERROR_PAST,
    corridor_rule_approve,
    corridor_rule_propose,
    corridor_rule_reject,
)
from portal.corridors import (
    needs_permit_answer,
    registration_due_date,
    rule_answer,
    stay_limit_date,
)
from portal.demo import corridor_rules_load, corridor_rules_rows
from portal.lifecycle import InvalidTransition
from portal.models import AuditEvent
from tests.permits.conftest import private_storage_in_tmp  # noqa: F401  (uploads in tmp)

pytestmark = pytest.mark.django_db
LANGUAGES = ["ru", "en", "kk", "ky", "tg", "tk", "uz"]


@pytest.fixture
def tree(db):
    from tests.info_campaigns.factories import tree_build

    return tree_build()


@pytest.fixture
def rules(db):
    corridor_rules_load()
    return CorridorRule.objects.all()


# --- the table, per demo corridor -----------------------------------------------------------

#: (origin, destination, category): what the worker needs, registration (days, kind), fee.
TABLE = {
    ("KG", "KZ", "any"): ("none", 30, "calendar", None),
    ("RU", "KZ", "any"): ("none", 30, "calendar", None),
    ("AM", "KZ", "any"): ("none", 30, "calendar", None),
    ("BY", "KZ", "any"): ("none", 30, "calendar", None),
    ("KZ", "RU", "any"): ("none", 30, "calendar", None),
    ("KG", "RU", "any"): ("none", 30, "calendar", None),
    ("AM", "RU", "any"): ("none", 30, "calendar", None),
    ("BY", "RU", "any"): ("none", 30, "calendar", None),
    ("KZ", "KG", "any"): ("none", 30, "calendar", None),
    ("RU", "KG", "any"): ("none", 30, "calendar", None),
    ("AM", "KG", "any"): ("none", 30, "calendar", None),
    ("BY", "KG", "any"): ("none", 30, "calendar", None),
    ("TJ", "KZ", "low_skilled"): ("patent", 3, "working", None),
    ("UZ", "KZ", "low_skilled"): ("patent", 3, "working", None),
    ("TJ", "KZ", "any"): ("work_permit", 3, "working", None),
    ("UZ", "KZ", "any"): ("work_permit", 3, "working", None),
    ("TM", "KZ", "any"): ("work_permit", 3, "working", None),
    ("UZ", "RU", "any"): ("patent", 7, "working", None),
    ("TJ", "RU", "any"): ("patent", 15, "calendar", None),
    ("TM", "RU", "any"): ("work_permit", 7, "working", None),
    **{(o, "KR", "any"): ("scheme_visa", 90, "calendar", None) for o in ["UZ", "KG", "TJ", "KZ"]},
    **{
        (o, "GB", "any"): ("scheme_visa", None, "calendar", None)
        for o in ["KG", "TJ", "UZ", "KZ", "TM"]
    },
    **{
        (o, "DE", "any"): ("work_permit", 14, "calendar", None)
        for o in ["KG", "TJ", "UZ", "KZ", "TM"]
    },
    **{
        (o, "TR", "any"): ("work_permit", None, "calendar", None)
        for o in ["KG", "TJ", "UZ", "KZ", "TM"]
    },
    **{
        (o, "AE", "any"): ("work_permit", None, "calendar", None)
        for o in ["KG", "TJ", "UZ", "KZ", "TM"]
    },
}


def test_the_table_covers_every_demo_corridor():
    assert {(r["origin"], r["destination"], r["category"]) for r in corridor_rules_rows()} == set(
        TABLE
    )


@pytest.mark.parametrize(("corridor", "expected"), sorted(TABLE.items()))
def test_demo_corridor(rules, corridor, expected):
    origin, destination, category = corridor
    needs, days, kind, fee = expected
    rule = CorridorRule.objects.get(
        origin_id=origin, destination_id=destination, category=category, status=RuleStatus.APPROVED
    )
    assert (
        rule.authorisation,
        rule.registration_days,
        rule.registration_day_kind,
        rule.fee_amount,
    ) == (needs, days, kind, fee)
    assert rule.source_act and (rule.source_date or rule.source_url)
    answer = needs_permit_answer(origin, destination, category, language="en")
    assert answer.rule == rule
    assert answer.needs_permit == (needs in ("work_permit", "patent"))


def test_a_category_rule_wins_over_the_rule_for_any_worker(rules):
    assert needs_permit_answer("TJ", "KZ", "low_skilled").needs == "patent"
    assert needs_permit_answer("TJ", "KZ", "skilled").needs == "work_permit"
    assert needs_permit_answer("TJ", "KZ", "highly_skilled").needs == "work_permit"


def test_a_corridor_without_a_rule_says_so(rules):
    answer = needs_permit_answer("TM", "KR", "any", language="en")
    assert answer.rule is None and not answer.needs_permit
    assert "no rule on record" in answer.headline


# --- the bot's question, in every language --------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_needs_permit_answer_in_every_language(rules, language):
    answer = needs_permit_answer(
        "KG", "KZ", "skilled", on_date=timezone.localdate(), language=language
    )
    english = needs_permit_answer("KG", "KZ", "skilled", language="en")
    assert answer.needs == "none" and answer.language == language
    assert "30" in answer.instead and "Article 97" in answer.as_text()
    if language != "en":
        assert answer.headline != english.headline
        assert answer.instead != english.instead
        assert [label for label, _v in answer.rows] != [label for label, _v in english.rows]


def test_uncertain_rules_carry_the_mark(rules):
    assert needs_permit_answer("TJ", "KZ", "low_skilled").needs_confirmation
    assert not needs_permit_answer("KG", "KZ", "skilled").needs_confirmation
    text = needs_permit_answer("TJ", "KZ", "low_skilled", language="en").as_text()
    assert "To be confirmed by the authority" in text


# --- the services apply it ------------------------------------------------------------------


def _kyrgyz_data(**overrides):
    from portal.models import Country
    from tests.permits.conftest import application_data

    return application_data(
        nationality=Country.objects.get(pk="KG"), passport_number="KG7700001", **overrides
    )


def test_an_eaeu_national_is_refused_a_kazakh_permit_in_kyrgyz(rules, people):
    worker = people["worker"]
    worker.preferred_language = "ky"
    worker.save()
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        permit_services.permit_application_create(
            by=worker, kind="WP", country_id="KZ", data=_kyrgyz_data()
        )
    message = refused.value.messages[0]
    kyrgyz = needs_permit_answer("KG", "KZ", "skilled", language="ky")
    assert kyrgyz.headline in message and kyrgyz.instead in message
    assert "Treaty on the Eurasian Economic Union" in message
    assert needs_permit_answer("KG", "KZ", "skilled", language="en").headline not in message
    assert not worker.permit_applications.exists()


def test_an_eaeu_national_is_refused_a_patent_too(rules, people):
    from portal.models import IscoGroup

    with pytest.raises(ValidationError):
        permit_services.permit_application_create(
            by=people["worker"],
            kind="PT",
            country_id="KZ",
            data=_kyrgyz_data(occupation=IscoGroup.objects.get(pk="9313"), qualification="none"),
        )


def test_documents_and_fee_come_from_the_table(rules, people, orgs):
    from tests.permits.conftest import draft

    rule = CorridorRule.objects.get(origin_id="TJ", destination_id="KZ", category="any")
    application = draft(people["worker"])
    assert application.corridor_rule == rule
    assert permit_selectors.required_documents(application=application) == rule.documents_standard
    # The table's fee, when it states one, is what the worker is asked to pay.
    CorridorRule.objects.filter(pk=rule.pk).update(fee_amount=40000, fee_currency="KZT")
    fee = permit_selectors.fee_for(
        authority=orgs["kz_authority"], kind="WP", region_id="KZ-75", nationality="TJ"
    )
    assert (fee.amount, fee.currency) == (40000, "KZT")


# --- changes: four eyes, on their date, never in the past -----------------------------------


def _propose(by, **data):
    base = CorridorRule.objects.get(
        origin_id="TJ",
        destination_id="KZ",
        category="any",
        status=RuleStatus.APPROVED,
        effective_to__isnull=True,
    )
    return corridor_rule_propose(by=by, data=data, based_on=base), base


def test_the_proposer_cannot_approve_their_own_change(rules, people):
    proposal, _base = _propose(
        people["senior_officer"],
        authorisation="none",
        effective_from=timezone.localdate() + timedelta(days=1),
    )
    with pytest.raises(InvalidTransition):
        corridor_rule_approve(rule=proposal, by=people["senior_officer"])
    proposal.refresh_from_db()
    assert proposal.status == RuleStatus.PROPOSED


def test_an_officer_of_another_country_cannot_propose_or_approve(rules, people):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        _propose(people["kg_officer"], effective_from=timezone.localdate())
    proposal, _base = _propose(people["officer"], effective_from=timezone.localdate())
    with pytest.raises(PermissionDenied):
        corridor_rule_approve(rule=proposal, by=people["kg_officer"])


def test_a_change_may_not_start_in_the_past(rules, people):
    with pytest.raises(ValidationError) as refused:
        _propose(people["officer"], effective_from=timezone.localdate() - timedelta(days=1))
    assert str(ERROR_PAST) in refused.value.messages


def test_a_rejected_proposal_changes_nothing(rules, people):
    proposal, base = _propose(
        people["officer"], authorisation="none", effective_from=timezone.localdate()
    )
    corridor_rule_reject(rule=proposal, by=people["senior_officer"], reason="No legal basis")
    assert needs_permit_answer("TJ", "KZ", "skilled").rule == base


def test_a_future_change_does_not_touch_today_and_applies_on_its_date(rules, people):
    today = timezone.localdate()
    tomorrow = today + timedelta(days=1)
    proposal, base = _propose(
        people["officer"],
        authorisation="none",
        effective_from=tomorrow,
        source_article="Article 1 (test)",
    )
    corridor_rule_approve(rule=proposal, by=people["senior_officer"], reason="Agreement ratified")
    base.refresh_from_db()
    proposal.refresh_from_db()
    assert base.effective_to == today and proposal.supersedes == base
    assert (proposal.decided_by, proposal.status) == (people["senior_officer"], RuleStatus.APPROVED)
    # Today: the old rule; the application goes through and records it.
    from tests.permits.conftest import complete, draft

    application = draft(people["worker"])
    assert application.corridor_rule == base
    complete(application, people["worker"])
    permit_services.permit_application_submit(application=application, by=people["worker"])
    application.refresh_from_db()
    assert application.corridor_rule == base
    # From tomorrow: the new rule, for the services, the bot and the registration dates.
    assert needs_permit_answer("TJ", "KZ", "skilled", on_date=tomorrow).rule == proposal
    assert needs_permit_answer("TJ", "KZ", "skilled", on_date=today).rule == base
    events = list(
        AuditEvent.objects.filter(object_type="portal.corridorrule")
        .filter(action__in=["corridor_rule.propose", "corridor_rule.approve", "corridor_rule.end"])
        .order_by("id")
    )
    assert [e.action for e in events] == [
        "corridor_rule.propose",
        "corridor_rule.end",
        "corridor_rule.approve",
    ]
    approve = events[-1]
    assert (
        approve.actor,
        approve.role,
        approve.from_state,
        approve.to_state,
        approve.reason,
        approve.country,
    ) == (
        people["senior_officer"],
        "senior_officer",
        "proposed",
        "approved",
        "Agreement ratified",
        "KZ",
    )
    assert approve.changes == {
        "status": ["proposed", "approved"],
        "ends": {str(base.pk): [None, str(today)]},
    }
    assert events[0].changes["authorisation"] == ["work_permit", "none"]


def test_a_change_dated_today_applies_to_todays_applications(rules, people):
    proposal, _base = _propose(
        people["officer"], authorisation="none", effective_from=timezone.localdate()
    )
    corridor_rule_approve(rule=proposal, by=people["senior_officer"])
    from tests.permits.conftest import draft

    with pytest.raises(ValidationError):
        draft(people["worker"])


def test_a_decision_records_the_rule_version_it_applied(rules, people):
    from tests.permits.conftest import complete, draft

    application = draft(people["worker"])
    complete(application, people["worker"])
    permit_services.permit_application_submit(application=application, by=people["worker"])
    permit_services.permit_application_review_start(application=application, by=people["officer"])
    permit_services.permit_application_refuse(
        application=application, by=people["senior_officer"], reason="Test refusal"
    )
    application.refresh_from_db()
    assert application.corridor_rule == needs_permit_answer("TJ", "KZ", "highly_skilled").rule


# --- the migration cycle's dates ------------------------------------------------------------


def test_registration_due_date_counts_working_or_calendar_days(rules):
    friday = date(2026, 11, 6)
    # 3 working days after a Friday: Wednesday.
    assert registration_due_date(origin="TJ", destination="KZ", arrival=friday) == date(
        2026, 11, 11
    )
    assert registration_due_date(
        origin="KG", destination="KZ", arrival=friday
    ) == friday + timedelta(days=30)
    assert registration_due_date(origin="KG", destination="GB", arrival=friday) is None


def test_stay_limit_and_overstay(rules):
    from portal.corridors import is_overstaying

    arrival = date(2026, 3, 1)
    assert stay_limit_date(origin="UZ", destination="RU", arrival=arrival) == arrival + timedelta(
        days=89
    )
    assert stay_limit_date(
        origin="UZ", destination="RU", arrival=arrival, authorised_until=date(2026, 12, 31)
    ) == date(2026, 12, 31)
    assert is_overstaying(origin="UZ", destination="RU", arrival=arrival, on=date(2026, 6, 1))
    assert not is_overstaying(origin="UZ", destination="RU", arrival=arrival, on=date(2026, 5, 29))
    assert not is_overstaying(origin="KG", destination="KZ", arrival=arrival, on=date(2027, 1, 1))


# --- the guide, the API and the services agree ----------------------------------------------


def test_the_guide_box_the_api_and_the_services_agree(rules, client, people, tree):
    from tests.info_campaigns.factories import guide_create

    guide = guide_create(tree["ky"]["guides"])
    response = client.get(guide.url, {"citizenship": "KG"})
    assert response.status_code == 200
    body = response.content.decode()
    kyrgyz = needs_permit_answer("KG", "KZ", "skilled", language="ky")
    assert 'method="get"' in body and 'name="citizenship"' in body
    assert kyrgyz.headline in body
    api = client.get(
        "/api/v1/corridor-rules/",
        {"origin": "KG", "destination": "KZ", "category": "skilled", "lang": "ky"},
    ).json()
    [published] = api["results"]
    assert published["id"] == kyrgyz.rule.pk and published["needs_permit"] is False
    assert published["summary"] == kyrgyz.headline
    assert published["legal_source"]["act"] == "Treaty on the Eurasian Economic Union"
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        permit_services.permit_application_create(
            by=people["worker"], kind="WP", country_id="KZ", data=_kyrgyz_data()
        )
    with translation.override("en"):
        assert rule_answer(kyrgyz.rule).headline in refused.value.messages[0]


def test_the_guide_box_marks_uncertain_rules_and_refuses_an_unknown_citizenship(
    rules, client, tree
):
    from tests.info_campaigns.factories import guide_create

    guide = guide_create(tree["en"]["guides"])
    body = client.get(guide.url, {"citizenship": "TJ"}).content.decode()
    assert "To be confirmed by the authority" in body
    assert "Low skilled work" in body and "Any other work" in body
    refused = client.get(guide.url, {"citizenship": "ZZ"})
    assert refused.status_code == 400
    assert "Choose your citizenship from the list." in refused.content.decode()


def test_the_api_lists_rules_with_filters_and_schema(rules, client):
    listed = client.get("/api/v1/corridor-rules/", {"destination": "KZ"}).json()
    assert listed["count"] == CorridorRule.objects.filter(destination_id="KZ").count()
    future = (timezone.localdate() + timedelta(days=400)).isoformat()
    assert client.get("/api/v1/corridor-rules/", {"on": future, "origin": "KG"}).json()["count"] > 0
    assert client.get("/api/v1/corridor-rules/", {"on": "yesterday"}).status_code == 400
    schema = client.get("/api/v1/schema/").content.decode()
    assert "/api/v1/corridor-rules/" in schema and "corridor_rules_list" in schema


# --- through the pages: the acceptance, and the back office ---------------------------------


def test_acceptance_the_kyrgyz_worker_applies_for_a_kazakh_work_permit(rules, client, people):
    from tests.permits.test_pages import _form_data

    worker = people["worker"]
    worker.preferred_language = "ky"
    worker.save()
    client.force_login(worker)
    response = client.post(
        "/ru/permits/apply/work-permit/",
        _form_data(nationality="KG") | {"nationality": "KG", "passport_number": "KG7700002"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    kyrgyz = needs_permit_answer("KG", "KZ", "skilled", language="ky")
    assert kyrgyz.headline in body and kyrgyz.instead in body
    assert not worker.permit_applications.exists()


def _form(rule, **changes) -> dict:
    from portal.corridor_services import RULE_FIELDS

    data = {}
    for name in RULE_FIELDS:
        value = getattr(rule, CorridorRule._meta.get_field(name).attname)
        if isinstance(value, list):
            data[name] = value
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = "" if value is None else str(value)
    data.update(changes)
    return data


def test_back_office_proposal_needs_a_second_person(rules, client, people):
    from tests.permits.test_backoffice import staff_login

    base = CorridorRule.objects.get(origin_id="TJ", destination_id="KZ", category="any")
    staff_login(client, people["officer"])
    assert "TJ → KZ" in client.get("/admin/corridor-rules/").content.decode()
    assert client.get(f"/admin/corridor-rules/propose/?based_on={base.pk}").status_code == 200
    for odd in ("²", "١", "-1", "", "99999999999999999999"):  # never a server error
        assert client.get(f"/admin/corridor-rules/propose/?based_on={odd}").status_code == 404
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(
        f"/admin/corridor-rules/propose/?based_on={base.pk}",
        _form(base, effective_from=tomorrow, registration_days="5"),
    )
    proposal = CorridorRule.objects.get(status=RuleStatus.PROPOSED)
    assert response.status_code == 302 and proposal.registration_days == 5
    assert proposal.submitted_by == people["officer"] and proposal.supersedes == base
    inspect = f"/admin/corridor-rules/inspect/{proposal.pk}/"
    assert (
        f"/admin/corridor-rules/action/{proposal.pk}/approve/"
        not in client.get(inspect).content.decode()
    )
    staff_login(client, people["senior_officer"])
    assert (
        f"/admin/corridor-rules/action/{proposal.pk}/approve/"
        in client.get(inspect).content.decode()
    )
    client.post(f"/admin/corridor-rules/action/{proposal.pk}/approve/")
    proposal.refresh_from_db()
    assert proposal.status == RuleStatus.APPROVED
    # A proposal dated in the past is refused on the form, with the reason.
    client.force_login(people["officer"])
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    refused = client.post(
        f"/admin/corridor-rules/propose/?based_on={proposal.pk}",
        _form(proposal, effective_from=yesterday),
    )
    with translation.override("en"):
        assert refused.status_code == 400 and str(ERROR_PAST) in refused.content.decode()
    # Another country's officer sees none of Kazakhstan's rules.
    staff_login(client, people["kg_officer"])
    assert client.get(inspect).status_code in (403, 404)
