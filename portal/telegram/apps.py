from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TelegramConfig(AppConfig):
    """The Telegram bot: webhook, conversation state per chat, account links (docs/telegram.md)."""

    name = "portal.telegram"
    label = "telegram"
    verbose_name = _("Telegram bot")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal import notifications

        from .channel import TelegramChannel

        # Notifications reach a linked chat (portal.notifications' channel registry).
        notifications.register_channel("telegram", TelegramChannel())
