"""Shared fixtures: reference data and one user per role, built once per test database."""

import contextlib

import pytest
from django.db import connection
from django.db.models.signals import post_migrate

from portal.models import Organisation, Role, User
from portal.reference import (
    load_countries_and_regions,
    load_currencies,
    load_isco,
    load_languages,
    load_translations,
)
from portal.services import membership_grant, role_groups_ensure
from portal.system_checks import pdf_libraries_missing


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Without Pango (WeasyPrint cannot load it) a test that makes a PDF is skipped with the
    start-up check's reason (portal/system_checks.py), not failed; with Pango it runs."""
    try:
        return (yield)
    except OSError as error:
        reason = pdf_libraries_missing()
        if reason and "cannot load library" in str(error):
            pytest.skip(reason)
        raise


requires_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL (set DATABASE_URL; .ci/run does)",
)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Countries, regions, ISCO-08, languages and currencies with their labels in the seven
    languages, loaded once for the whole session."""
    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            # Let Django flush the append-only audit table between transactional tests
            # (see portal/migrations/0002_audit_append_only.py); applies to new connections.
            with connection.cursor() as cursor:
                cursor.execute(
                    f'ALTER DATABASE "{connection.settings_dict["NAME"]}" '
                    "SET karavan.audit_truncate = 'allow'"
                )
                cursor.execute("SET karavan.audit_truncate = 'allow'")
        load_countries_and_regions()
        load_isco()
        load_languages()
        load_currencies()
        load_translations()
        role_groups_ensure()


def make_user(email: str, *, role: str | None = None, organisation=None, **extra) -> User:
    from allauth.account.models import EmailAddress

    user = User.objects.create_user(email=email, password="correct-horse-battery", **extra)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    if role:
        membership_grant(user=user, organisation=organisation, role=role, by=None)
    return user


@pytest.fixture
def orgs(db):
    """Two authorities, two agencies and a partner, in different countries."""
    C = Organisation.Competence
    all_competences = [c.value for c in C]
    return {
        "kz_authority": Organisation.objects.create(
            name="KZ Ministry", kind="authority", country_id="KZ", competences=all_competences
        ),
        "kg_authority": Organisation.objects.create(
            name="KG Ministry", kind="authority", country_id="KG", competences=all_competences
        ),
        "kg_agency": Organisation.objects.create(name="KG Agency", kind="agency", country_id="KG"),
        "tj_agency": Organisation.objects.create(name="TJ Agency", kind="agency", country_id="TJ"),
        "partner": Organisation.objects.create(name="IOM", kind="partner", country_id="KZ"),
    }


@pytest.fixture
def people(orgs):
    """One user per role; officers and analysts in KZ, agency staff in KG."""
    return {
        "worker": make_user("worker@example.org"),
        "agency_admin": make_user(
            "aadmin@example.org", role=Role.AGENCY_ADMIN, organisation=orgs["kg_agency"]
        ),
        "agency_staff": make_user(
            "astaff@example.org", role=Role.AGENCY_STAFF, organisation=orgs["kg_agency"]
        ),
        "officer": make_user(
            "officer@example.org", role=Role.OFFICER, organisation=orgs["kz_authority"]
        ),
        "senior_officer": make_user(
            "senior@example.org", role=Role.SENIOR_OFFICER, organisation=orgs["kz_authority"]
        ),
        "kg_officer": make_user(
            "kgofficer@example.org", role=Role.OFFICER, organisation=orgs["kg_authority"]
        ),
        "analyst": make_user(
            "analyst@example.org", role=Role.ANALYST, organisation=orgs["kz_authority"]
        ),
        "editor": make_user("editor@example.org", role=Role.EDITOR, organisation=orgs["partner"]),
        "authority_admin": make_user(
            "authadmin@example.org", role=Role.AUTHORITY_ADMIN, organisation=orgs["kz_authority"]
        ),
    }


def give_totp(user):
    """Register a TOTP authenticator, as a staff user would at first sign-in."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    return TOTP.activate(user, generate_totp_secret())


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and cached pages live in the cache: each test starts with an empty one."""
    from django.core.cache import cache

    cache.clear()
    yield


def _reference_data_after_flush(sender, **kwargs):
    """Transactional tests end with Django's flush, which empties every table and then sends
    post_migrate: put the session's shared data (countries, ISCO, groups, page tree) back, so
    the next test on this worker finds the database as the session started it."""
    from django.apps import apps

    last = [config for config in apps.get_app_configs() if config.models_module][-1]
    if sender is not last:  # wait until every app's post_migrate work (permissions…) is done
        return
    from portal.models import Country

    if not Country.objects.exists():
        from tests.browser import restore_shared_test_data

        restore_shared_test_data()


post_migrate.connect(_reference_data_after_flush, dispatch_uid="karavan-tests-reference-data")


#: Every upload field kept in private storage (served only through permission checks).
PRIVATE_FILE_FIELDS = (
    ("portal.CaseDocument", "file"),
    ("licensing.ComplaintEvidence", "file"),
    ("vacancies.JobOrder", "contract_template"),
    ("vacancies.EmploymentContract", "pdf"),
    ("matching.AssessmentImport", "file"),
)


@contextlib.contextmanager
def private_storage_at(location):
    """Every private upload field stores under `location` while the block runs, so tests never
    write into the working tree."""
    from django.apps import apps
    from django.core.files.storage import FileSystemStorage

    storage = FileSystemStorage(location=location, base_url=None)
    fields = [apps.get_model(model)._meta.get_field(name) for model, name in PRIVATE_FILE_FIELDS]
    saved = [field.storage for field in fields]
    for field in fields:
        field.storage = storage
    try:
        yield storage
    finally:
        for field, old in zip(fields, saved, strict=True):
            field.storage = old
