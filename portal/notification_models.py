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

    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.CASCADE, related_name="notification_deliveries",
                             verbose_name=_("user"), help_text=_("The person it was sent to."))
    channel = models.CharField(_("channel"), max_length=20, db_index=True,
                               help_text=_("How it was sent: e-mail, SMS or another channel."))
    address = models.CharField(_("address"), max_length=64, blank=True,  # masked
                               help_text=_("Where it was sent, partly hidden to protect personal "
                                           "data."))
    event = models.CharField(_("kind"), max_length=100,
                             help_text=_("What the notification was about."))
    language = models.CharField(_("language"), max_length=8, blank=True,
                                help_text=_("The language it was written in: the person's own."))
    subject = models.CharField(_("subject"), max_length=255,
                               help_text=_("The subject line, as the person received it."))
    body = models.TextField(_("Message"), help_text=_("The text, as the person received it."))
    url = models.CharField(_("link"), max_length=500, blank=True,
                           help_text=_("The link in the message, if any."))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.QUEUED, db_index=True,
                              help_text=_("Whether it is waiting, was sent or failed."))
    answer = models.CharField(_("Answer"), max_length=500, blank=True,
                              help_text=_("What the e-mail or SMS gateway answered, e.g. an "
                                          "error."))
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0,
                                                help_text=_("How many times sending was tried."))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True,
                                   help_text=_("When it was sent."))
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True,
                                           help_text=_("When sending will be tried again after a "
                                                       "failure."))

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification delivery")
        verbose_name_plural = _("notification deliveries")
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self):
        return f"{self.event} → {self.channel} {self.address} ({self.status})"
