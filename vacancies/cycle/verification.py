"""Plugs orientation certificates (POC) into the shared verification page: by number, that it
exists and the course; the holder's initials with the check code printed on it."""

from django.utils.translation import gettext as _

from portal.verification import VerificationResult, register_resolver

from .models import OrientationCertificate


@register_resolver("POC")
def resolve_orientation_certificate(number: str) -> VerificationResult | None:
    certificate = (
        OrientationCertificate.objects.select_related(
            "session__course__destination_country", "session__centre", "worker"
        )
        .filter(number=number)
        .first()
    )
    if certificate is None:
        return None
    session, worker = certificate.session, certificate.worker
    initials = " ".join(f"{p[0]}." for p in (worker.first_name, worker.last_name) if p) or "—"
    return VerificationResult(
        number=certificate.number,
        kind_label=_("Pre-departure orientation certificate"),
        status="active",
        status_label=_("Valid"),
        holder=initials,
        issuer=session.centre.name,
        valid_from=session.held_on,
        facts=[
            (_("Course"), session.course.title),
            (_("Prepares for"), session.course.destination_country.local),
            (_("Held"), _("online") if session.online else session.place or "—"),
        ],
        personal=True,
    )
