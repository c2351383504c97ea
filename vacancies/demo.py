"""Demo data for vacancies: four bilateral schemes, regional minimum wages, a few hundred
vacancies across regions and occupations, worker profiles with ESCO skills, and the demo
worker's applications in every state. Idempotent and fast (bulk writes); called by
`manage.py load_demo_data` after the licensing and permits demos.

Figures (minimum wages, salaries) are illustrative, not official.
"""

import hashlib
import random
import uuid
from datetime import date, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from licensing.models import Licence
from licensing.selectors import agency_has_active_licence
from portal.lifecycle import DocumentStatus
from portal.numbering import number_allocate
from portal.uploads import plain_pdf

from . import demo_chain, services, synthetic
from .models import (
    JobOrder,
    JobOrderStatus,
    PastSeason,
    ReentryPriority,
    RegionalMinimumWage,
    Scheme,
    VacancyApplication,
    VacancyApplicationStatus,
    WorkerProfile,
)

DEMO_VACANCIES = 320
DEMO_PROFILES = 150
CONTRACT_NAME = "vacancies/contracts/demo-contract.pdf"
CONTRACT_BYTES = plain_pdf("Karavan demo employment contract (illustrative)")

#: name, origin, destination, vetting country, sectors (ISCO groups), months, max stay, basis
SCHEMES = [
    (
        "KG→KZ seasonal agriculture",
        "KG",
        "KZ",
        "KZ",
        ["61", "92"],
        (3, 11),
        9,
        "Agreement between Kyrgyzstan and Kazakhstan on seasonal agricultural work (demo)",
    ),
    (
        "TJ→KZ construction",
        "TJ",
        "KZ",
        "KZ",
        ["71", "72", "83", "93"],
        (3, 12),
        10,
        "Memorandum on organised recruitment for construction (demo)",
    ),
    (
        "UZ→KR shipbuilding and industry",
        "UZ",
        "KR",
        "UZ",
        ["72", "82", "93"],
        (1, 12),
        12,
        "Employment Permit System memorandum between Uzbekistan and Korea (demo)",
    ),
    (
        "KG→GB seasonal horticulture",
        "KG",
        "GB",
        "KG",
        ["61", "92"],
        (4, 10),
        6,
        "UK Seasonal Worker visa route, operator arrangement (demo)",
    ),
]
#: country, region or None, monthly amount, currency — illustrative.
MINIMUM_WAGES = [
    ("KZ", None, "85000", "KZT"),
    ("KZ", "KZ-75", "120000", "KZT"),
    ("KZ", "KZ-71", "120000", "KZT"),
    ("KR", None, "2156880", "KRW"),
    ("GB", None, "1984", "GBP"),
]
AGENCY_BY_COUNTRY = {
    "KG": "Silk Road Recruitment",
    "TJ": "Pamir Work Partners",
    "UZ": "Samarkand Labour Bridge",
    "KZ": "Steppe Staffing",
}
EMPLOYERS_BY_COUNTRY = {
    "KZ": ["Almaty Agro Holding", "Astana Build Group"],
    "KR": ["Busan Shipyards Co."],
    "GB": ["Kent Orchards Ltd"],
}
WORKER = "worker@demo.karavan.kz"
AGENCY_ADMIN = "agency.admin@demo.karavan.kz"


def _write(stdout, message):
    if stdout is not None:
        stdout.write(message)


def _ensure_licences(orgs) -> None:
    """Licensing's demo issues licences; this only fills a gap so every demo agency can post."""
    today = timezone.localdate()
    for country, name in AGENCY_BY_COUNTRY.items():
        agency = orgs[name]
        if (
            agency_has_active_licence(agency=agency)
            or Licence.objects.filter(agency=agency).exists()
        ):
            continue
        with transaction.atomic():
            Licence.objects.create(
                agency=agency,
                authority=orgs[country],
                status=DocumentStatus.ACTIVE,
                number=number_allocate(country=country, kind="LIC", year=today.year),
                valid_from=today - timedelta(days=200),
                valid_until=today + timedelta(days=900),
            )


