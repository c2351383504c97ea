"""Back office for licensing officers: queues with deadlines, case pages with documents, and
action buttons that call the services. Officers see only their own jurisdiction."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permissions import register_permission_policy

from licensing.permissions import LicensingPermission
from portal.admin_views import Action, CaseViewSet, PolicyPermissionPolicy
from portal.models import Organisation, Role
from portal.policy import active_memberships, can

from . import admin_forms, selectors, services
from .models import (
    Complaint,
    Deposit,
    DepositClaim,
    Inspection,
    Licence,
    LicenceApplication,
    Sanction,
)
from .policy import officer_countries


def _may_view(user) -> bool:
    return bool(getattr(user, "is_superuser", False) or officer_countries(user))


SCOPES = {
    LicenceApplication: LicensingPermission.APPLICATION_DECIDE,
    Licence: LicensingPermission.LICENCE_VIEW,
    Complaint: LicensingPermission.COMPLAINT_HANDLE,
    Inspection: LicensingPermission.OVERSIGHT_VIEW,
    Sanction: LicensingPermission.OVERSIGHT_VIEW,
}
for _model, _action in SCOPES.items():
    register_permission_policy(_model, PolicyPermissionPolicy(_model, _action, may=_may_view))


class DepositPermissionPolicy(PolicyPermissionPolicy):
    """Deposits and claims: read-only lists for the officers of the licence's country."""

    def __init__(self, model, country_path: str):
        super().__init__(model, LicensingPermission.OVERSIGHT_VIEW, may=_may_view)
        self.country_path = country_path

    def instances_user_has_any_permission_for(self, user, actions):
        if self.actions.isdisjoint(actions):
            return self.model.objects.none()
        if getattr(user, "is_superuser", False):
            return self.model.objects.all()
        return self.model.objects.filter(**{f"{self.country_path}__in": officer_countries(user)})


register_permission_policy(Deposit, DepositPermissionPolicy(Deposit, "licence__agency__country_id"))
register_permission_policy(
    DepositClaim, DepositPermissionPolicy(DepositClaim, "deposit__licence__agency__country_id")
)


class DeadlineColumn(Column):
    """A deadline with an "overdue" flag while the case is still open."""

    cell_template_name = "licensing/admin/deadline_cell.html"

    def __init__(self, name, *, open_states, **kwargs):
        super().__init__(name, sort_key=name, **kwargs)
        self.open_states = open_states

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        value = context.get("value")
        context["overdue"] = bool(
            value and instance.status in self.open_states and value < timezone.localdate()
        )
        return context


# --- licence applications --------------------------------------------------------------------


class LicenceApplicationViewSet(CaseViewSet):
    model = LicenceApplication
    icon = "doc-full"
    menu_label = _("Licence applications")
    url_prefix = "licensing/applications"
    list_display = [
        "agency",
        "kind",
        "status",
        DeadlineColumn(
            "decision_deadline",
            label=_("Decision deadline"),
            open_states=("submitted", "under_review"),
        ),
        "submitted_at",
        "authority",
    ]
    list_filter = ["status", "decision_deadline", "agency__country", "kind"]
    search_fields = ["agency__name", "agency__registration_number"]
    inspect_view_fields = [
        "agency",
        "authority",
        "kind",
        "status",
        "renewal_of",
        "decision_deadline",
        "submitted_at",
        "destination_countries",
        "sectors",
        "planned_yearly_placements",
        "office_address",
        "declares_no_worker_fees",
        "declares_no_document_retention",
        "declared_at",
        "decision_reason",
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .exclude(status="draft")
            .select_related("agency", "authority")
            .order_by("decision_deadline", "pk")
        )

    def extra_context(self, request, application):
        return {
            "template_extra": "licensing/admin/application_extra.html",
            "record": selectors.agency_record(agency=application.agency),
            "missing": services.licence_application_missing(application),
        }


# --- licences --------------------------------------------------------------------------------


def _pending(licence) -> bool:
    return bool(licence.revocation_requested_by_id)


