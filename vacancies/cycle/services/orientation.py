"""Pre-departure orientation: the centre records attendance and the certificate
`{CC}-POC-{year}-{seq:06d}` is issued (gapless, `portal.numbering`); a scheme whose course is
required lets no permit or patent be issued without it (`licensing.permits.issue_checks`)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from licensing.permits.issue_checks import register_issue_check
from portal.audit import audit_record
from portal.cases import require
from portal.notifications import notify
from portal.numbering import number_allocate
from portal.policy import can

from ..models import OrientationCertificate, OrientationCourse, OrientationSession
from ..permissions import CyclePermission as P

NUMBER_KIND = "POC"
ERROR_NOT_HELD_YET = _("Attendance can be recorded once the session has taken place.")
ERROR_ORIENTATION_REQUIRED = _(
    "The scheme of this job order requires a pre-departure "
    "orientation certificate, and the worker has none yet: they "
    "attend a session at a resource centre first."
)


@transaction.atomic
def orientation_attendance_record(
    *, session: OrientationSession, worker, by, request=None
) -> OrientationCertificate:
    """The centre records that `worker` attended: the certificate is issued with its number
    (once per session and worker; recording again returns the same certificate)."""
    require(can(by, P.ATTENDANCE_RECORD, session))
    if session.held_on > timezone.localdate():
        raise ValidationError(ERROR_NOT_HELD_YET)
    existing = OrientationCertificate.objects.filter(session=session, worker=worker).first()
    if existing is not None:
        return existing
    number = number_allocate(
        country=session.centre.country_id, kind=NUMBER_KIND, year=session.held_on.year
    )
    certificate = OrientationCertificate.objects.create(
        number=number, session=session, worker=worker, recorded_by=by
    )
    audit_record(
        actor=by,
        action="orientation_certificate.issue",
        obj=certificate,
        organisation=session.centre,
        to_state="issued",
        changes={"number": [None, number], "session": [None, session.pk]},
        country=session.centre.country_id,
        request=request,
    )
    notify(
        event="orientation.certificate",
        recipients=[worker],
        context={"number": number, "course": session.course.title},
    )
    return certificate


def orientation_missing(*, worker, scheme) -> bool:
    """Whether `scheme` requires an orientation course that `worker` has no certificate of."""
    required = OrientationCourse.objects.filter(scheme=scheme, required=True)
    if scheme is None or not required.exists():
        return False
    return not OrientationCertificate.objects.filter(
        worker=worker, session__course__in=required
    ).exists()


@register_issue_check
def orientation_issue_check(application) -> str | None:
    """Refuse to issue a permit or patent for a job order whose scheme requires orientation
    the worker has not attended."""
    from vacancies.models import JobOrder

    if not application.job_order_number:
        return None
    job_order = (
        JobOrder.objects.filter(number=application.job_order_number)
        .select_related("scheme")
        .first()
    )
    if job_order and orientation_missing(worker=application.worker, scheme=job_order.scheme):
        return str(ERROR_ORIENTATION_REQUIRED)
    return None
