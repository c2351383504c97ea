"""The lifecycle every issued thing shares (DESIGN.md): one transition table per lifecycle.

Application: draft → submitted → under_review → (info_requested → submitted)* → approved | refused,
or withdrawn by the applicant. Issued document: active ⇄ suspended, active → revoked,
active → expired; renewal creates a new linked document.

Apps build their models on the abstract bases here and declare their case types on the kernel
(`portal.cases`) with these tables; `case_transition()` makes every move, so a move that is not
in the table is impossible.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .model_fields import Timestamped, person_field

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
OPEN_APPLICATION_STATES = (S.DRAFT, S.SUBMITTED, S.UNDER_REVIEW, S.INFO_REQUESTED)
EDITABLE_STATES = (S.DRAFT, S.INFO_REQUESTED)


class DocumentStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    REVOKED = "revoked", _("Revoked")
    EXPIRED = "expired", _("Expired")


D = DocumentStatus


def four_eyes_check(application, officer) -> None:
    """The person who submitted or last edited a case never decides it."""
    if officer.pk in {application.submitted_by_id, application.last_edited_by_id}:
        raise InvalidTransition(ERROR_FOUR_EYES)


def reason_required(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise InvalidTransition(ERROR_REASON_REQUIRED)
    return reason


class ApplicationBase(Timestamped):
    """Fields every application shares. Status changes only through the app's services."""

    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
        db_index=True,
        help_text=_("Where it stands now; it changes only through the actions on its page."),
    )
    created_by = person_field(_("created by"), help_text=_("The person who created it."))
    submitted_by = person_field(
        _("submitted by"), optional=True, help_text=_("The person who submitted it.")
    )
    last_edited_by = person_field(
        _("last edited by"),
        optional=True,
        help_text=_("The last person who changed it; a different person must decide on it."),
    )
    decided_by = person_field(
        _("decided by"), optional=True, help_text=_("The person who took the decision.")
    )
    submitted_at = models.DateTimeField(
        _("submitted at"), null=True, blank=True, help_text=_("When it was last submitted.")
    )
    decided_at = models.DateTimeField(
        _("decided at"), null=True, blank=True, help_text=_("When the decision was taken.")
    )
    decision_deadline = models.DateField(
        _("decision deadline"),
        null=True,
        blank=True,
        help_text=_("Date by which the authority must decide, counted from the last submission."),
    )
    decision_reason = models.TextField(
        _("reason for the decision"),
        blank=True,
        help_text=_("Why it was approved or refused; the person who asked sees it."),
    )
    submission_key = models.UUIDField(
        _("submission key"),
        null=True,
        blank=True,
        unique=True,
        help_text=_("One-time key from the form, so a double submit creates one application."),
    )

    class Meta:
        abstract = True


class IssuedDocumentBase(models.Model):
    """Fields every issued document (licence, permit, patent) shares."""

    number = models.CharField(
        _("number"),
        max_length=32,
        unique=True,
        help_text=_(
            "Human-readable, unique and gapless per country, kind and year, e.g. KZ-WP-2026-000042."
        ),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=DocumentStatus.choices,
        default=DocumentStatus.ACTIVE,
        db_index=True,
        help_text=_("Where it stands now; it changes only through the actions on its page."),
    )
    valid_from = models.DateField(_("valid from"), help_text=_("The first day it is valid."))
    valid_until = models.DateField(
        _("valid until"), db_index=True, help_text=_("The last day it is valid.")
    )
    issued_at = models.DateTimeField(auto_now_add=True)
    status_reason = models.TextField(
        _("reason for the current status"),
        blank=True,
        help_text=_("Why it was suspended, revoked or reinstated; the holder sees it."),
    )

    class Meta:
        abstract = True


def application_lifecycle(*, edit, decide, withdraw=None, extra=(), overrides=None):
    """The application lifecycle every application-like case shares, under the case type's
    own permissions: `edit` (the applicant submits or withdraws), `decide` (the officer).
    `overrides` changes a move for this case type: {name: {"label": …, "note": …}}."""
    from dataclasses import replace

    from .cases import APPLICANT, OFFICER, Lifecycle, Note, Transition

    moves = (
        Transition(
            "submit",
            (S.DRAFT, S.INFO_REQUESTED),
            S.SUBMITTED,
            APPLICANT,
            edit,
            _("Submit"),
            _(
                "The authority receives the case and must decide by the "
                "deadline counted from today."
            ),
        ),
        Transition(
            "review_start",
            (S.SUBMITTED,),
            S.UNDER_REVIEW,
            OFFICER,
            decide,
            _("Start review"),
            _("You take the case; the applicant sees that it is under review."),
        ),
        Transition(
            "request_info",
            (S.UNDER_REVIEW,),
            S.INFO_REQUESTED,
            OFFICER,
            decide,
            _("Request information"),
            _(
                "The applicant is told what to provide and can change the case until "
                "they resubmit; a new deadline starts then."
            ),
            note=Note("message", _("What the applicant must provide")),
            four_eyes=True,
        ),
        Transition(
            "approve",
            (S.UNDER_REVIEW,),
            S.APPROVED,
            OFFICER,
            decide,
            _("Approve"),
            _("The decision is final: the number is issued and the applicant is told."),
            four_eyes=True,
            decides=True,
        ),
        Transition(
            "refuse",
            (S.UNDER_REVIEW,),
            S.REFUSED,
            OFFICER,
            decide,
            _("Refuse"),
            _("The decision is final: the applicant reads your reason and may apply again."),
            note=Note("reason", _("Reason (shown to the applicant)")),
            four_eyes=True,
            decides=True,
            danger=True,
        ),
        Transition(
            "withdraw",
            OPEN_APPLICATION_STATES,
            S.WITHDRAWN,
            APPLICANT,
            withdraw or edit,
            _("Withdraw"),
            _("The case is closed without a decision."),
            note=Note("reason", _("Reason (optional)"), required=False),
            danger=True,
        ),
        *extra,
    )
    overrides = overrides or {}
    return Lifecycle(
        *(replace(t, **overrides[t.name]) if t.name in overrides else t for t in moves)
    )


def document_lifecycle(*, manage, expire_label=""):
    """The lifecycle of an issued document (licence, permit, patent)."""
    from .cases import OFFICER, SYSTEM, Lifecycle, Note, Transition

    return Lifecycle(
        Transition(
            "suspend",
            (D.ACTIVE,),
            D.SUSPENDED,
            OFFICER,
            manage,
            _("Suspend"),
            _(
                "The document stops being valid until it is reinstated; the public "
                "verification page shows the suspension and your reason."
            ),
            note=Note("reason", _("Reason (shown to the holder and on the verification page)")),
            danger=True,
        ),
        Transition(
            "reinstate",
            (D.SUSPENDED,),
            D.ACTIVE,
            OFFICER,
            manage,
            _("Reinstate"),
            _("The document is valid again."),
            note=Note("reason", _("Note (optional)"), required=False),
        ),
        Transition(
            "revoke",
            (D.ACTIVE, D.SUSPENDED),
            D.REVOKED,
            OFFICER,
            manage,
            _("Revoke"),
            _(
                "The decision is final: the document is no longer valid and the "
                "verification page says so with your reason."
            ),
            note=Note("reason", _("Reason (shown to the holder and on the verification page)")),
            danger=True,
        ),
        Transition("expire", (D.ACTIVE, D.SUSPENDED), D.EXPIRED, SYSTEM, manage),
    )
