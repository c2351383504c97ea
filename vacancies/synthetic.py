"""Plausible job orders and worker profiles in bulk, for the demo and for benchmarks.

Skills come from ESCO: a job order for ISCO unit group 7212 asks for the essential skills of
an ESCO occupation in 7212; a worker in 7212 holds most of them plus a few others. Everything
is written with `bulk_create` in batches, so memory stays bounded at any volume.
"""

import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from portal.models import EscoOccupation, Region, Skill, User
from portal.numbering import NumberSequence, format_number

from .models import (
    JobOrder,
    JobOrderStatus,
    LanguageLevel,
    Scheme,
    WorkerLanguage,
    WorkerProfile,
    month_mask,
)

#: (ISCO-08 unit group, job title) per sector of the demo schemes.
OCCUPATIONS = {
    "agriculture": [
        ("9211", "Fruit and vegetable picker"),
        ("6111", "Field crop grower"),
        ("6112", "Orchard worker"),
        ("9212", "Livestock farm labourer"),
        ("6121", "Dairy and livestock worker"),
    ],
    "construction": [
        ("7112", "Bricklayer"),
        ("7115", "Carpenter"),
        ("9313", "Construction labourer"),
        ("7114", "Concrete worker"),
        ("7126", "Plumber"),
        ("8332", "Truck driver"),
    ],
    "manufacturing": [
        ("7212", "Welder"),
        ("7214", "Structural-metal worker"),
        ("9329", "Factory worker"),
        ("8211", "Machine assembler"),
        ("7233", "Machinery mechanic"),
    ],
}
CITIES = {
    "KZ-75": "Almaty",
    "KZ-71": "Astana",
    "KZ-19": "Qonaev",
    "KZ-79": "Shymkent",
    "KZ-35": "Karaganda",
    "KZ-55": "Pavlodar",
    "KZ-63": "Oskemen",
    "KZ-61": "Turkistan",
    "KR-26": "Busan",
    "KR-48": "Geoje",
    "KR-31": "Ulsan",
    "KR-41": "Suwon",
    "GB-ENG": "Kent",
    "GB-SCT": "Perth",
}
#: Illustrative monthly gross wage ranges (min, max) by destination currency.
WAGES = {
    "KZT": (180_000, 450_000),
    "KRW": (2_200_000, 3_400_000),
    "GBP": (2_000, 2_600),
    "RUB": (60_000, 120_000),
}
CURRENCY = {
    "KZ": "KZT",
    "KR": "KRW",
    "GB": "GBP",
    "RU": "RUB",
    "DE": "EUR",
    "TR": "TRY",
    "AE": "AED",
}
CONTRACT_LANGUAGE = {"KG": "ky", "TJ": "tg", "UZ": "uz", "KZ": "kk", "TM": "tk"}
#: Titles, descriptions and conditions of the demo job orders in the seven languages (and
#: Korean for the Korea scheme): vacancies/fixtures/demo_job_orders.json.
DEMO_TEXTS = Path(__file__).resolve().parent / "fixtures" / "demo_job_orders.json"


def demo_texts() -> dict:
    with open(DEMO_TEXTS, encoding="utf-8") as fh:
        return json.load(fh)


def job_order_translations(
    texts: dict, *, code: str, employer: str, city: str, hours: int
) -> dict[str, dict[str, str]]:
    """{language: {title, description, conditions}} for a demo job order of ISCO `code`."""
    out = {}
    for lang, title in texts["titles"][code].items():
        out[lang] = {
            "title": title,
            "description": texts["description"][lang].format(
                title=title, employer=employer, city=city
            ),
            "conditions": texts["conditions"][lang].format(hours=hours),
        }
    return out


DESTINATION_LANGUAGE = {"KZ": "ru", "KR": "ko", "GB": "en", "RU": "ru", "DE": "de", "TR": "tr"}


