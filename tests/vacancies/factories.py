"""Helpers that build vacancies objects through the services (never by setting state).

A licence is created directly (licensing's own tests cover how licences are issued); the
vacancies tests only need an agency that holds one.
"""

import uuid
from datetime import date, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from licensing.models import Licence
from portal.lifecycle import DocumentStatus
from portal.models import Skill
from portal.numbering import number_allocate
from portal.uploads import plain_pdf
from vacancies import services
from vacancies.models import RegionalMinimumWage, Scheme

CONTRACT_BYTES = plain_pdf("Employment contract (Russian)")


def contract_pdf(content=CONTRACT_BYTES, name="contract.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def licence_issue(agency, authority):
    """An active three-year licence for `agency` (test shortcut)."""
    from django.db import transaction

    today = timezone.localdate()
    with transaction.atomic():
        number = number_allocate(country=agency.country_id, kind="LIC", year=today.year)
        return Licence.objects.create(
            agency=agency,
            authority=authority,
            number=number,
            status=DocumentStatus.ACTIVE,
            valid_from=today - timedelta(days=30),
            valid_until=today + timedelta(days=3 * 365),
        )


def employer_accredit(employer, authority, *, by=None):
    """An active accreditation of `employer` by the destination `authority` (test shortcut;
    tests/vacancies/test_employers.py covers the service)."""
    from django.db import transaction

    from vacancies.models import EmployerAccreditation

    today = timezone.localdate()
    with transaction.atomic():
        number = number_allocate(country=authority.country_id, kind="EMP", year=today.year)
        return EmployerAccreditation.objects.create(
            employer=employer,
            authority=authority,
            number=number,
            status=DocumentStatus.ACTIVE,
            valid_from=today - timedelta(days=30),
            valid_until=today + timedelta(days=3 * 365),
            granted_by=by or _any_user(),
        )


def _any_user():
    from portal.models import User

    return User.objects.order_by("pk").first() or User.objects.create_user(
        email="accreditation.officer@example.org", password="x"
    )


def scheme_create(
    *,
    origin="KG",
    destination="KZ",
    vetting="KZ",
    sectors=("9211", "7112"),
    name="KG→KZ seasonal agriculture",
):
    scheme = Scheme.objects.create(
        name=name,
        origin_country_id=origin,
        destination_country_id=destination,
        vetting_country_id=vetting,
        legal_basis="Agreement of 2025-03-01",
        season_start_month=3,
        season_end_month=11,
        max_stay_months=9,
    )
    scheme.sectors.set(list(sectors))
    return scheme


def minimum_wage(region="KZ-75", amount="150000", currency="KZT", country="KZ"):
    return RegionalMinimumWage.objects.create(
        country_id=country,
        region_id=region,
        monthly_amount=Decimal(amount),
        currency=currency,
        valid_from=date(2020, 1, 1),
    )


def skills(*labels):
    return [Skill.objects.get_or_create(label=label)[0] for label in labels]


RUSSIAN_TEXTS = {
    "title": "Сборщик яблок",
    "description": "Сбор яблок в садах под Алматы.",
    "conditions": "40 часов в неделю; жильё бесплатно.",
}
KOREAN_TEXTS = {"title": "용접공", "description": "선체 용접.", "conditions": "주 40시간."}


def job_order_data(scheme, employer, **overrides):
    start = timezone.localdate() + timedelta(days=60)
    data = {
        "scheme": scheme,
        "employer": employer,
        "title": "Apple picker",
        "description": "Harvest apples in the orchards near Almaty.",
        "conditions": "40 hours a week; housing free.",
        "content_language": "en",
        # Russian is a language of Kazakhstan and of Kyrgyzstan: vetting wants one of each.
        "translations": {"ru": RUSSIAN_TEXTS},
        "occupation": "9211",
        "region": "KZ-75",
        "city": "Almaty",
        "positions": 5,
        "monthly_wage": Decimal("200000"),
        "currency": "KZT",
        "hours_per_week": 40,
        "housing": "free",
        "meals": "deducted",
        "travel_paid_by_employer": True,
        "worker_fee_amount": Decimal("0"),
        "contract_months": 6,
        "season_start": start,
        "season_end": start + timedelta(days=180),
        "application_deadline": start - timedelta(days=14),
        "contract_language": "ru",
        "languages": ["ru"],
        "essential_skills": skills("harvest crops", "operate forklift"),
        "optional_skills": skills("prune trees"),
    }
    data.update(overrides)
    return data


def draft_job_order(v, **overrides):
    data = resolve(job_order_data(v["scheme"], v["employer"], **overrides))
    job_order = services.job_order_create(
        agency=v["agency"], by=v["agency_admin"], data=data, submission_key=uuid.uuid4()
    )
    services.job_order_contract_attach(
        job_order=job_order, by=v["agency_admin"], uploaded=contract_pdf()
    )
    return job_order


def resolve(data):
    """Codes given as strings become the reference objects the service expects."""
    from portal.models import IscoGroup, Language, Region

    models = {"occupation": IscoGroup, "region": Region, "contract_language": Language}
    return {
        key: models[key].objects.get(pk=value)
        if key in models and isinstance(value, str)
        else value
        for key, value in data.items()
    }


def under_review(v, **overrides):
    job_order = draft_job_order(v, **overrides)
    services.job_order_submit(job_order=job_order, by=v["agency_admin"])
    return services.job_order_review_start(job_order=job_order, by=v["officer"])


def published(v, **overrides):
    """A published job order. Its employer is accredited in the scheme's destination first
    when it is not yet (test shortcut: the vetting refusal is tested in test_employers.py)."""
    job_order = under_review(v, **overrides)
    accredited_for(job_order)
    return services.job_order_approve(job_order=job_order, by=v["officer"])


def accredited_for(job_order):
    """Accredit the job order's employer in its destination, by that country's authority (an
    accrediting one is made for a destination that has none in the test)."""
    from portal.models import Organisation

    country = job_order.scheme.destination_country_id
    if services.employer_current_accreditation(employer=job_order.employer, country_id=country):
        return None
    authority = Organisation.objects.filter(
        kind="authority", country_id=country
    ).first() or Organisation.objects.create(
        name=f"{country} accreditation authority",
        kind="authority",
        country_id=country,
        competences=["employer_accreditation"],
    )
    return employer_accredit(job_order.employer, authority)