def _contract() -> str:
    storage = JobOrder._meta.get_field("contract_template").storage
    if not storage.exists(CONTRACT_NAME):
        storage.save(CONTRACT_NAME, ContentFile(CONTRACT_BYTES))
    return CONTRACT_NAME


def load_demo(*, core: dict, stdout=None) -> None:
    """Idempotent: does nothing when the demo schemes already exist."""
    if Scheme.objects.filter(name=SCHEMES[0][0]).exists():
        _write(stdout, "vacancies: demo data already loaded")
        return
    orgs, users = core["organisations"], core["users"]
    rng = random.Random(20260301)  # noqa: S311 — demo data, not security
    _ensure_licences(orgs)
    demo_chain.load_employers(core=core, stdout=stdout)
    schemes = []
    for name, origin, dest, vetting, sectors, (m1, m2), stay, basis in SCHEMES:
        scheme = Scheme.objects.create(
            name=name,
            origin_country_id=origin,
            destination_country_id=dest,
            vetting_country_id=vetting,
            legal_basis=basis,
            season_start_month=m1,
            season_end_month=m2,
            max_stay_months=stay,
        )
        scheme.sectors.set(sectors)
        schemes.append(scheme)
    RegionalMinimumWage.objects.bulk_create(
        [
            RegionalMinimumWage(
                country_id=c,
                region_id=r,
                monthly_amount=Decimal(a),
                currency=cur,
                valid_from=date(2026, 1, 1),
                source="Illustrative figure (demo)",
            )
            for c, r, a, cur in MINIMUM_WAGES
        ]
    )
    contract = _contract()
    sha = hashlib.sha256(CONTRACT_BYTES).hexdigest()
    codes = [c for group in synthetic.OCCUPATIONS.values() for c, _t in group]
    pools = synthetic.Pools.load(
        codes, ["KZ", "KR", "GB", "KG", "TJ", "UZ", "TM"], translated_only=True
    )
    agencies = {c: [orgs[n]] for c, n in AGENCY_BY_COUNTRY.items()}
    employers = {c: [orgs[n] for n in names] for c, names in EMPLOYERS_BY_COUNTRY.items()}
    agency_admin = users[AGENCY_ADMIN]
    status_for = synthetic.weighted_status(
        [
            (JobOrderStatus.APPROVED, 0.9),
            (JobOrderStatus.SUBMITTED, 0.05),
            (JobOrderStatus.UNDER_REVIEW, 0.03),
            (JobOrderStatus.DRAFT, 0.02),
        ]
    )
    made = synthetic.job_orders_create(
        count=DEMO_VACANCIES,
        schemes=schemes,
        agencies=agencies,
        employers=employers,
        pools=pools,
        by=agency_admin,
        rng=rng,
        contract_name=contract,
        contract_sha256=sha,
        status_for=status_for,
        texts=synthetic.demo_texts(),
    )
    synthetic.profiles_create(
        count=DEMO_PROFILES,
        pools=pools,
        rng=rng,
        email_prefix="demo-worker-",
        batch_size=DEMO_PROFILES,
    )
    _demo_worker_journey(core, schemes[0], pools)
    demo_chain.load_chain(core=core, stdout=stdout)
    _write(
        stdout,
        f"vacancies: {len(schemes)} schemes, {made} job orders "
        f"({JobOrder.objects.filter(status=JobOrderStatus.APPROVED).count()} published), "
        f"{WorkerProfile.objects.count()} worker profiles",
    )