@dataclass
class Pools:
    """Reference data loaded once: ESCO skills per ISCO group, regions per country."""

    skills_by_isco: dict[str, list[int]] = field(default_factory=dict)
    regions_by_country: dict[str, list[str]] = field(default_factory=dict)
    region_names: dict[str, str] = field(default_factory=dict)
    isco_labels: dict[str, str] = field(default_factory=dict)
    #: ISCO group, skill and region rows by key, for the multilingual search document.
    isco_groups: dict[str, object] = field(default_factory=dict)
    skills: dict[int, Skill] = field(default_factory=dict)
    regions: dict[str, Region] = field(default_factory=dict)

    @classmethod
    def load(
        cls, isco_codes: list[str], countries: list[str], *, translated_only: bool = False
    ) -> "Pools":
        """`translated_only`: draw only skills whose labels exist in Russian (and the
        national languages), so every skill a demo vacancy or profile shows is translated."""
        from portal.models import IscoGroup

        pools = cls()
        labels_by_isco: dict[str, list[str]] = {}
        for occupation in EscoOccupation.objects.filter(isco_id__in=isco_codes).only(
            "isco_id", "essential_skills", "optional_skills"
        ):
            labels_by_isco.setdefault(occupation.isco_id, []).extend(
                occupation.essential_skills[:12] + occupation.optional_skills[:6]
            )
        wanted = {label for labels in labels_by_isco.values() for label in labels}
        skills = Skill.objects.filter(label__in=wanted)
        if translated_only:
            skills = skills.filter(names__has_key="ru")
        pools.skills = {skill.pk: skill for skill in skills}
        ids = {skill.label: skill.pk for skill in pools.skills.values()}
        for code, labels in labels_by_isco.items():
            pools.skills_by_isco[code] = list(dict.fromkeys(ids[lb] for lb in labels if lb in ids))
        fallback = list(Skill.objects.order_by("pk").values_list("pk", flat=True)[:200])
        for code in isco_codes:
            if not pools.skills_by_isco.get(code):
                pools.skills_by_isco[code] = fallback[:20] or []
        for region in Region.objects.filter(country_id__in=countries):
            pools.regions_by_country.setdefault(region.country_id, []).append(region.code)
            pools.region_names[region.code] = region.name
            pools.regions[region.code] = region
        pools.isco_groups = IscoGroup.objects.in_bulk(isco_codes)
        pools.isco_labels = {code: group.label for code, group in pools.isco_groups.items()}
        missing = {pk for pks in pools.skills_by_isco.values() for pk in pks} - set(pools.skills)
        pools.skills |= Skill.objects.in_bulk(missing)
        return pools


def sector_of(scheme: Scheme) -> str:
    name = scheme.name.lower()
    if "ship" in name or "manufactur" in name or "industry" in name:
        return "manufacturing"
    if "construction" in name or "build" in name:
        return "construction"
    return "agriculture"


def batched(
    total: int, size: int, progress: Callable[[int], None] | None = None
) -> Iterator[tuple[int, int]]:
    """(rows made so far, rows in this batch) for each batch of `total`; `progress` hears of
    each batch once its rows are made."""
    done = 0
    while done < total:
        step = min(size, total - done)
        yield done, step
        if progress:
            progress(step)
        done += step


def numbers_reserve(*, country: str, year: int, count: int) -> Iterator[str]:
    """Take `count` consecutive job-order numbers from the shared gapless sequence."""
    with transaction.atomic():
        NumberSequence.objects.get_or_create(country=country, kind="JO", year=year)
        seq = NumberSequence.objects.select_for_update().get(country=country, kind="JO", year=year)
        start = seq.last + 1
        seq.last += count
        seq.save(update_fields=["last"])
    return (format_number(country, "JO", year, n) for n in range(start, start + count))


