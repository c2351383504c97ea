"""The webhook Telegram calls, and the account page that links a chat to the account."""

import hmac
import json
import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from telegram import Update

from . import bot, client, services
from .models import TelegramChat

logger = logging.getLogger("karavan.telegram")


def _same(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode(), expected.encode())


@csrf_exempt
@require_POST
def webhook(request, secret: str):
    """Telegram → Karavan (docs/telegram.md). 503 while the bot is not configured, 404 at a
    wrong path, 403 without Telegram's secret-token header; otherwise the update is handled
    once and answered 200 (also when it is not one the bot understands, so Telegram does
    not re-send it)."""
    if not client.configured():
        return JsonResponse({"ok": False, "error": "not configured"}, status=503)
    if not _same(secret, client.webhook_path()):
        raise Http404
    if not _same(
        request.headers.get("X-Telegram-Bot-Api-Secret-Token", ""),
        settings.KARAVAN_TELEGRAM_WEBHOOK_SECRET,
    ):
        return JsonResponse({"ok": False, "error": "forbidden"}, status=403)
    try:
        data = json.loads(request.body)
        update = Update.de_json(data, None) if isinstance(data, dict) else None
    except Exception:  # noqa: BLE001  (any malformed body: the library raises many kinds)
        update = None
    if update is None or not isinstance(update.update_id, int) or not 0 <= update.update_id < 2**63:
        return JsonResponse({"ok": False, "error": "not an update"}, status=400)
    client.send_quietly(bot.handle(update))
    return JsonResponse({"ok": True})


@never_cache
@login_required
def account_telegram(request):
    """Link this account's notifications to a Telegram chat with a one-time code, or unlink."""
    code = None
    if request.method == "POST":
        if request.POST.get("action") == "unlink":
            if services.chat_unlink(user=request.user):
                messages.success(request, _("Your Telegram chat is no longer linked."))
            return redirect("telegram:account")
        code = services.link_code_issue(user=request.user)
    username = settings.KARAVAN_TELEGRAM_BOT_USERNAME
    return render(
        request,
        "telegram/account.html",
        {
            "code": code,
            "minutes": services.LINK_CODE_MINUTES,
            "linked": TelegramChat.objects.filter(user=request.user).exists(),
            "bot_url": f"https://t.me/{username}" if username else "",
            "configured": client.configured(),
        },
    )
