"""Background work shared by every app (Django 6 tasks: immediate in dev, database queue in production)."""

from django.tasks import task


@task()
def notification_send(*, event: str, user_ids: list[int], addresses: list[str],
                      context: dict) -> int:
    """Deliver one notification event to its recipients (see `portal.notifications`), in the
    background so a slow mail server never blocks a page."""
    from .notifications import deliver

    return deliver(event=event, user_ids=user_ids, addresses=addresses, context=context)
