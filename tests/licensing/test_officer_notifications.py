"""Officers who decide agency licensing in the agency's country are e-mailed (background task,
after commit) when an application is submitted or resubmitted, each in their own language."""

import pytest
from django.core import mail

from licensing import services
from portal.models import Organisation, Role
from tests.conftest import make_user

from .factories import submitted_application, under_review

pytestmark = pytest.mark.django_db

KZ_OFFICERS = ["officer2@example.org", "officer@example.org", "senior@example.org"]


@pytest.fixture
def bystanders(lic):
    """People who must not be e-mailed: an officer of a KZ authority without the licensing
    competence, and a former officer whose membership ended."""
    permits_only = Organisation.objects.create(
        name="KZ Migration Service",
        kind="authority",
        country_id="KZ",
        competences=[Organisation.Competence.WORK_PERMITS],
    )
    make_user("permits.officer@example.org", role=Role.OFFICER, organisation=permits_only)
    former = make_user("former@example.org", role=Role.OFFICER, organisation=lic["kz_authority"])
    former.memberships.update(is_active=False)


def test_submission_emails_the_officers_of_the_country_after_commit(
    lic, bystanders, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        application = submitted_application(lic)
    assert mail.outbox == []  # nothing leaves before the transaction commits
    for callback in callbacks:
        callback()
    # One message per officer: not KG, not the analyst, not another authority.
    assert sorted(address for m in mail.outbox for address in m.to) == KZ_OFFICERS
    message = next(m for m in mail.outbox if m.to == ["officer@example.org"])
    assert "Steppe Test Staffing" in message.subject
    assert application.decision_deadline.strftime("%d.%m.%Y") in message.body  # Russian dates
    assert f"/admin/licensing/applications/inspect/{application.pk}/" in message.body


def test_resubmission_after_a_request_for_information_emails_them_again(
    lic, django_capture_on_commit_callbacks
):
    application = under_review(lic)
    services.licence_application_request_info(
        application=application, by=lic["officer"], message="Send the tax clearance for 2025."
    )
    lic["officer"].preferred_language = "en"
    lic["officer"].save(update_fields=["preferred_language"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.licence_application_submit(
            application=application, by=lic["kz_admin"], response="Attached."
        )
    officer_mails = {m.to[0]: m for m in mail.outbox if m.to[0] in KZ_OFFICERS}
    assert sorted(officer_mails) == KZ_OFFICERS
    # Each in the reader's language: English for the officer who chose it, Russian otherwise,
    # whatever language the agency used.
    assert "resubmitted" in officer_mails["officer@example.org"].subject
    assert "resubmitted" not in officer_mails["officer2@example.org"].subject
    assert "Steppe Test Staffing" in officer_mails["officer2@example.org"].subject


def test_refused_submission_sends_nothing(lic, django_capture_on_commit_callbacks):
    from django.core.exceptions import ValidationError

    application = services.licence_application_create(agency=lic["kz_agency"], by=lic["kz_admin"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.licence_application_submit(application=application, by=lic["kz_admin"])
    assert mail.outbox == []
