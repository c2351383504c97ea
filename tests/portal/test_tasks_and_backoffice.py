"""Background work through the tasks API, the audit log in the back office, the Redis cache."""

import os

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from portal.audit import audit_record
from portal.models import AuditEvent
from portal.tasks import notification_send
from tests.conftest import give_totp

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db
def test_tasks_run_immediately_in_development_and_tests():
    result = notification_send.enqueue(
        event="licence_application.approve",
        user_ids=[],
        addresses=["w@example.org"],
        context={"number": "KZ-1"},
    )
    assert result.status == "SUCCESSFUL"
    assert "KZ-1" in mail.outbox[-1].body


@pytest.mark.django_db(transaction=True)
def test_database_queue_is_processed_by_the_worker_command():
    with override_settings(TASKS=DB_TASKS):
        result = notification_send.enqueue(
            event="licence_application.approve",
            user_ids=[],
            addresses=["w@example.org"],
            context={"number": "KZ-QUEUED"},
        )
        assert result.status == "READY"
        assert not [m for m in mail.outbox if "KZ-QUEUED" in m.body]
        call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")
        result.refresh()
        assert result.status == "SUCCESSFUL"
    assert [m for m in mail.outbox if "KZ-QUEUED" in m.body]


@pytest.mark.django_db
def test_audit_log_in_back_office_is_scoped_to_the_jurisdiction(client, people, orgs):
    audit_record(
        actor=None, action="demo.kz", obj=orgs["kz_authority"], country="KZ", reason="kz-visible"
    )
    audit_record(
        actor=None, action="demo.kg", obj=orgs["kg_authority"], country="KG", reason="kg-hidden"
    )
    officer = people["officer"]
    give_totp(officer)
    client.force_login(officer)
    page = client.get("/admin/audit/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "kz-visible" in html and "kg-hidden" not in html
    filtered = client.get(
        "/admin/audit/", {"actor_label": "anonymous", "object_id": str(orgs["kz_authority"].pk)}
    )
    assert filtered.status_code == 200 and "kz-visible" in filtered.content.decode()
    kg_event = AuditEvent.objects.get(action="demo.kg")
    assert client.get(f"/admin/audit/inspect/{kg_event.pk}/").status_code == 404
    kz_event = AuditEvent.objects.get(action="demo.kz")
    assert client.get(f"/admin/audit/inspect/{kz_event.pk}/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["editor", "worker", "agency_admin"])
def test_audit_log_is_not_browsable_by_others(client, people, who):
    user = people[who]
    give_totp(user)
    client.force_login(user)
    response = client.get("/admin/audit/")
    assert response.status_code in (302, 403)


@pytest.mark.skipif(
    not os.environ.get("REDIS_TEST_URL"), reason="needs Redis (REDIS_TEST_URL; .ci/run sets it)"
)
def test_redis_cache_is_shared_between_processes():
    """With REDIS_URL the cache (and so allauth's rate limits) is shared by every app server."""
    import subprocess
    import sys

    code = (
        "import django;django.setup();from django.core.cache import cache;"
        "cache.set('karavan-shared', 'from-another-process', 30)"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "REDIS_URL": os.environ["REDIS_TEST_URL"],
    }
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=60)
    from django.core.cache.backends.redis import RedisCache

    cache = RedisCache(os.environ["REDIS_TEST_URL"], {"KEY_PREFIX": "karavan"})
    assert cache.get("karavan-shared") == "from-another-process"
