"""The webhook: only Telegram (the secret path and Telegram's secret-token header) gets in,
each update is handled once, and a chat that floods the bot is slowed down."""

import pytest
from django.core.management import call_command

from licensing.ratelimit import Rate
from portal.telegram.models import TelegramChat, TelegramUpdate

from .conftest import PATH, SECRET, URL, post, update

pytestmark = pytest.mark.django_db


def test_without_the_secret_header_the_update_is_refused(client, bot_api):
    assert post(client, update("/start"), secret=None).status_code == 403
    assert post(client, update("/start"), secret="guess").status_code == 403
    assert post(client, update("/start"), url="/telegram/webhook/other/").status_code == 404
    assert bot_api.calls == [] and not TelegramChat.objects.exists()


def test_an_unconfigured_bot_answers_503(client, settings):
    settings.KARAVAN_TELEGRAM_TOKEN = ""
    assert post(client, update("/start")).status_code == 503
    settings.KARAVAN_TELEGRAM_TOKEN, settings.KARAVAN_TELEGRAM_WEBHOOK_SECRET = "1:a", ""
    assert post(client, update("/start")).status_code == 503


def test_only_post(client, bot_api):
    assert client.get(URL, headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}).status_code == 405


@pytest.mark.parametrize("body", ["not json", "[]", '{"message": {}}', '{"update_id": "x"}'])
def test_a_body_that_is_no_update_is_a_400(client, bot_api, body):
    response = client.post(
        URL,
        body,
        content_type="application/json",
        headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
    )
    assert response.status_code == 400
    assert bot_api.calls == []


def test_a_re_sent_update_is_answered_once(client, bot_api):
    payload = update("/start", update_id=424242)
    assert post(client, payload).status_code == 200
    assert post(client, payload).status_code == 200
    assert len(bot_api.messages()) == 1
    assert TelegramUpdate.objects.filter(update_id=424242).count() == 1


def test_group_chats_get_no_answer(client, bot_api):
    assert post(client, update("/start", chat_type="group", chat_id=-100)).status_code == 200
    assert bot_api.calls == []


def test_a_flooding_chat_is_told_to_wait_and_others_are_not(chat, client, bot_api, settings):
    settings.KARAVAN_LICENSING_RATE_LIMITS = {"telegram_chat": [Rate(3, 3600, "key")]}
    for _ in range(3):
        chat.say("/start")
    assert "Слишком много попыток" in chat.say("/start")[0]
    other = update("/start", chat_id=999)
    post(client, other)
    assert "Karavan" in bot_api.texts(999)[-1]


def test_telegram_down_the_update_still_counts_as_handled(chat, bot_api):
    bot_api.fail_next = 1
    assert chat.say("/start") == []  # the reply was lost, the webhook answered 200 anyway
    assert TelegramUpdate.objects.count() == 1


def test_set_webhook_registers_the_secret_path_and_token(bot_api, settings):
    settings.SITE_URL = "https://karavan.example.org"
    call_command("telegram_set_webhook")
    ((method, params),) = bot_api.calls
    assert method == "setWebhook"
    assert params["url"] == f"https://karavan.example.org/telegram/webhook/{PATH}/"
    assert params["secret_token"] == SECRET


def test_old_update_ids_and_dead_codes_are_pruned_by_the_webhook_itself(client, bot_api, people):
    from datetime import timedelta

    from django.utils import timezone

    from portal.telegram import services
    from portal.telegram.models import TelegramLinkCode

    post(client, update("/start", update_id=1))
    TelegramUpdate.objects.filter(update_id=1).update(
        received_at=timezone.now() - timedelta(days=8)
    )
    services.link_code_issue(user=people["worker"])
    TelegramLinkCode.objects.update(expires_at=timezone.now() - timedelta(days=2))
    post(client, update("/start", update_id=services.PRUNE_EVERY * 3))
    assert list(TelegramUpdate.objects.values_list("update_id", flat=True)) == [
        services.PRUNE_EVERY * 3
    ]
    assert not TelegramLinkCode.objects.exists()
