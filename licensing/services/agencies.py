"""Recruitment agencies registering themselves."""

import uuid

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.audit import audit_record
from portal.cases import require
from portal.models import AGENCY_ROLES, Organisation, Role
from portal.policy import agency_ids
from portal.services import membership_grant
from portal.submissions import create_once

ERROR_ALREADY_IN_AGENCY = _("You already belong to an agency.")


def agency_register(
    *,
    user,
    name: str,
    country_id: str,
    registration_number: str,
    address: str = "",
    email: str = "",
    phone: str = "",
    submission_key: uuid.UUID | None = None,
) -> Organisation:
    """A signed-in user registers their recruitment agency and becomes its administrator.
    A double submit of the form (same one-time key) returns the agency the first one made."""
    return create_once(
        Organisation,
        submission_key,
        lambda: _agency_register(
            user=user,
            name=name,
            country_id=country_id,
            registration_number=registration_number,
            address=address,
            email=email,
            phone=phone,
            submission_key=submission_key,
        ),
        # Asked of the database: the user's cached memberships predate the new agency.
        check=lambda agency: require(
            agency.memberships.filter(
                user=user, is_active=True, role__in=list(AGENCY_ROLES)
            ).exists()
        ),
    )


def _agency_register(
    *, user, name, country_id, registration_number, address, email, phone, submission_key
) -> Organisation:
    if agency_ids(user, AGENCY_ROLES):
        raise ValidationError(ERROR_ALREADY_IN_AGENCY)
    agency = Organisation(
        name=name.strip(),
        kind=Organisation.Kind.AGENCY,
        country_id=country_id,
        registration_number=registration_number.strip(),
        address=address,
        email=email or (user.email or ""),
        phone=phone,
        submission_key=submission_key,
    )
    agency.full_clean(exclude=["submission_key"])
    agency.save()
    membership_grant(user=user, organisation=agency, role=Role.AGENCY_ADMIN, by=None)
    audit_record(
        actor=user,
        action="organisation.register",
        obj=agency,
        role=Role.AGENCY_ADMIN,
        organisation=agency,
        to_state="registered",
        changes={
            "name": [None, agency.name],
            "registration_number": [None, agency.registration_number],
        },
        country=country_id,
    )
    return agency
