"""Saved vacancy searches and their alerts: a worker keeps a search of the public vacancy
list (on the web, or in the Telegram bot without an account) and is told, at most once a day,
of the vacancies published since the last alert that match it. Every alert carries a
one-click unsubscribe link (`/<lang>/vacancies/alerts/stop/<token>/`, no sign-in).

Used by the web views (`vacancies/views_alerts.py`), the Telegram bot, and the daily job
(`manage.py saved_search_alerts`, `vacancies.tasks.saved_search_alerts_task`).
"""

from dataclasses import asdict
from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from portal.audit import audit_record, field_changes
from portal.models import Country, IscoGroup, Language, Region
from portal.notifications import Address, channel_names, language_of, notify
from portal.policy import scope
from portal.submissions import create_once
from vacancies.permissions import VacancyPermission

from ..models import SavedSearch
from ..selectors import VacancyFilters, vacancy_page, vacancy_search

#: "At most once a day": a search is alerted again only this long after its last alert (an
#: hour less than a day, so a daily job that starts a few minutes early still sends).
ALERT_INTERVAL = timedelta(hours=23)
#: Vacancies listed in one alert; the rest are behind a link to the search.
ALERT_MAX_LISTED = 10
#: Active saved searches one account or one Telegram chat may keep.
MAX_ACTIVE_SEARCHES = 20
#: Who the audit log names for a search saved or stopped in the Telegram bot (no chat id).
TELEGRAM_ACTOR = "telegram"

ERROR_EMPTY = _("Choose at least a word, a country, a region or an occupation to get alerts.")
ERROR_TOO_MANY = _("You already get alerts for %(max)s searches. Stop one to save another.")
ERROR_NOT_YOURS = _("This saved search is not yours.")

#: SavedSearch field → VacancyFilters field (and the search form's parameter).
FILTER_FIELDS = {
    "q": "q",
    "country": "country",
    "region": "region",
    "occupation": "occupation",
    "month": "month",
    "work_language": "language",
    "wage_min": "wage_min",
    "currency": "currency",
}


def _stored(filters: VacancyFilters) -> dict:
    """The search's column values from `filters`, trimmed as the search reads them."""
    values = asdict(filters)
    stored = {field: values[name] for field, name in FILTER_FIELDS.items()}
    for field in ("q", "country", "region", "occupation", "work_language", "currency"):
        stored[field] = (stored[field] or "").strip()
    stored["q"] = " ".join(stored["q"].split())[:100]
    stored["country"] = stored["country"].upper()
    stored["currency"] = stored["currency"].upper()
    stored["month"] = stored["month"] or None
    return stored


def saved_search_filters(search: SavedSearch) -> VacancyFilters:
    """The public search's filters for a saved search."""
    return VacancyFilters(
        **{
            name: getattr(search, field)
            if getattr(search, field) is not None
            else VacancyFilters.__dataclass_fields__[name].default
            for field, name in FILTER_FIELDS.items()
        }
    )


def _holder(owner, telegram_chat_id) -> dict:
    if (owner is None) == (telegram_chat_id is None):
        raise ValueError("a saved search belongs to exactly one of owner or telegram_chat_id")
    return {"owner": owner} if owner is not None else {"telegram_chat_id": int(telegram_chat_id)}


def saved_search_create(
    *,
    filters: VacancyFilters,
    language: str,
    owner=None,
    telegram_chat_id: int | None = None,
    submission_key=None,
) -> SavedSearch:
    """Save a vacancy search and start its alerts; returns the saved search.

    Give exactly one of `owner` (a signed-in user) or `telegram_chat_id` (an int: a bot user
    without an account). `filters` are those of the public search (`VacancyFilters`: q,
    country, region, occupation, month, language, wage_min, currency); `language` is the
    language the person uses (one of the seven; alerts to an account follow the account's
    own language choice). Saving a search the holder already has returns that one; the
    web form's one-time `submission_key` makes a double tap save once.

    Raises ValidationError (ERROR_EMPTY, ERROR_TOO_MANY) with a message for the person.
    """
    holder = _holder(owner, telegram_chat_id)
    values = _stored(filters)
    if not any(
        values[field]
        for field in ("q", "country", "region", "occupation", "month", "work_language")
    ):
        raise ValidationError(ERROR_EMPTY)

    def create() -> SavedSearch:
        active = SavedSearch.objects.filter(active=True, **holder)
        same = active.filter(**values).first()
        if same is not None:
            return same
        if active.count() >= MAX_ACTIVE_SEARCHES:
            raise ValidationError(ERROR_TOO_MANY, params={"max": MAX_ACTIVE_SEARCHES})
        search = SavedSearch.objects.create(
            **holder, **values, language=language_of(language), submission_key=submission_key
        )
        audit_record(
            actor=owner or TELEGRAM_ACTOR,
            action="saved_search.create",
            obj=search,
            role="worker",
            to_state="active",
            changes=field_changes({}, {k: v for k, v in values.items() if v}),
        )
        return search

    def check(row: SavedSearch) -> None:
        if (row.owner_id, row.telegram_chat_id) != (
            getattr(owner, "pk", None),
            holder.get("telegram_chat_id"),
        ):
            raise ValidationError(ERROR_NOT_YOURS)

    return create_once(SavedSearch, submission_key, create, check=check)


