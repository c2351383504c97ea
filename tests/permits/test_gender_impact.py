"""Gender-impact notes of quota decisions (issue 23): figures from known data, small cells
hidden, shown to the deciding officer before confirming, stored and published."""

import pytest
from django.utils import timezone

from licensing.permits import services
from licensing.permits.models import Quota
from licensing.permits.services.gender_impact import gender_impact_note
from portal.choices import Sex
from portal.models import IscoGroup, User
from vacancies.models import WorkerProfile

from .test_backoffice import staff_login

pytestmark = pytest.mark.django_db


def _profiles(code: str, sex: str, n: int):
    group = IscoGroup.objects.get(pk=code)
    for i in range(n):
        user = User.objects.create_user(email=f"w-{code}-{sex}-{i}@example.org", password="x")
        profile = WorkerProfile.objects.create(
            user=user, origin_country_id="TJ", sex=sex, birth_year=1990
        )
        profile.occupations.add(group)


def _row(note, source):
    return next(r for r in note["rows"] if r["source"] == source)


def test_note_figures_from_known_data(pm):
    _profiles("7112", Sex.FEMALE, 6)
    _profiles("7112", Sex.MALE, 14)
    _profiles("9211", Sex.FEMALE, 7)  # another group: not counted
    note = gender_impact_note(
        country_id="KZ", occupation_code="71", places_before=100, places_after=200
    )
    supply = _row(note, "supply")
    assert supply["total"] == 20 and supply["women_percent"] == 30.0
    assert supply["by_sex"][next(iter(supply["by_sex"]))] == 6
    assert note["basis"] == "supply" and note["places_change"] == 100
    assert note["expected_women"] == 30
    lowered = gender_impact_note(
        country_id="KZ", occupation_code="71", places_before=100, places_after=50
    )
    assert lowered["expected_women"] == -15


def test_small_counts_are_hidden(pm):
    _profiles("7112", Sex.FEMALE, 3)
    _profiles("7112", Sex.MALE, 30)
    note = gender_impact_note(
        country_id="KZ", occupation_code="71", places_before=0, places_after=10
    )
    supply = _row(note, "supply")
    assert None in supply["by_sex"].values()
    assert supply["women_percent"] is None and note["expected_women"] is None


def test_note_is_shown_before_confirm_then_stored_and_published(client, pm):
    _profiles("7112", Sex.FEMALE, 6)
    _profiles("7112", Sex.MALE, 14)
    year = timezone.localdate().year
    quota = services.quota_create(
        by=pm["senior_officer"],
        country_id="KZ",
        year=year,
        kind="WP",
        limit=100,
        reason="Decree 12",
        occupation_group=IscoGroup.objects.get(pk="71"),
    )
    assert quota.gender_impact["expected_women"] == 30
    staff_login(client, pm["senior_officer"])
    url = f"/admin/permits/quotas/action/{quota.pk}/change/"
    page = client.post(url, {"change-limit": "200", "change-reason": "Harvest season"})
    html = page.content.decode()
    assert page.status_code == 200 and "Gender-impact note" in html and "30.0" in html
    assert 'name="change-confirm" value="1"' in html
    quota.refresh_from_db()
    assert quota.limit == 100  # nothing changed before the confirmation
    client.post(
        url, {"change-limit": "200", "change-reason": "Harvest season", "change-confirm": "1"}
    )
    quota.refresh_from_db()
    assert quota.limit == 200 and quota.gender_impact["places_change"] == 100
    assert quota.gender_impact["expected_women"] == 30
    public = client.get("/en/permits/fees/").content.decode()
    assert "Gender-impact note" in public and str(quota) in public and "30.0" in public


def test_new_quota_form_shows_the_note_first(client, pm):
    staff_login(client, pm["senior_officer"])
    data = {
        "country": "KZ",
        "year": timezone.localdate().year,
        "kind": "PT",
        "limit": "40",
        "reason": "Decree 3",
    }
    page = client.post("/admin/permits/quota-new/", data)
    assert "Gender-impact note" in page.content.decode() and not Quota.objects.exists()
    client.post("/admin/permits/quota-new/", {**data, "confirm": "1"})
    assert Quota.objects.get().gender_impact["places_after"] == 40
