"""Loading reference data (countries, regions, ISCO-08, ESCO, languages, currencies) and its
labels in the seven languages (`fixtures/i18n/`, see `portal.labels`). Idempotent."""

import csv
import json
from pathlib import Path

import pycountry
from django.db import transaction

from .models import Country, Currency, EscoOccupation, IscoGroup, Language, Region, Skill

FIXTURES = Path(__file__).resolve().parent / "fixtures"
I18N = FIXTURES / "i18n"
#: Keys of a translation entry that are not a language.
NOT_A_LANGUAGE = {"review", "source", "synonyms", "en"}

ORIGIN_COUNTRIES = ["KZ", "KG", "TJ", "TM", "UZ"]
DESTINATION_COUNTRIES = ["KZ", "RU", "KR", "GB", "DE", "TR", "AE"]
#: The languages people of a country read (official languages, and Russian where the law
#: gives it a status: Kazakhstan, Kyrgyzstan, Tajikistan's language of interethnic
#: communication). A job order must be readable in one of them for its destination and for
#: its origin country (vacancies/services/job_order_vetting.py).
COUNTRY_LANGUAGES = {
    "KZ": ["kk", "ru"],
    "KG": ["ky", "ru"],
    "TJ": ["tg", "ru"],
    "TM": ["tk"],
    "UZ": ["uz"],
    "RU": ["ru"],
    "KR": ["ko"],
    "GB": ["en"],
    "DE": ["de"],
    "TR": ["tr"],
    "AE": ["ar", "en"],
}
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
        Country.objects.update_or_create(
            code=code,
            defaults={
                "name": getattr(country, "common_name", None) or country.name,
                "is_origin": code in ORIGIN_COUNTRIES,
                "is_destination": code in DESTINATION_COUNTRIES,
            },
        )
    regions = 0
    for code in codes:
        subdivisions = [
            s for s in pycountry.subdivisions.get(country_code=code) if s.parent_code is None
        ]
        for sub in subdivisions:
            Region.objects.update_or_create(
                code=sub.code,
                defaults={
                    "country_id": code,
                    "name": sub.name,
                    "kind": sub.type,
                },
            )
            regions += 1
    return len(codes), regions


@transaction.atomic
def load_isco() -> int:
    with open(FIXTURES / "isco08.csv", newline="", encoding="utf-8") as fh:
        rows = sorted(csv.DictReader(fh), key=lambda r: int(r["level"]))
    for row in rows:
        IscoGroup.objects.update_or_create(
            code=row["code"],
            defaults={
                "level": int(row["level"]),
                "parent_id": row["parent_code"] or None,
                "label": row["label"],
            },
        )
    return len(rows)


