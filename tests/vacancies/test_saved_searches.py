"""Saved vacancy searches and their alerts (vacancies/services/saved_searches.py): newly
published matching vacancies, at most once a day per search, in the reader's language, with a
one-click unsubscribe that needs no sign-in."""

import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from portal import notifications
from portal.models import AuditEvent
from tests.concurrency import at_once
from tests.conftest import requires_postgres
from tests.permits.test_quotas import flushable_audit_log  # noqa: F401
from vacancies.models import JobOrder, SavedSearch
from vacancies.selectors import VacancyFilters
from vacancies.services import saved_searches as alerts

from .factories import published
from .test_search_languages import two_jobs  # noqa: F401  (a welder in Busan and an apple picker)

pytestmark = pytest.mark.django_db


def publish_at(job_order: JobOrder, when) -> JobOrder:
    """Pretend the vacancy was published at `when` (the service stamps the approval time)."""
    JobOrder.objects.filter(pk=job_order.pk).update(published_at=when)
    job_order.refresh_from_db()
    return job_order


def save(user, *, q="", country="", language="en", **kwargs) -> SavedSearch:
    """Save a search for `user`, who reads in `language` (the alerts follow the account's)."""
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
    return alerts.saved_search_create(
        filters=VacancyFilters(q=q, country=country, **kwargs), language=language, owner=user
    )


def backdate(search: SavedSearch, when) -> SavedSearch:
    SavedSearch.objects.filter(pk=search.pk).update(created_at=when)
    search.refresh_from_db()
    return search


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Run the daily job at `now` and return the e-mails it sent."""

    def run(now):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            alerts.saved_search_alerts_send(now=now)
        return list(mail.outbox)

    return run


def test_only_newly_published_matching_vacancies_are_sent(v, send):
    now = timezone.now()
    old = publish_at(published(v), now - timedelta(days=3))
    search = backdate(save(v["worker"], country="KZ"), now - timedelta(days=2))
    new = publish_at(published(v, title="Cherry picker"), now - timedelta(hours=5))
    elsewhere = publish_at(published(v, title="Pear picker"), now - timedelta(hours=4))
    JobOrder.objects.filter(pk=elsewhere.pk).update(destination_country_id="KR")

    (message,) = send(now)
    assert message.to == ["worker@example.org"]
    assert f"/en/vacancies/{new.pk}/" in message.body and "Cherry picker" in message.body
    assert f"/vacancies/{old.pk}/" not in message.body
    assert f"/vacancies/{elsewhere.pk}/" not in message.body
    assert f"/en/vacancies/alerts/stop/{search.token}/" in message.body
    search.refresh_from_db()
    assert search.last_alerted_at == now
    assert (
        AuditEvent.objects.filter(action="saved_search.alert", object_id=str(search.pk)).count()
        == 1
    )


def test_at_most_one_alert_a_day_per_search(v, send):
    now = timezone.now()
    backdate(save(v["worker"], country="KZ"), now - timedelta(days=2))
    publish_at(published(v), now - timedelta(hours=3))
    assert len(send(now)) == 1
    # Another vacancy an hour later: the search was alerted today, so nothing yet...
    later = publish_at(published(v, title="Cherry picker"), now + timedelta(minutes=30))
    assert send(now + timedelta(hours=1)) == []
    assert send(now + timedelta(hours=22)) == []
    # ...and the next day it comes, alone.
    (message,) = send(now + timedelta(days=1))
    assert f"/vacancies/{later.pk}/" in message.body and "Apple picker" not in message.body
    # Nothing new: no message at all, and nothing recorded.
    assert send(now + timedelta(days=2)) == []
    assert AuditEvent.objects.filter(action="saved_search.alert").count() == 2


@requires_postgres
def test_a_tajik_search_word_finds_a_welder_and_the_alert_is_in_tajik(v, two_jobs, send):  # noqa: F811
    welder, apples = two_jobs
    now = timezone.now()
    search = backdate(save(v["worker"], q="кафшергар", language="tg"), now - timedelta(days=1))
    publish_at(welder, now - timedelta(hours=2))
    publish_at(apples, now - timedelta(hours=2))

    (message,) = send(now)
    assert f"/tg/vacancies/{welder.pk}/" in message.body
    assert f"/vacancies/{apples.pk}/" not in message.body
    # No Tajik title: the Russian one (the second language of the region), not the English.
    assert "Рабочий верфи" in message.body and "Ship hull worker" not in message.body
    assert f"/tg/vacancies/alerts/stop/{search.token}/" in message.body
    assert "«кафшергар»" in message.body
    assert "New vacancies" not in message.subject  # the subject is in Tajik too


class Chats:
    """Stands in for the Telegram bot's channel, which the bot registers as "telegram"."""

    label = "Telegram"

    def __init__(self):
        self.sent = []

    def address_of(self, user):
        return None

    def send(self, value, subject, body):
        self.sent.append((value, subject, body))
        return f"message {len(self.sent)}"


