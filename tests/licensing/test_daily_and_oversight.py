"""The daily expiry/reminder task, inspections and sanctions, and gapless numbering under
20 concurrent approvals (PostgreSQL)."""

import threading
import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from licensing import services
from licensing.models import Inspection, Licence, LicenceApplication, Sanction
from portal.lifecycle import InvalidTransition
from portal.models import AuditEvent, Organisation, Role
from tests.conftest import make_user, requires_postgres

from .factories import fill_application, issued_licence


@pytest.mark.django_db
def test_daily_run_expires_and_reminds_at_60_and_30_days_once(
    lic, django_capture_on_commit_callbacks
):
    licence = issued_licence(lic)
    today = timezone.localdate()
    Licence.objects.filter(pk=licence.pk).update(valid_until=today + timedelta(days=59))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.licences_daily(today=today) == {
            "expired": 0,
            "reminded_60": 1,
            "reminded_30": 0,
        }
    assert len(mail.outbox) == 1 and licence.number in mail.outbox[0].subject
    assert "kzadmin@example.org" in mail.outbox[0].to
    assert services.licences_daily(today=today)["reminded_60"] == 0  # only once
    assert services.licences_daily(today=today + timedelta(days=30))["reminded_30"] == 1
    result = services.licences_daily(today=today + timedelta(days=60))
    assert result["expired"] == 1
    licence.refresh_from_db()
    assert licence.status == "expired"
    assert (
        AuditEvent.objects.filter(action="licence.expire", object_id=str(licence.pk)).count() == 1
    )


@pytest.mark.django_db
def test_management_command_runs_the_task(lic):
    licence = issued_licence(lic)
    Licence.objects.filter(pk=licence.pk).update(
        valid_until=timezone.localdate() - timedelta(days=1)
    )
    call_command("licensing_daily")
    licence.refresh_from_db()
    assert licence.status == "expired"


@pytest.mark.django_db
def test_inspection_and_sanctions(lic):
    licence = issued_licence(lic)
    inspection = services.inspection_plan(
        agency=lic["kz_agency"],
        by=lic["officer"],
        scheduled_for=timezone.localdate(),
        kind="ad_hoc",
    )
    with pytest.raises(InvalidTransition):
        services.inspection_complete(
            inspection=inspection,
            by=lic["officer"],
            carried_out_on=timezone.localdate(),
            findings="",
        )
    inspection = services.inspection_complete(
        inspection=inspection,
        by=lic["officer"],
        carried_out_on=timezone.localdate(),
        findings="Passports found in the safe.",
    )
    assert inspection.status == Inspection.Status.COMPLETED
    with pytest.raises(ValidationError):
        services.sanction_impose(
            agency=lic["kz_agency"], by=lic["officer"], kind="fine", reason="x"
        )
    sanction = services.sanction_impose(
        agency=lic["kz_agency"],
        by=lic["officer"],
        kind="suspension",
        reason="Passports retained",
        inspection=inspection,
    )
    licence.refresh_from_db()
    assert licence.status == "suspended" and sanction.licence == licence
    services.sanction_impose(
        agency=lic["kz_agency"], by=lic["officer"], kind="revocation", reason="Repeated retention"
    )
    licence.refresh_from_db()
    assert licence.status == "suspended" and licence.revocation_requested_by == lic["officer"]
    services.licence_revocation_confirm(licence=licence, by=lic["senior_officer"])
    assert Sanction.objects.filter(agency=lic["kz_agency"]).count() == 2
    event = AuditEvent.objects.filter(action="sanction.impose").first()
    assert event.role == "officer" and event.country == "KZ" and event.actor == lic["officer"]


@pytest.mark.django_db
def test_inspection_can_be_cancelled_with_a_reason_once(lic):
    inspection = services.inspection_plan(
        agency=lic["kz_agency"], by=lic["officer"], scheduled_for=timezone.localdate()
    )
    with pytest.raises(InvalidTransition):
        services.inspection_cancel(inspection=inspection, by=lic["officer"], reason="")
    inspection = services.inspection_cancel(
        inspection=inspection, by=lic["officer"], reason="Agency moved; new address being checked"
    )
    assert inspection.status == "cancelled"
    event = AuditEvent.objects.filter(action="inspection.cancel").get()
    assert (event.from_state, event.to_state, event.actor) == (
        "planned",
        "cancelled",
        lic["officer"],
    )
    with pytest.raises(InvalidTransition):
        services.inspection_complete(
            inspection=inspection,
            by=lic["officer"],
            carried_out_on=timezone.localdate(),
            findings="x",
        )


@pytest.mark.django_db
def test_other_jurisdiction_cannot_inspect_or_sanction(lic):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.inspection_plan(
            agency=lic["kz_agency"], by=lic["kg_officer"], scheduled_for=timezone.localdate()
        )
    with pytest.raises(PermissionDenied):
        services.sanction_impose(
            agency=lic["kz_agency"], by=lic["kg_officer"], kind="warning", reason="x"
        )


@requires_postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_approvals_get_unique_gapless_numbers(orgs):
    from portal.reference import load_countries_and_regions, load_isco

    load_countries_and_regions()
    load_isco()
    officers = [
        make_user(f"o{i}@example.org", role=Role.OFFICER, organisation=orgs["kz_authority"])
        for i in range(2)
    ]
    applications = []
    for i in range(20):
        agency = Organisation.objects.create(name=f"Agency {i}", kind="agency", country_id="KZ")
        admin = make_user(f"a{i}@example.org", role=Role.AGENCY_ADMIN, organisation=agency)
        application = services.licence_application_create(
            agency=agency, by=admin, submission_key=uuid.uuid4()
        )
        fill_application(application, admin)
        services.licence_application_submit(application=application, by=admin)
        services.licence_application_review_start(application=application, by=officers[0])
        applications.append(application)

    numbers, errors = [], []
    barrier = threading.Barrier(20)

    def approve(application, officer):
        try:
            barrier.wait()
            numbers.append(
                services.licence_application_approve(application=application, by=officer).number
            )
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=approve, args=(a, officers[i % 2]))
        for i, a in enumerate(applications)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    year = timezone.localdate().year
    assert sorted(numbers) == [f"KZ-LIC-{year}-{i:06d}" for i in range(1, 21)]
    assert LicenceApplication.objects.filter(status="approved").count() == 20
