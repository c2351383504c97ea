"""The permit or patent certificate: a PDF (WeasyPrint) with a QR code to the public check.

Reuses `portal.verification.verification_url` so every certificate points at the same page,
with the check code that shows the holder's details.
"""

import segno
from django.conf import settings
from django.template.loader import render_to_string

from portal.verification import check_code, verification_url

from .models import Patent, WorkPermit
from .verification import patent_verification, work_permit_verification


def permit_certificate_pdf(*, document: WorkPermit | Patent) -> bytes:
    """Render the certificate of a work permit or a patent as PDF bytes."""
    from weasyprint import HTML

    url = verification_url(document.number)
    result = (
        work_permit_verification(document)
        if isinstance(document, WorkPermit)
        else patent_verification(document)
    )
    html = render_to_string(
        "permits/certificate.html",
        {
            "document": document,
            "application": document.application,
            "result": result,
            "is_patent": isinstance(document, Patent),
            "verify_url": url,
            "check_code": check_code(document.number),
            "qr": segno.make(url, error="m").svg_data_uri(scale=4),
        },
    )
    return HTML(string=html, base_url=settings.SITE_URL).write_pdf()
