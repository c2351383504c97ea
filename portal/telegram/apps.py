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

        if hasattr(notifications, "register_channel"):  # the channel registry (issue 20)
            notifications.register_channel("telegram", TelegramChannel())
