"""The bot against a real local HTTP server that answers like Telegram's Bot API
(`fake_bot_api.py`); updates are posted to the webhook as Telegram posts them."""

import itertools

import pytest
from django.core.cache import cache

from tests.permits.conftest import pm, private_storage_in_tmp  # noqa: F401  (fixtures)
from tests.vacancies.conftest import v  # noqa: F401  (fixture)

from .fake_bot_api import FakeBotAPI

TOKEN = "123456:TEST-token_for-the-fake-api"
SECRET = "test-telegram-webhook-secret"
PATH = "test-webhook-path"
URL = f"/telegram/webhook/{PATH}/"
_update_ids = itertools.count(1000)


@pytest.fixture
def bot_api(settings):
    api = FakeBotAPI(TOKEN).start()
    settings.KARAVAN_TELEGRAM_TOKEN = TOKEN
    settings.KARAVAN_TELEGRAM_WEBHOOK_SECRET = SECRET
    settings.KARAVAN_TELEGRAM_WEBHOOK_PATH = PATH
    settings.KARAVAN_TELEGRAM_API_URL = api.url
    cache.clear()  # rate-limit counters
    yield api
    api.stop()


def update(
    text: str | None,
    *,
    chat_id: int = 777001,
    update_id: int | None = None,
    language_code: str = "ru",
    chat_type: str = "private",
) -> dict:
    """An update as Telegram sends it for a text message."""
    message = {
        "message_id": next(_update_ids),
        "date": 1_780_000_000,
        "chat": {"id": chat_id, "type": chat_type, "first_name": "A"},
        "from": {"id": chat_id, "is_bot": False, "first_name": "A", "language_code": language_code},
    }
    if text is not None:
        message["text"] = text
    return {
        "update_id": update_id if update_id is not None else next(_update_ids),
        "message": message,
    }


def post(client, payload, *, secret: str = SECRET, url: str = URL):
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
    return client.post(url, payload, content_type="application/json", headers=headers)


class Chat:
    """One person writing to the bot: `say` posts a message and returns the bot's replies."""

    def __init__(self, client, api: FakeBotAPI, chat_id: int = 777001, language_code="ru"):
        self.client, self.api, self.chat_id, self.language_code = (
            client,
            api,
            chat_id,
            language_code,
        )

    def say(self, text: str, **kwargs) -> list[str]:
        before = len(self.api.texts(self.chat_id))
        response = post(
            self.client,
            update(text, chat_id=self.chat_id, language_code=self.language_code, **kwargs),
        )
        assert response.status_code == 200, response.content
        return self.api.texts(self.chat_id)[before:]

    def buttons(self) -> list[str]:
        """The reply keyboard of the last message (flattened)."""
        markup = self.api.messages(self.chat_id)[-1].get("reply_markup") or {}
        return [button["text"] for row in markup.get("keyboard", []) for button in row]


@pytest.fixture
def chat(client, bot_api, db):
    return Chat(client, bot_api)
