"""Tell Telegram where the bot's webhook is: `KARAVAN_SITE_URL` + the secret path, with the
secret token Telegram then sends in every call's header (docs/telegram.md)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from telegram.error import TelegramError

from portal.telegram import client


class Command(BaseCommand):
    help = "Register the Telegram bot's webhook (KARAVAN_SITE_URL + the secret path)."

    def add_arguments(self, parser):
        parser.add_argument("--url", help="Public base URL (default: KARAVAN_SITE_URL).")

    def handle(self, *args, url=None, **options):
        if not client.configured():
            raise CommandError(
                "Set KARAVAN_TELEGRAM_TOKEN and KARAVAN_TELEGRAM_WEBHOOK_SECRET first."
            )
        base = (url or settings.SITE_URL).rstrip("/")
        if not base.startswith("https://"):
            self.stderr.write("Telegram calls only https:// webhooks; this is for testing.")
        path = reverse("telegram_webhook", kwargs={"secret": client.webhook_path()})
        try:
            client.set_webhook(base + path)
        except TelegramError as error:
            raise CommandError(f"Telegram refused the webhook: {error}") from error
        # The path is secret: say where without printing it.
        self.stdout.write(f"Webhook set at {base}/telegram/webhook/…/")