def saved_search_stop(
    *, token: str = "", by=None, telegram_chat_id: int | None = None, search_id: int | None = None
) -> int:
    """Stop alerts; returns how many searches were stopped now (0: already stopped, which is
    not an error — an unsubscribe link may be opened twice). Give exactly one of:

    - `token`: the search of that unsubscribe link (no sign-in needed);
    - `by` (a user), with `search_id` for one of their own searches, or without for all;
    - `telegram_chat_id` (the bot's /stop), with `search_id` for one search, or without for
      all of that chat's searches.

    Raises SavedSearch.DoesNotExist when the token or `search_id` names no search of the
    caller: someone else's search is treated as one that does not exist.
    """
    if sum((bool(token), by is not None, telegram_chat_id is not None)) != 1:
        raise ValueError("give exactly one of token, by or telegram_chat_id")
    if token:
        searches = SavedSearch.objects.filter(token=token)
        reason, actor = "unsubscribe link", None
    elif by is not None:
        searches = scope(by, VacancyPermission.SAVED_SEARCH_MANAGE, SavedSearch.objects.all())
        reason, actor = "owner", by
    else:
        searches = SavedSearch.objects.filter(telegram_chat_id=int(telegram_chat_id))
        reason, actor = "telegram", TELEGRAM_ACTOR
    if search_id is not None:
        searches = searches.filter(pk=search_id)
    if (token or search_id is not None) and not searches.exists():
        raise SavedSearch.DoesNotExist
    stopped = 0
    with transaction.atomic():
        now = timezone.now()
        for search in searches.filter(active=True).select_for_update().order_by("pk"):
            search.active = False
            search.stopped_at = now
            search.save(update_fields=["active", "stopped_at"])
            audit_record(
                actor=actor,
                action="saved_search.stop",
                obj=search,
                role="worker",
                from_state="active",
                to_state="stopped",
                reason=reason,
            )
            stopped += 1
    return stopped


# --- reads -----------------------------------------------------------------------------------


def saved_search_for_token(token: str) -> SavedSearch | None:
    """The search of an unsubscribe link, or None for a token that names none."""
    if not token or len(token) > SavedSearch._meta.get_field("token").max_length:
        return None
    return SavedSearch.objects.filter(token=token).first()


def saved_searches_of(
    *, user=None, telegram_chat_id: int | None = None, active: bool = True
) -> QuerySet[SavedSearch]:
    """A user's (or a Telegram chat's) saved searches, newest first; active ones only unless
    `active` is False."""
    holder = _holder(user, telegram_chat_id)
    qs = (
        scope(user, VacancyPermission.SAVED_SEARCH_MANAGE, SavedSearch.objects.all())
        if user is not None
        else SavedSearch.objects.filter(**holder)
    )
    return qs.filter(active=True) if active else qs


def saved_search_label(search: SavedSearch) -> str:
    """The search in words, in the active language: "welder, Korea, 7 Craft workers"."""
    parts = [f"«{search.q}»"] if search.q else []
    for model, value in (
        (Country, search.country),
        (Region, search.region),
        (Language, search.work_language),
    ):
        if value:
            row = model.objects.filter(pk=value).first()
            parts.append(row.local if row else value)
    if search.occupation:
        group = IscoGroup.objects.filter(code=search.occupation).first()
        parts.append(f"{search.occupation} {group.local}" if group else search.occupation)
    if search.month:
        parts.append(formats_month(search.month))
    if search.wage_min is not None:
        parts.append(f"≥ {search.wage_min} {search.currency}".strip())
    elif search.currency:
        parts.append(search.currency)
    return ", ".join(parts)


def formats_month(month: int) -> str:
    from django.utils.dates import MONTHS

    return str(MONTHS[month])


def saved_search_path(search: SavedSearch, *, lang: str) -> str:
    """The public search page for this search, in `lang` (path and query string)."""
    params = {
        name: getattr(search, field)
        for field, name in FILTER_FIELDS.items()
        if getattr(search, field) not in (None, "")
    }
    with translation.override(lang):
        path = reverse("vacancies:vacancy_list")
    return path + (f"?{urlencode(params)}" if params else "")


