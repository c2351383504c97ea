"""Upload attacks against every upload field: each is refused with a clear message in the
user's language and nothing is stored; stored files are served as safe downloads only."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from licensing.models import Complaint
from portal.models import CaseDocument
from portal.uploads import upload_check
from tests.licensing.factories import PDF_BYTES, PNG_BYTES

pytestmark = pytest.mark.django_db


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.html", "<script>alert(1)</script>")
    return buffer.getvalue()


#: name → (file name, content). Each must be refused by every upload field.
ATTACKS = {
    "html renamed to .pdf": ("receipt.pdf", b"<!DOCTYPE html><html><script>alert(1)</script>"),
    "polyglot: PDF header with HTML": (
        "scan.pdf", b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body>"
                    b"</html>\ntrailer<<>>\n%%EOF\n"),
    "polyglot: PDF with JavaScript action": (
        "contract.pdf", b"%PDF-1.4\n1 0 obj<</OpenAction<</S/JavaScript/JS(app.alert(1))>>>>"
                        b"endobj\ntrailer<<>>\n%%EOF\n"),
    "polyglot: PDF with a ZIP appended": ("contract.pdf", PDF_BYTES + _zip_bytes()),
    "svg with script": ("photo.svg", b'<svg xmlns="http://www.w3.org/2000/svg">'
                                     b"<script>alert(1)</script></svg>"),
    "svg renamed to .png": ("photo.png", b'<?xml version="1.0"?><svg '
                                         b'xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
    "PNG with HTML after the image": ("photo.png", PNG_BYTES + b"<html><script>x</script>"),
    "oversize (10 MB + 1 byte)": ("big.pdf", PDF_BYTES + b"0" * (10 * 1024 * 1024)),
    "empty file": ("empty.pdf", b""),
    "executable renamed": ("doc.pdf", b"MZ\x90\x00" + b"\x00" * 60 + b"This program"),
}


def _upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_the_shared_check_refuses_every_attack(attack):
    """Licence documents, complaint evidence, permit documents and contract templates all go
    through `portal.uploads.upload_check` (forms and services)."""
    with pytest.raises(ValidationError):
        upload_check(_upload(*ATTACKS[attack]))


def test_plain_files_still_pass():
    assert upload_check(_upload("doc.pdf", PDF_BYTES)) == "application/pdf"
    assert upload_check(_upload("photo.png", PNG_BYTES)) == "image/png"


def _complaint_form(files):
    return {"country": "KZ", "category": "fees", "description": "They took my passport.",
            "licence_number": "", "agency_name": "", "currency": "", "is_anonymous": "on",
            "evidence": files}


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_complaint_evidence_refuses_attacks_in_russian(client, attack, private_storage_in_tmp):
    response = client.post("/ru/complaints/new/", _complaint_form([_upload(*ATTACKS[attack])]))
    html = response.content.decode()
    assert response.status_code == 400
    # The message names the file (Django's own "the submitted file is empty" does not).
    assert ATTACKS[attack][0] in html if ATTACKS[attack][1] else "пуст" in html
    assert "is not a PDF" not in html and "is larger than" not in html  # …in Russian
    assert not Complaint.objects.exists()
    stored = Path(private_storage_in_tmp.location)
    assert not (stored.exists() and [p for p in stored.rglob("*") if p.is_file()])


def test_too_many_files_in_one_request_are_refused(client, private_storage_in_tmp):
    files = [_upload(f"receipt-{i}.pdf", PDF_BYTES) for i in range(11)]
    response = client.post("/en/complaints/new/", _complaint_form(files))
    assert response.status_code == 400
    assert "Send at most 10 files at a time." in response.content.decode()
    assert not Complaint.objects.exists()


@pytest.fixture
def draft_application(orgs, users):
    import uuid

    from licensing import services

    return services.licence_application_create(agency=orgs["kg_agency"], by=users["agency_a"],
                                               submission_key=uuid.uuid4())


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_licence_documents_refuse_attacks(client, users, draft_application, attack):
    client.force_login(users["agency_a"])
    name, content = ATTACKS[attack]
    response = client.post(f"/en/agency/licence/{draft_application.pk}/step/documents/",
                           {"registration_certificate": _upload(name, content)})
    assert response.status_code == 400
    html = response.content.decode()
    assert name in html if content else "The submitted file is empty." in html
    assert not CaseDocument.objects.exists()


def test_path_traversal_in_a_file_name_stays_in_the_storage(client, users, draft_application,
                                                             private_storage_in_tmp):
    client.force_login(users["agency_a"])
    client.post(f"/en/agency/licence/{draft_application.pk}/step/documents/",
                {"registration_certificate": _upload("../../../etc/cron.d/evil.pdf", PDF_BYTES)})
    document = CaseDocument.objects.get()
    stored = (private_storage_in_tmp.path(document.file.name))
    assert stored.startswith(str(private_storage_in_tmp.location))
    assert ".." not in document.file.name and "/etc/" not in document.original_name


def test_stored_files_are_served_as_safe_downloads_to_the_owner_only(client, users,
                                                                     draft_application):
    from licensing import services

    document = services.licence_document_add(application=draft_application, by=users["agency_a"],
                                             kind="registration_certificate",
                                             uploaded=_upload("charter.pdf", PDF_BYTES))
    url = f"/en/agency/licence/{draft_application.pk}/documents/{document.pk}/"
    client.force_login(users["agency_a"])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert "Content-Security-Policy" in response
    client.force_login(users["agency_b"])
    assert client.get(url).status_code == 404
