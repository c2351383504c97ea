"""Permits fixtures: officers of both tracks, a worker, helpers that build applications through
the services (so every test exercises the real rules)."""

import itertools
from datetime import date, timedelta

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from licensing.permits import services
from licensing.permits.models import DocumentKind
from licensing.permits.selectors import permit_settings, required_documents
from portal.models import CaseDocument, Country, IscoGroup, Region, Role
from portal.uploads import plain_pdf
from tests.conftest import make_user

_passports = itertools.count(1)


@pytest.fixture(autouse=True)
def in_english():
    """Messages compared in these tests are the English source strings."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def private_storage_in_tmp(tmp_path):
    """Uploaded files go to a temporary directory, never into the working tree."""
    field = CaseDocument._meta.get_field("file")
    saved = field.storage
    field.storage = FileSystemStorage(location=tmp_path / "private", base_url=None)
    yield field.storage
    field.storage = saved


def pdf(name: str = "doc.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, plain_pdf(), content_type="application/pdf")


def next_passport() -> str:
    return f"TJ{next(_passports) + 4400000:07d}"


def application_data(**overrides) -> dict:
    """A complete, valid work-permit application by a highly skilled Tajik software developer."""
    data = {
        "given_names": "Firuz",
        "surname": "Rahimov",
        "sex": "M",
        "birth_date": date(1994, 3, 8),
        "nationality": Country.objects.get(pk="TJ"),
        "passport_number": next_passport(),
        "passport_expiry": timezone.localdate() + timedelta(days=5 * 365),
        "occupation": IscoGroup.objects.get(pk="2512"),
        "qualification": "higher",
        "qualification_evidence": "MSc Computer Science, TTU 2017",
        "employer_name": "Astana Build Group",
        "employer_tax_id": "020540001188",
        "employer_region": Region.objects.get(pk="KZ-71"),
        "job_order_number": "",
        "region": Region.objects.get(pk="KZ-75"),
        "requested_months": 12,
    }
    data.update(overrides)
    return data


def draft(worker, *, kind="WP", agency=None, by=None, **overrides):
    if kind == "PT":
        overrides.setdefault("occupation", IscoGroup.objects.get(pk="9313"))
        overrides.setdefault("qualification", "none")
    return services.permit_application_create(
        by=by or worker,
        kind=kind,
        country_id="KZ",
        data=application_data(**overrides),
        agency=agency,
        worker=worker if agency else None,
    )


def complete(application, by):
    """Upload every document the application needs (a diploma first: it decides the track)."""
    if application.qualification == "higher":
        services.permit_document_add(
            application=application, by=by, kind=DocumentKind.DIPLOMA, uploaded=pdf("diploma.pdf")
        )
        application.refresh_from_db()
    present = set(application.documents.values_list("kind", flat=True))
    settings = permit_settings(authority=application.authority)
    for kind in required_documents(application=application, settings=settings):
        if kind not in present:
            services.permit_document_add(
                application=application, by=by, kind=kind, uploaded=pdf(f"{kind}.pdf")
            )
    application.refresh_from_db()
    return application


def submitted(worker, **kw):
    application = complete(draft(worker, **kw), kw.get("by") or worker)
    return services.permit_application_submit(application=application, by=kw.get("by") or worker)


def under_review(worker, officer, **kw):
    application = submitted(worker, **kw)
    return services.permit_application_review_start(application=application, by=officer)


@pytest.fixture
def pm(orgs, people):
    """Everyone a permit case meets: the worker, KZ officers (two), a KG officer."""
    return {
        **orgs,
        **people,
        "officer2": make_user(
            "officer2@example.org", role=Role.OFFICER, organisation=orgs["kz_authority"]
        ),
    }