def test_a_telegram_search_is_alerted_in_its_chat_in_its_language(v, send, monkeypatch):
    now = timezone.now()
    search = backdate(
        alerts.saved_search_create(
            filters=VacancyFilters(country="KZ"), language="ky", telegram_chat_id=777
        ),
        now - timedelta(days=1),
    )
    job = publish_at(published(v), now - timedelta(hours=1))
    # No Telegram channel registered (a deployment without the bot): the search waits, and
    # nothing is marked as sent.
    monkeypatch.delitem(notifications._CHANNELS, "telegram", raising=False)
    assert send(now) == []
    search.refresh_from_db()
    assert search.last_alerted_at is None

    chats = Chats()
    monkeypatch.setitem(notifications._CHANNELS, "telegram", chats)
    assert send(now) == []  # no e-mail: the chat is the only recipient
    ((chat, subject, body),) = chats.sent
    assert chat == "777"
    with translation.override("ky"):
        assert subject == translation.gettext("New vacancies for your saved search")
    # No Kyrgyz title: the Russian one (the second language of the region).
    assert "Сборщик яблок" in body and f"/ky/vacancies/{job.pk}/" in body
    assert f"/ky/vacancies/alerts/stop/{search.token}/" in body
    assert body.rstrip().endswith("/ky/vacancies/?country=KZ")  # the whole search, last
    assert alerts.saved_search_stop(telegram_chat_id=777) == 1


def test_a_stopped_search_gets_nothing(v, send):
    now = timezone.now()
    search = backdate(save(v["worker"], country="KZ"), now - timedelta(days=1))
    publish_at(published(v), now - timedelta(hours=1))
    assert alerts.saved_search_stop(token=search.token) == 1
    assert alerts.saved_search_stop(token=search.token) == 0  # twice is harmless
    assert send(now) == []
    assert AuditEvent.objects.filter(action="saved_search.stop").count() == 1


def test_stop_by_token_owner_and_chat(v, other_worker):
    mine = save(v["worker"], country="KZ")
    theirs = save(other_worker, country="KZ")
    with pytest.raises(SavedSearch.DoesNotExist):
        alerts.saved_search_stop(by=v["worker"], search_id=theirs.pk)
    with pytest.raises(SavedSearch.DoesNotExist):
        alerts.saved_search_stop(token="not-a-token")
    theirs.refresh_from_db()
    assert theirs.active
    assert alerts.saved_search_stop(by=v["worker"], search_id=mine.pk) == 1

    chat = alerts.saved_search_create(
        filters=VacancyFilters(q="сварщик"), language="ky", telegram_chat_id=4242
    )
    alerts.saved_search_create(
        filters=VacancyFilters(country="KR"), language="ky", telegram_chat_id=4242
    )
    assert chat.owner is None and chat.language == "ky"
    assert list(alerts.saved_searches_of(telegram_chat_id=4242).order_by("pk"))[0] == chat
    assert alerts.saved_search_stop(telegram_chat_id=4242) == 2
    assert not alerts.saved_searches_of(telegram_chat_id=4242).exists()
    assert alerts.saved_searches_of(user=other_worker).get() == theirs


def test_a_search_needs_a_filter_and_one_holder(v):
    with pytest.raises(ValidationError) as error:
        save(v["worker"], wage_min=None)
    assert error.value.messages == [str(alerts.ERROR_EMPTY)]
    with pytest.raises(ValueError):
        alerts.saved_search_create(filters=VacancyFilters(q="x"), language="ru")
    with pytest.raises(ValueError):
        alerts.saved_search_create(
            filters=VacancyFilters(q="x"), language="ru", owner=v["worker"], telegram_chat_id=1
        )


def test_the_same_search_twice_is_kept_once_and_the_number_is_bounded(v, monkeypatch):
    first = save(v["worker"], q="  apple   picker ", country="kz")
    assert (first.q, first.country) == ("apple picker", "KZ")
    assert save(v["worker"], q="apple picker", country="KZ") == first
    monkeypatch.setattr(alerts, "MAX_ACTIVE_SEARCHES", 2)
    save(v["worker"], q="cherry")
    with pytest.raises(ValidationError) as error:
        save(v["worker"], q="pear")
    assert "2 searches" in error.value.messages[0]


def test_a_double_tap_saves_once_and_a_key_is_no_way_into_another_search(v, other_worker):
    key = uuid.uuid4()
    filters = VacancyFilters(q="apple")
    first = alerts.saved_search_create(
        filters=filters, language="ru", owner=v["worker"], submission_key=key
    )
    again = alerts.saved_search_create(
        filters=VacancyFilters(q="cherry"), language="ru", owner=v["worker"], submission_key=key
    )
    assert again == first and SavedSearch.objects.count() == 1
    with pytest.raises(ValidationError):
        alerts.saved_search_create(
            filters=filters, language="ru", owner=other_worker, submission_key=key
        )


@requires_postgres
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_five_runs_at_once_alert_a_search_once(v, flushable_audit_log):  # noqa: F811
    """The daily job started twice (a retry, two schedulers): each search is locked while it
    is alerted and checked again once locked, so only one run sends."""
    now = timezone.now()
    backdate(save(v["worker"], country="KZ"), now - timedelta(days=1))
    publish_at(published(v), now - timedelta(hours=1))
    mail.outbox.clear()
    sent, errors = at_once(lambda: alerts.saved_search_alerts_send(now=now), 5)
    assert errors == []
    assert sorted(sent) == [0, 0, 0, 0, 1] and len(mail.outbox) == 1
    assert AuditEvent.objects.filter(action="saved_search.alert").count() == 1
