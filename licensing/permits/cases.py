"""Permit and patent case types, declared on the kernel (`portal.cases`)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.cases import APPLICANT, CaseType, case_type
from portal.lifecycle import application_lifecycle, document_lifecycle
from portal.models import AGENCY_ROLES, User

from . import notifications  # noqa: F401  (declares the events named below)
from .models import DocumentKind, Patent, PermitApplication, WorkPermit
from .permissions import PermitPermission as P


def applicants(application) -> list:
    """The worker, and the agency that applies for them (its address and its staff)."""
    people = [application.worker]
    if application.agency_id:
        people.append(application.agency.email)
        people += list(
            User.objects.filter(
                memberships__organisation_id=application.agency_id,
                memberships__is_active=True,
                memberships__role__in=list(AGENCY_ROLES),
            ).distinct()
        )
    return people


def _application_path(application) -> str:
    return reverse("permits:application_detail", kwargs={"pk": application.pk})


PERMIT_APPLICATION = case_type(
    CaseType(
        model=PermitApplication,
        name="permit_application",
        lifecycle=application_lifecycle(
            edit=P.APPLICATION_EDIT,
            decide=P.APPLICATION_DECIDE,
            withdraw=P.APPLICATION_WITHDRAW,
            overrides={"approve": {"label": _("Approve and issue (reserves quota)")}},
        ),
        country=lambda a: a.authority.country_id,
        organisation=lambda a: a.agency or a.authority,
        recipients=lambda a, side: applicants(a) if side == APPLICANT else (),
        events={
            name: (f"permit_application.{name}", APPLICANT)
            for name in ("submit", "withdraw", "review_start", "request_info", "approve", "refuse")
        },
        document_kinds=DocumentKind,
        related=("authority", "agency", "worker", "occupation", "region"),
        applicant_path=_application_path,
        services="licensing.permits.services",
        edit_permission=P.APPLICATION_EDIT,
        document_audit="permit_document",
        deadline_field="decision_deadline",
    )
)


def _issued(model, name, keyword):
    return case_type(
        CaseType(
            model=model,
            name=name,
            lifecycle=document_lifecycle(manage=P.DOCUMENT_MANAGE),
            country=lambda d: d.authority.country_id,
            organisation=lambda d: d.authority,
            recipients=lambda d, side: applicants(d.application) if side == APPLICANT else (),
            events={n: f"permit_document.{n}" for n in ("suspend", "reinstate", "revoke")},
            applicant_path=lambda d: _application_path(d.application),
            related=("application", "authority"),
            services="licensing.permits.services",
            keyword=keyword,
        )
    )


WORK_PERMIT = _issued(WorkPermit, "work_permit", "permit")
PATENT = _issued(Patent, "patent", "patent")
