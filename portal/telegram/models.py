"""What the bot keeps: one row per chat (its language, the step of the conversation it is in,
the account it is linked to), the updates already handled (Telegram re-sends an update until
the webhook answers), and the one-time codes that link a chat to an account.

Nothing here holds what a person typed beyond the current conversation's answers, which are
dropped when the conversation ends."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TelegramChat(models.Model):
    """A private chat with the bot."""

    chat_id = models.BigIntegerField(
        _("chat id"), unique=True, help_text=_("Telegram's number for this chat with the bot.")
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        blank=True,
        help_text=_("The language the bot answers this chat in."),
    )
    state = models.CharField(
        _("conversation step"),
        max_length=32,
        blank=True,
        help_text=_(
            "Where the person is in a step-by-step conversation, "
            "such as filing a complaint; empty between them."
        ),
    )
    answers = models.JSONField(
        _("answers so far"),
        default=dict,
        blank=True,
        help_text=_("The current conversation's answers; emptied when it ends."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="telegram_chat",
        verbose_name=_("linked account"),
        help_text=_(
            "The Karavan account whose notifications this chat "
            "receives, once linked with a one-time code."
        ),
    )
    linked_at = models.DateTimeField(
        _("linked at"),
        null=True,
        blank=True,
        help_text=_("When the chat was linked to the account."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("Telegram chat")
        verbose_name_plural = _("Telegram chats")

    def __str__(self):
        return f"Telegram chat {self.pk}"


class TelegramUpdate(models.Model):
    """An update already handled: a re-sent one (same `update_id`) is answered 200 and ignored."""

    update_id = models.BigIntegerField(_("update id"), primary_key=True)
    received_at = models.DateTimeField(_("received at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("Telegram update")
        verbose_name_plural = _("Telegram updates")

    def __str__(self):
        return f"Telegram update {self.update_id}"


class TelegramLinkCode(models.Model):
    """A one-time code shown in the account page; sent to the bot, it links the chat to the
    account. Only its hash is stored; it expires and works once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("account"),
        help_text=_("The account the code links a chat to."),
    )
    code_hash = models.CharField(_("code hash"), max_length=64, unique=True)
    expires_at = models.DateTimeField(
        _("expires at"), help_text=_("After this the code no longer works.")
    )
    used_at = models.DateTimeField(
        _("used at"),
        null=True,
        blank=True,
        help_text=_("When the code was used; a code works once."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("Telegram link code")
        verbose_name_plural = _("Telegram link codes")

    def __str__(self):
        return f"Telegram link code {self.pk}"
