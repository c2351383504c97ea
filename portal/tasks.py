"""Background work shared by every app (Django 6 tasks: immediate in dev, database queue in production)."""

from django.core.mail import send_mail
from django.tasks import task


@task()
def notification_send(*, to: list[str], subject: str, body: str) -> int:
    """Send one plain-text e-mail; run in the background so a slow mail server never blocks a page."""
    return send_mail(subject, body, None, to, fail_silently=False)
