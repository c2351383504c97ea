"""One-time form keys: a double submit of a create form returns what the first one made.

Every create form carries a random key in a hidden field, and the row it creates stores the
key under a unique constraint. Two requests with the same key can run at once (a double tap,
a retry on a slow mobile network). The first to commit wins, and the other must return that
row instead of an error. The loser can fail in two places: on the unique key itself, or
earlier, on a business check ("an application is already open for this passport") that
already sees its twin. In both cases the key finds the twin.

Every create form uses this one mechanism: the form carries a `SubmissionKeyField` (a new key
on each GET; a form shown again after an error keeps its key), the model a `submission_key`
column (`submission_key_field()`), and the service calls `create_once`. The forms: licence
application, permit or patent application, job order, vacancy application, complaint (anonymous
allowed), agency registration, cost report, past season.
"""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext_lazy as _


class SubmissionKeyField(forms.UUIDField):
    """The hidden one-time key of a create form: a fresh random key each time the form is shown."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.HiddenInput)
        kwargs.setdefault("initial", uuid.uuid4)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)


class SubmissionKeyForm(forms.Form):
    """Carries the one-time key alone, for a create form that is not a Django form."""

    submission_key = SubmissionKeyField()


def submission_key_field() -> models.UUIDField:
    """The model column that stores the key of the form that created the row (unique)."""
    return models.UUIDField(
        _("submission key"),
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text=_("One-time key from the form, so a double submit creates one record."),
    )


def create_once(
    model, submission_key, create, *, check, on_conflict: ValidationError | None = None
):
    """The row of ``model`` made with ``submission_key``, or else ``create()``, run in a
    transaction. If ``create`` fails and a twin request has committed a row with the same
    key, that row is returned. A database conflict with no such row raises ``on_conflict``
    when given (a user-facing message, for example "already applied"); any other error
    propagates.

    ``check(row)`` runs on the row before it is returned and raises unless it belongs to the
    caller: a key is only a form's, and someone else's key must not hand over their row.
    It is required so that no create service can forget it.
    """
    row = _create_once(model, submission_key, create, on_conflict)
    check(row)
    return row


def _create_once(model, submission_key, create, on_conflict):

    def made():
        if not submission_key:
            return None
        return model.objects.filter(submission_key=submission_key).first()

    existing = made()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return create()
    except (IntegrityError, ValidationError) as exc:
        existing = made()
        if existing is not None:
            return existing
        if isinstance(exc, IntegrityError) and on_conflict is not None:
            raise on_conflict from None
        raise
