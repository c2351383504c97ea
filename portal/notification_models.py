"""What was sent to whom: one record per person per channel for every notification
(`portal.notifications`). The person reads their own in the account; staff see failures."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationDelivery(models.Model):
    """One notification to one person through one channel, in that person's language.

    The address is kept masked (a phone number or e-mail address is personal data); the task
    finds the real one again from the user, or is handed it for a bare address."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notification_deliveries",
        verbose_name=_("user"),
        help_text=_("The person told; empty for an address without an account."),
    )
    channel = models.CharField(
        _("channel"),
        max_length=20,
        db_index=True,
        help_text=_("How it was sent: e-mail, SMS or Telegram."),
    )
    address = models.CharField(
        _("address"), max_length=64, blank=True, help_text=_("Where it went, partly hidden.")
    )
    event = models.CharField(_("kind"), max_length=100, help_text=_("Which notification this is."))
    language = models.CharField(
        _("language"),
        max_length=8,
        blank=True,
        help_text=_("The language it was written in for this person."),
    )
    subject = models.CharField(
        _("subject"), max_length=255, help_text=_("The first line, as the person read it.")
    )
    body = models.TextField(_("Message"), help_text=_("The whole text, as the person read it."))
    url = models.CharField(
        _("link"), max_length=500, blank=True, help_text=_("The page it points to.")
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.QUEUED,
        db_index=True,
        help_text=_("Queued (waiting or to be tried again), sent or failed."),
    )
    answer = models.CharField(
        _("Answer"),
        max_length=500,
        blank=True,
        help_text=_("What the gateway answered: its message number or the error."),
    )
    attempts = models.PositiveSmallIntegerField(
        _("attempts"), default=0, help_text=_("How many times sending was tried.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(
        _("sent"), null=True, blank=True, help_text=_("When the gateway accepted it.")
    )
    next_attempt_at = models.DateTimeField(
        _("next attempt"),
        null=True,
        blank=True,
        help_text=_("When sending is tried again after a failure."),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification delivery")
        verbose_name_plural = _("notification deliveries")
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self):
        return f"{self.event} → {self.channel} {self.address} ({self.status})"
