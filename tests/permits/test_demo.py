"""The demo data loads through the services and covers every state the issue asks for."""

import pytest

from licensing.permits import selectors
from licensing.permits.demo import load_demo
from licensing.permits.models import Patent, PermitApplication, Quota

pytestmark = pytest.mark.django_db


def test_demo_data_covers_every_state_for_both_tracks(tmp_path, settings):
    from licensing.demo import load_demo as load_licensing_demo
    from portal.demo import load_demo_core

    core = load_demo_core()
    load_licensing_demo(core=core, stdout=None)
    load_demo(core=core, stdout=None)
    load_demo(core=core, stdout=None)  # idempotent
    states = set(PermitApplication.objects.filter(kind="WP").values_list("status", flat=True))
    assert states == {
        "draft",
        "submitted",
        "under_review",
        "info_requested",
        "approved",
        "refused",
        "withdrawn",
    }
    assert {"draft", "submitted", "under_review", "approved", "refused"} <= set(
        PermitApplication.objects.filter(kind="PT").values_list("status", flat=True)
    )
    assert PermitApplication.objects.filter(fast_track=True).exists()
    assert PermitApplication.objects.filter(
        agency__isnull=False, worker_consent_at__isnull=False
    ).exists()
    statuses = {selectors.patent_effective_status(p) for p in Patent.objects.all()}
    assert {"active", "lapsed"} <= statuses
    quotas = list(Quota.objects.all())
    assert any(q.used == q.limit for q in quotas)
    assert any(0 < q.used < q.limit for q in quotas)
    full = next(q for q in quotas if q.used == q.limit)
    assert PermitApplication.objects.filter(
        status="refused", decision_reason__contains=str(full)
    ).exists()