def saved_search_url(search: SavedSearch, *, lang: str) -> str:
    """The same as a full URL (for messages)."""
    return _full(saved_search_path(search, lang=lang))


def _full(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


# --- alerts ----------------------------------------------------------------------------------


def _due(search: SavedSearch, now: datetime) -> bool:
    return search.active and (
        search.last_alerted_at is None or search.last_alerted_at <= now - ALERT_INTERVAL
    )


def saved_search_new_vacancies(search: SavedSearch, *, now: datetime) -> QuerySet:
    """Published vacancies matching the search (the public search itself, so a word matches
    in any of the seven languages) published after its last alert, or after it was saved."""
    since = search.last_alerted_at or search.created_at
    return vacancy_search(filters=saved_search_filters(search), on=timezone.localdate(now)).filter(
        published_at__gt=since, published_at__lte=now
    )


#: The notification channel of searches saved in the Telegram bot (registered by the bot).
TELEGRAM_CHANNEL = "telegram"


def _recipient(search: SavedSearch) -> tuple[object, str] | None:
    """(whom to notify, the language the message will be read in), or None while no channel
    reaches the holder (a Telegram chat before the bot's channel is registered): the search
    then waits, its vacancies kept for the next run. An account is told through the channels
    it chose, in its own language, as `portal.notifications` renders it."""
    if search.owner_id:
        return search.owner, language_of(search.owner.preferred_language)
    if TELEGRAM_CHANNEL in channel_names():
        language = language_of(search.language)
        return Address(TELEGRAM_CHANNEL, str(search.telegram_chat_id), language), language
    return None


def _alert_text(search: SavedSearch, jobs: list, total: int, lang: str) -> str:
    """The list of vacancies (titles in the reader's language where the job order has them,
    each with its link) and the unsubscribe link, in `lang`."""
    lines = []
    with translation.override(lang):
        for job in jobs:
            title = job.content_for(lang, fields=("title",))[0]["title"]
            lines.append(f"• {title} — {_full(reverse('vacancies:vacancy_detail', args=[job.pk]))}")
        if total > len(jobs):
            lines.append(
                _g("… and %(count)s more: %(url)s")
                % {"count": total - len(jobs), "url": saved_search_url(search, lang=lang)}
            )
        stop = _full(reverse("vacancies:alert_stop", args=[search.token]))
        return "\n".join(lines) + "\n\n" + _g("To stop these alerts: %(url)s") % {"url": stop}


def _alert_one(pk: int, now: datetime) -> bool:
    """Send one search its new vacancies, if it is due and has any; True if sent."""
    with transaction.atomic():
        search = (
            SavedSearch.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("owner")
            .filter(pk=pk)
            .first()
        )
        if search is None or not _due(search, now):
            return False
        recipient = _recipient(search)
        found = saved_search_new_vacancies(search, now=now)
        jobs = vacancy_page(found, offset=0, limit=ALERT_MAX_LISTED)
        if recipient is None or not jobs:
            return False
        total = len(jobs) if len(jobs) < ALERT_MAX_LISTED else found.count()
        person, lang = recipient
        with translation.override(lang):
            label = saved_search_label(search)
        # The path (the whole search) comes last: an SMS carries the subject and that link.
        notify(
            event="saved_search.alert",
            recipients=[person],
            context={
                "search": label,
                "count": total,
                "text": _alert_text(search, jobs, total, lang),
                "path": saved_search_path(search, lang=lang),
            },
        )
        before = {"last_alerted_at": search.last_alerted_at}
        search.last_alerted_at = now
        search.save(update_fields=["last_alerted_at"])
        audit_record(
            actor=None,
            action="saved_search.alert",
            obj=search,
            role="system",
            changes=field_changes(before, {"last_alerted_at": now}),
            reason=f"{total} new vacancies",
        )
    return True


def saved_search_alerts_send(*, now: datetime | None = None) -> int:
    """The daily run: every active search not alerted in the last `ALERT_INTERVAL` gets the
    vacancies published since its last alert (or since it was saved) that match it — one
    message per search, at most once a day, none when nothing is new. Returns how many
    alerts were sent. Each search is handled in its own transaction with its row locked, so
    two runs at once never alert a search twice."""
    now = now or timezone.now()
    due = (
        SavedSearch.objects.filter(active=True)
        .filter(Q(last_alerted_at__isnull=True) | Q(last_alerted_at__lte=now - ALERT_INTERVAL))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return sum(_alert_one(pk, now) for pk in list(due))
