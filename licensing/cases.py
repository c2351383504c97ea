"""Licensing's case types, declared on the kernel (`portal.cases`): licence applications,
licences and complaints. Their lifecycle tables, recipients and events live here, once."""

from dataclasses import replace

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from portal.cases import OFFICER, CaseType, Lifecycle, Note, Transition, case_type
from portal.lifecycle import application_lifecycle, document_lifecycle

from . import (
    notifications,  # noqa: F401  (declares the events named below)
    selectors,
)
from .models import Complaint, ComplaintStatus, Licence, LicenceApplication, LicenceDocumentKind
from .permissions import LicensingPermission as P


def _admin_path(url_name: str):
    def path(case) -> str:
        try:
            return reverse(url_name, args=[case.pk])
        except NoReverseMatch:  # the back office is not mounted (e.g. an API-only process)
            return ""

    return path


def _agency_side(agency_of):
    def recipients(case, side):
        if side == OFFICER:
            return selectors.licensing_officers(country_id=agency_of(case).country_id)
        return selectors.agency_contacts(agency=agency_of(case))

    return recipients


LICENCE_APPLICATION = case_type(
    CaseType(
        model=LicenceApplication,
        name="licence_application",
        lifecycle=application_lifecycle(
            edit=P.APPLICATION_EDIT,
            decide=P.APPLICATION_DECIDE,
            overrides={
                "approve": {
                    "label": _("Approve and issue the licence"),
                    "note": Note(
                        "conditions", _("Conditions (printed on the certificate)"), required=False
                    ),
                }
            },
        ),
        country=lambda a: a.agency.country_id,
        organisation=lambda a: a.agency,
        recipients=_agency_side(lambda a: a.agency),
        events={
            "submit": "licence_application.submit",
            "submit:info_requested": "licence_application.resubmit",
            "request_info": "licence_application.request_info",
            "approve": "licence_application.approve",
            "refuse": "licence_application.refuse",
        },
        document_kinds=LicenceDocumentKind,
        related=("agency", "authority"),
        applicant_path=lambda a: reverse("licensing:application_detail", args=[a.pk]),
        officer_path=_admin_path("licensing_applications:inspect"),
        services="licensing.services",
        edit_permission=P.APPLICATION_EDIT,
        document_audit="licence_document",
        deadline_field="decision_deadline",
    )
)


def _revocation_pending(licence) -> bool:
    return bool(licence.revocation_requested_by_id)


_document = {t.name: t for t in document_lifecycle(manage=P.LICENCE_MANAGE).transitions}
LICENCE = case_type(
    CaseType(
        model=Licence,
        name="licence",
        lifecycle=Lifecycle(
            _document["suspend"],
            replace(_document["reinstate"], when=lambda lic: not _revocation_pending(lic)),
            replace(
                _document["revoke"],
                label=_("Confirm revocation"),
                note=None,
                consequence=_(
                    "The licence is revoked for the reason the first officer gave; "
                    "the registry shows it at once."
                ),
                when=_revocation_pending,
            ),
            _document["expire"],
        ),
        country=lambda lic: lic.agency.country_id,
        organisation=lambda lic: lic.agency,
        recipients=_agency_side(lambda lic: lic.agency),
        events={"suspend": "licence.suspend", "revoke": "licence.revoke"},
        related=("agency",),
        officer_path=_admin_path("licensing_licences:inspect"),
        services="licensing.services",
        keyword="licence",
    )
)

C = ComplaintStatus
_outcome = Note("outcome", _("Outcome (the complainant reads it)"))
COMPLAINT = case_type(
    CaseType(
        model=Complaint,
        name="complaint",
        lifecycle=Lifecycle(
            Transition(
                "investigate",
                (C.RECEIVED,),
                C.INVESTIGATING,
                OFFICER,
                P.COMPLAINT_HANDLE,
                _("Take the complaint (I handle it)"),
                _(
                    "You become the handling officer; the complainant sees that the complaint "
                    "is under investigation."
                ),
            ),
            Transition(
                "uphold",
                (C.INVESTIGATING,),
                C.UPHELD,
                OFFICER,
                P.COMPLAINT_HANDLE,
                _("Uphold"),
                _(
                    "The complaint counts against the agency at licence renewal "
                    "and in the public registry."
                ),
                note=_outcome,
            ),
            Transition(
                "dismiss",
                (C.INVESTIGATING,),
                C.DISMISSED,
                OFFICER,
                P.COMPLAINT_HANDLE,
                _("Dismiss"),
                _("The complaint is closed without consequence for the agency."),
                note=_outcome,
                danger=True,
            ),
        ),
        country=lambda c: c.country_id,
        organisation=lambda c: c.agency,
        related=("agency",),
        services="licensing.services",
        keyword="complaint",
        deadline_field="deadline",
    )
)