def job_orders_create(
    *,
    count: int,
    schemes: list[Scheme],
    agencies: dict[str, list],
    employers: dict[str, list],
    pools: Pools,
    by: User,
    rng: random.Random,
    contract_name: str,
    contract_sha256: str,
    status_for: Callable[[int], str],
    batch_size: int = 2000,
    progress: Callable[[int], None] | None = None,
    texts: dict | None = None,
) -> int:
    """Create `count` job orders spread over `schemes`, in batches, with skills and languages.

    `agencies` and `employers` map a country code to organisations; `status_for(i)` gives each
    job order its state (approved ones get a number from the gapless sequence). With `texts`
    (`demo_texts()`), each carries its title, description and conditions in every language
    there; the search document always holds the reference labels in all languages.
    """
    from .services.job_orders import search_document

    now = timezone.now()
    today = timezone.localdate()
    for made, size in batched(count, batch_size, progress):
        rows, extras = [], []
        for i in range(size):
            scheme = schemes[(made + i) % len(schemes)]
            code, title = rng.choice(OCCUPATIONS[sector_of(scheme)])
            destination = scheme.destination_country_id
            region = rng.choice(pools.regions_by_country[destination][:8])
            currency = CURRENCY.get(destination, "USD")
            low, high = WAGES.get(currency, (1000, 3000))
            wage = Decimal(round(rng.uniform(low, high), -2 if low > 10000 else 0))
            start = today + timedelta(days=rng.randint(30, 200))
            months = rng.randint(3, min(9, scheme.max_stay_months))
            end = start + timedelta(days=30 * months)
            status = status_for(made + i)
            agency = rng.choice(agencies[scheme.origin_country_id])
            employer = rng.choice(employers[destination])
            city = CITIES.get(region, pools.region_names[region])
            job_order = JobOrder(
                status=status,
                scheme=scheme,
                agency=agency,
                employer=employer,
                title=title,
                description=f"{title} for {employer.name} in {city}. "
                f"{pools.isco_labels.get(code, '')}.",
                occupation_id=code,
                occupation_major=code[0],
                destination_country_id=destination,
                region_id=region,
                city=city,
                positions=rng.randint(2, 40),
                monthly_wage=wage,
                currency=currency,
                hours_per_week=rng.choice([40, 40, 40, 44, 48]),
                housing=rng.choice(["free", "free", "deducted"]),
                meals=rng.choice(["free", "deducted", "none"]),
                travel_paid_by_employer=True,
                worker_fee_amount=Decimal(0),
                contract_months=months,
                season_start=start,
                season_end=end,
                season_month_mask=0,
                application_deadline=start - timedelta(days=14),
                contract_language_id=CONTRACT_LANGUAGE.get(scheme.origin_country_id, "ru"),
                contract_template=contract_name,
                created_by=by,
                last_edited_by=by,
                submitted_by=by if status != JobOrderStatus.DRAFT else None,
                submitted_at=now if status != JobOrderStatus.DRAFT else None,
                decision_deadline=today + timedelta(days=15)
                if status != JobOrderStatus.DRAFT
                else None,
            )
            job_order.season_month_mask = month_mask(job_order.season_months)
            if texts is not None:
                translations = job_order_translations(
                    texts,
                    code=code,
                    employer=employer.name,
                    city=city,
                    hours=job_order.hours_per_week,
                )
                english = translations.pop("en")
                job_order.title, job_order.description = english["title"], english["description"]
                job_order.conditions = english["conditions"]
                job_order.content_language, job_order.translations = "en", translations
            skill_ids = pools.skills_by_isco.get(code) or []
            picked = rng.sample(skill_ids, min(len(skill_ids), rng.randint(4, 8)))
            job_order.search_text = search_document(
                contents=job_order.contents(),
                occupation=pools.isco_groups[code],
                skills=[pools.skills[pk] for pk in picked if pk in pools.skills],
                employer=employer.name,
                city=city,
                region=pools.regions[region],
                scheme=scheme.name,
            )
            if status == JobOrderStatus.APPROVED:
                job_order.contract_sha256 = contract_sha256
                job_order.published_at = now - timedelta(minutes=made + i)
                job_order.decided_at = now
            rows.append(job_order)
            extras.append((picked, destination))
        approved = [jo for jo in rows if jo.status == JobOrderStatus.APPROVED]
        by_vetting: dict[str, list[JobOrder]] = {}
        for jo in approved:
            by_vetting.setdefault(jo.scheme.vetting_country_id, []).append(jo)
        for country, items in by_vetting.items():
            numbers = numbers_reserve(country=country, year=now.year, count=len(items))
            for jo, number in zip(items, numbers, strict=True):
                jo.number = number
        with transaction.atomic():
            JobOrder.objects.bulk_create(rows)
            essential, optional, languages = [], [], []
            Essential, Optional, Languages = (
                JobOrder.essential_skills.through,
                JobOrder.optional_skills.through,
                JobOrder.languages.through,
            )
            for jo, (picked, destination) in zip(rows, extras, strict=True):
                essential += [Essential(joborder_id=jo.pk, skill_id=s) for s in picked[:5]]
                optional += [Optional(joborder_id=jo.pk, skill_id=s) for s in picked[5:]]
                langs = {"ru", DESTINATION_LANGUAGE.get(destination, "en")}
                languages += [
                    Languages(joborder_id=jo.pk, language_id=code_)
                    for code_ in sorted(langs)
                    if rng.random() < 0.9 or code_ == "ru"
                ]
            Essential.objects.bulk_create(essential, ignore_conflicts=True)
            Optional.objects.bulk_create(optional, ignore_conflicts=True)
            Languages.objects.bulk_create(languages, ignore_conflicts=True)
    return count


