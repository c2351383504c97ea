"""Run by test_read_replica.py in a process of its own, against deploy/replica.py's primary
(DATABASE_URL) and replica (DATABASE_REPLICA_URL); prints what it saw as JSON."""

import datetime
import json

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connections, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from licensing.models import Licence  # noqa: E402
from portal.db_router import replica_reads  # noqa: E402
from portal.models import Country, Organisation  # noqa: E402

seen = {"routers": settings.DATABASE_ROUTERS}
with connections["replica"].cursor() as cursor:
    cursor.execute("SELECT pg_is_in_recovery()")
    seen["replica_in_recovery"] = cursor.fetchone()[0]
try:
    with connections["replica"].cursor() as cursor:
        cursor.execute("CREATE TABLE replica_probe (i int)")
    seen["replica_refuses_writes"] = False
except django.db.Error as error:
    seen["replica_refuses_writes"] = "read-only" in str(error)

Country.objects.get_or_create(code="KZ", defaults={"name": "Kazakhstan", "is_destination": True})
agency = Organisation.objects.create(
    name="Replica Probe Staffing", kind="agency", country_id="KZ", registration_number="KZ-REPLICA"
)
authority = Organisation.objects.create(
    name="Replica Probe Ministry", kind="authority", country_id="KZ"
)
today = datetime.date.today()
licence = Licence.objects.create(
    agency=agency,
    authority=authority,
    number="KZ-LIC-2026-999999",
    status="active",
    valid_from=today,
    valid_until=today + datetime.timedelta(days=365),
)


def get(path, **cookies):
    client = Client()
    for name, value in cookies.items():
        client.cookies[name] = value
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        response = client.get(path)
    return response, len(primary), len(replica)


page = f"/en/registry/{agency.pk}/"
response, on_primary, on_replica = get(page)
seen["public_page"] = {
    "status": response.status_code,
    "primary": on_primary,
    "replica": on_replica,
    "shows_agency": "Replica Probe Staffing" in response.content.decode(),
}
seen["public_page"]["shows_suspended"] = "Suspended" in response.content.decode()
# A suspension on the primary shows on the very next public page, read from the replica.
Licence.objects.filter(pk=licence.pk).update(status="suspended")
response, on_primary, on_replica = get(page)
seen["after_change"] = {
    "replica": on_replica,
    "shows_change": "Suspended" in response.content.decode(),
}
# With a session cookie the request is not a public read: the primary.
response, on_primary, on_replica = get(page, **{settings.SESSION_COOKIE_NAME: "not-a-session"})
seen["with_session"] = {"primary": on_primary, "replica": on_replica}
# Analytics: replica; inside a transaction on the primary: the primary.
with CaptureQueriesContext(connections["replica"]) as replica:
    with replica_reads():
        Organisation.objects.count()
        with transaction.atomic():
            Organisation.objects.filter(pk=agency.pk).exists()
seen["analytics_on_replica"] = len(replica)
licence.delete()
Organisation.objects.filter(pk__in=[agency.pk, authority.pk]).delete()
print(json.dumps(seen))
