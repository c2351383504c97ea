"""Quotas: reserved in the approving transaction, never exceeded, refusals name the quota,
changes need a reason and are audited. Concurrency on PostgreSQL."""

import threading
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone, translation

from licensing.permits import services
from licensing.permits.models import PermitApplication, WorkPermit
from portal.lifecycle import InvalidTransition
from portal.models import AuditEvent, Country, IscoGroup, Region, User
from portal.submissions import create_once
from tests.conftest import make_user, requires_postgres

from .conftest import application_data, under_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def flushable_audit_log(transactional_db):
    """Reference data back if an earlier transactional test flushed it; afterwards re-allow the
    flush of the append-only audit table on this connection (threads and reconnects can leave
    the session without the test database's setting)."""
    from portal.reference import load_countries_and_regions, load_isco

    if not Country.objects.exists():
        load_countries_and_regions()
        load_isco()
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET karavan.audit_truncate = 'allow'")


def _quota(pm, limit, **kw):
    return services.quota_create(
        by=pm["senior_officer"],
        country_id="KZ",
        year=timezone.localdate().year,
        kind=kw.pop("kind", "WP"),
        limit=limit,
        reason="Annual decree",
        **kw,
    )


def test_exhausted_quota_refuses_and_names_the_quota(pm):
    quota = _quota(pm, 1, region=Region.objects.get(pk="KZ-75"))
    first = under_review(make_user("a@example.org"), pm["officer"])
    second = under_review(make_user("b@example.org"), pm["officer"])
    services.permit_application_approve(application=first, by=pm["officer"])
    with pytest.raises(services.QuotaExhausted) as exc:
        services.permit_application_approve(application=second, by=pm["officer"])
    assert str(quota) in str(exc.value) and "exhausted" in str(exc.value)
    second.refresh_from_db()
    assert second.status == "refused" and str(quota) in second.decision_reason
    quota.refresh_from_db()
    assert (quota.used, quota.limit) == (1, 1)
    assert WorkPermit.objects.count() == 1


def test_only_matching_quotas_count(pm):
    construction = _quota(pm, 5, occupation_group=IscoGroup.objects.get(pk="71"))
    astana = _quota(pm, 5, region=Region.objects.get(pk="KZ-71"))
    national = _quota(pm, 5)
    permit = services.permit_application_approve(
        application=under_review(
            make_user("c@example.org"),
            pm["officer"],
            occupation=IscoGroup.objects.get(pk="7112"),
            qualification="vocational",
        ),
        by=pm["officer"],
    )
    assert set(permit.quotas.all()) == {construction, national}
    astana.refresh_from_db()
    assert astana.used == 0


def test_quota_change_needs_a_reason_is_audited_and_never_below_used(pm):
    quota = _quota(pm, 2)
    services.permit_application_approve(
        application=under_review(pm["worker"], pm["officer"]), by=pm["officer"]
    )
    with pytest.raises(InvalidTransition):
        services.quota_change(quota=quota, by=pm["senior_officer"], limit=10, reason=" ")
    with pytest.raises(ValidationError):
        services.quota_change(quota=quota, by=pm["senior_officer"], limit=0, reason="Cut")
    services.quota_change(quota=quota, by=pm["senior_officer"], limit=10, reason="Labour shortage")
    event = AuditEvent.objects.filter(action="quota.change").get()
    assert (event.reason, event.changes, event.country) == (
        "Labour shortage",
        {"limit": [2, 10]},
        "KZ",
    )
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):  # a plain officer does not set quotas
        services.quota_change(quota=quota, by=pm["officer"], limit=11, reason="x")


def _bulk_under_review(pm, count):
    """`count` applications under review, built directly (the services are tested elsewhere)."""
    from licensing.permits.personal_data import passport_encrypt, passport_hash

    base = application_data()
    base.pop("passport_number")
    workers = [make_user(f"w{n}@example.org") for n in range(count)]
    apps = []
    for n, worker in enumerate(workers):
        number = f"TJ9{n:06d}"
        apps.append(
            PermitApplication.objects.create(
                kind="WP",
                authority=pm["kz_authority"],
                worker=worker,
                created_by=worker,
                submitted_by=worker,
                last_edited_by=worker,
                status="under_review",
                category="highly_skilled",
                fast_track=True,
                passport_number_encrypted=passport_encrypt(number),
                passport_hash=passport_hash(nationality="TJ", number=number),
                **base,
            )
        )
    return apps


@requires_postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_approvals_against_a_quota_of_twenty(flushable_audit_log, orgs, people):
    pm = {**orgs, **people}
    quota = _quota(pm, 20)
    applications = _bulk_under_review(pm, 50)
    officer_ids = [pm["officer"].pk, pm["senior_officer"].pk]
    permits, refusals, errors = [], [], []
    barrier = threading.Barrier(50)

    def approve(application, n):
        try:
            officer = User.objects.get(pk=officer_ids[n % 2])
            barrier.wait()
            with translation.override("en"):  # threads start in the default language
                permits.append(
                    services.permit_application_approve(application=application, by=officer).number
                )
        except services.QuotaExhausted as exc:
            refusals.append(str(exc))
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(a, n)) for n, a in enumerate(applications)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    year = timezone.localdate().year
    assert errors == []
    assert sorted(permits) == [f"KZ-WP-{year}-{i:06d}" for i in range(1, 21)]
    assert len(refusals) == 30 and all(str(quota) in r for r in refusals)
    quota.refresh_from_db()
    assert quota.used == 20
    assert PermitApplication.objects.filter(status="approved").count() == 20
    assert PermitApplication.objects.filter(status="refused").count() == 30


@requires_postgres
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_identical_submissions_create_one_application(
    flushable_audit_log, orgs, people
):
    worker = people["worker"]
    data = application_data()
    key = uuid.uuid4()
    results, errors = [], []
    barrier = threading.Barrier(2)

    def create():
        try:
            barrier.wait()
            results.append(
                services.permit_application_create(
                    by=worker, kind="WP", country_id="KZ", data=dict(data), submission_key=key
                ).pk
            )
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=create) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(set(results)) == 1
    assert PermitApplication.objects.count() == 1


@requires_postgres
@pytest.mark.django_db(transaction=True)
def test_a_double_submit_that_meets_its_committed_twin_in_the_passport_check_returns_it(
    flushable_audit_log, orgs, people
):
    """The interleaving that the test above meets only now and then, made certain: the second
    request looks for its key before the first commits, and checks the passport after."""
    worker, key, data = people["worker"], uuid.uuid4(), application_data()

    def first_request():
        try:
            services.permit_application_create(
                by=worker, kind="WP", country_id="KZ", data=dict(data), submission_key=key
            )
        finally:
            connection.close()

    def second_request_after_its_key_lookup():
        twin = threading.Thread(target=first_request)
        twin.start()
        twin.join()  # committed now; this request did not see it when it looked for the key
        return services.permit_application_create(
            by=worker, kind="WP", country_id="KZ", data=dict(data)
        )

    got = create_once(
        PermitApplication, key, second_request_after_its_key_lookup, check=lambda application: None
    )
    assert got == PermitApplication.objects.get(submission_key=key)
    assert PermitApplication.objects.count() == 1
