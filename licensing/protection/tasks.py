"""Background work for protection (Django tasks; immediate in development and tests)."""

from portal.durable_tasks import durable_task

from .services import protection_daily


@durable_task
def protection_daily_task() -> dict:
    """Once a day: escalate referrals whose answer is overdue."""
    return protection_daily()
