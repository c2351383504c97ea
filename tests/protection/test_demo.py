"""The demo loads through the services: organisations of each kind that receive referrals,
their accounts, and help requests and referrals in every state."""

import pytest

from licensing.protection.demo import load_demo
from licensing.protection.models import HelpReferral, HelpRequest, Party

pytestmark = pytest.mark.django_db


def test_demo_covers_every_state_and_kind_of_party():
    from portal.demo import load_demo_core

    core = load_demo_core()
    load_demo(core=core, stdout=None)
    load_demo(core=core, stdout=None)  # idempotent
    assert HelpRequest.objects.count() == 8
    assert set(HelpRequest.objects.values_list("status", flat=True)) == {
        "received",
        "triaged",
        "referred",
        "closed",
    }
    assert set(HelpReferral.objects.values_list("status", flat=True)) == {
        "sent",
        "escalated",
        "answered",
    }
    assert set(HelpReferral.objects.values_list("party", flat=True)) == set(Party.values)
    assert set(HelpRequest.objects.values_list("outcome", flat=True)) >= {"resolved", "returned"}
    assert HelpRequest.objects.filter(priority="urgent").exists()
