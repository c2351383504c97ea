"""Decision deadlines are counted in working days: Monday–Friday minus public holidays."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from licensing.permits import selectors
from licensing.permits.models import PublicHoliday
from portal.models import IscoGroup
from tests.conftest import make_user

from .conftest import submitted, under_review

pytestmark = pytest.mark.django_db


def test_working_days_skip_weekends_and_holidays():
    # Thursday 2026-12-10; Wednesday 16 December is Kazakhstan's Independence Day (from the
    # package); the authority adds a one-off day off on Monday 21 December for KG.
    PublicHoliday.objects.create(country_id="KG", date=date(2026, 12, 21), name="Decree day off")
    start = date(2026, 12, 10)
    assert selectors.working_days_add(country_id="KZ", start=start, days=1) == date(2026, 12, 11)
    assert selectors.working_days_add(country_id="KZ", start=start, days=2) == date(2026, 12, 14)
    # Fri 11, Mon 14, Tue 15, (Wed 16 holiday), Thu 17, Fri 18 → 5th working day is the 18th.
    assert selectors.working_days_add(country_id="KZ", start=start, days=5) == date(2026, 12, 18)
    assert selectors.working_days_add(country_id="KG", start=start, days=5) == date(2026, 12, 17)
    assert selectors.working_days_add(country_id="KG", start=start, days=6) == date(2026, 12, 18)
    assert selectors.working_days_add(country_id="KG", start=start, days=7) == date(2026, 12, 22)
    # 15 working days from Thursday 10 December: New Year (1 January) and its substitute day
    # (Monday 4 January, for Saturday 2 January) come from the `holidays` package → 5 January.
    assert selectors.working_days_add(country_id="KZ", start=start, days=15) == date(2027, 1, 5)
    # Counting from a Saturday starts on Monday.
    assert selectors.working_days_add(country_id="KZ", start=date(2026, 12, 12), days=1) == date(
        2026, 12, 14
    )


def test_working_days_left_is_negative_when_overdue():
    today = date(2026, 12, 14)  # Monday
    # Tue 15, (Wed 16 Independence Day), Thu 17, Fri 18.
    assert (
        selectors.working_days_left(country_id="KZ", deadline=date(2026, 12, 18), today=today) == 3
    )
    assert (
        selectors.working_days_left(country_id="KG", deadline=date(2026, 12, 18), today=today) == 4
    )
    assert selectors.working_days_left(country_id="KZ", deadline=today, today=today) == 0
    assert (
        selectors.working_days_left(country_id="KZ", deadline=date(2026, 12, 10), today=today) == -2
    )


@pytest.mark.parametrize(
    ("occupation", "qualification", "days"),
    [
        ("2512", "higher", 5),  # highly skilled: fast track
        ("7112", "vocational", 15),  # skilled: standard
    ],
)
def test_submission_sets_the_deadline_in_working_days(pm, occupation, qualification, days):
    PublicHoliday.objects.create(
        country_id="KZ", date=timezone.localdate() + timedelta(days=2), name="Test holiday"
    )
    application = submitted(
        pm["worker"], occupation=IscoGroup.objects.get(pk=occupation), qualification=qualification
    )
    expected = selectors.working_days_add(country_id="KZ", start=timezone.localdate(), days=days)
    assert application.decision_deadline == expected
    assert application.fast_track == (days == 5)


def test_queue_shows_overdue_cases_first_and_filters(pm):
    from licensing.permits.models import PermitApplication

    officer = pm["officer"]
    late = under_review(make_user("late@example.org"), officer)
    fresh = submitted(
        make_user("fresh@example.org"),
        occupation=IscoGroup.objects.get(pk="7112"),
        qualification="vocational",
    )
    PermitApplication.objects.filter(pk=late.pk).update(decision_deadline=date(2020, 1, 6))
    queue = list(selectors.permit_applications_queue(user=officer))
    assert [a.pk for a in queue] == [late.pk, fresh.pk]
    assert [a.pk for a in selectors.permit_applications_queue(user=officer, overdue=True)] == [
        late.pk
    ]
    assert [
        a.pk for a in selectors.permit_applications_queue(user=officer, category="skilled")
    ] == [fresh.pk]
    assert list(selectors.permit_applications_queue(user=pm["kg_officer"])) == []
