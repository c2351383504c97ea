"""Telegram as a notification channel (`portal.notifications.register_channel`): a person's
notifications reach the chat linked to their account, in their language, as one message
(subject, then body). Registered from the app's `ready()`."""

from django.utils.translation import gettext_lazy as _

from . import client, services
from .client import Outgoing


class TelegramChannel:
    label = _("Telegram")

    def address_of(self, user) -> str | None:
        return services.linked_chat_id(user=user)

    def mask(self, value: str) -> str:
        return "…" + value[-3:]

    def send(self, value: str, subject: str, body: str) -> str:
        """The Bot API's answer ("message 17"); raises when the bot is off or Telegram refuses,
        so the delivery is recorded as failed and retried."""
        if not client.configured():
            raise RuntimeError("the Telegram bot is not configured")
        (answer,) = client.send([Outgoing(int(value), f"{subject}\n\n{body}")])
        return answer
