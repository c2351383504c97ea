"""What every case type does the same way: documents, information requests, submitting and
withdrawing an application.

Each function locks the case, checks the case type's edit permission and that the case is
editable (a draft, or information was requested), and writes one audit event.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .audit import audit_record
from .case_models import CaseDocument, InformationRequest
from .cases import actor_role, case_transition, case_type_of, require
from .lifecycle import (
    EDITABLE_STATES,
    ApplicationStatus,
    InvalidTransition,
    reason_required,
)
from .policy import can
from .uploads import upload_clean, uploads_check

ERROR_NOT_EDITABLE = _("The case can be changed only as a draft or when information was requested.")


def case_editable_lock(case, by):
    """The locked case, once `by` may edit it and its state allows editing."""
    kind = case_type_of(case)
    case = kind.lock(case)
    require(can(by, kind.edit_permission, case))
    if case.status not in EDITABLE_STATES:
        raise InvalidTransition(kind.not_editable or ERROR_NOT_EDITABLE)
    return case


def _audit(case, document, *, by, action, changes):
    kind = case_type_of(case)
    audit_record(
        actor=by,
        action=f"{kind.document_audit}.{action}",
        obj=document,
        role=actor_role(by, case),
        organisation=kind.organisation(case),
        changes=changes,
        country=kind.country(case),
    )


@transaction.atomic
def case_document_add(*, case, by, kind: str, uploaded) -> CaseDocument:
    """Attach one checked file (PDF, JPEG, PNG ≤ 10 MB) to an editable case."""
    case = case_editable_lock(case, by)
    clean = upload_clean(uploaded)
    document = CaseDocument(
        case=case,
        kind=kind,
        uploaded_by=by,
        original_name=clean.name,
        content_type=clean.content_type,
        size=clean.size,
    )
    document.file.save(clean.name, clean, save=False)
    document.full_clean(exclude=["case_type"])
    document.save()
    case.last_edited_by = by
    case.save(update_fields=["last_edited_by", "updated_at"])
    _audit(
        case,
        document,
        by=by,
        action="add",
        changes={"kind": [None, kind], "original_name": [None, document.original_name]},
    )
    return document


@transaction.atomic
def case_documents_add(*, case, by, files: list[tuple[str, object]]) -> list[CaseDocument]:
    """Attach several (kind, file) pairs: all are checked first, then all are stored."""
    uploads_check([f for _kind, f in files])
    return [case_document_add(case=case, by=by, kind=kind, uploaded=f) for kind, f in files]


@transaction.atomic
def case_document_remove(*, document: CaseDocument, by) -> None:
    """Remove a document from an editable case (the file is deleted after commit)."""
    case = case_editable_lock(document.case, by)
    _audit(
        case,
        document,
        by=by,
        action="remove",
        changes={"kind": [document.kind, None], "original_name": [document.original_name, None]},
    )
    stored = document.file
    document.delete()
    transaction.on_commit(lambda: stored.storage.delete(stored.name))


def information_request_open(*, case, by, message: str) -> InformationRequest:
    """Record an officer's question (inside the request-information move)."""
    return InformationRequest.objects.create(
        case=case, message=reason_required(message), requested_by=by
    )


def information_request_answer(*, case, by, response: str) -> str:
    """Record the applicant's answer to the open question (inside the resubmission)."""
    response = reason_required(response)
    open_request = case.information_requests.filter(responded_at__isnull=True).last()
    if open_request:
        open_request.response = response
        open_request.responded_by = by
        open_request.responded_at = timezone.now()
        open_request.save()
    return response


def case_request_info(*, case, by, message: str, context: dict | None = None):
    """under_review → info_requested: the officer's question is opened as an information
    request; the applicant answers it when resubmitting (`case_submit`)."""
    return case_transition(
        case=case,
        to=ApplicationStatus.INFO_REQUESTED,
        by=by,
        reason=message,
        context=context,
        effect=lambda c: information_request_open(case=c, by=by, message=message) and None,
    )


def case_status_set(*, case, to: str, by, reason: str = "", check=None):
    """A move of an issued document (suspend, reinstate, revoke): the reason is kept as the
    document's `status_reason`, which the registry and the verification page show; `check`
    (case) may refuse the move inside the lock."""

    def keep_reason(case):
        if check is not None:
            check(case)
        case.status_reason = reason.strip()

    return case_transition(case=case, to=to, by=by, reason=reason, effect=keep_reason)


def case_submit(
    *, case, by, response: str = "", effect=None, context: dict | None = None, request=None
):
    """draft → submitted, or info_requested → submitted with the applicant's answer to the
    open request (required then); `effect` checks and fills the case inside the move."""
    if case.status == ApplicationStatus.INFO_REQUESTED:
        response = information_request_answer(case=case, by=by, response=response)
    return case_transition(
        case=case,
        to=ApplicationStatus.SUBMITTED,
        by=by,
        reason=response,
        effect=effect,
        context=context,
        request=request,
    )


def case_withdraw(*, case, by, reason: str = "", context: dict | None = None):
    """The applicant withdraws an open application; the reason stays on the case."""

    def keep_reason(case):
        case.decision_reason = reason.strip()

    return case_transition(
        case=case,
        to=ApplicationStatus.WITHDRAWN,
        by=by,
        reason=reason,
        effect=keep_reason,
        context=context,
    )
