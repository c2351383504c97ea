"""Plugs agency licences into the shared verification page (`/<lang>/verify/<number>/`)."""

from django.utils.translation import gettext as _

from portal.lifecycle import DocumentStatus
from portal.verification import VerificationResult, register_resolver

from .models import Licence
from .selectors import effective_status


def licence_verification(licence: Licence) -> VerificationResult:
    """What anyone may see about a licence: status, validity, holder, issuing authority."""
    status = effective_status(licence)
    facts = []
    if licence.agency.registration_number:
        facts.append((_("Registration number"), licence.agency.registration_number))
    countries = ", ".join(str(c) for c in licence.destination_countries.all())
    if countries:
        facts.append((_("May place workers in"), countries))
    if status in (DocumentStatus.SUSPENDED, DocumentStatus.REVOKED) and licence.status_reason:
        facts.append((_("Reason"), licence.status_reason))
    if licence.previous_id:
        facts.append((_("Renews licence"), licence.previous.number))
    return VerificationResult(
        number=licence.number,
        kind_label=_("Recruitment agency licence"),
        status=status,
        status_label=str(DocumentStatus(status).label),
        holder=licence.agency.name,
        issuer=licence.authority.name,
        valid_from=licence.valid_from,
        valid_until=licence.valid_until,
        facts=facts,
    )


@register_resolver("LIC")
def resolve_licence(number: str) -> VerificationResult | None:
    licence = (
        Licence.objects.select_related("agency", "authority", "previous")
        .filter(number=number)
        .first()
    )
    return licence_verification(licence) if licence else None
