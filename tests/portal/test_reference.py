"""Reference data: counts and idempotence."""

import pytest

from portal.models import Country, EscoOccupation, IscoGroup, Language, Region, Skill
from portal.reference import load_all

pytestmark = pytest.mark.django_db


def test_reference_data_counts_and_idempotence():
    first = load_all()
    second = load_all()
    assert first == second
    assert IscoGroup.objects.count() == 619
    assert [IscoGroup.objects.filter(level=n).count() for n in (1, 2, 3, 4)] == [10, 43, 130, 436]
    assert EscoOccupation.objects.count() == 3039
    assert Skill.objects.count() == 13492
    origins = set(Country.objects.filter(is_origin=True).values_list("code", flat=True))
    destinations = set(Country.objects.filter(is_destination=True).values_list("code", flat=True))
    assert origins == {"KZ", "KG", "TJ", "TM", "UZ"}
    assert {"KZ", "RU", "KR", "GB", "DE", "TR", "AE"} <= destinations
    assert Region.objects.filter(country="KZ", code="KZ-75", name="Almaty").exists()
    assert Region.objects.filter(country="TJ").count() >= 4
    assert Language.objects.filter(code__in=["ru", "kk", "ky", "tg", "tk", "uz"]).count() == 6


def test_esco_occupation_keeps_its_isco_group_and_skills():
    load_all()
    welder = EscoOccupation.objects.filter(label="welder").first()
    assert welder is not None
    assert welder.isco_id == "7212"
    assert welder.essential_skills and all(isinstance(s, str) for s in welder.essential_skills)
