"""Calls to Telegram's Bot API through python-telegram-bot's `Bot` (its HTTP client, its
error types), at `KARAVAN_TELEGRAM_API_URL` so tests talk to a local fake server.

The webhook view and the notification task are synchronous Django code; each batch of calls
runs in its own short event loop (`asyncio.run`), so no long-lived async application is
needed inside Django."""

import asyncio
import hashlib
import logging
from dataclasses import dataclass

from django.conf import settings
from telegram import Bot, KeyboardButton, ReplyKeyboardMarkup, ReplyKeyboardRemove
from telegram.error import TelegramError

logger = logging.getLogger("karavan.telegram")

#: Telegram refuses longer messages.
MAX_TEXT = 4096


@dataclass
class Outgoing:
    """One message to send: `keyboard` rows of button texts; [] removes the keyboard, None
    leaves it as it is."""

    chat_id: int
    text: str
    keyboard: list[list[str]] | None = None


def configured() -> bool:
    return bool(settings.KARAVAN_TELEGRAM_TOKEN and settings.KARAVAN_TELEGRAM_WEBHOOK_SECRET)


def webhook_path() -> str:
    """The secret path segment of the webhook: the setting, else derived from the token."""
    return (
        settings.KARAVAN_TELEGRAM_WEBHOOK_PATH
        or hashlib.sha256(
            ("karavan-telegram:" + settings.KARAVAN_TELEGRAM_TOKEN).encode()
        ).hexdigest()[:40]
    )


def _bot() -> Bot:
    base = settings.KARAVAN_TELEGRAM_API_URL.rstrip("/")
    return Bot(settings.KARAVAN_TELEGRAM_TOKEN, base_url=f"{base}/bot")


def _markup(keyboard):
    if keyboard is None:
        return None
    if not keyboard:
        return ReplyKeyboardRemove()
    return ReplyKeyboardMarkup(
        [[KeyboardButton(text) for text in row] for row in keyboard], resize_keyboard=True
    )


async def _send_all(messages: list[Outgoing]) -> list[str]:
    bot = _bot()
    answers = []
    try:
        for message in messages:
            sent = await bot.send_message(
                chat_id=message.chat_id,
                text=message.text[:MAX_TEXT],
                reply_markup=_markup(message.keyboard),
            )
            answers.append(f"message {sent.message_id}")
    finally:
        await bot.shutdown()
    return answers


def send(messages: list[Outgoing]) -> list[str]:
    """Send `messages` in order; the Bot API's answer for each ("message 17"). Raises
    `TelegramError` when Telegram refuses or cannot be reached."""
    if not messages:
        return []
    return asyncio.run(_send_all(messages))


def send_quietly(messages: list[Outgoing]) -> None:
    """The webhook's replies: a failure is logged (without the text) and not retried — the
    update itself is handled; the person asks again."""
    try:
        send(messages)
    except TelegramError as error:
        logger.warning("telegram: reply not delivered (%s)", type(error).__name__)


async def _set_webhook(url: str) -> bool:
    bot = _bot()
    try:
        return await bot.set_webhook(
            url=url,
            secret_token=settings.KARAVAN_TELEGRAM_WEBHOOK_SECRET,
            allowed_updates=["message"],
            drop_pending_updates=False,
        )
    finally:
        await bot.shutdown()


def set_webhook(url: str) -> bool:
    return asyncio.run(_set_webhook(url))
