"""Passport numbers: encrypted at rest, fingerprinted for duplicates, never in logs, URLs or the
database's plain text; every staff view of one is audited."""

import logging

import pytest
from django.db import connection

from licensing.permits import services
from licensing.permits.personal_data import passport_hash
from portal.models import AuditEvent
from tests.conftest import give_totp

from .conftest import application_data, complete, under_review

pytestmark = pytest.mark.django_db

PASSPORT = "TJ7781234"


def _database_as_text() -> str:
    """Every row of every table, as text (what a leaked dump would show)."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            chunks.append(repr(cursor.fetchall()))
    return "\n".join(chunks)


def test_passport_number_absent_from_database_and_logs(pm, client, caplog):
    caplog.set_level(logging.DEBUG)
    worker, officer = pm["worker"], pm["officer"]
    application = services.permit_application_create(
        by=worker, kind="WP", country_id="KZ", data=application_data(passport_number="tj 778-1234")
    )
    complete(application, worker)
    services.permit_application_submit(application=application, by=worker)
    services.permit_application_review_start(application=application, by=officer)
    assert (
        services.permit_application_passport_reveal(application=application, by=pm["officer2"])
        == PASSPORT
    )
    services.permit_application_approve(application=application, by=pm["officer2"])
    client.force_login(worker)
    page = client.get(f"/en/permits/application/{application.pk}/").content.decode()
    assert PASSPORT not in page and "34" in page  # masked: only the last two characters
    give_totp(officer)
    client.force_login(officer)
    client.get(f"/admin/permits/applications/{application.pk}/")
    dump = _database_as_text()
    assert PASSPORT not in dump and "7781234" not in dump
    assert application.passport_hash in dump  # the fingerprint is there, the number is not
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert PASSPORT not in logged and "7781234" not in logged


def test_fingerprint_is_keyed_and_normalised(settings):
    assert passport_hash(nationality="TJ", number="tj 778-1234") == passport_hash(
        nationality="TJ", number=PASSPORT
    )
    assert passport_hash(nationality="UZ", number=PASSPORT) != passport_hash(
        nationality="TJ", number=PASSPORT
    )
    before = passport_hash(nationality="TJ", number=PASSPORT)
    settings.KARAVAN_FIELD_KEY = "another-secret"
    assert passport_hash(nationality="TJ", number=PASSPORT) != before


def test_every_staff_view_of_the_passport_number_is_audited(pm):
    application = under_review(pm["worker"], pm["officer"])
    services.permit_application_passport_reveal(application=application, by=pm["officer"])
    services.permit_application_passport_reveal(application=application, by=pm["officer"])
    events = AuditEvent.objects.filter(action="permit_application.passport_view")
    assert events.count() == 2
    event = events.first()
    assert event.actor == pm["officer"] and event.country == "KZ"
    assert event.object_id == str(application.pk)
    assert event.changes == {"field": "passport_number"}
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.permit_application_passport_reveal(application=application, by=pm["kg_officer"])
    with pytest.raises(PermissionDenied):
        services.permit_application_passport_reveal(application=application, by=pm["worker"])
