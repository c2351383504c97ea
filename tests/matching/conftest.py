"""Matching fixtures: a licensed KG agency with published KZ job orders, and workers with
profiles (some consenting). Job orders are created directly in their published state — the
vacancies tests cover vetting; here only the published set matters."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.storage import FileSystemStorage
from django.db import transaction
from django.utils import timezone

from licensing.models import Licence
from matching.models import AssessmentImport
from portal.lifecycle import DocumentStatus
from portal.models import Organisation, Skill
from portal.numbering import number_allocate
from tests.conftest import make_user
from vacancies.models import JobOrder, JobOrderStatus, Scheme, WorkerLanguage, WorkerProfile


@pytest.fixture(autouse=True)
def private_storage_in_tmp(tmp_path):
    """Uploaded assessment files go to a temporary directory, never into the working tree."""
    field = AssessmentImport._meta.get_field("file")
    saved = field.storage
    field.storage = FileSystemStorage(location=tmp_path / "private", base_url=None)
    yield field.storage
    field.storage = saved


def skills(*labels):
    return [Skill.objects.get_or_create(label=label)[0] for label in labels]


def licence_issue(agency, authority):
    today = timezone.localdate()
    with transaction.atomic():
        number = number_allocate(country=agency.country_id, kind="LIC", year=today.year)
        return Licence.objects.create(
            agency=agency,
            authority=authority,
            number=number,
            status=DocumentStatus.ACTIVE,
            valid_from=today - timedelta(days=30),
            valid_until=today + timedelta(days=365),
        )


def published_job_order(
    world,
    *,
    title,
    occupation,
    essential,
    optional=(),
    positions=5,
    region="KZ-75",
    agency=None,
    languages=("ru",),
):
    """A job order in its published state (test shortcut)."""
    start = timezone.localdate() + timedelta(days=60)
    job_order = JobOrder.objects.create(
        status=JobOrderStatus.APPROVED,
        number=f"KZ-JO-2026-{JobOrder.objects.count() + 1:06d}",
        scheme=world["scheme"],
        agency=agency or world["agency"],
        employer=world["employer"],
        title=title,
        occupation_id=occupation,
        occupation_major=occupation[0],
        destination_country_id="KZ",
        region_id=region,
        city="Almaty",
        positions=positions,
        monthly_wage=Decimal("250000"),
        currency="KZT",
        hours_per_week=40,
        housing="free",
        meals="free",
        contract_months=6,
        season_start=start,
        season_end=start + timedelta(days=150),
        application_deadline=start - timedelta(days=10),
        contract_language_id="ru",
        created_by=world["agency_admin"],
        published_at=timezone.now(),
    )
    job_order.essential_skills.set(skills(*essential))
    job_order.optional_skills.set(skills(*optional))
    job_order.languages.set(list(languages))
    return job_order


def profile_for(
    user,
    *,
    sex="F",
    occupations=("9211",),
    skill_labels=(),
    consent=True,
    origin="KG",
    region=None,
    languages=("ru",),
    months=(),
):
    profile = WorkerProfile.objects.create(
        user=user,
        origin_country_id=origin,
        origin_region_id=region,
        sex=sex,
        birth_year=1994,
        months_available=list(months),
        consent_to_agencies=consent,
    )
    profile.occupations.set(list(occupations))
    profile.skills.set(skills(*skill_labels))
    for code in languages:
        WorkerLanguage.objects.create(profile=profile, language_id=code, level="independent")
    return profile


@pytest.fixture
def world(orgs, people):
    """Two published KZ job orders of a licensed KG agency; four workers, three consenting."""
    employer = Organisation.objects.create(name="Almaty Agro", kind="employer", country_id="KZ")
    licence_issue(orgs["kg_agency"], orgs["kg_authority"])
    scheme = Scheme.objects.create(
        name="KG→KZ agriculture",
        origin_country_id="KG",
        destination_country_id="KZ",
        vetting_country_id="KZ",
        legal_basis="Agreement 2025",
        season_start_month=3,
        season_end_month=11,
        max_stay_months=9,
    )
    w = {**orgs, **people, "employer": employer, "scheme": scheme, "agency": orgs["kg_agency"]}
    w["picker"] = published_job_order(
        w,
        title="Apple picker",
        occupation="9211",
        essential=["harvest crops", "prune trees"],
        optional=["drive tractor"],
        positions=12,
    )
    w["welder"] = published_job_order(
        w,
        title="Welder",
        occupation="7212",
        essential=["weld metal", "read blueprints"],
        positions=3,
    )
    w["worker_profile"] = profile_for(
        people["worker"], sex="F", skill_labels=["harvest crops", "prune trees"], region="KG-C"
    )
    w["welder_profile"] = profile_for(
        make_user("welder@example.org"),
        sex="M",
        occupations=["7212"],
        skill_labels=["weld metal", "read blueprints"],
    )
    w["both_profile"] = profile_for(
        make_user("both@example.org"), sex="M", skill_labels=["harvest crops", "weld metal"]
    )
    w["private_profile"] = profile_for(
        make_user("private@example.org"),
        sex="F",
        skill_labels=["harvest crops", "prune trees"],
        consent=False,
    )
    return w
