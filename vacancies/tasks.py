"""Background work for vacancies (Django tasks; immediate in development and tests)."""

from portal.durable_tasks import durable_task


@durable_task
def saved_search_alerts_task() -> int:
    """Once a day: send each saved search the matching vacancies published since its last
    alert (`vacancies.services.saved_search_alerts_send`); returns how many alerts went out."""
    from .services import saved_search_alerts_send

    return saved_search_alerts_send()