def _demo_worker_journey(core: dict, scheme: Scheme, pools) -> None:
    """The demo worker (Firuz): a consenting profile and applications in every state, made
    through the services so the audit log tells the story; a past, timely-returned season
    gives re-entry priority."""
    users = core["users"]
    worker, agency_admin = users[WORKER], users[AGENCY_ADMIN]
    agency = core["organisations"]["Silk Road Recruitment"]
    profile = WorkerProfile.objects.filter(user=worker).first()
    if profile is None:
        profile = services.worker_profile_create(
            user=worker,
            data={
                "origin_country": scheme.origin_country,
                "sex": "M",
                "birth_year": 1993,
                "years_experience": 6,
                "education_level": "vocational",
                "months_available": [3, 4, 5, 6, 7, 8, 9, 10],
                "occupations": ["9211", "6112"],
                "skills": pools.skills_by_isco.get("9211", [])[:8],
                "preferred_destinations": ["KZ", "GB"],
                "languages": {"ky": "proficient", "ru": "independent", "en": "basic"},
            },
        )
    services.worker_profile_consent_set(profile=profile, by=worker, consent=True)

    # A season that ended last year, returned on time → priority this season.
    today = timezone.localdate()
    past = JobOrder.objects.filter(
        agency=agency, scheme=scheme, status=JobOrderStatus.APPROVED
    ).first()
    if past is not None:
        last_start = date(today.year - 1, 4, 1)
        past_job = JobOrder.objects.create(
            **{
                f.attname: getattr(past, f.attname)
                for f in JobOrder._meta.concrete_fields
                if f.attname not in ("id", "number", "submission_key", "created_at", "updated_at")
            },
            number=None,
        )
        JobOrder.objects.filter(pk=past_job.pk).update(
            status=JobOrderStatus.CLOSED,
            season_start=last_start,
            season_end=date(today.year - 1, 9, 30),
            application_deadline=date(today.year - 1, 3, 15),
        )
        # Firuz is Kyrgyz: under the EAEU treaty he needed no Kazakh work permit, so his past
        # season cites none (it once cited a permit number that was never issued). The whole
        # chain, down to a permit, is shown by Nigina's contract (vacancies.demo_chain).
        returned = VacancyApplication.objects.create(
            job_order_id=past_job.pk,
            profile=profile,
            status=VacancyApplicationStatus.RETURNED,
            departed_on=last_start,
            returned_on=date(today.year - 1, 10, 2),
            returned_on_time=True,
        )
        PastSeason.objects.create(
            profile=profile,
            country_id="KZ",
            scheme=scheme,
            occupation_id="9211",
            departed_on=last_start,
            returned_on=date(today.year - 1, 10, 2),
        )
        ReentryPriority.objects.get_or_create(
            profile=profile, scheme=scheme, season_year=today.year, defaults={"earned_by": returned}
        )

    open_orders = list(
        JobOrder.objects.filter(
            agency=agency, status=JobOrderStatus.APPROVED, application_deadline__gte=today
        ).order_by("pk")[:8]
    )
    steps = [
        [],
        ["shortlist"],
        ["reject"],
        ["offer"],
        ["offer", "accept"],
        ["offer", "decline"],
        ["withdraw"],
    ]
    for job_order, path in zip(open_orders, steps, strict=False):
        application = services.vacancy_application_submit(
            job_order=job_order,
            by=worker,
            submission_key=uuid.uuid4(),
            message="I worked two seasons in orchards near Issyk-Kul.",
        )
        for step in path:
            if step == "shortlist":
                services.vacancy_application_shortlist(application=application, by=agency_admin)
            elif step == "reject":
                services.vacancy_application_reject(
                    application=application,
                    by=agency_admin,
                    reason="All positions went to returnees.",
                )
            elif step == "offer":
                services.vacancy_application_offer(application=application, by=agency_admin)
            elif step == "accept":
                services.vacancy_application_accept(application=application, by=worker)
                services.cost_report_file(
                    application=application,
                    by=worker,
                    amount=Decimal("0"),
                    currency="KGS",
                    paid_to="agency",
                    purpose="documents",
                    details="Nothing was asked of me.",
                )
            elif step == "decline":
                services.vacancy_application_decline(application=application, by=worker)
            elif step == "withdraw":
                services.vacancy_application_withdraw(application=application, by=worker)

    # An accepted worker already abroad, from the synthetic profiles.
    other = WorkerProfile.objects.exclude(pk=profile.pk).order_by("pk").first()
    if other is not None and len(open_orders) > 7:
        VacancyApplication.objects.create(
            job_order=open_orders[7],
            profile=other,
            status=VacancyApplicationStatus.DEPARTED,
            departed_on=today,
        )
