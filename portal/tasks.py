"""Background work shared by every app (Django 6 tasks: immediate in dev, database queue in production)."""

from .durable_tasks import durable_task


@durable_task
def notification_send(*, event: str, user_ids: list[int], addresses: list, context: dict) -> int:
    """Render one notification event for its recipients (see `portal.notifications`), record
    a delivery per person per channel and queue `notification_delivery_send` for each."""
    from .notifications import deliver

    return deliver(event=event, user_ids=user_ids, addresses=addresses, context=context)


@durable_task
def notification_delivery_send(*, delivery_id: int, value: str = "") -> str:
    """Send one recorded delivery through its channel; a failure queues this task again after a
    growing delay (KARAVAN_NOTIFY_RETRY_DELAYS) and the last one marks the delivery failed."""
    from .notifications import delivery_attempt

    return delivery_attempt(delivery_id=delivery_id, value=value)
