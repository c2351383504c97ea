"""Issued work permits and patents: suspension, reinstatement and revocation (the kernel's
document lifecycle; the verification page shows the status and the reason)."""

from portal.case_services import case_status_set
from portal.lifecycle import DocumentStatus

from ..models import Patent, WorkPermit

D = DocumentStatus


def _move(document, *, by, to: str, reason: str = ""):
    return case_status_set(case=document, to=to, by=by, reason=reason)


def work_permit_suspend(*, permit: WorkPermit, by, reason: str) -> WorkPermit:
    """active → suspended, with a reason shown on the verification page."""
    return _move(permit, by=by, to=D.SUSPENDED, reason=reason)


def work_permit_reinstate(*, permit: WorkPermit, by, reason: str = "") -> WorkPermit:
    return _move(permit, by=by, to=D.ACTIVE, reason=reason)


def work_permit_revoke(*, permit: WorkPermit, by, reason: str) -> WorkPermit:
    """active or suspended → revoked; the reason is required and public."""
    return _move(permit, by=by, to=D.REVOKED, reason=reason)


def patent_suspend(*, patent: Patent, by, reason: str) -> Patent:
    return _move(patent, by=by, to=D.SUSPENDED, reason=reason)


def patent_reinstate(*, patent: Patent, by, reason: str = "") -> Patent:
    return _move(patent, by=by, to=D.ACTIVE, reason=reason)


def patent_revoke(*, patent: Patent, by, reason: str) -> Patent:
    return _move(patent, by=by, to=D.REVOKED, reason=reason)