class LicenceViewSet(CaseViewSet):
    model = Licence
    icon = "tick-inverse"
    menu_label = _("Licences")
    url_prefix = "licensing/licences"
    list_display = ["number", "agency", "status", "valid_from", "valid_until"]
    list_filter = ["status", "valid_until", "agency__country"]
    search_fields = ["number", "agency__name"]
    inspect_view_fields = [
        "number",
        "agency",
        "authority",
        "status",
        "status_reason",
        "valid_from",
        "valid_until",
        "conditions",
        "destination_countries",
        "previous",
        "revocation_reason",
        "revocation_requested_by",
        "revocation_requested_at",
    ]
    actions = [
        Action(
            "propose_revocation",
            _("Propose revocation (a second officer confirms)"),
            admin_forms.ReasonForm,
            lambda lic: lic.status in ("active", "suspended") and not _pending(lic),
            lambda lic, u, d, r: services.licence_revocation_propose(
                licence=lic, by=u, reason=d["reason"]
            ),
            danger=True,
        ),
        Action(
            "cancel_revocation",
            _("Decline the proposed revocation"),
            admin_forms.ReasonForm,
            _pending,
            lambda lic, u, d, r: services.licence_revocation_cancel(
                licence=lic, by=u, reason=d["reason"]
            ),
        ),
        Action(
            "sanction",
            _("Impose a sanction"),
            admin_forms.SanctionForm,
            lambda lic: True,
            lambda lic, u, d, r: services.sanction_impose(
                agency=lic.agency, by=u, kind=d["kind"], amount=d["amount"], reason=d["reason"]
            ),
        ),
        Action(
            "inspect",
            _("Plan an inspection"),
            admin_forms.PlanInspectionForm,
            lambda lic: lic.status in ("active", "suspended"),
            lambda lic, u, d, r: services.inspection_plan(
                agency=lic.agency, by=u, kind=d["kind"], scheduled_for=d["scheduled_for"]
            ),
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("agency")

    def extra_context(self, request, licence):
        return {
            "template_extra": "licensing/admin/licence_extra.html",
            "record": selectors.agency_record(agency=licence.agency),
        }


# --- complaints, inspections, sanctions ------------------------------------------------------


class ComplaintViewSet(CaseViewSet):
    model = Complaint
    icon = "warning"
    menu_label = _("Complaints")
    url_prefix = "licensing/complaints"
    list_display = [
        "tracking_code",
        "category",
        "agency",
        "recruiter_name",
        "status",
        DeadlineColumn("deadline", label=_("Deadline"), open_states=("received", "investigating")),
        "handling_officer",
    ]
    list_filter = ["status", "category", "deadline", "country"]
    search_fields = ["tracking_code", "recruiter_name", "agency__name", "subject_number"]
    inspect_view_fields = [
        "tracking_code",
        "status",
        "deadline",
        "handling_officer",
        "agency",
        "recruiter_name",
        "subject_number",
        "country",
        "category",
        "description",
        "amount_paid",
        "currency",
        "is_anonymous",
        "contact_name",
        "contact",
        "complainant_country",
        "created_at",
        "outcome",
    ]
    actions = [
        Action(
            "assign",
            _("Assign to another officer"),
            admin_forms.AssignComplaintForm,
            lambda c: c.status in ("received", "investigating"),
            lambda c, u, d, r: services.complaint_assign(
                complaint=c, by=u, officer=d["officer"], reason=d["reason"]
            ),
            form_kwargs=lambda c: {"complaint": c},
            allowed=lambda c, u: can(u, LicensingPermission.COMPLAINT_ASSIGN, c),
        ),
        Action(
            "inspect",
            _("Plan an inspection of the agency"),
            admin_forms.PlanInspectionForm,
            lambda c: c.agency_id is not None,
            lambda c, u, d, r: services.inspection_plan(
                agency=c.agency, by=u, kind=d["kind"], scheduled_for=d["scheduled_for"], complaint=c
            ),
        ),
        Action(
            "sanction",
            _("Impose a sanction on the agency"),
            admin_forms.SanctionForm,
            lambda c: c.agency_id is not None and c.status == "upheld",
            lambda c, u, d, r: services.sanction_impose(
                agency=c.agency,
                by=u,
                kind=d["kind"],
                amount=d["amount"],
                reason=d["reason"],
                complaint=c,
            ),
        ),
    ]

    def extra_context(self, request, complaint):
        return {
            "template_extra": "licensing/admin/complaint_extra.html",
            "evidence": complaint.evidence.all(),
        }


class InspectionViewSet(CaseViewSet):
    model = Inspection
    icon = "search"
    menu_label = _("Inspections")
    url_prefix = "licensing/inspections"
    list_display = ["agency", "kind", "status", "scheduled_for", "inspector"]
    list_filter = ["status", "kind", "scheduled_for"]
    inspect_view_fields = [
        "agency",
        "kind",
        "status",
        "scheduled_for",
        "carried_out_on",
        "inspector",
        "complaint",
        "findings",
    ]
    actions = [
        Action(
            "complete",
            _("Record findings"),
            admin_forms.CompleteInspectionForm,
            lambda i: i.status == "planned",
            lambda i, u, d, r: services.inspection_complete(
                inspection=i, by=u, carried_out_on=d["carried_out_on"], findings=d["findings"]
            ),
        ),
        Action(
            "cancel",
            _("Cancel the inspection"),
            admin_forms.ReasonForm,
            lambda i: i.status == "planned",
            lambda i, u, d, r: services.inspection_cancel(inspection=i, by=u, reason=d["reason"]),
        ),
        Action(
            "sanction",
            _("Impose a sanction"),
            admin_forms.SanctionForm,
            lambda i: i.status == "completed",
            lambda i, u, d, r: services.sanction_impose(
                agency=i.agency,
                by=u,
                kind=d["kind"],
                amount=d["amount"],
                reason=d["reason"],
                inspection=i,
            ),
        ),
    ]


class SanctionViewSet(CaseViewSet):
    model = Sanction
    icon = "warning"
    menu_label = _("Sanctions")
    url_prefix = "licensing/sanctions"
    list_display = ["agency", "kind", "amount", "imposed_on", "licence"]
    list_filter = ["kind", "imposed_on"]
    inspect_view_fields = [
        "agency",
        "kind",
        "amount",
        "reason",
        "imposed_on",
        "imposed_by",
        "licence",
        "inspection",
        "complaint",
    ]


class DepositViewSet(CaseViewSet):
    model = Deposit
    icon = "table"
    menu_label = _("Guarantee deposits")
    url_prefix = "licensing/deposits"
    list_display = ["licence", "balance", "currency"]
    search_fields = ["licence__number", "licence__agency__name"]
    inspect_view_fields = ["licence", "balance", "currency"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("licence")


class DepositClaimViewSet(CaseViewSet):
    model = DepositClaim
    icon = "doc-full"
    menu_label = _("Deposit claims")
    url_prefix = "licensing/deposit-claims"
    list_display = ["deposit", "kind", "amount", "status", "recorded_at"]
    list_filter = ["kind", "status"]
    inspect_view_fields = [
        "deposit",
        "kind",
        "claimant",
        "amount",
        "status",
        "reason",
        "recorded_by",
        "recorded_at",
        "decided_by",
        "decided_at",
    ]


class LicensingViewSetGroup(ViewSetGroup):
    menu_label = _("Licensing")
    menu_icon = "form"
    menu_order = 200
    items = [
        LicenceApplicationViewSet("licensing_applications"),
        LicenceViewSet("licensing_licences"),
        ComplaintViewSet("licensing_complaints"),
        InspectionViewSet("licensing_inspections"),
        SanctionViewSet("licensing_sanctions"),
        DepositViewSet("licensing_deposits"),
        DepositClaimViewSet("licensing_deposit_claims"),
    ]


@hooks.register("register_admin_viewset")
def register_licensing_viewsets():
    return LicensingViewSetGroup()


# --- authority settings ----------------------------------------------------------------------


def _administered_authorities(user) -> list:
    return [
        m.organisation
        for m in active_memberships(user)
        if m.role == Role.AUTHORITY_ADMIN
        and m.organisation.has_competence(Organisation.Competence.AGENCY_LICENSING)
    ]


def authority_settings_view(request):
    """An authority administrator sets licence validity and handling periods."""
    authorities = _administered_authorities(request.user)
    if not authorities:
        raise PermissionDenied
    authority = authorities[0]
    current = selectors.authority_settings(authority=authority)
    form = admin_forms.AuthoritySettingsForm(
        request.POST or None,
        initial={
            "licence_validity_years": current.licence_validity_years,
            "decision_period_days": current.decision_period_days,
            "complaint_period_days": current.complaint_period_days,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.authority_settings_update(
            authority=authority, by=request.user, **form.cleaned_data
        )
        messages.success(request, _("Settings saved."))
        return redirect("licensing_authority_settings")
    return TemplateResponse(
        request, "licensing/admin/authority_settings.html", {"form": form, "authority": authority}
    )


@hooks.register("register_admin_urls")
def register_authority_settings_url():
    return [
        path("licensing/settings/", authority_settings_view, name="licensing_authority_settings")
    ]


class AuthoritySettingsMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(_administered_authorities(request.user))


@hooks.register("register_settings_menu_item")
def register_authority_settings_menu_item():
    return AuthoritySettingsMenuItem(
        _("Licensing settings"), reverse("licensing_authority_settings"), icon_name="cog", order=900
    )
