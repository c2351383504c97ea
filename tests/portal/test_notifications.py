"""The one notification entry point: queued after commit, rendered per recipient in that
person's preferred language, dates in that language's format."""

import datetime

import pytest
from django.core import mail
from django.db import transaction
from django.utils import translation

from portal.notifications import notify
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

DEADLINE = datetime.date(2027, 1, 5)


def test_each_recipient_reads_the_notification_in_their_own_language(
    django_capture_on_commit_callbacks,
):
    tajik = make_user("tj@example.org")
    tajik.preferred_language = "tg"
    tajik.save()
    english = make_user("en@example.org")
    english.preferred_language = "en"
    english.save()
    with translation.override("kk"):  # the language of whoever acts does not matter
        with django_capture_on_commit_callbacks(execute=True):
            notify(
                event="permit_application.submit",
                recipients=[tajik, english, "x@example.org"],
                context={
                    "kind": "WP",
                    "status": "submitted",
                    "deadline": DEADLINE,
                    "path": "/permits/application/1/",
                },
            )
    sent = {m.to[0]: m for m in mail.outbox}
    assert sorted(sent) == ["en@example.org", "tj@example.org", "x@example.org"]
    assert sent["en@example.org"].subject == (
        "Karavan: your work permit application is now “Submitted”"
    )
    assert "05.01.2027" not in sent["en@example.org"].body  # English dates stay English
    assert "Аризаи шумо қабул шуд" in sent["tj@example.org"].body
    assert "05.01.2027" in sent["tj@example.org"].body
    # An address that belongs to nobody gets the portal's default language, Russian.
    assert "Ваше заявление получено" in sent["x@example.org"].body
    assert all("/permits/application/1/" in m.body for m in sent.values())


def test_nothing_is_sent_for_a_change_that_rolls_back(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            notify(
                event="licence_application.approve",
                recipients=["a@example.org"],
                context={"number": "KZ-LIC-1"},
            )
            raise RuntimeError("rolled back")
    assert mail.outbox == []


def test_an_undeclared_event_fails_at_the_call_not_in_the_worker():
    with pytest.raises(KeyError):
        notify(event="no.such.event", recipients=["a@example.org"])


def test_the_language_is_set_at_sign_up_and_changed_in_the_account(client):
    from portal.models import User

    response = client.post(
        "/tg/accounts/signup/",
        {
            "email": "new.worker@example.org",
            "password1": "a-long-Passphrase-2026",
            "password2": "a-long-Passphrase-2026",
        },
    )
    assert response.status_code in (200, 302)
    user = User.objects.get(email="new.worker@example.org")
    assert user.preferred_language == "tg"  # the page it signed up on
    client.force_login(user)
    client.post("/ru/dashboard/language/", {"language": "uz"})
    user.refresh_from_db()
    assert user.preferred_language == "uz"
    assert client.post("/ru/dashboard/language/", {"language": "xx"}).status_code == 302
    user.refresh_from_db()
    assert user.preferred_language == "uz"
