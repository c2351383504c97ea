"""Agency pages: registration, the multi-step application without JavaScript, uploads,
private downloads, another agency's objects (404), the certificate PDF with its QR code."""

import io
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from licensing import services
from licensing.models import LicenceApplication
from portal.models import CaseDocument, Membership, Organisation
from portal.uploads import ERROR_TOO_MANY_FILES

from .factories import JPEG_BYTES, PDF_BYTES, PNG_BYTES, issued_licence, submitted_application

pytestmark = pytest.mark.django_db


def test_a_signed_in_user_registers_an_agency(client, people):
    client.force_login(people["worker"])
    assert client.get("/en/agency/").url == "/en/agency/register/"
    response = client.post(
        "/en/agency/register/",
        {
            "name": "Osh Labour Link",
            "country": "KG",
            "registration_number": "KG-77",
            "address": "Lenin 1, Osh",
            "email": "",
            "phone": "",
        },
    )
    assert response.status_code == 302
    agency = Organisation.objects.get(name="Osh Labour Link")
    assert agency.kind == "agency"
    assert Membership.objects.get(user=people["worker"], organisation=agency).role == "agency_admin"


def test_multi_step_application_with_drafts_and_a_double_submit(client, lic):
    client.force_login(lic["kz_admin"])
    key = str(uuid.uuid4())
    first = client.post("/en/agency/licence/new/", {"submission_key": key})
    second = client.post("/en/agency/licence/new/", {"submission_key": key})
    assert first.url == second.url
    application = LicenceApplication.objects.get(agency=lic["kz_agency"])
    base = f"/en/agency/licence/{application.pk}"

    # Step 1, saved as a draft and then continued.
    assert client.get(f"{base}/step/scope/").status_code == 200
    saved = client.post(f"{base}/step/scope/", {"planned_yearly_placements": "40", "save": "1"})
    assert saved.url == f"{base}/step/scope/"
    response = client.post(
        f"{base}/step/scope/",
        {
            "destination_countries": ["KR"],
            "sectors": ["92"],
            "planned_yearly_placements": "40",
            "office_address": "Abay 1",
            "next": "1",
        },
    )
    assert response.url == f"{base}/step/documents/"
    # Step 2: one file per document type in one request.
    files = {
        kind: SimpleUploadedFile(f"{kind}.pdf", PDF_BYTES) for kind in services.REQUIRED_DOCUMENTS
    }
    response = client.post(f"{base}/step/documents/", {**files, "next": "1"})
    assert response.url == f"{base}/step/declaration/"
    assert application.documents.count() == 6
    stored = application.documents.first()
    assert stored.file.name.startswith("cases/") and "registration" not in stored.file.name
    # Step 3 and submission.
    client.post(
        f"{base}/step/declaration/",
        {"declares_no_worker_fees": "on", "declares_no_document_retention": "on", "next": "1"},
    )
    page = client.get(f"{base}/")
    assert "Submit the application" in page.content.decode()
    client.post(f"{base}/submit/")
    client.post(f"{base}/submit/")  # a second click changes nothing
    application.refresh_from_db()
    assert application.status == "submitted"
    assert LicenceApplication.objects.count() == 1


def upload(client, application, files):
    return client.post(f"/en/agency/licence/{application.pk}/step/documents/", files)


@pytest.fixture
def draft(lic):
    return services.licence_application_create(agency=lic["kz_agency"], by=lic["kz_admin"])


def test_html_renamed_to_pdf_is_rejected(client, lic, draft):
    client.force_login(lic["kz_admin"])
    fake = SimpleUploadedFile(
        "licence.pdf",
        b"<!doctype html><html><script>alert(1)</script>",
        content_type="application/pdf",
    )
    response = upload(client, draft, {"tax_clearance": fake})
    assert response.status_code == 400
    assert "is not a PDF, JPEG or PNG file" in response.content.decode()
    assert draft.documents.count() == 0


def test_oversize_file_is_rejected(client, lic, draft):
    client.force_login(lic["kz_admin"])
    big = SimpleUploadedFile("big.pdf", PDF_BYTES + b"0" * (10 * 1024 * 1024))
    response = upload(client, draft, {"tax_clearance": big})
    assert response.status_code == 400
    assert "larger than 10 MB" in response.content.decode()
    assert draft.documents.count() == 0


def test_more_than_ten_files_are_rejected(client, lic, draft):
    client.force_login(lic["kz_admin"])
    files = {f"extra{i}": SimpleUploadedFile(f"f{i}.png", PNG_BYTES) for i in range(11)}
    response = upload(client, draft, files)
    assert response.status_code == 400
    assert str(ERROR_TOO_MANY_FILES) in response.content.decode()
    assert draft.documents.count() == 0


def test_the_service_also_refuses_more_than_ten_files(lic, draft):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.licence_documents_add(
            application=draft,
            by=lic["kz_admin"],
            files=[("other", SimpleUploadedFile(f"f{i}.png", PNG_BYTES)) for i in range(11)],
        )


