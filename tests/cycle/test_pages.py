"""The worker's page of stays (departure → arrival → registration → return, without
JavaScript) and the officer's overstay queue in the back office."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.conftest import make_user
from tests.permits.test_backoffice import staff_login
from vacancies.cycle import services
from vacancies.cycle.models import OverstayCase, Stay

pytestmark = pytest.mark.django_db


def test_a_worker_records_the_whole_stay_on_one_page(client, cy):
    client.force_login(cy["worker"])
    page = client.get("/en/stays/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "My stays abroad" in html and "Record your departure" in html
    today = timezone.localdate()
    key = page.context["departure_form"]["submission_key"].value()
    data = {
        "submission_key": key,
        "destination": "KZ",
        "scheme": cy["scheme"].pk,
        "departed_on": (today - timedelta(days=6)).isoformat(),
    }
    assert client.post("/en/stays/depart/", data).status_code == 302
    assert client.post("/en/stays/depart/", data).status_code == 302  # double tap: one stay
    stay = Stay.objects.get()
    html = client.get("/en/stays/").content.decode()
    assert "Record arrival" in html and "Record registration" not in html
    for move, days_ago in (("arrive", 5), ("register", 4), ("return_record", 0)):
        response = client.post(
            f"/en/stays/{stay.pk}/{move}/", {"on": (today - timedelta(days=days_ago)).isoformat()}
        )
        assert response.status_code == 302
    stay.refresh_from_db()
    assert stay.status == "returned" and stay.returned_on_time is True
    html = client.get("/en/stays/").content.decode()
    assert "Earlier stays" in html and "Record your departure" in html


def test_bad_input_gets_a_clear_message_never_a_crash(client, cy):
    client.force_login(cy["worker"])
    response = client.post("/en/stays/depart/", {"destination": "ZZ", "departed_on": "soon"})
    assert response.status_code == 400
    assert "Choose a destination from the list." in response.content.decode()
    stay = services.stay_departure_record(
        worker=cy["worker"], by=cy["worker"], destination_id="KZ", departed_on=timezone.localdate()
    )
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = client.post(f"/en/stays/{stay.pk}/arrive/", {"on": future}, follow=True)
    assert "The date cannot be in the future." in response.content.decode()
    assert client.post(f"/en/stays/{stay.pk}/unknown/", {"on": future}).status_code == 404


def test_another_workers_stay_is_not_found(client, cy):
    stay = services.stay_departure_record(
        worker=cy["worker"], by=cy["worker"], destination_id="KZ", departed_on=timezone.localdate()
    )
    client.force_login(make_user("someone@example.org"))
    assert (
        client.post(
            f"/en/stays/{stay.pk}/arrive/", {"on": timezone.localdate().isoformat()}
        ).status_code
        == 404
    )


def test_the_officer_works_the_overstay_queue(client, cy):
    stay = services.stay_departure_record(
        worker=cy["worker"],
        by=cy["worker"],
        destination_id="KZ",
        scheme=cy["scheme"],
        departed_on=timezone.localdate() - timedelta(days=300),
    )
    services.stay_arrive(
        stay=stay, by=cy["worker"], arrived_on=timezone.localdate() - timedelta(days=299)
    )
    services.cycle_daily()
    case = OverstayCase.objects.get()
    staff_login(client, cy["officer"])
    assert f"Overstay #{case.pk}" in client.get("/admin/cycle/overstays/").content.decode()
    page = client.get(f"/admin/cycle/overstays/inspect/{case.pk}/").content.decode()
    assert "Start review" in page and "Outcome" in page
    assert "Stays abroad" in client.get("/admin/cycle/stays/").content.decode()
    client.post(
        f"/admin/cycle/overstays/action/{case.pk}/close/",
        {"close-outcome": "extended", "close-reason": "Patent paid for three months."},
    )
    case.refresh_from_db()
    assert (case.status, case.outcome) == ("closed", "extended")
    staff_login(client, cy["kg_officer"])
    assert f"Overstay #{case.pk}" not in client.get("/admin/cycle/overstays/").content.decode()


def test_the_centre_records_attendance_on_its_session_page(client, cy):
    from tests.cycle.test_orientation import centre_and_session

    staff, session = centre_and_session()
    client.force_login(cy["worker"])
    assert client.get(f"/en/orientation/session/{session.pk}/").status_code == 404
    staff_login(client, staff)  # centre staff are staff: MFA first
    assert (
        "Record attendance" in client.get(f"/en/orientation/session/{session.pk}/").content.decode()
    )
    response = client.post(
        f"/en/orientation/session/{session.pk}/", {"contact": "nobody@example.org"}, follow=True
    )
    assert response.status_code == 200 and "POC" not in response.content.decode()
    response = client.post(
        f"/en/orientation/session/{session.pk}/", {"contact": cy["worker"].email}, follow=True
    )
    number = session.certificates.get().number
    assert number in response.content.decode()
    client.force_login(cy["worker"])
    assert number in client.get("/en/stays/").content.decode()
