"""Field factories for declarations every app repeats, so each model states only what differs."""

import secrets
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _


def person_field(verbose_name=None, *, help_text, optional: bool = False):
    """The person a row records (who created, submitted, decided, uploaded …).

    Kept when the row is (PROTECT: the audit trail needs them) and without a reverse accessor
    on the user. `optional`: empty until it happens (e.g. decided_by before the decision).
    """
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=optional,
        blank=optional,
        related_name="+",
        verbose_name=verbose_name,
        help_text=help_text,
    )


def private_storage():
    """Uploads never sit under MEDIA_URL; a permission-checking view serves them."""
    return storages["private"]


def random_name(folder: str, filename: str) -> str:
    """A random name that reveals nothing about the uploader or the original file."""
    suffix = PurePosixPath(filename).suffix.lower()[:8]
    return f"{folder}/{secrets.token_hex(16)}{suffix}"


def private_file_field(upload_to, verbose_name=None, **options):
    """An uploaded file in private storage under a random name (`upload_to` calls
    `random_name`), opened only through a view that checks the policy."""
    options.setdefault(
        "help_text",
        _("The uploaded file, kept private; only people handling the case can open it."),
    )
    return models.FileField(
        verbose_name or _("file"),
        storage=private_storage,
        upload_to=upload_to,
        max_length=200,
        **options,
    )


class UploadedFile(models.Model):
    """What is kept about an uploaded file besides the file itself."""

    original_name = models.CharField(
        _("original file name"),
        max_length=255,
        help_text=_("The file's name as it was on the uploader's device."),
    )
    size = models.PositiveIntegerField(_("size in bytes"), help_text=_("File size in bytes."))

    class Meta:
        abstract = True


class Timestamped(models.Model):
    """When the row was created and last saved; set by Django, never by a person."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
