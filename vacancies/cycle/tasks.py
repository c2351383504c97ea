"""Background work of the migration cycle (Django tasks; immediate in development and tests)."""

from portal.durable_tasks import durable_task

from .services import cycle_daily


@durable_task
def cycle_daily_task() -> dict:
    """Once a day: registration reminders, late registrations, overstay cases."""
    return cycle_daily()
