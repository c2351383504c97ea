"""Recruitment agencies registering themselves."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from portal.audit import audit_record
from portal.models import AGENCY_ROLES, Organisation, Role
from portal.policy import agency_ids
from portal.services import membership_grant

ERROR_ALREADY_IN_AGENCY = _("You already belong to an agency.")


@transaction.atomic
def agency_register(*, user, name: str, country_id: str, registration_number: str,
                    address: str = "", email: str = "", phone: str = "") -> Organisation:
    """A signed-in user registers their recruitment agency and becomes its administrator."""
    if agency_ids(user, AGENCY_ROLES):
        raise ValidationError(ERROR_ALREADY_IN_AGENCY)
    agency = Organisation(name=name.strip(), kind=Organisation.Kind.AGENCY, country_id=country_id,
                          registration_number=registration_number.strip(), address=address,
                          email=email or (user.email or ""), phone=phone)
    agency.full_clean()
    agency.save()
    membership_grant(user=user, organisation=agency, role=Role.AGENCY_ADMIN, by=None)
    audit_record(actor=user, action="organisation.register", obj=agency, role=Role.AGENCY_ADMIN,
                 organisation=agency, to_state="registered",
                 changes={"name": [None, agency.name],
                          "registration_number": [None, agency.registration_number]},
                 country=country_id)
    return agency
