"""A worker who signed up with a phone only hears about their permit by SMS, in their language,
through the database task queue, the task worker and an SMSC speaking SMPP over TCP."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from licensing.permits import services
from portal.models import NotificationDelivery, User
from portal.sms import sms_length
from tests.sms import SYSTEM_ID, smsc  # noqa: F401

from .conftest import under_review

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
PHONE = "+992901234567"
MINUTE = timedelta(minutes=1)


def run_task_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")


@pytest.fixture
def phone_worker(db):
    return User.objects.create_user(
        phone=PHONE, phone_verified=True, preferred_language="tg", password="correct-horse-battery"
    )


@pytest.mark.django_db(transaction=True)
def test_a_phone_only_worker_gets_the_permit_decision_by_sms_in_tajik(pm, phone_worker, smsc):  # noqa: F811
    officer = pm["officer"]
    with override_settings(TASKS=DB_TASKS):
        application = under_review(phone_worker, officer)
        permit = services.permit_application_approve(application=application, by=officer)
        assert not smsc.messages  # queued, not sent while the officer waits
        run_task_worker()
    assert smsc.binds and set(smsc.binds) == {SYSTEM_ID}
    # submitted, under review, approved: three SMS to the worker's number, nothing by e-mail
    assert [m.destination for m in smsc.messages] == [PHONE.lstrip("+")] * 3
    decision = smsc.messages[-1]
    assert decision.source == "Karavan" and decision.data_coding == 8  # UCS-2: Cyrillic
    assert "Karavan: ҳолати аризаи шумо (иҷозати кор) акнун «Тасдиқ шуд»" in decision.text
    assert f"/permits/application/{application.pk}/" in decision.text
    assert decision.segments <= 2 and sms_length(decision.text).segments == decision.segments
    assert "Rahimov" not in decision.text and "TJ" not in decision.text  # no personal data
    deliveries = NotificationDelivery.objects.filter(user=phone_worker).order_by("created_at")
    assert [(d.channel, d.status) for d in deliveries] == [("sms", "sent")] * 3
    approved = deliveries.last()
    assert approved.event == "permit_application.approve" and approved.language == "tg"
    assert permit.number in approved.body and "Тасдиқ шуд" in approved.subject
    assert approved.answer.startswith("smsc-") and approved.attempts == 1
    assert approved.address == "+992…67"  # the number never whole in the record


@pytest.mark.django_db(transaction=True)
def test_a_refused_sms_is_retried_later_and_then_recorded_as_failed(pm, phone_worker, smsc):  # noqa: F811
    officer = pm["officer"]
    application = under_review(phone_worker, officer)  # immediate tasks: two SMS sent
    smsc.reject = 99  # the SMSC's queue is full from now on
    with override_settings(TASKS=DB_TASKS, KARAVAN_NOTIFY_RETRY_DELAYS=[60, 600]):
        services.permit_application_approve(application=application, by=officer)
        before = timezone.now()
        run_task_worker()
        after = timezone.now()
        delivery = NotificationDelivery.objects.get(event="permit_application.approve")
        assert (delivery.status, delivery.attempts) == ("queued", 1)
        assert "PDUError" in delivery.answer
        assert before + MINUTE <= delivery.next_attempt_at <= after + MINUTE
        retry = DBTaskResult.objects.get(status="READY")
        assert retry.run_after == delivery.next_attempt_at
        run_task_worker()  # too early: nothing happens
        delivery.refresh_from_db()
        assert delivery.attempts == 1

        DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())  # a minute on
        before = timezone.now()
        run_task_worker()
        after = timezone.now()
        delivery.refresh_from_db()
        assert (delivery.status, delivery.attempts) == ("queued", 2)
        assert before + 10 * MINUTE <= delivery.next_attempt_at <= after + 10 * MINUTE  # longer

        DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
        run_task_worker()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.next_attempt_at) == ("failed", 3, None)
    assert "PDUError" in delivery.answer
    assert not DBTaskResult.objects.filter(status="READY").exists()  # no more tries
    assert len(smsc.messages) == 2  # only the two before the SMSC refused
