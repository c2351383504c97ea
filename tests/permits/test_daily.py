"""The permits daily run (issue 22): documents past their term are expired as stored state
(one audit event each, the kernel's SYSTEM move); patent holders are told once, a week ahead,
that their prepaid fees run out."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from licensing.permits.models import Patent
from licensing.permits.services import permits_daily
from portal.models import AuditEvent

from .test_payments import _pay, patent  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db


def test_a_patent_holder_is_reminded_once_before_the_fees_run_out(
    pm,
    patent,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    _pay(patent, pm["worker"], 1, timezone.localdate())
    paid_until = patent.paid_until
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert permits_daily(today=paid_until - timedelta(days=8))["lapse_reminders"] == 0
        assert permits_daily(today=paid_until - timedelta(days=7))["lapse_reminders"] == 1
        assert permits_daily(today=paid_until - timedelta(days=6))["lapse_reminders"] == 0
    assert [m.to for m in mail.outbox] == [[pm["worker"].email]]
    assert patent.number in mail.outbox[0].subject
    patent.refresh_from_db()
    assert patent.lapse_reminded_for == paid_until


def test_documents_past_their_term_expire_with_an_audit_event(pm, patent):  # noqa: F811
    result = permits_daily(today=patent.valid_until + timedelta(days=1))
    assert result["expired"] == 1
    patent.refresh_from_db()
    assert patent.status == "expired"
    event = AuditEvent.objects.get(action="patent.expire")
    assert (event.actor, event.from_state, event.to_state, event.role) == (
        None,
        "active",
        "expired",
        "system",
    )
    assert permits_daily(today=patent.valid_until + timedelta(days=2))["expired"] == 0


def test_the_command_runs_the_job(pm, patent, capsys):  # noqa: F811
    call_command("permits_daily")
    assert "'expired': 0" in capsys.readouterr().out
    assert Patent.objects.get().status == "active"