FIRST_NAMES = [
    "Aibek",
    "Nurlan",
    "Aizada",
    "Farrukh",
    "Dilnoza",
    "Rustam",
    "Gulnara",
    "Bakyt",
    "Zarina",
    "Timur",
    "Madina",
    "Sherzod",
    "Asel",
    "Jamshid",
    "Saida",
    "Erlan",
]
ORIGINS = ["KG", "TJ", "UZ", "KZ", "TM"]
NATIONAL_LANGUAGE = {"KG": "ky", "TJ": "tg", "UZ": "uz", "KZ": "kk", "TM": "tk"}


def profiles_create(
    *,
    count: int,
    pools: Pools,
    rng: random.Random,
    email_prefix: str,
    consent_share: float = 0.8,
    batch_size: int = 5000,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Create `count` worker accounts (unusable passwords) with profiles, in batches.

    On PostgreSQL rows go in with COPY (`profiles_copy`); elsewhere with `bulk_create`."""
    if connection.vendor == "postgresql":
        return profiles_copy(
            count=count,
            pools=pools,
            rng=rng,
            email_prefix=email_prefix,
            consent_share=consent_share,
            batch_size=batch_size,
            progress=progress,
        )
    codes = [c for group in OCCUPATIONS.values() for c, _t in group]
    unusable = make_password(None)
    for made, size in batched(count, batch_size, progress):
        users = [
            User(
                email=f"{email_prefix}{made + i}@synthetic.invalid",
                password=unusable,
                first_name=rng.choice(FIRST_NAMES),
            )
            for i in range(size)
        ]
        with transaction.atomic():
            User.objects.bulk_create(users)
            if users[0].pk is None:  # backends that do not return ids
                users = list(User.objects.filter(email__in=[u.email for u in users]).order_by("pk"))
            profiles, chosen = [], []
            for user in users:
                origin = rng.choices(ORIGINS, weights=[30, 30, 30, 5, 5])[0]
                regions = pools.regions_by_country.get(origin) or [None]
                months = sorted(rng.sample(range(1, 13), rng.randint(3, 9)))
                profiles.append(
                    WorkerProfile(
                        user=user,
                        origin_country_id=origin,
                        origin_region_id=rng.choice(regions),
                        sex=rng.choices(["M", "F", "X"], weights=[62, 36, 2])[0],
                        birth_year=rng.randint(1968, 2006),
                        years_experience=rng.randint(0, 20),
                        education_level=rng.choice(
                            ["lower_secondary", "upper_secondary", "vocational", "tertiary"]
                        ),
                        months_available=months,
                        consent_to_agencies=rng.random() < consent_share,
                    )
                )
                chosen.append(rng.choice(codes))
            WorkerProfile.objects.bulk_create(profiles)
            if profiles[0].pk is None:
                ids = dict(
                    WorkerProfile.objects.filter(user__in=users).values_list("user_id", "pk")
                )
                for profile in profiles:
                    profile.pk = ids[profile.user_id]
            S, Oc, Dest = (
                WorkerProfile.skills.through,
                WorkerProfile.occupations.through,
                WorkerProfile.preferred_destinations.through,
            )
            skills, occupations, languages, destinations = [], [], [], []
            for profile, code in zip(profiles, chosen, strict=True):
                pool = pools.skills_by_isco.get(code) or []
                for skill in rng.sample(pool, min(len(pool), rng.randint(3, 10))):
                    skills.append(S(workerprofile_id=profile.pk, skill_id=skill))
                occupations.append(Oc(workerprofile_id=profile.pk, iscogroup_id=code))
                national = NATIONAL_LANGUAGE[profile.origin_country_id]
                languages.append(
                    WorkerLanguage(
                        profile_id=profile.pk, language_id=national, level=LanguageLevel.PROFICIENT
                    )
                )
                languages.append(
                    WorkerLanguage(
                        profile_id=profile.pk,
                        language_id="ru",
                        level=rng.choice(list(LanguageLevel.values)),
                    )
                )
                for dest in rng.sample(["KZ", "KR", "GB", "RU"], rng.randint(1, 2)):
                    destinations.append(Dest(workerprofile_id=profile.pk, country_id=dest))
            S.objects.bulk_create(skills, ignore_conflicts=True)
            Oc.objects.bulk_create(occupations, ignore_conflicts=True)
            WorkerLanguage.objects.bulk_create(languages, ignore_conflicts=True)
            Dest.objects.bulk_create(destinations, ignore_conflicts=True)
    return count


def _reserve_ids(model, count: int) -> list[int]:
    """Take `count` ids from the table's identity sequence (safe alongside other writers)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [model._meta.db_table, count],
        )
        return [row[0] for row in cursor.fetchall()]


