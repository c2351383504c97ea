"""The licence certificate: a PDF (WeasyPrint) with a QR code that opens the public check."""

import segno
from django.conf import settings
from django.template.loader import render_to_string

from portal.verification import check_code, verification_url

from .models import Licence
from .verification import licence_verification


def licence_certificate_pdf(*, licence: Licence) -> bytes:
    """Render the certificate of `licence` as PDF bytes."""
    from weasyprint import HTML

    url = verification_url(licence.number)
    html = render_to_string(
        "licensing/certificate.html",
        {
            "licence": licence,
            "result": licence_verification(licence),
            "verify_url": url,
            "check_code": check_code(licence.number),
            "qr": segno.make(url, error="m").svg_data_uri(scale=4),
        },
    )
    return HTML(string=html, base_url=settings.SITE_URL).write_pdf()
