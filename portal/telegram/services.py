"""Every change the bot makes to its own rows: handled updates, a chat's language and
conversation step, and linking a chat to an account with a one-time code (audited)."""

import hashlib
import secrets
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from portal.audit import audit_record
from portal.notifications import language_of, user_channels
from portal.services import user_channels_set
from portal.verification import CHECK_CODE_ALPHABET, normalise_check_code

from .models import TelegramChat, TelegramLinkCode, TelegramUpdate

#: How long a link code shown in the account page works.
LINK_CODE_MINUTES = 15
LINK_CODE_LENGTH = 8
#: Telegram re-sends an update for at most a day; handled ids are kept a week, then pruned
#: (every PRUNE_EVERY-th update does it, so no scheduled job is needed).
KEEP_UPDATES_DAYS = 7
PRUNE_EVERY = 500


def update_claim(*, update_id: int) -> bool:
    """Record `update_id` as handled; False when it already was (Telegram re-sent it). Call it
    inside the transaction that handles the update, so a failure lets Telegram retry."""
    try:
        with transaction.atomic():
            TelegramUpdate.objects.create(update_id=update_id)
    except IntegrityError:
        return False
    if update_id % PRUNE_EVERY == 0:
        updates_prune()
    return True


def updates_prune() -> int:
    """Forget handled updates older than a week, link codes that expired a day ago, and the
    answers of conversations left unfinished for a day."""
    now = timezone.now()
    TelegramChat.objects.filter(updated_at__lt=now - timedelta(days=1)).exclude(state="").update(
        state="", answers={}
    )
    TelegramLinkCode.objects.filter(expires_at__lt=now - timedelta(days=1)).delete()
    deleted, _kinds = TelegramUpdate.objects.filter(
        received_at__lt=now - timedelta(days=KEEP_UPDATES_DAYS)
    ).delete()
    return deleted


def chat_open(*, chat_id: int, language: str = "") -> TelegramChat:
    """The chat's row, locked for this update (one update of a chat at a time); a new chat
    starts in the language its Telegram app reports, when the portal has it."""
    chat, _created = TelegramChat.objects.get_or_create(
        chat_id=chat_id, defaults={"language": language_of((language or "").split("-")[0])}
    )
    return TelegramChat.objects.select_for_update().get(pk=chat.pk)


def chat_language_set(*, chat: TelegramChat, language: str) -> TelegramChat:
    chat.language = language_of(language)
    chat.save(update_fields=["language", "updated_at"])
    return chat


def chat_step(*, chat: TelegramChat, state: str = "", **answers) -> TelegramChat:
    """Move the conversation to `state` keeping the answers so far plus `answers`; the empty
    state (the menu) forgets them all."""
    chat.state = state
    chat.answers = {**chat.answers, **answers} if state else {}
    chat.save(update_fields=["state", "answers", "updated_at"])
    return chat


def _hash(code: str) -> str:
    return hashlib.sha256(
        ("karavan-telegram-link:" + normalise_check_code(code)).encode()
    ).hexdigest()


@transaction.atomic
def link_code_issue(*, user) -> str:
    """A new one-time code for `user` (any older unused one stops working); shown once."""
    TelegramLinkCode.objects.filter(user=user, used_at=None).delete()
    while True:
        code = "".join(secrets.choice(CHECK_CODE_ALPHABET) for _ in range(LINK_CODE_LENGTH))
        if not TelegramLinkCode.objects.filter(code_hash=_hash(code)).exists():
            break
    row = TelegramLinkCode.objects.create(
        user=user,
        code_hash=_hash(code),
        expires_at=timezone.now() + timedelta(minutes=LINK_CODE_MINUTES),
    )
    audit_record(actor=user, action="telegram.link_code_issue", obj=row)
    return code


@transaction.atomic
def link_code_redeem(*, chat: TelegramChat, code: str):
    """Link `chat` to the account whose unused, unexpired code this is; the account's user, or
    None. A code works once; an account has one chat (a new link replaces the old one)."""
    row = (
        TelegramLinkCode.objects.select_for_update()
        .select_related("user")
        .filter(code_hash=_hash(code), used_at=None, expires_at__gt=timezone.now())
        .first()
    )
    if row is None:
        return None
    row.used_at = timezone.now()
    row.save(update_fields=["used_at"])
    user = row.user
    TelegramChat.objects.filter(user=user).exclude(pk=chat.pk).update(user=None, linked_at=None)
    previous = chat.user_id
    chat.user, chat.linked_at = user, timezone.now()
    chat.save(update_fields=["user", "linked_at", "updated_at"])
    audit_record(
        actor=user, action="telegram.link", obj=chat, changes={"user": [previous, user.pk]}
    )
    # From now on the account's notifications also come to the chat.
    user_channels_set(user=user, channels=list(dict.fromkeys([*user_channels(user), "telegram"])))
    return user


@transaction.atomic
def chat_unlink(*, chat: TelegramChat | None = None, user=None) -> bool:
    """Stop a chat receiving an account's notifications (from the chat, or from the account
    page); False when nothing was linked."""
    chat = chat or TelegramChat.objects.filter(user=user).first()
    if chat is None or chat.user_id is None:
        return False
    previous = chat.user_id
    chat.user, chat.linked_at = None, None
    chat.save(update_fields=["user", "linked_at", "updated_at"])
    audit_record(
        actor=user or None, action="telegram.unlink", obj=chat, changes={"user": [previous, None]}
    )
    return True


def linked_chat_id(*, user) -> str | None:
    """The chat a user's notifications go to (the notification channel's address)."""
    chat_id = TelegramChat.objects.filter(user=user).values_list("chat_id", flat=True).first()
    return None if chat_id is None else str(chat_id)
