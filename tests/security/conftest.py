"""A world with one owner per kind of private object, and one user per role to attack it.

The owners: worker "worker" and agency A (the KG agency, licensed in KG, placing workers in
KZ). Everyone else is a stranger to some of these objects: another worker, agency B (TJ), the
KZ officer (KG licensing is not theirs), the KG officer (KZ complaints, permits and vacancies
are not theirs), analyst, editor, reviewer. Each object carries a marker text that must never
appear in a response to someone not allowed to see it.
"""

import uuid
from decimal import Decimal

import pytest

from licensing import services as licensing
from licensing.models import LicenceDocumentKind
from portal.models import Role, User
from portal.uploads import plain_pdf
from tests.conftest import give_totp, make_user, private_storage_at
from tests.licensing.factories import fill_application, pdf
from vacancies import services as vacancies

SECRET_PDF = plain_pdf("SECRET-FILE-CONTENT")

ROLES = [
    "anonymous",
    "worker",
    "other_worker",
    "agency_a",
    "agency_b",
    "officer_kz",
    "officer_kg",
    "analyst",
    "editor",
    "reviewer",
    "superuser",
]
STAFF = {"officer_kz", "officer_kg", "analyst", "editor", "reviewer", "superuser"}


@pytest.fixture(autouse=True)
def private_storage_in_tmp(tmp_path):
    """Uploaded files go to a temporary directory, never into the working tree."""
    with private_storage_at(tmp_path / "private") as storage:
        yield storage


@pytest.fixture
def users(orgs, people):
    from portal.models import Organisation

    reviewer_org = Organisation.objects.get(name="KZ Ministry")
    found = {
        "anonymous": None,
        "worker": people["worker"],
        "other_worker": make_user("other.worker@example.org"),
        "agency_a": people["agency_admin"],
        "agency_b": make_user(
            "tj.staff@example.org", role=Role.AGENCY_STAFF, organisation=orgs["tj_agency"]
        ),
        "officer_kz": people["officer"],
        "officer_kg": people["kg_officer"],
        "analyst": people["analyst"],
        "editor": people["editor"],
        "reviewer": make_user(
            "reviewer@example.org", role=Role.REVIEWER, organisation=reviewer_org
        ),
        "superuser": User.objects.create_superuser(
            email="root@example.org", password="correct-horse-battery"
        ),
    }
    for role in STAFF:
        give_totp(found[role])
    return found


def _licensing(orgs, users):
    """Agency A's licence application (KG authority decides), its documents and its licence."""
    admin = users["agency_a"]
    application = licensing.licence_application_create(
        agency=orgs["kg_agency"], by=admin, submission_key=uuid.uuid4()
    )
    fill_application(application, admin)
    licensing.licence_application_update(
        application=application,
        by=admin,
        data={"office_address": "SECRET-OFFICE Manas 12, Bishkek"},
    )
    licensing.licence_document_add(
        application=application,
        by=admin,
        kind=LicenceDocumentKind.REGISTRATION_CERTIFICATE,
        uploaded=pdf("secret-charter.pdf", SECRET_PDF),
    )
    licensing.licence_application_submit(application=application, by=admin)
    licensing.licence_application_review_start(application=application, by=users["officer_kg"])
    document = application.documents.get(original_name="secret-charter.pdf")
    from tests.vacancies.factories import licence_issue

    licence = licence_issue(orgs["kg_agency"], orgs["kg_authority"])
    return {"licence_application": application, "licence_document": document, "licence": licence}


def _complaint(users):
    complaint = licensing.complaint_file(
        by=users["worker"],
        country_id="KZ",
        category="fees",
        description="SECRET-COMPLAINT they kept my passport",
        recruiter_name="Someone",
        is_anonymous=False,
        contact_name="SECRET-COMPLAINANT",
        contact="+77001234567",
        evidence=[pdf("receipt.pdf", SECRET_PDF)],
    )
    return {"complaint": complaint, "evidence": complaint.evidence.get()}


