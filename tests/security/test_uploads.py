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
from portal.uploads import plain_pdf, upload_check, upload_clean
from tests.licensing.factories import JPEG_BYTES, PDF_BYTES, PNG_BYTES

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
        "scan.pdf",
        b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body>"
        b"</html>\ntrailer<<>>\n%%EOF\n",
    ),
    "polyglot: PDF with JavaScript action": (
        "contract.pdf",
        b"%PDF-1.4\n1 0 obj<</OpenAction<</S/JavaScript/JS(app.alert(1))>>>>"
        b"endobj\ntrailer<<>>\n%%EOF\n",
    ),
    "polyglot: PDF with a ZIP appended": ("contract.pdf", PDF_BYTES + _zip_bytes()),
    "svg with script": (
        "photo.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    ),
    "svg renamed to .png": (
        "photo.png",
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    ),
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
    return {
        "country": "KZ",
        "category": "fees",
        "description": "They took my passport.",
        "licence_number": "",
        "agency_name": "",
        "currency": "",
        "is_anonymous": "on",
        "evidence": files,
    }


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

    return services.licence_application_create(
        agency=orgs["kg_agency"], by=users["agency_a"], submission_key=uuid.uuid4()
    )


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_licence_documents_refuse_attacks(client, users, draft_application, attack):
    client.force_login(users["agency_a"])
    name, content = ATTACKS[attack]
    response = client.post(
        f"/en/agency/licence/{draft_application.pk}/step/documents/",
        {"registration_certificate": _upload(name, content)},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert name in html if content else "The submitted file is empty." in html
    assert not CaseDocument.objects.exists()


def test_path_traversal_in_a_file_name_stays_in_the_storage(
    client, users, draft_application, private_storage_in_tmp
):
    client.force_login(users["agency_a"])
    client.post(
        f"/en/agency/licence/{draft_application.pk}/step/documents/",
        {"registration_certificate": _upload("../../../etc/cron.d/evil.pdf", PDF_BYTES)},
    )
    document = CaseDocument.objects.get()
    stored = private_storage_in_tmp.path(document.file.name)
    assert stored.startswith(str(private_storage_in_tmp.location))
    assert ".." not in document.file.name and "/etc/" not in document.original_name


def test_stored_files_are_served_as_safe_downloads_to_the_owner_only(
    client, users, draft_application
):
    from licensing import services

    document = services.licence_document_add(
        application=draft_application,
        by=users["agency_a"],
        kind="registration_certificate",
        uploaded=_upload("charter.pdf", PDF_BYTES),
    )
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


# --- Finding 5: active content hidden from a regular expression, found by parsing -----------


def _pdf_with_catalog(extra: bytes) -> bytes:
    """A valid PDF whose catalog carries `extra` (the cross-reference table is then off by a
    few bytes, which readers and pypdf repair)."""
    return plain_pdf().replace(b"/Type/Catalog", b"/Type/Catalog" + extra)


def _pdf_with_object_stream(catalog: bytes) -> bytes:
    """A PDF 1.5 whose catalog sits compressed inside an object stream: its names are not in
    the file's bytes at all, only a parser sees them."""
    import zlib

    objects = [catalog, b"<</Type/Pages/Kids[4 0 R]/Count 1>>"]
    header, body = b"", b""
    for number, obj in zip((2, 3), objects, strict=True):
        header += b"%d %d " % (number, len(body))
        body += obj + b"\n"
    packed = zlib.compress(header + body)
    out = b"%PDF-1.5\n"
    offsets = {1: len(out)}
    out += (
        b"1 0 obj\n<</Type/ObjStm/N 2/First %d/Filter/FlateDecode/Length %d>>\nstream\n"
        % (len(header), len(packed))
        + packed
        + b"\nendstream\nendobj\n"
    )
    offsets[4] = len(out)
    out += b"4 0 obj\n<</Type/Page/Parent 3 0 R/MediaBox[0 0 595 842]>>\nendobj\n"
    offsets[5] = len(out)
    rows = (
        b"\x00\x00\x00\x00\x00\xff\xff"
        + b"\x01"
        + offsets[1].to_bytes(4, "big")
        + b"\x00\x00"
        + b"\x02"
        + (1).to_bytes(4, "big")
        + b"\x00\x00"
        + b"\x02"
        + (1).to_bytes(4, "big")
        + b"\x00\x01"
        + b"\x01"
        + offsets[4].to_bytes(4, "big")
        + b"\x00\x00"
        + b"\x01"
        + offsets[5].to_bytes(4, "big")
        + b"\x00\x00"
    )
    out += (
        b"5 0 obj\n<</Type/XRef/Size 6/W[1 4 2]/Root 2 0 R/Length %d>>\nstream\n" % len(rows)
        + rows
        + b"\nendstream\nendobj\n"
    )
    return out + b"startxref\n%d\n%%%%EOF\n" % offsets[5]


JS_ACTION = b"<</S/JavaScript/JS(app.alert(1))>>"
PDF_ACTIVE = {
    "JavaScript written /J#61vaScript": _pdf_with_catalog(
        b"/OpenAction<</S/J#61vaScript/J#53(app.alert(1))>>"
    ),
    "Launch written /L#61unch": _pdf_with_catalog(b"/OpenAction<</S/L#61unch/F(cmd.exe)>>"),
    "EmbeddedFiles written /E#6dbeddedFiles": _pdf_with_catalog(
        b"/Names<</E#6dbeddedFiles<</Names[(a.exe)<</Type/Filespec/F(a.exe)>>]>>>>"
    ),
    "JavaScript name tree": _pdf_with_catalog(
        b"/Names<</JavaScript<</Names[(x)" + JS_ACTION + b"]>>>>"
    ),
    "RichMedia annotation": _pdf_with_catalog(b"/Extra<</Subtype/RichMedia>>"),
    "XFA form": _pdf_with_catalog(b"/AcroForm<</Fields[]/X#46A 5 0 R>>"),
    "additional actions (/AA)": _pdf_with_catalog(b"/A#41<</O<</S/URI/URI(http://x)>>>>"),
    "open action with any action": _pdf_with_catalog(b"/OpenAction<</S/URI/URI(http://x)>>"),
    "JavaScript inside a compressed object stream": _pdf_with_object_stream(
        b"<</Type/Catalog/Pages 3 0 R/OpenAction " + JS_ACTION + b">>"
    ),
}


@pytest.mark.parametrize("attack", list(PDF_ACTIVE))
def test_pdf_active_content_is_found_after_decoding_names(attack):
    with pytest.raises(ValidationError) as refused:
        upload_check(_upload("contract.pdf", PDF_ACTIVE[attack]))
    assert refused.value.code == "active"


def test_plain_pdfs_with_a_destination_or_object_streams_pass():
    """An open action that only shows a page is not an action; object streams are normal."""
    assert (
        upload_check(_upload("a.pdf", _pdf_with_catalog(b"/OpenAction[3 0 R/Fit]")))
        == "application/pdf"
    )
    assert (
        upload_check(_upload("b.pdf", _pdf_with_object_stream(b"<</Type/Catalog/Pages 3 0 R>>")))
        == "application/pdf"
    )


# --- Finding 6: markup beside a valid header ------------------------------------------------

MARKUP_ATTACKS = {
    "PDF, <img onerror> after the header": (
        "scan.pdf",
        PDF_BYTES.replace(b"%PDF-1.4\n", b"%PDF-1.4\n<img src=x onerror=alert(1)>\n"),
    ),
    "PDF, <meta refresh> before %%EOF": (
        "scan.pdf",
        PDF_BYTES.replace(
            b"startxref",
            b"<meta http-equiv=refresh content='0;url=https://evil.example'>\nstartxref",
        ),
    ),
    "PNG, <img onerror> after the image": (
        "photo.png",
        PNG_BYTES + b"<img src=x onerror=alert(1)>",
    ),
    "JPEG, <meta refresh> after the image": (
        "photo.jpg",
        JPEG_BYTES + b"<meta http-equiv=refresh content='0;url=x'>",
    ),
}


@pytest.mark.parametrize("attack", list(MARKUP_ATTACKS))
def test_markup_after_a_valid_header_is_refused(attack):
    with pytest.raises(ValidationError):
        upload_check(_upload(*MARKUP_ATTACKS[attack]))


def test_images_are_stored_re_encoded_without_trailing_data_or_metadata():
    from PIL import Image

    png = upload_clean(_upload("photo.png", PNG_BYTES + b"PK\x03\x04 hidden payload"))
    assert b"hidden payload" not in png.read() and Image.open(png).size == (8, 8)
    exif = Image.Exif()
    exif[0x010E] = "GPS 41.31N 69.24E home of the worker"  # ImageDescription
    source = io.BytesIO()
    Image.new("RGB", (8, 8)).save(source, "JPEG", exif=exif)
    jpeg = upload_clean(_upload("photo.jpg", source.getvalue()))
    stored = jpeg.read()
    assert b"home of the worker" not in stored and Image.open(io.BytesIO(stored)).format == "JPEG"


# --- Finding 7: stored and served names carry the detected type -----------------------------


@pytest.mark.parametrize(
    ("sent", "served"),
    [("receipt.html", "receipt.pdf"), ("scan.pdf.exe", "scan-pdf.pdf"), ("../../x.svg", "x.pdf")],
)
def test_complaint_evidence_is_stored_and_served_with_the_detected_extension(
    client, users, sent, served, private_storage_in_tmp
):
    from licensing.models import ComplaintEvidence

    form = {**_complaint_form([_upload(sent, PDF_BYTES)]), "agency_name": "Fast Visa LLP"}
    response = client.post("/en/complaints/new/", form)
    assert response.status_code == 302
    evidence = ComplaintEvidence.objects.get()
    assert evidence.original_name == served and evidence.file.name.endswith(".pdf")
    client.force_login(users["officer_kz"])
    download = client.get(f"/en/complaints/evidence/{evidence.pk}/")
    assert download.status_code == 200
    assert download["Content-Disposition"] == f'attachment; filename="{served}"'


def test_files_stored_before_the_fix_are_served_with_the_detected_extension(
    client, users, draft_application
):
    from licensing import services

    document = services.licence_document_add(
        application=draft_application,
        by=users["agency_a"],
        kind="registration_certificate",
        uploaded=_upload("charter.pdf", PDF_BYTES),
    )
    CaseDocument.objects.filter(pk=document.pk).update(original_name="charter.html")
    client.force_login(users["agency_a"])
    response = client.get(f"/en/agency/licence/{draft_application.pk}/documents/{document.pk}/")
    assert response["Content-Disposition"] == 'attachment; filename="charter.pdf"'


# --- CMS documents (Wagtail): the same PDF check, always downloaded --------------------------


def test_cms_documents_refuse_active_pdfs_and_download_as_attachments(client):
    from wagtail.documents import get_document_model
    from wagtail.documents.forms import get_document_form
    from wagtail.models import Collection

    Document = get_document_model()
    form_class = get_document_form(Document)
    root = Collection.get_first_root_node()
    bad = form_class(
        {"title": "Leaflet", "collection": root.pk},
        {"file": _upload("leaflet.pdf", PDF_ACTIVE["Launch written /L#61unch"])},
    )
    assert not bad.is_valid() and "file" in bad.errors
    good = form_class(
        {"title": "Leaflet", "collection": root.pk}, {"file": _upload("leaflet.pdf", PDF_BYTES)}
    )
    assert good.is_valid(), good.errors
    document = good.save()
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
