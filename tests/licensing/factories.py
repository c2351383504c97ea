"""Helpers that build licensing objects through the services (never by setting state)."""

import io
import uuid

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from licensing import services
from portal.uploads import plain_pdf

PDF_BYTES = plain_pdf()


def _image(fmt: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(out, fmt)
    return out.getvalue()


PNG_BYTES = _image("PNG")
JPEG_BYTES = _image("JPEG")


def pdf(name="doc.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def fill_application(application, by):
    """Make a draft complete: scope, declaration and the six required documents."""
    services.licence_application_update(
        application=application,
        by=by,
        data={
            "destination_countries": ["KR", "GB"],
            "sectors": ["9211", "7112"],
            "planned_yearly_placements": 120,
            "office_address": "Abay 1, Almaty",
            "declares_no_worker_fees": True,
            "declares_no_document_retention": True,
        },
    )
    for kind in services.REQUIRED_DOCUMENTS:
        services.licence_document_add(
            application=application, by=by, kind=kind, uploaded=pdf(f"{kind}.pdf")
        )
    application.refresh_from_db()
    return application


def submitted_application(lic, *, agency_key="kz_agency", admin_key="kz_admin"):
    application = services.licence_application_create(
        agency=lic[agency_key], by=lic[admin_key], submission_key=uuid.uuid4()
    )
    fill_application(application, lic[admin_key])
    return services.licence_application_submit(application=application, by=lic[admin_key])


def under_review(lic, **kwargs):
    application = submitted_application(lic, **kwargs)
    return services.licence_application_review_start(application=application, by=lic["officer"])


def issued_licence(lic):
    application = under_review(lic)
    return services.licence_application_approve(application=application, by=lic["officer"])