def test_png_and_jpeg_are_accepted(client, lic, draft):
    client.force_login(lic["kz_admin"])
    jpeg = JPEG_BYTES
    response = upload(
        client,
        draft,
        {
            "office_proof": SimpleUploadedFile("a.png", PNG_BYTES),
            "director_id": SimpleUploadedFile("b.jpg", jpeg),
            "save": "1",
        },
    )
    assert response.status_code == 302
    assert sorted(draft.documents.values_list("content_type", flat=True)) == [
        "image/jpeg",
        "image/png",
    ]


def test_downloads_are_private_attachments(client, lic):
    application = submitted_application(lic)
    document = application.documents.first()
    url = f"/en/agency/licence/{application.pk}/documents/{document.pk}/"
    assert client.get(url).status_code == 302  # anonymous: to sign-in
    client.force_login(lic["kz_admin"])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_another_agencys_application_and_documents_are_404(client, lic):
    application = submitted_application(lic)
    document = application.documents.first()
    client.force_login(lic["agency_admin"])  # KG agency
    base = f"/en/agency/licence/{application.pk}"
    for url in (f"{base}/", f"{base}/step/scope/", f"{base}/documents/{document.pk}/"):
        assert client.get(url).status_code == 404, url
    assert client.post(f"{base}/withdraw/").status_code == 404
    assert client.post(f"{base}/documents/{document.pk}/remove/").status_code == 404
    assert CaseDocument.objects.filter(pk=document.pk).exists()


def test_officer_of_the_jurisdiction_downloads_others_do_not(client, lic, give_totp_to):
    application = submitted_application(lic)
    document = application.documents.first()
    url = f"/en/agency/licence/{application.pk}/documents/{document.pk}/"
    give_totp_to(lic["officer"], lic["kg_officer"])
    client.force_login(lic["officer"])
    assert client.get(url).status_code == 200
    client.force_login(lic["kg_officer"])
    assert client.get(url).status_code == 404


def test_certificate_pdf_carries_number_and_verification_link(client, lic):
    licence = issued_licence(lic)
    client.force_login(lic["kz_admin"])
    response = client.get(f"/en/agency/certificate/{licence.number}.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert licence.number in text
    assert f"/en/verify/{licence.number}/" in text.replace("\n", "")
    client.force_login(lic["agency_admin"])
    assert client.get(f"/en/agency/certificate/{licence.number}.pdf").status_code == 404


def test_agency_home_lists_licence_and_renewal(client, lic):
    licence = issued_licence(lic)
    client.force_login(lic["kz_admin"])
    html = client.get("/en/agency/").content.decode()
    assert licence.number in html and "Apply for renewal" in html


def test_agency_answers_a_request_for_information_and_resubmits(client, lic):
    application = submitted_application(lic)
    services.licence_application_review_start(application=application, by=lic["officer"])
    services.licence_application_request_info(
        application=application, by=lic["officer"], message="Send the office lease."
    )
    client.force_login(lic["kz_admin"])
    page = client.get(f"/en/agency/licence/{application.pk}/").content.decode()
    assert "Send the office lease." in page and "Answer and resubmit" in page
    client.post(f"/en/agency/licence/{application.pk}/submit/", {"response": ""})
    application.refresh_from_db()
    assert application.status == "info_requested"  # an answer is required
    client.post(f"/en/agency/licence/{application.pk}/submit/", {"response": "Lease uploaded."})
    application.refresh_from_db()
    assert application.status == "submitted"
    assert application.information_requests.get().response == "Lease uploaded."


def test_agency_withdraws_and_then_renews_through_the_pages(client, lic):
    licence = issued_licence(lic)
    client.force_login(lic["kz_admin"])
    response = client.post(
        f"/en/agency/licence/renew/{licence.pk}/", {"submission_key": str(uuid.uuid4())}
    )
    renewal = LicenceApplication.objects.get(kind="renewal")
    assert response.url == f"/en/agency/licence/{renewal.pk}/step/scope/"
    assert renewal.renewal_of == licence
    client.post(f"/en/agency/licence/{renewal.pk}/withdraw/", {"reason": "Later"})
    renewal.refresh_from_db()
    assert renewal.status == "withdrawn"


def test_scope_offers_every_destination_but_the_agencys_own_country(client, lic):
    """A Kyrgyz agency may place workers in Kazakhstan (an origin and a destination country)."""
    kg_draft = services.licence_application_create(agency=lic["kg_agency"], by=lic["agency_admin"])
    client.force_login(lic["agency_admin"])
    html = client.get(f"/en/agency/licence/{kg_draft.pk}/step/scope/").content.decode()
    assert 'name="destination_countries" value="KZ"' in html
    assert 'name="destination_countries" value="KG"' not in html
    client.post(
        f"/en/agency/licence/{kg_draft.pk}/step/scope/",
        {"destination_countries": ["KZ"], "save": "1"},
    )
    assert list(kg_draft.destination_countries.values_list("pk", flat=True)) == ["KZ"]
    kz_draft = services.licence_application_create(agency=lic["kz_agency"], by=lic["kz_admin"])
    client.force_login(lic["kz_admin"])
    html = client.get(f"/en/agency/licence/{kz_draft.pk}/step/scope/").content.decode()
    assert 'name="destination_countries" value="KZ"' not in html
