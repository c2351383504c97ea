"""API tokens for partner access to /api/v1/partner/ (authorities and partner organisations)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.model_fields import person_field


class ApiScope(models.TextChoices):
    """What a partner token may read. One scope per partner endpoint family."""

    STATISTICS_READ = "statistics:read", _("Aggregated statistics (disclosure-controlled)")
    #: Widens statistics:read from the token organisation's country to every country.
    STATISTICS_READ_REGIONAL = (
        "statistics:read:regional",
        _("Aggregated statistics of every country, not only the organisation's own"),
    )
    REGISTRY_READ = "registry:read", _("Registry changes since a timestamp")
    SANCTIONS_READ = "sanctions:read", _("Feed of sanctions and revocations")
    #: Write: a partner country's statistics office sends aggregated figures.
    STATISTICS_WRITE = (
        "statistics:write",
        _("Send aggregated flows and labour-market assessments (partner countries)"),
    )


class ApiToken(models.Model):
    """A secret that lets one organisation's systems call the partner API.

    Only a SHA-256 hash of the secret is stored; the secret itself is shown once, when the
    token is created. A token expires, can be revoked, and records when it was last used.
    """

    organisation = models.ForeignKey(
        "portal.Organisation",
        on_delete=models.PROTECT,
        related_name="api_tokens",
        verbose_name=_("organisation"),
        help_text=_("Authority or partner organisation whose systems use the token."),
    )
    name = models.CharField(
        _("name"),
        max_length=120,
        help_text=_("What the token is for, e.g. “IOM regional dashboard”."),
    )
    prefix = models.CharField(
        _("prefix"),
        max_length=12,
        unique=True,
        help_text=_("Public first part of the token, to recognise it in logs and lists."),
    )
    key_hash = models.CharField(
        _("key hash"),
        max_length=64,
        unique=True,
        help_text=_("SHA-256 of the secret; the secret is never stored."),
    )
    scopes = models.JSONField(
        _("scopes"), default=list, help_text=_("What the token may read, e.g. statistics:read.")
    )
    created_by = person_field(
        _("created by"), optional=True, help_text=_("The person who created it.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(
        _("expires at"), help_text=_("After this moment the token is refused.")
    )
    revoked_at = models.DateTimeField(
        _("revoked at"), null=True, blank=True, help_text=_("When the token stopped working.")
    )
    revoked_by = person_field(
        _("revoked by"), optional=True, help_text=_("The person who revoked the token.")
    )
    revocation_reason = models.TextField(
        _("reason for revocation"), blank=True, help_text=_("Why the token was revoked.")
    )
    last_used_at = models.DateTimeField(
        _("last used at"),
        null=True,
        blank=True,
        help_text=_("When the partner last called the API with this token."),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_usable(self) -> bool:
        """Neither revoked nor expired."""
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def state(self) -> str:
        if self.revoked_at is not None:
            return "revoked"
        return "active" if self.expires_at > timezone.now() else "expired"