@transaction.atomic
def load_esco() -> tuple[int, int]:
    with open(FIXTURES / "esco_skills.csv", newline="", encoding="utf-8") as fh:
        labels = [row["label"] for row in csv.DictReader(fh)]
    existing = set(Skill.objects.values_list("label", flat=True))
    Skill.objects.bulk_create(
        [Skill(label=label) for label in labels if label not in existing], batch_size=2000
    )
    with open(FIXTURES / "esco_occupations.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    known = set(EscoOccupation.objects.values_list("uri", flat=True))
    EscoOccupation.objects.bulk_create(
        [
            EscoOccupation(
                uri=row["uri"],
                label=row["label"],
                isco_id=row["isco_code"],
                alt_labels=_split(row["alt_labels"]),
                essential_skills=_split(row["essential_skills"]),
                optional_skills=_split(row["optional_skills"]),
            )
            for row in rows
            if row["uri"] not in known
        ],
        batch_size=500,
    )
    return len(labels), len(rows)


@transaction.atomic
def load_languages() -> int:
    for code in LANGUAGE_CODES:
        lang = pycountry.languages.get(alpha_2=code)
        Language.objects.get_or_create(code=code, defaults={"name": lang.name})
    return len(LANGUAGE_CODES)


@transaction.atomic
def load_currencies() -> int:
    entries = i18n_entries("currencies")
    for code, entry in entries.items():
        Currency.objects.update_or_create(code=code, defaults={"name": entry["en"]})
    return len(entries)


def i18n_entries(table: str) -> dict[str, dict]:
    """The translation file of `table` (`fixtures/i18n/<table>.json`), or {} if none."""
    path = I18N / f"{table}.json"
    if not path.exists():
        return {}
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


#: table file → (model, key field, field holding the English label)
TRANSLATED_TABLES = {
    "countries": (Country, "code", "name"),
    "regions": (Region, "code", "name"),
    "languages": (Language, "code", "name"),
    "currencies": (Currency, "code", "name"),
    "isco08": (IscoGroup, "code", "label"),
    "esco_occupations": (EscoOccupation, "uri", "label"),
    "skills": (Skill, "label", "label"),
}


@transaction.atomic
def load_translations() -> dict[str, int]:
    """Write the labels of `fixtures/i18n/*.json` into the rows' `names` and `review` fields
    (and ISCO synonyms). An entry's "en" replaces the English label where the source's is
    not what people say ("Kirghiz" → "Kyrgyz"), except for skills, keyed by it."""
    done = {}
    for table, (model, key, source) in TRANSLATED_TABLES.items():
        entries = i18n_entries(table)
        rows = model.objects.in_bulk(list(entries), field_name=key) if entries else {}
        changed = []
        fields = [
            "names",
            "review",
            *([source] if key != source else []),
            *(["synonyms"] if model is IscoGroup else []),
        ]
        for k, entry in entries.items():
            row = rows.get(k)
            if row is None:
                continue
            row.names = {
                lang: text for lang, text in entry.items() if lang not in NOT_A_LANGUAGE and text
            }
            row.review = sorted(entry.get("review", []))
            if entry.get("en") and key != source:
                setattr(row, source, entry["en"])
            if model is IscoGroup:
                row.synonyms = entry.get("synonyms", {})
            changed.append(row)
        if changed:
            model.objects.bulk_update(changed, fields, batch_size=500)
        done[table] = len(changed)
    return done


def load_all() -> dict[str, int]:
    countries, regions = load_countries_and_regions()
    isco = load_isco()
    skills, occupations = load_esco()
    counts = {
        "countries": countries,
        "regions": regions,
        "isco_groups": isco,
        "skills": skills,
        "esco_occupations": occupations,
        "languages": load_languages(),
        "currencies": load_currencies(),
    }
    translated = load_translations()
    counts |= {f"{table} translated": n for table, n in translated.items()}
    return counts


def _in_use_ids(model) -> set:
    """Keys of `model` rows that data outside the reference tables points at (job orders,
    profiles, schemes, permits…): the labels people actually meet."""
    used: set = set()
    for relation in model._meta.related_objects:
        other = relation.related_model
        if other._meta.app_label == "portal" and other in {
            m for m, _k, _s in TRANSLATED_TABLES.values()
        }:
            continue
        if relation.many_to_many:
            through = (
                relation.through
                if hasattr(relation, "through") and relation.through
                else relation.remote_field.through
            )
            for field in through._meta.fields:
                if field.is_relation and field.related_model is model:
                    used |= set(through.objects.values_list(field.attname, flat=True).distinct())
        elif relation.one_to_many:
            used |= set(
                other.objects.exclude(**{f"{relation.field.name}__isnull": True})
                .values_list(relation.field.attname, flat=True)
                .distinct()
            )
    return used


def translation_coverage() -> list[tuple[str, int, dict[str, int]]]:
    """(table, rows, {language: rows with a label in it}) for each translated table, plus
    "… in use" lines for the rows other data points at."""
    from django.conf import settings

    languages = [code for code, _name in settings.LANGUAGES]
    out = []
    for table, (model, _key, _source) in TRANSLATED_TABLES.items():
        names = list(model.objects.values_list("pk", "names"))
        used = _in_use_ids(model)
        for title, rows in (
            (table, names),
            (f"{table} in use", [(pk, n) for pk, n in names if pk in used]),
        ):
            if title.endswith(" in use") and not used:
                continue
            counts = {
                lang: sum(1 for _pk, n in rows if lang == "en" or (n or {}).get(lang))
                for lang in languages
            }
            out.append((title, len(rows), counts))
    return out


def labels_to_review(lang: str | None = None) -> list[tuple[str, str, str, str]]:
    """(table, key, language, label) of every label flagged for a native speaker's review."""
    out = []
    for table, (model, key, source) in TRANSLATED_TABLES.items():
        for row in model.objects.exclude(review=[]).order_by(key):
            for code in row.review:
                if lang and code != lang:
                    continue
                out.append(
                    (
                        table,
                        str(getattr(row, key)),
                        code,
                        (row.names or {}).get(code, "") or getattr(row, source),
                    )
                )
    return out
