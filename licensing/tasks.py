"""Background work for licensing (Django tasks; immediate in development and tests)."""

from portal.durable_tasks import durable_task

from .services import licences_daily


@durable_task
def licensing_daily_task() -> dict:
    """Once a day: expire overdue licences and send 60- and 30-day expiry reminders."""
    return licences_daily()


@durable_task
def permits_daily_task() -> dict:
    """Once a day: expire work permits and patents past their term, patent lapse reminders."""
    from .permits.services import permits_daily

    return permits_daily()
