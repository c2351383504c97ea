"""Run by test_s3_storage.py in a process of its own with KARAVAN_S3_* set (the settings read
them at start): stores, reads and links public and private uploads; prints what it saw."""

import json

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.files.base import ContentFile  # noqa: E402
from django.core.files.storage import default_storage, storages  # noqa: E402
from health_check.checks import Storage  # noqa: E402

seen = {
    "backends": {alias: settings.STORAGES[alias]["BACKEND"] for alias in ("default", "private")}
}
public = default_storage.save("leaflets/probe.pdf", ContentFile(b"%PDF-1.7 public"))
private = storages["private"].save("evidence/probe.txt", ContentFile(b"private evidence"))
seen["names"] = [public, private]
seen["public_read"] = default_storage.open(public).read().decode()
seen["private_read"] = storages["private"].open(private).read().decode()
seen["public_url"] = default_storage.url(public)
seen["private_url"] = storages["private"].url(private)
# A second upload under the same name gets a name of its own (no overwrite).
seen["second_name"] = default_storage.save("leaflets/probe.pdf", ContentFile(b"other"))
# django-health-check's storage check (behind /healthz/detail) writes and deletes a file.
for alias in ("default", "private"):
    Storage(alias=alias).run()  # raises when the storage does not work
seen["health_checks"] = "passed"
print(json.dumps(seen))
