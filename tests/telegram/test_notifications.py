"""Issue 20's done-when: a worker who signed up with a phone only hears about their permit by
SMS, and once they link Telegram, in the chat too — in Tajik, through the database task queue
and the task worker, an SMSC speaking SMPP over TCP and the (fake) Bot API over HTTP."""

import re

import pytest
from django.test import override_settings

from licensing.permits import services
from portal.models import NotificationDelivery, User
from portal.notifications import user_channels
from tests.permits.conftest import under_review
from tests.permits.test_sms_notifications import (  # noqa: F401  (the fixture too)
    DB_TASKS,
    PHONE,
    phone_worker,
    run_task_worker,
)
from tests.sms import smsc  # noqa: F401  (fixture)

from .conftest import Chat


@pytest.mark.django_db(transaction=True)
def test_the_permit_decision_reaches_a_phone_only_worker_by_sms_and_telegram_in_tajik(
    pm, phone_worker, smsc, bot_api, client
):  # noqa: F811
    officer = pm["officer"]
    chat = Chat(client, bot_api, chat_id=992001, language_code="tg")
    with override_settings(TASKS=DB_TASKS):
        application = under_review(phone_worker, officer)
        run_task_worker()
        assert len(smsc.messages) == 2 and bot_api.messages() == []  # not linked yet

        # The worker links the chat with the code from their account page.
        client.force_login(phone_worker)
        page = client.post("/tg/dashboard/telegram/", {"action": "code"}).content.decode()
        code = re.search(r"<strong>([2-9A-Z]{8})</strong>", page).group(1)
        (linked,) = chat.say(f"/link {code}")
        assert "Karavan" in linked
        assert user_channels(User.objects.get(pk=phone_worker.pk)) == ["sms", "telegram"]

        permit = services.permit_application_approve(application=application, by=officer)
        assert len(smsc.messages) == 2 and len(bot_api.texts(992001)) == 1  # queued only
        run_task_worker()

    decision_sms = smsc.messages[-1]
    assert "Тасдиқ шуд" in decision_sms.text and decision_sms.destination == PHONE.lstrip("+")
    (decision,) = bot_api.texts(992001)[1:]
    assert "Тасдиқ шуд" in decision and permit.number in decision
    assert f"/permits/application/{application.pk}/" in decision
    assert "Rahimov" not in decision  # no personal data beyond what the worker needs
    deliveries = NotificationDelivery.objects.filter(event="permit_application.approve")
    assert sorted((d.channel, d.status, d.language) for d in deliveries) == [
        ("sms", "sent", "tg"),
        ("telegram", "sent", "tg"),
    ]
    telegram = deliveries.get(channel="telegram")
    assert telegram.answer.startswith("message ") and telegram.address == "…001"


@pytest.mark.django_db
def test_telegram_down_the_delivery_is_recorded_as_failed(
    pm,
    phone_worker,
    bot_api,  # noqa: F811
    settings,
    django_capture_on_commit_callbacks,
):
    from portal.telegram.models import TelegramChat

    TelegramChat.objects.create(chat_id=55, language="tg", user=phone_worker)
    User.objects.filter(pk=phone_worker.pk).update(notification_channels=["sms", "telegram"])
    settings.KARAVAN_NOTIFY_RETRY_DELAYS = []
    bot_api.fail_next = 10
    with django_capture_on_commit_callbacks(execute=True):
        services.permit_application_approve(
            application=under_review(phone_worker, pm["officer"]), by=pm["officer"]
        )
    failed = NotificationDelivery.objects.filter(channel="telegram", status="failed")
    assert failed.exists() and failed.first().answer  # Telegram's refusal, recorded
    assert NotificationDelivery.objects.filter(channel="sms", status="sent").exists()
