"""Background work for protection (Django tasks; immediate in development and tests)."""

from django.tasks import task

from .services import protection_daily


@task
def protection_daily_task() -> dict:
    """Once a day: escalate referrals whose answer is overdue."""
    return protection_daily()
