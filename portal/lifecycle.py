"""The lifecycle every issued thing shares (DESIGN.md): one transition table per lifecycle.

Application: draft → submitted → under_review → (info_requested → submitted)* → approved | refused,
or withdrawn by the applicant. Issued document: active ⇄ suspended, active → revoked,
active → expired; renewal creates a new linked document.

Apps build their models on the abstract bases here and write one service function per
transition; each calls `transition_check()` first, so a transition not in the table is impossible.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

ERROR_TRANSITION = _("This action is not possible while the case is “%(state)s”.")
ERROR_FOUR_EYES = _("You submitted or last edited this case, so another officer must decide it.")
ERROR_REASON_REQUIRED = _("Give a reason; it is recorded and shown to the applicant.")


class InvalidTransition(Exception):
    """Raised for a move that the transition table does not allow."""


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    INFO_REQUESTED = "info_requested", _("Information requested")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


S = ApplicationStatus
#: (from, to) → who may make the move: "applicant" or "officer".
APPLICATION_TRANSITIONS: dict[tuple[str, str], str] = {
    (S.DRAFT, S.SUBMITTED): "applicant",
    (S.SUBMITTED, S.UNDER_REVIEW): "officer",
    (S.UNDER_REVIEW, S.INFO_REQUESTED): "officer",
    (S.INFO_REQUESTED, S.SUBMITTED): "applicant",
    (S.UNDER_REVIEW, S.APPROVED): "officer",
    (S.UNDER_REVIEW, S.REFUSED): "officer",
    (S.DRAFT, S.WITHDRAWN): "applicant",
    (S.SUBMITTED, S.WITHDRAWN): "applicant",
    (S.UNDER_REVIEW, S.WITHDRAWN): "applicant",
    (S.INFO_REQUESTED, S.WITHDRAWN): "applicant",
}
OPEN_APPLICATION_STATES = (S.DRAFT, S.SUBMITTED, S.UNDER_REVIEW, S.INFO_REQUESTED)


class DocumentStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    REVOKED = "revoked", _("Revoked")
    EXPIRED = "expired", _("Expired")


D = DocumentStatus
DOCUMENT_TRANSITIONS: dict[tuple[str, str], str] = {
    (D.ACTIVE, D.SUSPENDED): "officer",
    (D.SUSPENDED, D.ACTIVE): "officer",
    (D.ACTIVE, D.REVOKED): "officer",
    (D.SUSPENDED, D.REVOKED): "officer",
    (D.ACTIVE, D.EXPIRED): "system",
    (D.SUSPENDED, D.EXPIRED): "system",
}


def transition_check(table: dict, current: str, target: str) -> str:
    """Return who may make the move, or raise InvalidTransition."""
    try:
        return table[(current, target)]
    except KeyError:
        raise InvalidTransition(ERROR_TRANSITION % {"state": current}) from None


def four_eyes_check(application, officer) -> None:
    """The person who submitted or last edited a case never decides it."""
    if officer.pk in {application.submitted_by_id, application.last_edited_by_id}:
        raise InvalidTransition(ERROR_FOUR_EYES)


def reason_required(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise InvalidTransition(ERROR_REASON_REQUIRED)
    return reason


class ApplicationBase(models.Model):
    """Fields every application shares. Status changes only through the app's services."""

    status = models.CharField(_("status"), max_length=20, choices=ApplicationStatus.choices,
                              default=ApplicationStatus.DRAFT, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("created by"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="+")
    last_edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                       null=True, blank=True, related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_deadline = models.DateField(
        _("decision deadline"), null=True, blank=True,
        help_text=_("Date by which the authority must decide, counted from the last submission."),
    )
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    submission_key = models.UUIDField(
        _("submission key"), null=True, blank=True, unique=True,
        help_text=_("One-time key from the form, so a double submit creates one application."),
    )

    class Meta:
        abstract = True


class IssuedDocumentBase(models.Model):
    """Fields every issued document (licence, permit, patent) shares."""

    number = models.CharField(
        _("number"), max_length=32, unique=True,
        help_text=_("Human-readable, unique and gapless per country, kind and year, e.g. KZ-WP-2026-000042."),
    )
    status = models.CharField(_("status"), max_length=20, choices=DocumentStatus.choices,
                              default=DocumentStatus.ACTIVE, db_index=True)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), db_index=True)
    issued_at = models.DateTimeField(auto_now_add=True)
    status_reason = models.TextField(_("reason for the current status"), blank=True)

    class Meta:
        abstract = True


def decision_record(application, *, by, to: str, reason: str = "",
                    table: dict | None = None) -> str:
    """Apply an officer's decision to a locked application; return the state it left.

    Checks the transition table and the four-eyes rule, then sets status, decided_by,
    decided_at and decision_reason and saves. The caller has locked the row and checked the
    policy, and writes the audit event (it knows the action name and what else changed).
    """
    from django.utils import timezone

    from_state = application.status
    transition_check(table or APPLICATION_TRANSITIONS, from_state, to)
    four_eyes_check(application, by)
    application.status = to
    application.decided_by = by
    application.decided_at = timezone.now()
    application.decision_reason = reason
    application.save()
    return from_state
