"""The audit log is append-only, in the database itself."""

import pytest
from django.db import DatabaseError, connection, transaction

from portal.audit import audit_record
from portal.models import AuditEvent
from portal.services import membership_grant
from tests.conftest import make_user, requires_postgres

pytestmark = pytest.mark.django_db


def test_membership_grant_writes_an_audit_event_field_by_field(orgs):
    user = make_user("new@example.org")
    granter = make_user("kgadmin@example.org")
    granter.is_superuser = True
    membership = membership_grant(
        user=user, organisation=orgs["kg_agency"], role="agency_staff", by=granter
    )
    event = AuditEvent.objects.get(action="membership.grant", object_id=str(membership.pk))
    assert event.actor == granter
    assert event.actor_label == str(granter)
    assert event.organisation_id == orgs["kg_agency"].pk
    assert event.object_type == "portal.membership"
    assert event.from_state == ""
    assert event.to_state == "agency_staff"
    assert event.changes == {"role": [None, "agency_staff"], "user": [None, str(user)]}
    assert event.country == "KG"
    assert event.reason == ""
    assert event.time is not None


def _event(orgs):
    return audit_record(actor=None, action="test.event", obj=orgs["kz_authority"], country="KZ")


def test_update_fails_in_the_database(orgs):
    _event(orgs)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE portal_auditevent SET reason = 'tampered'")
    assert AuditEvent.objects.filter(action="test.event", reason="").count() == 1


@requires_postgres
@pytest.mark.parametrize(
    "statement",
    [
        "DELETE FROM portal_auditevent",
        "TRUNCATE portal_auditevent",
    ],
)
def test_delete_and_truncate_fail_on_postgresql(orgs, statement):
    _event(orgs)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        # A production session: the test database's flush allowance is switched off.
        cursor.execute("SET LOCAL karavan.audit_truncate = 'deny'")
        cursor.execute(statement)
    assert AuditEvent.objects.filter(action="test.event").exists()


@requires_postgres
def test_orm_delete_is_refused_on_postgresql(orgs):
    event = _event(orgs)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()
