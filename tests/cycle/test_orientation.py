"""Pre-departure orientation (issue 22): the centre records attendance, the certificate
{CC}-POC-{year}-{seq:06d} is issued gaplessly and verifies publicly; a scheme that requires
it stops the permit from being issued without it."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import FileSystemStorage
from django.utils import timezone

from portal.models import AuditEvent, CaseDocument, Organisation, Role
from portal.verification import check_code
from tests.concurrency import at_once
from tests.conftest import make_user, requires_postgres
from vacancies.cycle.models import OrientationCertificate, OrientationCourse, OrientationSession
from vacancies.cycle.services import orientation_attendance_record
from vacancies.cycle.services.orientation import ERROR_NOT_HELD_YET, ERROR_ORIENTATION_REQUIRED

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def storages_in_tmp(tmp_path):
    from vacancies.models import JobOrder

    fields = [CaseDocument._meta.get_field("file"), JobOrder._meta.get_field("contract_template")]
    saved = [f.storage for f in fields]
    for f in fields:
        f.storage = FileSystemStorage(location=tmp_path / "private", base_url=None)
    yield
    for f, storage in zip(fields, saved, strict=True):
        f.storage = storage


def centre_and_session(scheme=None, *, required=False, days_ago=1):
    centre = Organisation.objects.create(
        name="Osh Resource Centre", kind="partner", country_id="KG"
    )
    staff = make_user(
        f"centre{Organisation.objects.count()}@example.org", role=Role.EDITOR, organisation=centre
    )
    course = OrientationCourse.objects.create(
        title="Working in Kazakhstan", destination_country_id="KZ", scheme=scheme, required=required
    )
    session = OrientationSession.objects.create(
        course=course,
        centre=centre,
        place="Osh, Lenin St 1",
        held_on=timezone.localdate() - timedelta(days=days_ago),
    )
    return staff, session


def test_the_centre_records_attendance_and_the_certificate_verifies(client, people):
    staff, session = centre_and_session()
    worker = people["worker"]
    worker.first_name, worker.last_name = "Aida", "Bekova"
    worker.save()
    certificate = orientation_attendance_record(session=session, worker=worker, by=staff)
    year = session.held_on.year
    assert certificate.number == f"KG-POC-{year}-000001"
    assert orientation_attendance_record(session=session, worker=worker, by=staff) == certificate
    event = AuditEvent.objects.get(action="orientation_certificate.issue")
    assert (event.actor, event.country, event.changes["number"]) == (
        staff,
        "KG",
        [None, certificate.number],
    )
    page = client.get(f"/en/verify/{certificate.number}/").content.decode()
    assert "Pre-departure orientation certificate" in page and "Working in Kazakhstan" not in page
    page = client.get(
        f"/en/verify/{certificate.number}/", {"code": check_code(certificate.number)}
    ).content.decode()
    assert "A. B." in page and "Working in Kazakhstan" in page


def test_only_the_centres_staff_record_and_only_after_the_session(people):
    staff, session = centre_and_session(days_ago=-2)
    with pytest.raises(PermissionDenied):
        orientation_attendance_record(
            session=session, worker=people["worker"], by=people["officer"]
        )
    with pytest.raises(ValidationError) as exc:
        orientation_attendance_record(session=session, worker=people["worker"], by=staff)
    assert exc.value.messages == [str(ERROR_NOT_HELD_YET)]


@requires_postgres
@pytest.mark.django_db(transaction=True)
def test_ten_centres_desks_at_once_issue_gapless_numbers(orgs):
    staff, session = centre_and_session()
    workers = iter([make_user(f"w{i}@example.org") for i in range(10)])
    lock = __import__("threading").Lock()

    def record():
        with lock:
            worker = next(workers)
        return orientation_attendance_record(session=session, worker=worker, by=staff).number

    numbers, errors = at_once(record, 10)
    assert errors == []
    year = session.held_on.year
    assert sorted(numbers) == [f"KG-POC-{year}-{i:06d}" for i in range(1, 11)]
    assert OrientationCertificate.objects.count() == 10


def test_a_scheme_that_requires_orientation_stops_the_permit(people, orgs):
    from licensing.permits import services as permit_services
    from tests.permits.conftest import under_review
    from tests.vacancies.factories import licence_issue, minimum_wage, published, scheme_create

    employer = Organisation.objects.create(name="Almaty Agro", kind="employer", country_id="KZ")
    v = {
        **orgs,
        **people,
        "employer": employer,
        "scheme": scheme_create(),
        "agency": orgs["kg_agency"],
        "licence": licence_issue(orgs["kg_agency"], orgs["kg_authority"]),
    }
    minimum_wage()
    job_order = published(v)
    staff, session = centre_and_session(v["scheme"], required=True)
    worker = people["worker"]
    application = under_review(worker, people["senior_officer"], job_order_number=job_order.number)
    with pytest.raises(ValidationError) as exc:
        permit_services.permit_application_approve(application=application, by=people["officer"])
    assert exc.value.messages == [str(ERROR_ORIENTATION_REQUIRED)]
    application.refresh_from_db()
    assert application.status == "under_review"
    orientation_attendance_record(session=session, worker=worker, by=staff)
    permit = permit_services.permit_application_approve(
        application=application, by=people["officer"]
    )
    assert permit.number.startswith("KZ-WP-")
