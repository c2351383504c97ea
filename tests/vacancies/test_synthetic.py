"""The benchmark generator writes whole, consistent profiles and published vacancies
(COPY on PostgreSQL, bulk_create elsewhere), batch after batch."""

import pytest
from django.core.management import call_command

from vacancies.models import WorkerLanguage, WorkerProfile
from vacancies.selectors import published_job_orders

pytestmark = pytest.mark.django_db


def test_generate_synthetic_profiles_and_vacancies(v):
    before = published_job_orders().count()
    call_command(
        "generate_synthetic",
        profiles=45,
        vacancies=12,
        batch_size=20,
        no_progress=True,
        stdout=None,
    )
    profiles = WorkerProfile.objects.filter(user__email__endswith="@synthetic.invalid")
    assert profiles.count() == 45
    assert published_job_orders().count() == before + 12
    for profile in profiles.prefetch_related("occupations", "skills", "languages"):
        assert len(profile.occupations.all()) == 1
        assert {wl.language_id for wl in profile.languages.all()} >= {"ru"}
        assert 3 <= len(profile.months_available) <= 9
        assert all(1 <= m <= 12 for m in profile.months_available)
        assert not profile.user.has_usable_password()
    assert WorkerLanguage.objects.filter(profile__in=profiles).count() == 90
    # A second run adds more, with new accounts (no clash with the first run's e-mails).
    call_command("generate_synthetic", profiles=5, seed=2, no_progress=True, stdout=None)
    assert WorkerProfile.objects.filter(user__email__endswith="@synthetic.invalid").count() == 50
