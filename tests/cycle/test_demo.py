"""The cycle's demo: the demo worker's whole cycle (orientation certificate → departure →
arrival → registration → return) and an overstay case, idempotent; the certificate verifies."""

import pytest

from vacancies.cycle.models import OrientationCertificate, OverstayCase, Stay

pytestmark = pytest.mark.django_db


def test_demo_cycle(client):
    from licensing.demo import load_demo as load_licensing_demo
    from portal.demo import corridor_rules_load, load_demo_core
    from portal.reference import load_esco
    from vacancies.cycle.demo import load_demo
    from vacancies.demo import load_demo as load_vacancies_demo

    load_esco()
    corridor_rules_load()
    core = load_demo_core()
    load_licensing_demo(core=core, stdout=None)
    load_vacancies_demo(core=core, stdout=None)
    load_demo(core=core, stdout=None)
    load_demo(core=core, stdout=None)  # idempotent
    certificate = OrientationCertificate.objects.get(worker__email="worker@demo.karavan.kz")
    assert certificate.number.startswith("KG-POC-") and certificate.number.endswith("-000001")
    stay = Stay.objects.get(worker__email="worker@demo.karavan.kz")
    assert stay.status == "returned" and stay.returned_on_time is True
    assert stay.registration_due and stay.registration_late is False
    assert OverstayCase.objects.filter(status="open").count() == 1
    page = client.get(f"/en/verify/{certificate.number}/").content.decode()
    assert "Pre-departure orientation certificate" in page
