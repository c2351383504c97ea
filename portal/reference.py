"""Loading reference data (countries, regions, ISCO-08, ESCO, languages). Idempotent."""

import csv
from pathlib import Path

import pycountry
from django.db import transaction

from .models import Country, EscoOccupation, IscoGroup, Language, Region, Skill

FIXTURES = Path(__file__).resolve().parent / "fixtures"

ORIGIN_COUNTRIES = ["KZ", "KG", "TJ", "TM", "UZ"]
DESTINATION_COUNTRIES = ["KZ", "RU", "KR", "GB", "DE", "TR", "AE"]
#: Nationalities the corridor rules name besides those (EAEU members: Armenia, Belarus).
OTHER_NATIONALITIES = ["AM", "BY"]
# Languages migrants speak or jobs require (ISO 639-1 where it exists).
LANGUAGE_CODES = ["ru", "en", "kk", "ky", "tg", "tk", "uz", "ko", "de", "tr", "ar"]


def _split(value: str) -> list[str]:
    return [part for part in (value or "").split("|") if part]


@transaction.atomic
def load_countries_and_regions() -> tuple[int, int]:
    codes = sorted(set(ORIGIN_COUNTRIES) | set(DESTINATION_COUNTRIES))
    for code in sorted(set(codes) | set(OTHER_NATIONALITIES)):
        country = pycountry.countries.get(alpha_2=code)
        Country.objects.update_or_create(code=code, defaults={
            "name": getattr(country, "common_name", None) or country.name,
            "is_origin": code in ORIGIN_COUNTRIES,
            "is_destination": code in DESTINATION_COUNTRIES,
        })
    regions = 0
    for code in codes:
        subdivisions = [s for s in pycountry.subdivisions.get(country_code=code) if s.parent_code is None]
        for sub in subdivisions:
            Region.objects.update_or_create(code=sub.code, defaults={
                "country_id": code, "name": sub.name, "kind": sub.type,
            })
            regions += 1
    return len(codes), regions


@transaction.atomic
def load_isco() -> int:
    with open(FIXTURES / "isco08.csv", newline="", encoding="utf-8") as fh:
        rows = sorted(csv.DictReader(fh), key=lambda r: int(r["level"]))
    for row in rows:
        IscoGroup.objects.update_or_create(code=row["code"], defaults={
            "level": int(row["level"]),
            "parent_id": row["parent_code"] or None,
            "label": row["label"],
        })
    return len(rows)


@transaction.atomic
def load_esco() -> tuple[int, int]:
    with open(FIXTURES / "esco_skills.csv", newline="", encoding="utf-8") as fh:
        labels = [row["label"] for row in csv.DictReader(fh)]
    existing = set(Skill.objects.values_list("label", flat=True))
    Skill.objects.bulk_create([Skill(label=label) for label in labels if label not in existing],
                              batch_size=2000)
    with open(FIXTURES / "esco_occupations.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    known = set(EscoOccupation.objects.values_list("uri", flat=True))
    EscoOccupation.objects.bulk_create([
        EscoOccupation(
            uri=row["uri"], label=row["label"], isco_id=row["isco_code"],
            alt_labels=_split(row["alt_labels"]),
            essential_skills=_split(row["essential_skills"]),
            optional_skills=_split(row["optional_skills"]),
        )
        for row in rows if row["uri"] not in known
    ], batch_size=500)
    return len(labels), len(rows)


@transaction.atomic
def load_languages() -> int:
    for code in LANGUAGE_CODES:
        lang = pycountry.languages.get(alpha_2=code)
        Language.objects.update_or_create(code=code, defaults={"name": lang.name})
    return len(LANGUAGE_CODES)


def load_all() -> dict[str, int]:
    countries, regions = load_countries_and_regions()
    isco = load_isco()
    skills, occupations = load_esco()
    return {
        "countries": countries, "regions": regions, "isco_groups": isco,
        "skills": skills, "esco_occupations": occupations, "languages": load_languages(),
    }
