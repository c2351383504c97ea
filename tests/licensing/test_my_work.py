"""The back office opens on *my work*: one panel per competence, cases by deadline, counts per
state, overdue cases marked, dates in the reader's format, and a clear word when nothing waits."""

import datetime
import re
from urllib.parse import unquote

import pytest
from django.utils import timezone

from licensing.models import LicenceApplication
from tests.conftest import give_totp
from tests.licensing.factories import submitted_application

pytestmark = pytest.mark.django_db


def panel(html: str, name: str) -> str:
    match = re.search(rf'id="{name}-section".*?</section>', html, re.S)
    assert match, f"no panel {name}"
    return match.group(0)


def test_dashboard_opens_on_my_work_with_counts_deadlines_and_overdue(client, lic):
    late = submitted_application(lic)
    LicenceApplication.objects.filter(pk=late.pk).update(
        decision_deadline=timezone.localdate() - datetime.timedelta(days=2)
    )
    officer = lic["officer"]
    give_totp(officer)
    client.force_login(officer)
    html = client.get("/ru/admin/", follow=True).content.decode()
    licences = panel(html, "my_work_licence_application")
    assert re.search(r"<strong>1</strong>", licences)  # one submitted
    assert 'class="overdue"' in licences and "Steppe Test Staffing" in licences
    due = (timezone.localdate() - datetime.timedelta(days=2)).strftime("%d.%m.%Y")
    assert due in licences  # DD.MM.YYYY in Russian
    # The officer's other competences show that nothing waits there.
    assert "my_work_job_order-section" in html and "my_work_permit_application-section" in html


def test_an_officer_with_nothing_waiting_sees_it_said(client, lic):
    officer = lic["officer"]
    give_totp(officer)
    client.force_login(officer)
    html = client.get("/en/admin/", follow=True).content.decode()
    assert "Nothing is waiting for you here." in panel(html, "my_work_job_order")


def test_agency_staff_at_the_back_office_go_to_their_own_area(client, lic):
    """Not a loop between sign-in and /admin/ (they are signed in, just not staff)."""
    client.force_login(lic["kz_admin"])
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].endswith("/dashboard/")
    assert response.status_code == 200 and "my_work_" not in response.content.decode()


def test_the_back_office_sends_the_signed_out_to_the_one_sign_in(client):
    response = client.get("/admin/", follow=True)
    assert unquote(response.redirect_chain[-1][0]).startswith("/ru/accounts/login/?next=/admin/")
