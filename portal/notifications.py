"""The one way Karavan tells a person that something happened to their case.

A service calls `notify(event=…, recipients=…, context=…)` inside its transaction; once the
transaction commits, one background task renders the event for each recipient *in that
recipient's preferred language*, records one `NotificationDelivery` per person per channel and
queues one delivery task each, which sends it and retries with growing delays. Nothing is sent
for a change that rolls back, and a slow gateway never holds up a page. Apps declare their
events with `event()` (in their `notifications.py`): a subject and a body with `%(name)s`
placeholders filled from the context.

Channels are objects registered by name with `register_channel(name, channel)`: `send(value,
subject, body) -> str` (the gateway's answer or message id; raises on failure) and
`address_of(user) -> str | None`; an optional `label` names it to people. "email" and "sms"
are built in; other apps register theirs (Telegram) in their AppConfig.ready(). A user's
`notification_channels` choose where their notifications go (default: the channel they signed
up with); `Address(channel, value)` reaches someone who has no account (an agency's e-mail).
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import formats, translation
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _lazy

logger = logging.getLogger("karavan.notifications")

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


@dataclass(frozen=True)
class Address:
    """Someone reached on a channel without (or beside) an account: `Address("email",
    "office@agency.example")`, `Address("sms", "+992901234567", "tg")`."""

    channel: str
    value: str
    language: str = ""


# --- channels ---------------------------------------------------------------------------------

_CHANNELS: dict[str, object] = {}


def register_channel(name: str, channel) -> None:
    """Make `channel` (an object with `send(value, subject, body) -> str` and
    `address_of(user) -> str | None`, optionally `label` and `mask(value)`) deliverable as
    `name`. Registering a name again replaces it."""
    _CHANNELS[name] = channel


def channel_get(name: str):
    return _CHANNELS[name]


def channel_names() -> list[str]:
    return list(_CHANNELS)


def channel_label(name: str) -> str:
    channel = _CHANNELS.get(name)
    return str(getattr(channel, "label", name)) if channel is not None else name


def channels_available(user) -> list[str]:
    """The registered channels `user` has an address for, in registration order."""
    return [name for name, channel in _CHANNELS.items() if channel.address_of(user)]


def channels_default(user) -> list[str]:
    """The channel a person signed up with: e-mail if they gave one, else SMS."""
    available = channels_available(user)
    return ([name for name in ("email", "sms") if name in available] or available)[:1]


def user_channels(user) -> list[str]:
    """Where `user`'s notifications go: their choice among the channels they have an address
    for, or the default when they chose none of those."""
    available = channels_available(user)
    chosen = [name for name in (user.notification_channels or []) if name in available]
    return chosen or channels_default(user)


def mask_address(channel: str, value: str) -> str:
    """Enough of an address to tell two apart, never the whole of it."""
    custom = getattr(_CHANNELS.get(channel), "mask", None)
    if custom is not None:
        return custom(value)
    if "@" in value:
        local, _at, domain = value.partition("@")
        return f"{local[:1]}…@{domain}"
    return value[:4] + "…" + value[-2:] if len(value) > 6 else "…"


class EmailChannel:
    """E-mail through Django's mailer (MAILERS); the answer is the message's Message-ID."""

    label = _lazy("E-mail")

    def address_of(self, user) -> str | None:
        return user.email or None

    def send(self, value: str, subject: str, body: str) -> str:
        from django.core.mail import EmailMessage
        from django.core.mail.message import make_msgid

        message_id = make_msgid(domain="karavan")
        EmailMessage(subject, body, None, [value], headers={"Message-ID": message_id}).send()
        return message_id


class SMSChannel:
    """SMS through the configured gateway (`portal.sms`): the subject and the link, within two
    segments; the body stays on the page."""

    label = _lazy("SMS")

    def address_of(self, user) -> str | None:
        return user.phone if user.phone and user.phone_verified else None

    def mask(self, value: str) -> str:
        from .sms import mask_phone

        return mask_phone(value)

    def send(self, value: str, subject: str, body: str) -> str:
        from . import sms

        return sms.sms_send(value, sms.notice_compose(subject, body))


register_channel("email", EmailChannel())
register_channel("sms", SMSChannel())


# --- queueing and delivery ---------------------------------------------------------------------


def notify(*, event: str, recipients: Iterable, context: dict | None = None) -> None:
    """Tell `recipients` (users, `Address`es, or bare e-mail addresses such as an agency's)
    about `event` once the current transaction commits. Unknown events fail now, not in the
    worker."""
    from .tasks import notification_send

    event_get(event)
    user_ids, addresses = set(), set()
    for person in recipients:
        if isinstance(person, str):
            person = Address("email", person)
        if isinstance(person, Address):
            value = person.value.strip()
            if value:
                value = value.lower() if person.channel == "email" else value
                addresses.add((person.channel, value, person.language))
        elif person is not None and person.pk:
            user_ids.add(person.pk)
    if not (user_ids or addresses):
        return
    payload = {
        "event": event,
        "user_ids": sorted(user_ids),
        "addresses": [list(address) for address in sorted(addresses)],
        "context": {key: _plain(value) for key, value in (context or {}).items()},
    }
    transaction.on_commit(lambda: notification_send.enqueue(**payload))


def _address_owner(channel: str, value: str):
    from .models import User

    field = {"email": "email__iexact", "sms": "phone"}.get(channel)
    return User.objects.filter(**{field: value}).order_by("pk").first() if field else None


def deliver(*, event: str, user_ids: list[int], addresses: list, context: dict) -> int:
    """Record one delivery per person per channel, rendered in that person's language, and
    queue a task for each (the body of `notification_send`). Returns the number queued.

    `addresses` holds `[channel, value, language]` lists (or bare e-mail strings)."""
    from .models import NotificationDelivery, User
    from .tasks import notification_delivery_send

    declared = event_get(event)
    targets = {}  # (channel, value) → (user, language, value to hand the task)
    for user in User.objects.filter(pk__in=user_ids or []).order_by("pk"):
        for name in user_channels(user):
            value = channel_get(name).address_of(user)
            targets.setdefault((name, value.lower()), (user, user.preferred_language, ""))
    for item in addresses:
        channel, value, language = ["email", item, ""] if isinstance(item, str) else item
        if channel not in _CHANNELS:
            continue
        owner = _address_owner(channel, value)
        language = language or (owner.preferred_language if owner else "")
        targets.setdefault((channel, value.lower()), (owner, language, value))
    rendered, queued = {}, []
    for (channel, _key), (user, language, value) in sorted(targets.items(), key=lambda t: t[0]):
        language = language_of(language)
        if language not in rendered:
            with translation.override(language):
                rendered[language] = declared.render(context)
        subject, body = rendered[language]
        address = value or channel_get(channel).address_of(user) or ""
        delivery = NotificationDelivery.objects.create(
            user=user,
            channel=channel,
            address=mask_address(channel, address)[:64],
            event=event,
            language=language,
            subject=subject[:255],
            body=body,
            url=_url(context),
        )
        queued.append((delivery.pk, value))
    for delivery_id, value in queued:
        notification_delivery_send.enqueue(delivery_id=delivery_id, value=value)
    return len(queued)


def _url(context: dict) -> str:
    return settings.SITE_URL.rstrip("/") + context["path"] if context.get("path") else ""


def retry_delays() -> list[int]:
    """Seconds to wait before each retry of a failed send; their number is the retries."""
    return [int(seconds) for seconds in settings.KARAVAN_NOTIFY_RETRY_DELAYS]


def delivery_attempt(*, delivery_id: int, value: str = "") -> str:
    """Send one recorded delivery (the body of `notification_delivery_send`): sent, or
    queued again with a growing delay, or failed after the last retry. Returns the status."""
    from django.utils import timezone

    from .models import NotificationDelivery
    from .tasks import notification_delivery_send

    Status = NotificationDelivery.Status
    with transaction.atomic():
        delivery = (
            NotificationDelivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("user")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None or delivery.status != Status.QUEUED:
            return delivery.status if delivery else "missing"
        delivery.attempts += 1
        retry_in = None
        try:
            channel = channel_get(delivery.channel)
            address = value or (channel.address_of(delivery.user) if delivery.user else None)
            if not address:
                raise LookupError("no address for this channel")
            answer = channel.send(address, delivery.subject, delivery.body)
            delivery.status, delivery.sent_at = Status.SENT, timezone.now()
            delivery.answer, delivery.next_attempt_at = str(answer or "")[:500], None
        except Exception as exc:  # any gateway failure is recorded, then retried or failed
            delivery.answer = f"{type(exc).__name__}: {exc}"[:500]
            delays = retry_delays()
            if delivery.attempts <= len(delays) and not isinstance(exc, (KeyError, LookupError)):
                retry_in = delays[delivery.attempts - 1]
                delivery.next_attempt_at = timezone.now() + timedelta(seconds=retry_in)
            else:
                delivery.status, delivery.next_attempt_at = Status.FAILED, None
            logger.warning(
                "notification %s via %s to %s: attempt %s failed (%s)",
                delivery.pk,
                delivery.channel,
                delivery.address,
                delivery.attempts,
                type(exc).__name__,
            )
        delivery.save()
    if retry_in is not None:
        task = notification_delivery_send
        if task.get_backend().supports_defer:
            task = task.using(run_after=delivery.next_attempt_at)
        task.enqueue(delivery_id=delivery.pk, value=value)
    return delivery.status


def language_of(code: str) -> str:
    """A supported language for `code`, else the portal's default (Russian)."""
    supported = {c for c, _name in settings.LANGUAGES}
    return code if code in supported else settings.LANGUAGE_CODE
