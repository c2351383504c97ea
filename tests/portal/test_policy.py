"""The one permission policy: each role against objects of its own and another org/country."""

import pytest
from django.db import models

from portal.audit import audit_record
from portal.models import AuditEvent, Organisation
from portal.permissions import UnknownPermission, declare, declared
from portal.policy import can, is_staff_user, rule, scope

pytestmark = pytest.mark.django_db


def test_an_undeclared_action_fails_loudly_instead_of_denying_in_silence(people):
    people["officer"].is_superuser = True
    with pytest.raises(UnknownPermission):
        can(people["officer"], "licensing.aplication.decide", None)  # the typo of the issue
    with pytest.raises(UnknownPermission):
        rule("no.such.action")


def test_a_declared_action_without_a_rule_is_denied_even_for_superusers(people):
    @declare
    class Spare(models.TextChoices):
        SPARE = "test.spare.action", "spare"

    people["officer"].is_superuser = True
    assert not can(people["officer"], "test.spare.action", None)


def test_every_declared_action_has_a_description_and_a_rule_or_a_scope():
    from portal.policy import _RULES, _SCOPES

    for action in declared():
        if action.value.startswith("test."):
            continue
        assert str(action.label) and str(action.label) != action.value
        assert action in _RULES or action in _SCOPES, action


@pytest.mark.parametrize(
    ("who", "org", "allowed"),
    [
        ("agency_admin", "kg_agency", True),
        ("agency_admin", "tj_agency", False),
        ("agency_staff", "kg_agency", False),
        ("officer", "kg_agency", False),
        ("authority_admin", "kg_agency", False),  # KZ authority admin, KG agency
        ("worker", "kg_agency", False),
        ("analyst", "kg_agency", False),
        ("editor", "partner", False),
    ],
)
def test_who_may_manage_an_organisation(people, orgs, who, org, allowed):
    assert can(people[who], "organisation.manage", orgs[org]) is allowed


def test_authority_admin_manages_organisations_of_its_own_country(people):
    kz_agency = Organisation.objects.create(name="KZ Agency", kind="agency", country_id="KZ")
    assert can(people["authority_admin"], "organisation.manage", kz_agency)


@pytest.mark.parametrize(
    ("who", "visible"),
    [
        ("officer", {"kz_authority", "partner"}),  # own country's organisations
        ("kg_officer", {"kg_authority", "kg_agency"}),
        ("agency_admin", {"kg_agency"}),  # only its own organisation
        ("worker", set()),
        ("editor", {"partner"}),
    ],
)
def test_organisation_lists_are_scoped(people, orgs, who, visible):
    names = {key for key, org in orgs.items()}
    qs = scope(
        people[who],
        "organisation.view",
        Organisation.objects.filter(pk__in=[o.pk for o in orgs.values()]),
    )
    by_pk = {org.pk: key for key, org in orgs.items()}
    assert {by_pk[o.pk] for o in qs} == visible
    assert visible <= names


def test_audit_events_are_visible_only_inside_the_jurisdiction(people, orgs):
    kz_event = audit_record(actor=None, action="test", obj=orgs["kz_authority"], country="KZ")
    kg_event = audit_record(actor=None, action="test", obj=orgs["kg_authority"], country="KG")
    officer, kg_officer = people["officer"], people["kg_officer"]
    assert can(officer, "audit.view", kz_event) and not can(officer, "audit.view", kg_event)
    assert can(kg_officer, "audit.view", kg_event) and not can(kg_officer, "audit.view", kz_event)
    for who in ["worker", "agency_admin", "editor"]:
        assert not can(people[who], "audit.view", kz_event)
        assert not scope(people[who], "audit.view", AuditEvent.objects.all()).exists()
    assert set(scope(officer, "audit.view", AuditEvent.objects.filter(action="test"))) == {kz_event}


def test_staff_roles_are_back_office_users_and_agency_roles_are_not(people):
    staff = {who for who, user in people.items() if is_staff_user(user)}
    assert staff == {
        "officer",
        "senior_officer",
        "kg_officer",
        "analyst",
        "editor",
        "authority_admin",
    }
    assert people["officer"].is_staff and not people["agency_admin"].is_staff
