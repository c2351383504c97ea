"""The one way Karavan tells a person that something happened to their case.

A service calls `notify(event=…, recipients=…, context=…)` inside its transaction; once the
transaction commits, one background task renders the event for each recipient *in that
recipient's preferred language* and delivers it. Nothing is sent for a change that rolls back,
and a slow mail server never holds up a page. Apps declare their events with `event()` (in
their `notifications.py`): a subject and a body with `%(name)s` placeholders filled from the
context. Channels (e-mail today) are chosen inside the task, so adding one never touches a
caller.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import formats, translation
from django.utils.translation import gettext as _g

_EVENTS: dict[str, "Event"] = {}


@dataclass(frozen=True)
class Event:
    """What a notification says. `labels` maps context keys holding a choice's value to its
    TextChoices class, so "approved" reads "Одобрено" for a Russian reader."""

    code: str
    subject: str
    body: str | tuple  # one paragraph, or several
    labels: dict = field(default_factory=dict)
    lower: tuple = ()  # keys whose labels read in lower case inside a sentence

    def render(self, context: dict) -> tuple[str, str]:
        """(subject, body) in the active language."""
        values = {key: _readable(key, value, self.labels) for key, value in context.items()}
        values.update({key: values[key].lower() for key in self.lower if key in values})
        subject = str(self.subject) % values
        body = self.body if isinstance(self.body, tuple) else (self.body,)
        paragraphs = [str(paragraph) % values for paragraph in body]
        if context.get("text"):
            paragraphs.append(str(context["text"]))
        if context.get("path"):
            url = settings.SITE_URL.rstrip("/") + context["path"]
            paragraphs.append(_g("Open it in Karavan: %(url)s") % {"url": url})
        return " ".join(subject.split()), "\n\n".join(paragraphs)


def event(code: str, *, subject, body, labels: dict | None = None, lower: tuple = ()) -> Event:
    """Declare an event once (at import of the app's notifications module)."""
    declared = Event(code, subject, body, labels or {}, lower)
    _EVENTS[code] = declared
    return declared


def event_get(code: str) -> Event:
    return _EVENTS[code]


def _readable(key: str, value, labels: dict) -> str:
    if isinstance(value, dict) and "date" in value:
        return formats.date_format(date.fromisoformat(value["date"]), "SHORT_DATE_FORMAT")
    if key in labels and value not in (None, ""):
        return str(labels[key](value).label)
    return "" if value is None else str(value)


def _plain(value):
    """Context values as JSON for the task queue; dates are formatted later, per reader."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, Decimal):
        return str(value)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value if not isinstance(value, str) else str(value)
    return str(value)


def notify(*, event: str, recipients: Iterable, context: dict | None = None) -> None:
    """Tell `recipients` (users, or bare e-mail addresses such as an agency's) about `event`
    once the current transaction commits. Unknown events fail now, not in the worker."""
    from .tasks import notification_send

    event_get(event)
    user_ids, addresses = set(), set()
    for person in recipients:
        if isinstance(person, str):
            if person:
                addresses.add(person.strip().lower())
        elif person is not None and person.pk:
            user_ids.add(person.pk)
    if not (user_ids or addresses):
        return
    payload = {"event": event, "user_ids": sorted(user_ids), "addresses": sorted(addresses),
               "context": {key: _plain(value) for key, value in (context or {}).items()}}
    transaction.on_commit(lambda: notification_send.enqueue(**payload))


def deliver(*, event: str, user_ids: list[int], addresses: list[str], context: dict) -> int:
    """Render and send one message per person, each in their own language (the task's body)."""
    from django.core.mail import send_mail

    from .models import User

    declared = event_get(event)
    people = {}  # address → language
    users = User.objects.filter(pk__in=user_ids) if user_ids else User.objects.none()
    for user in users:
        if user.email:
            people[user.email.lower()] = user.preferred_language
    known = {u.email.lower(): u.preferred_language
             for u in User.objects.filter(email__in=addresses).exclude(email=None)} if addresses else {}
    for address in addresses:
        people.setdefault(address, known.get(address, ""))
    sent = 0
    for address, language in sorted(people.items()):
        with translation.override(language_of(language)):
            subject, body = declared.render(context)
        sent += send_mail(subject, body, None, [address], fail_silently=False)
    return sent


def language_of(code: str) -> str:
    """A supported language for `code`, else the portal's default (Russian)."""
    supported = {c for c, _name in settings.LANGUAGES}
    return code if code in supported else settings.LANGUAGE_CODE