def _vacancies(orgs, users):
    from portal.models import Organisation
    from tests.vacancies.factories import (
        draft_job_order,
        employer_accredit,
        minimum_wage,
        published,
        scheme_create,
        skills,
    )

    v = {
        "scheme": scheme_create(),
        "agency": orgs["kg_agency"],
        "agency_admin": users["agency_a"],
        "officer": users["officer_kz"],
        "employer": Organisation.objects.create(
            name="Almaty Agro Holding", kind="employer", country_id="KZ"
        ),
    }
    minimum_wage()
    accreditation = employer_accredit(v["employer"], orgs["kz_authority"], by=users["officer_kz"])
    job_order = published(v, title="Apple picker SECRET-JO")
    draft = draft_job_order(v, title="SECRET-DRAFT vacancy")
    vacancies.worker_profile_create(
        user=users["worker"],
        data={
            "origin_country": v["scheme"].origin_country,
            "sex": "F",
            "birth_year": 1995,
            "years_experience": 3,
            "education_level": "vocational",
            "months_available": [4, 5, 6],
            "occupations": ["9211"],
            "skills": skills("harvest crops"),
            "languages": {"ru": "independent"},
        },
    )
    application = vacancies.vacancy_application_submit(
        job_order=job_order, by=users["worker"], message="SECRET-APPLICATION-MESSAGE"
    )
    vacancies.vacancy_application_offer(application=application, by=users["agency_a"])
    vacancies.vacancy_application_accept(application=application, by=users["worker"])
    cost = vacancies.cost_report_file(
        application=application,
        by=users["worker"],
        amount=Decimal("500"),
        currency="USD",
        paid_to="agency",
        paid_to_name="SECRET-COST-RECIPIENT",
        purpose="recruitment_fee",
    )
    return {
        "job_order": job_order,
        "draft_job_order": draft,
        "vacancy_application": application,
        "cost_report": cost,
        "employment_contract": application.contract,
        "accreditation": accreditation,
    }


def _permits(users):
    from licensing.permits import services as permits
    from tests.permits.conftest import submitted

    application = submitted(users["worker"], surname="Secretova")
    permits.permit_application_review_start(application=application, by=users["officer_kz"])
    document = application.documents.first()
    permit = permits.permit_application_approve(application=application, by=users["officer_kz"])
    # The worker's patent and a payment order for it.
    from datetime import date
    from decimal import Decimal

    from tests.permits.conftest import under_review

    authority = users["officer_kz"].memberships.first().organisation
    senior = make_user("senior.kz@example.org", role=Role.SENIOR_OFFICER, organisation=authority)
    permits.fee_schedule_set(
        by=senior,
        authority=authority,
        kind="PT",
        amount=Decimal("14000"),
        currency="KZT",
        effective_from=date.today(),
    )
    patent = permits.permit_application_approve(
        application=under_review(users["worker"], users["officer_kz"], kind="PT"),
        by=users["officer_kz"],
    )
    order = permits.payment_order_create(patent=patent, by=users["worker"], months=1)
    return {
        "permit_application": application,
        "permit_document": document,
        "permit": permit,
        "patent": patent,
        "payment_order": order,
    }


def _protection(users):
    """A KG citizen's help request in Russia (the KG authority triages it), referred to the
    partner organisation with only its category shared."""
    from licensing.protection import services as protection
    from portal.models import Organisation

    request = protection.help_request_file(
        by=users["worker"],
        category="unpaid_wages",
        description="SECRET-HELP wages withheld",
        origin_country_id="KG",
        current_country_id="RU",
        is_anonymous=False,
        contact_name="SECRET-HELPED",
        contact="+79001234567",
        consent_to_refer=True,
    )
    protection.help_request_triage(help_request=request, by=users["officer_kg"])
    referral = protection.help_request_refer(
        help_request=request,
        by=users["officer_kg"],
        party="ngo",
        organisation=Organisation.objects.get(name="IOM"),
        shared_items=["category"],
        message="SECRET-REFERRAL please call",
    )
    request.refresh_from_db()
    return {"help_request": request, "help_referral": referral}


@pytest.fixture
def world(orgs, users):
    from django.utils import translation

    with translation.override("en"):
        objects = {
            **_licensing(orgs, users),
            **_complaint(users),
            **_vacancies(orgs, users),
            **_permits(users),
            **_protection(users),
        }
    from portal.models import AuditEvent

    objects["audit_kg"] = AuditEvent.objects.filter(country="KG").order_by("pk").first()
    return {"users": users, **objects}


@pytest.fixture(scope="module")
def world_for_module(django_db_setup, django_db_blocker, tmp_path_factory):
    """The same world, built once for a whole test module inside a transaction rolled back at
    its end (each test still runs in its own savepoint): for the fuzzing files, whose many
    tests only read it."""
    from django.db import transaction

    from tests import conftest as shared

    with (
        django_db_blocker.unblock(),
        private_storage_at(tmp_path_factory.mktemp("private")),
        transaction.atomic(),
    ):
        organisations = shared.orgs.__wrapped__(None)
        everyone = users.__wrapped__(organisations, shared.people.__wrapped__(organisations))
        yield world.__wrapped__(organisations, everyone)
        transaction.set_rollback(True)
