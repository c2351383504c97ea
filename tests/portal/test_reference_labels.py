"""Reference labels in the seven languages: stored with the data, complete where migrants
meet them, falling back to Russian then English with the fallback's real `lang`, and the
review and coverage commands."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.template import Context, Template
from django.utils import translation

from portal.labels import fallback_chain
from portal.models import Country, Currency, IscoGroup, Language, Region, Skill
from portal.reference import i18n_entries, load_translations

pytestmark = pytest.mark.django_db
NATIONAL = ["kk", "ky", "tg", "tk", "uz"]
SEVEN = ["ru", "en", *NATIONAL]


def render(template: str, lang: str, **context) -> str:
    with translation.override(lang):
        return Template(template).render(Context(context))


def test_every_isco_group_country_and_region_has_a_russian_label():
    assert not IscoGroup.objects.filter(names__ru__isnull=True).exists()
    assert IscoGroup.objects.get(code="7212").names["ru"] == "Сварщики и газорезчики"
    assert not Region.objects.filter(names__ru__isnull=True).exists()
    assert not Country.objects.filter(names__ru__isnull=True).exists()


@pytest.mark.parametrize("lang", NATIONAL)
def test_what_every_search_page_lists_exists_in_each_national_language(lang):
    """Occupation groups (search form, profile form), countries, languages and currencies,
    and the regions of the five origin countries."""
    groups = IscoGroup.objects.filter(level__in=[1, 2])
    assert groups.count() == 53
    for model, rows in (
        (IscoGroup, groups),
        (Country, Country.objects.all()),
        (Language, Language.objects.all()),
        (Currency, Currency.objects.all()),
        (Region, Region.objects.filter(country__is_origin=True)),
    ):
        missing = [str(row.pk) for row in rows if not (row.names or {}).get(lang)]
        assert not missing, f"{model.__name__} without {lang}: {missing}"


def test_label_follows_the_active_language():
    kg = Country.objects.get(code="KG")
    assert [render("{{ c|ref }}", lang, c=kg) for lang in SEVEN] == [
        "Кыргызстан",
        "Kyrgyzstan",
        "Қырғызстан",
        "Кыргызстан",
        "Қирғизистон",
        "Gyrgyzystan",
        "Qirgʻiziston",
    ]
    with translation.override("tg"):
        assert str(Language.objects.get(code="ky")) == "Забони қирғизӣ"
        assert str(IscoGroup.objects.get(code="7212")) == "7212 Кафшергарон ва газбуррандагон"


def test_missing_label_falls_back_to_russian_then_english_with_its_lang():
    assert fallback_chain("tk") == ["tk", "ru", "en"]
    assert fallback_chain("en") == ["en"]
    moscow = Region.objects.get(code="RU-MOS")
    del moscow.names["tk"]  # a label not yet written in Turkmen
    assert render("{{ r|ref }}", "tk", r=moscow) == '<span lang="ru">Московская область</span>'
    assert render("{{ r|ref }}", "ru", r=moscow) == "Московская область"
    skill = Skill.objects.create(label="operate forklift")  # not translated
    assert render("{{ s|ref }}", "ky", s=skill) == '<span lang="en">operate forklift</span>'
    assert render("{{ s|ref }}", "en", s=skill) == "operate forklift"


def test_translations_live_in_the_data_files_and_reload_idempotently():
    entry = i18n_entries("isco08")["7212"]
    assert entry["tg"] == "Кафшергарон ва газбуррандагон"
    assert "кафшергар" in entry["synonyms"]["tg"]
    assert load_translations() == load_translations()
    assert Language.objects.get(code="ky").name == "Kyrgyz"  # not ISO's "Kirghiz"


def test_review_command_lists_flagged_labels():
    out, err = StringIO(), StringIO()
    call_command("reference_review", language="tk", stdout=out, stderr=err)
    lines = out.getvalue().splitlines()
    assert "isco08\t7212\ttk\tKebşirleýjiler we gaz bilen kesijiler" in lines
    assert all(line.split("\t")[2] == "tk" for line in lines)
    assert "labels to review" in err.getvalue()


def test_coverage_command_reports_each_table_and_language():
    out = StringIO()
    call_command("reference_coverage", stdout=out)
    text = out.getvalue()
    header = text.splitlines()[0]
    for lang in SEVEN:
        assert f" {lang} " in header
    assert "| isco08 | 619 | 619 (100%) |" in text
    for table in ("countries", "regions", "languages", "currencies", "skills"):
        assert f"| {table} |" in text
