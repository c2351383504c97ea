"""Demo data of the migration cycle, made through the services so the audit log tells the
story: a KG resource centre and its staff account, a required orientation course for the
KG→KZ scheme, the demo worker's cycle (orientation certificate → departure → arrival →
registration → return) and one overstay case in the KZ officer's queue. Idempotent."""

from datetime import timedelta

from django.utils import timezone

from portal.demo import _give_mfa, _org, demo_user
from portal.models import Membership, Role
from portal.services import membership_grant
from vacancies.models import Scheme, WorkerProfile

from . import services
from .models import OrientationCourse, OrientationSession, Stay

WORKER = "worker@demo.karavan.kz"
CENTRE = "Bishkek Migrant Resource Centre (demo)"
CENTRE_STAFF = ("centre@demo.karavan.kz", "Gulnara", "Sydykova")
SYNTHETIC_PREFIX = "demo-worker-"


def _write(stdout, message):
    if stdout is not None:
        stdout.write(message)


def load_demo(*, core: dict, stdout=None) -> None:
    today = timezone.localdate()
    scheme = Scheme.objects.filter(origin_country_id="KG", destination_country_id="KZ").first()
    worker = core["users"].get(WORKER)
    if scheme is None or worker is None:
        return
    centre = _org(CENTRE, "partner", "KG", email="centre@demo.karavan.kz")
    staff = demo_user(*CENTRE_STAFF)
    if not Membership.objects.filter(user=staff, organisation=centre).exists():
        membership_grant(user=staff, organisation=centre, role=Role.EDITOR, by=None)
    _give_mfa(staff)
    course, _ = OrientationCourse.objects.get_or_create(
        title="Working in Kazakhstan: before you leave",
        destination_country_id="KZ",
        scheme=scheme,
        defaults={"required": True, "hours": 8},
    )
    session, _ = OrientationSession.objects.get_or_create(
        course=course,
        centre=centre,
        held_on=today - timedelta(days=60),
        defaults={"place": "Bishkek, Chui Avenue 1 (demo)"},
    )
    OrientationSession.objects.get_or_create(
        course=course,
        centre=centre,
        held_on=today + timedelta(days=14),
        defaults={"online": True, "place": "Karavan online classroom (demo)"},
    )
    certificate = services.orientation_attendance_record(session=session, worker=worker, by=staff)

    if not Stay.objects.filter(worker=worker).exists():
        stay = services.stay_departure_record(
            worker=worker,
            by=worker,
            destination_id="KZ",
            departed_on=today - timedelta(days=50),
            scheme=scheme,
        )
        stay = services.stay_arrive(stay=stay, by=worker, arrived_on=today - timedelta(days=49))
        stay = services.stay_register(
            stay=stay, by=worker, registered_on=today - timedelta(days=45)
        )
        services.stay_return_record(stay=stay, by=worker, returned_on=today - timedelta(days=5))

    # A worker from the synthetic profiles still in Kazakhstan past the scheme's maximum stay.
    other = (
        WorkerProfile.objects.filter(user__email__startswith=SYNTHETIC_PREFIX)
        .exclude(origin_country_id="KZ")
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if other is not None and not Stay.objects.filter(worker=other.user).exists():
        start = today - timedelta(days=scheme.max_stay_months * 31 + 20)
        stay = services.stay_departure_record(
            worker=other.user, by=other.user, destination_id="KZ", departed_on=start, scheme=scheme
        )
        services.stay_arrive(stay=stay, by=other.user, arrived_on=start + timedelta(days=1))
        services.cycle_daily()
    _write(
        stdout, f"cycle: orientation certificate {certificate.number}, {Stay.objects.count()} stays"
    )
