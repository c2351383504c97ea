"""`manage.py backup` and `manage.py restore`: a round trip brings back the database (with the
append-only audit trail) and the uploaded files; a damaged backup is refused untouched."""

import json
import uuid

import pytest
from django.core.management import CommandError, call_command

from licensing import services as licensing
from licensing.models import Licence
from portal.models import AuditEvent, CaseDocument, Organisation, Role
from tests.conftest import make_user, private_storage_at
from tests.licensing.factories import fill_application

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def storage_in_tmp(tmp_path, settings):
    """Uploads and backups in a temporary directory, where the backup command looks for them."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    with private_storage_at(settings.PRIVATE_MEDIA_ROOT):
        yield tmp_path


@pytest.fixture
def licensed(orgs, storage_in_tmp):
    """An agency whose licence was applied for (with documents), reviewed and issued."""
    agency = Organisation.objects.create(
        name="Backup Test Staffing", kind="agency", country_id="KZ", registration_number="KZ-B1"
    )
    admin = make_user("backup.admin@example.org", role=Role.AGENCY_ADMIN, organisation=agency)
    officer = make_user(
        "backup.officer@example.org", role=Role.OFFICER, organisation=orgs["kz_authority"]
    )
    application = licensing.licence_application_create(
        agency=agency, by=admin, submission_key=uuid.uuid4()
    )
    fill_application(application, admin)
    licensing.licence_application_submit(application=application, by=admin)
    licensing.licence_application_review_start(application=application, by=officer)
    licence = licensing.licence_application_approve(application=application, by=officer)
    return {"licence": licence, "officer": officer, "agency": agency}


def _state():
    document = CaseDocument.objects.order_by("pk").first()
    with document.file.open("rb") as handle:
        content = handle.read()
    return {
        "licence_status": Licence.objects.get().status,
        "audit": list(AuditEvent.objects.order_by("pk").values_list("pk", "action")),
        "organisations": sorted(Organisation.objects.values_list("name", flat=True)),
        "document": (document.file.name, content),
    }


def test_round_trip_brings_back_database_audit_trail_and_files(licensed, storage_in_tmp, settings):
    (storage_in_tmp / "media" / "leaflets").mkdir(parents=True)
    (storage_in_tmp / "media" / "leaflets" / "guide.pdf").write_bytes(b"%PDF-1.4 leaflet")
    before = _state()
    assert before["audit"], "issuing a licence writes audit events"

    call_command("backup", dir=storage_in_tmp / "backups")
    (backup,) = (storage_in_tmp / "backups").iterdir()
    manifest = json.loads((backup / "manifest.json").read_text())
    assert set(manifest["files"]) == {p.name for p in backup.iterdir()} - {"manifest.json"}
    assert all(len(f["sha256"]) == 64 and f["size"] > 0 for f in manifest["files"].values())
    assert "portal.0002_audit_append_only" in manifest["migrations"]

    # Things go wrong after the backup: a suspension, a new organisation, files lost.
    licensing.licence_suspend(
        licence=licensed["licence"], by=licensed["officer"], reason="Inspection found unpaid wages"
    )
    Organisation.objects.create(name="Created after the backup", kind="agency", country_id="KZ")
    document = CaseDocument.objects.order_by("pk").first()
    document.file.storage.delete(document.file.name)
    (storage_in_tmp / "media" / "leaflets" / "guide.pdf").unlink()
    (storage_in_tmp / "media" / "stray.txt").write_text("not in the backup")
    assert _state_safe() != before

    call_command("restore", str(backup), interactive=False)

    assert _state() == before
    assert (storage_in_tmp / "media" / "leaflets" / "guide.pdf").read_bytes() == b"%PDF-1.4 leaflet"
    assert not (storage_in_tmp / "media" / "stray.txt").exists()


def _state_safe():
    try:
        return _state()
    except FileNotFoundError:
        return None


def test_a_damaged_backup_is_refused_and_nothing_changes(orgs, storage_in_tmp):
    (storage_in_tmp / "private").mkdir()
    (storage_in_tmp / "private" / "evidence.pdf").write_bytes(b"%PDF-1.4 evidence")
    call_command("backup", dir=storage_in_tmp / "backups")
    (backup,) = (storage_in_tmp / "backups").iterdir()
    archive = backup / "private.tar.gz"
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0xFF
    archive.write_bytes(bytes(data))
    Organisation.objects.create(name="Created after the backup", kind="agency", country_id="KZ")

    with pytest.raises(CommandError, match="private.tar.gz does not match its checksum"):
        call_command("restore", str(backup), interactive=False)

    assert Organisation.objects.filter(name="Created after the backup").exists()


def test_a_directory_without_manifest_is_not_a_backup(tmp_path):
    with pytest.raises(CommandError, match="manifest.json is missing"):
        call_command("restore", str(tmp_path), interactive=False)
