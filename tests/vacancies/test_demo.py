"""The demo loads fast through bulk writes and the services, covers every application state,
and is idempotent."""

import time

import pytest

from vacancies.demo import DEMO_VACANCIES, load_demo
from vacancies.models import JobOrder, Scheme, VacancyApplication, WorkerProfile
from vacancies.selectors import published_job_orders

pytestmark = pytest.mark.django_db


def test_demo_data(settings):
    from licensing.demo import load_demo as load_licensing_demo
    from portal.demo import load_demo_core
    from portal.reference import load_esco

    load_esco()
    core = load_demo_core()
    load_licensing_demo(core=core, stdout=None)
    started = time.monotonic()
    load_demo(core=core, stdout=None)
    elapsed = time.monotonic() - started
    load_demo(core=core, stdout=None)  # idempotent
    assert Scheme.objects.count() == 4
    assert JobOrder.objects.count() >= DEMO_VACANCIES
    assert published_job_orders().count() > 200
    assert {"submitted", "under_review", "draft", "approved", "closed"} <= set(
        JobOrder.objects.values_list("status", flat=True)
    )
    assert len(set(published_job_orders().values_list("region", flat=True))) > 5
    assert len(set(published_job_orders().values_list("occupation", flat=True))) > 5
    assert {
        "applied",
        "shortlisted",
        "rejected",
        "offered",
        "accepted",
        "declined",
        "withdrawn",
        "departed",
        "returned",
    } <= set(VacancyApplication.objects.values_list("status", flat=True))
    worker = WorkerProfile.objects.get(user__email="worker@demo.karavan.kz")
    assert worker.consent_to_agencies and worker.skills.exists()
    assert worker.reentry_priorities.exists()
    assert WorkerProfile.objects.filter(consent_to_agencies=True).count() > 50
    assert elapsed < 45
    # Every new number kind has demo records: accreditations (KZ-EMP-…) and a registered
    # contract (KZ-EC-…) that verifies; the returning worker cites no permit that was never issued.
    from portal.verification import check_code, verify_number
    from vacancies.models import EmployerAccreditation, EmploymentContract

    accreditation = EmployerAccreditation.objects.first()
    assert accreditation.number.startswith("KZ-EMP-")
    assert verify_number(accreditation.number).status == "active"
    contract = EmploymentContract.objects.filter(number__isnull=False).first()
    assert contract.number.startswith("KZ-EC-")
    result = verify_number(contract.number, check_code(contract.number))
    assert {"LIC", "EMP", "JO"} <= {r.number.split("-")[1] for r in result.linked}
    assert (
        not VacancyApplication.objects.filter(work_permit_reference__startswith="KZ-WP-")
        .exclude(
            work_permit_reference__in=__import__(
                "licensing.permits.models", fromlist=["WorkPermit"]
            ).WorkPermit.objects.values("number")
        )
        .exists()
    )