def _copy(model, columns: list[str], rows) -> None:
    """Write `rows` (tuples in `columns` order) into `model`'s table with COPY (psycopg 3)."""
    quote = connection.ops.quote_name
    sql = f"COPY {quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)


def profiles_copy(
    *,
    count: int,
    pools: Pools,
    rng: random.Random,
    email_prefix: str,
    consent_share: float = 0.8,
    batch_size: int = 5000,
    progress: Callable[[int], None] | None = None,
) -> int:
    """`profiles_create` for PostgreSQL: ids reserved from the sequences, then each table
    written with one COPY per batch — no model instances, so 1,000,000 profiles take minutes
    and memory stays flat (one batch at a time)."""
    codes = [c for group in OCCUPATIONS.values() for c, _t in group]
    unusable = make_password(None)
    levels = list(LanguageLevel.values)
    S, Oc, Dest = (
        WorkerProfile.skills.through,
        WorkerProfile.occupations.through,
        WorkerProfile.preferred_destinations.through,
    )
    for made, size in batched(count, batch_size, progress):
        now = timezone.now()
        with transaction.atomic():
            user_ids = _reserve_ids(User, size)
            profile_ids = _reserve_ids(WorkerProfile, size)
            users, profiles, skills, occupations, languages, destinations = [], [], [], [], [], []
            for i, (user_id, profile_id) in enumerate(zip(user_ids, profile_ids, strict=True)):
                users.append(
                    (
                        user_id,
                        unusable,
                        False,
                        rng.choice(FIRST_NAMES),
                        "",
                        False,
                        True,
                        now,
                        f"{email_prefix}{made + i}@synthetic.invalid",
                        False,
                        "",
                        "[]",
                    )
                )
                origin = rng.choices(ORIGINS, weights=[30, 30, 30, 5, 5])[0]
                regions = pools.regions_by_country.get(origin) or [None]
                months = sorted(rng.sample(range(1, 13), rng.randint(3, 9)))
                consent = rng.random() < consent_share
                profiles.append(
                    (
                        profile_id,
                        user_id,
                        origin,
                        rng.choice(regions),
                        rng.choices(["M", "F", "X"], weights=[62, 36, 2])[0],
                        rng.randint(1968, 2006),
                        rng.randint(0, 20),
                        rng.choice(
                            ["lower_secondary", "upper_secondary", "vocational", "tertiary"]
                        ),
                        json.dumps(months),
                        consent,
                        None,
                        now,
                        now,
                    )
                )
                code = rng.choice(codes)
                pool = pools.skills_by_isco.get(code) or []
                skills += [
                    (profile_id, skill)
                    for skill in rng.sample(pool, min(len(pool), rng.randint(3, 10)))
                ]
                occupations.append((profile_id, code))
                languages.append((profile_id, NATIONAL_LANGUAGE[origin], LanguageLevel.PROFICIENT))
                languages.append((profile_id, "ru", rng.choice(levels)))
                destinations += [
                    (profile_id, dest)
                    for dest in rng.sample(["KZ", "KR", "GB", "RU"], rng.randint(1, 2))
                ]
            _copy(
                User,
                [
                    "id",
                    "password",
                    "is_superuser",
                    "first_name",
                    "last_name",
                    "is_staff",
                    "is_active",
                    "date_joined",
                    "email",
                    "phone_verified",
                    "preferred_language",
                    "notification_channels",
                ],
                users,
            )
            _copy(
                WorkerProfile,
                [
                    "id",
                    "user_id",
                    "origin_country_id",
                    "origin_region_id",
                    "sex",
                    "birth_year",
                    "years_experience",
                    "education_level",
                    "months_available",
                    "consent_to_agencies",
                    "consent_changed_at",
                    "created_at",
                    "updated_at",
                ],
                profiles,
            )
            _copy(S, ["workerprofile_id", "skill_id"], skills)
            _copy(Oc, ["workerprofile_id", "iscogroup_id"], occupations)
            _copy(WorkerLanguage, ["profile_id", "language_id", "level"], languages)
            _copy(Dest, ["workerprofile_id", "country_id"], destinations)
    return count


def weighted_status(shares: list[tuple[str, float]]) -> Callable[[int], str]:
    """A deterministic status for job order i, matching the given shares."""

    def status_for(i: int) -> str:
        point = (i * 0.6180339887) % 1.0  # golden-ratio spread: stable, evenly mixed
        running = 0.0
        for status, share in shares:
            running += share
            if point < running:
                return status
        return shares[-1][0]

    return status_for


def today() -> date:
    return timezone.localdate()
