"""Back office for licensing officers: queues with deadlines, case pages with documents, and
action buttons that call the services. Officers see only their own jurisdiction."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import IndexView, InspectView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from portal.lifecycle import InvalidTransition
from portal.models import Organisation, Role
from portal.policy import active_memberships, can, scope

from . import admin_forms, selectors, services
from .models import Complaint, Inspection, Licence, LicenceApplication, Sanction
from .policy import officer_countries


class OfficerReadPolicy(ModelPermissionPolicy):
    """Read-only listing for licensing officers, narrowed to their jurisdiction by the policy.
    Nobody adds, edits or deletes through generic forms: changes go through the action views."""

    def __init__(self, model, scope_action: str):
        super().__init__(model)
        self.scope_action = scope_action

    def _may(self, user) -> bool:
        return bool(getattr(user, "is_superuser", False) or officer_countries(user))

    def user_has_permission(self, user, action):
        return action == "view" and self._may(user)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and self._may(user)

    def users_with_any_permission(self, actions, **kwargs):
        return super().users_with_any_permission(actions, **kwargs).none()

    def user_has_permission_for_instance(self, user, action, instance):
        return action == "view" and self.instances_user_has_any_permission_for(
            user, ["view"]).filter(pk=instance.pk).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        if "view" not in actions:
            return self.model.objects.none()
        return scope(user, self.scope_action, self.model.objects.all())


SCOPES = {
    LicenceApplication: "licensing.application.decide",
    Licence: "licensing.licence.view",
    Complaint: "licensing.complaint.handle",
    Inspection: "licensing.oversight.view",
    Sanction: "licensing.oversight.view",
}
POLICIES = {model: OfficerReadPolicy(model, action) for model, action in SCOPES.items()}
for _model, _policy in POLICIES.items():
    register_permission_policy(_model, _policy)


@dataclass
class Action:
    """One button on a case page: the form it shows and the service it calls."""

    name: str
    label: str
    form_class: type
    available: callable  # (obj) -> bool
    run: callable  # (obj, user, cleaned_data) -> None
    danger: bool = False
    form_kwargs: callable = None  # (obj) -> dict, for forms whose choices depend on the case
    allowed: callable = None  # (obj, user) -> bool; shown only to those the policy lets act

    def form(self, obj, data=None):
        kwargs = self.form_kwargs(obj) if self.form_kwargs else {}
        return self.form_class(data, prefix=self.name, **kwargs)

    def offered(self, obj, user) -> bool:
        return self.available(obj) and (self.allowed is None or self.allowed(obj, user))


def _visible(request, model):
    return POLICIES[model].instances_user_has_any_permission_for(request.user, ["view"])


class CaseInspectView(InspectView):
    """The generic inspect page, scoped to the officer's jurisdiction, with action forms."""

    actions: list[Action] = []
    extra_context_fn = None
    url_namespace = None

    def get_object(self, queryset=None):
        return get_object_or_404(_visible(self.request, self.model), pk=self.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["actions"] = [
            (action, action.form(self.object),
             reverse(f"{self.url_namespace}:action", args=[self.object.pk, action.name]))
            for action in self.actions if action.offered(self.object, self.request.user)
        ]
        if self.extra_context_fn:
            context.update(self.extra_context_fn(self.object))
        return context


class ScopedIndexView(IndexView):
    """Wagtail's listing, starting from the viewset's jurisdiction-scoped queryset."""

    queryset_fn = None

    def get_base_queryset(self):
        return self.queryset_fn(self.request)


class CaseViewSet(ModelViewSet):
    """A read-only queue plus action URLs that call the services."""

    index_view_class = ScopedIndexView
    inspect_view_class = CaseInspectView

    inspect_view_enabled = True
    form_fields: list = []
    add_to_admin_menu = False
    actions: list[Action] = []
    extra_context_fn = None
    inspect_fields: list = []

    def get_queryset(self, request):
        return _visible(request, self.model)

    @property
    def permission_policy(self):
        return POLICIES[self.model]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(queryset_fn=self.get_queryset, **kwargs)

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            actions=self.actions, extra_context_fn=self.extra_context_fn,
            url_namespace=self.url_namespace, fields=self.inspect_fields, **kwargs)

    def action_view(self, request, pk, action):
        obj = get_object_or_404(_visible(request, self.model), pk=pk)
        chosen = next((a for a in self.actions
                       if a.name == action and a.offered(obj, request.user)), None)
        inspect_url = reverse(f"{self.url_namespace}:inspect", args=[pk])
        if chosen is None:
            messages.error(request, _("This action is not available."))
            return redirect(inspect_url)
        form = chosen.form(obj, request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, f"{chosen.label}: {error}")
            return redirect(inspect_url)
        try:
            chosen.run(obj, request.user, form.cleaned_data)
        except (InvalidTransition, ValidationError, PermissionDenied) as exc:
            for message in getattr(exc, "messages", [str(exc)]):
                messages.error(request, message)
        else:
            messages.success(request, _("Done: %(action)s.") % {"action": chosen.label})
        return redirect(inspect_url)

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(),
                path("action/<int:pk>/<slug:action>/", require_POST(self.action_view),
                     name="action")]


class DeadlineColumn(Column):
    """A deadline with an "overdue" flag while the case is still open."""

    cell_template_name = "licensing/admin/deadline_cell.html"

    def __init__(self, name, *, open_states, **kwargs):
        super().__init__(name, sort_key=name, **kwargs)
        self.open_states = open_states

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        value = context.get("value")
        context["overdue"] = bool(value and instance.status in self.open_states
                                  and value < timezone.localdate())
        return context


# --- licence applications --------------------------------------------------------------------

def _application_context(application):
    return {
        "template_extra": "licensing/admin/application_extra.html",
        "documents": application.documents.all(),
        "information_requests": application.information_requests.all(),
        "record": selectors.agency_record(agency=application.agency),
        "missing": services.licence_application_missing(application),
    }


class LicenceApplicationViewSet(CaseViewSet):
    model = LicenceApplication
    icon = "doc-full"
    menu_label = _("Licence applications")
    url_prefix = "licensing/applications"
    list_display = ["agency", "kind", "status",
                    DeadlineColumn("decision_deadline", label=_("Decision deadline"),
                                   open_states=("submitted", "under_review")),
                    "submitted_at", "authority"]
    list_filter = ["status", "decision_deadline", "agency__country", "kind"]
    search_fields = ["agency__name", "agency__registration_number"]
    inspect_template_name = "licensing/admin/case_inspect.html"
    inspect_fields = ["agency", "authority", "kind", "status", "renewal_of", "decision_deadline",
                      "submitted_at", "destination_countries", "sectors",
                      "planned_yearly_placements", "office_address", "declares_no_worker_fees",
                      "declares_no_document_retention", "declared_at", "decision_reason"]
    extra_context_fn = staticmethod(_application_context)
    actions = [
        Action("review", _("Start review"), admin_forms.NoFieldsForm,
               lambda a: a.status == "submitted",
               lambda a, u, d: services.licence_application_review_start(application=a, by=u)),
        Action("request_info", _("Request information"), admin_forms.MessageForm,
               lambda a: a.status == "under_review",
               lambda a, u, d: services.licence_application_request_info(
                   application=a, by=u, message=d["message"])),
        Action("approve", _("Approve and issue the licence"), admin_forms.ConditionsForm,
               lambda a: a.status == "under_review",
               lambda a, u, d: services.licence_application_approve(
                   application=a, by=u, conditions=d["conditions"])),
        Action("refuse", _("Refuse"), admin_forms.ReasonForm,
               lambda a: a.status == "under_review",
               lambda a, u, d: services.licence_application_refuse(
                   application=a, by=u, reason=d["reason"]), danger=True),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).exclude(status="draft").select_related(
            "agency", "authority").order_by("decision_deadline", "pk")


# --- licences --------------------------------------------------------------------------------


def _licence_context(licence):
    return {"template_extra": "licensing/admin/licence_extra.html",
            "record": selectors.agency_record(agency=licence.agency)}


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
    inspect_template_name = "licensing/admin/case_inspect.html"
    inspect_fields = ["number", "agency", "authority", "status", "status_reason", "valid_from",
                      "valid_until", "conditions", "destination_countries", "previous",
                      "revocation_reason", "revocation_requested_by", "revocation_requested_at"]
    extra_context_fn = staticmethod(_licence_context)
    actions = [
        Action("suspend", _("Suspend"), admin_forms.ReasonForm,
               lambda lic: lic.status == "active",
               lambda lic, u, d: services.licence_suspend(licence=lic, by=u, reason=d["reason"]),
               danger=True),
        Action("reinstate", _("Reinstate"), admin_forms.OptionalReasonForm,
               lambda lic: lic.status == "suspended" and not _pending(lic),
               lambda lic, u, d: services.licence_reinstate(licence=lic, by=u,
                                                            reason=d["reason"])),
        Action("propose_revocation", _("Propose revocation (a second officer confirms)"),
               admin_forms.ReasonForm,
               lambda lic: lic.status in ("active", "suspended") and not _pending(lic),
               lambda lic, u, d: services.licence_revocation_propose(licence=lic, by=u,
                                                                     reason=d["reason"]),
               danger=True),
        Action("confirm_revocation", _("Confirm revocation"), admin_forms.NoFieldsForm,
               _pending,
               lambda lic, u, d: services.licence_revocation_confirm(licence=lic, by=u),
               danger=True),
        Action("cancel_revocation", _("Decline the proposed revocation"), admin_forms.ReasonForm,
               _pending,
               lambda lic, u, d: services.licence_revocation_cancel(licence=lic, by=u,
                                                                    reason=d["reason"])),
        Action("sanction", _("Impose a sanction"), admin_forms.SanctionForm,
               lambda lic: True,
               lambda lic, u, d: services.sanction_impose(
                   agency=lic.agency, by=u, kind=d["kind"], amount=d["amount"],
                   reason=d["reason"])),
        Action("inspect", _("Plan an inspection"), admin_forms.PlanInspectionForm,
               lambda lic: lic.status in ("active", "suspended"),
               lambda lic, u, d: services.inspection_plan(
                   agency=lic.agency, by=u, kind=d["kind"], scheduled_for=d["scheduled_for"])),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("agency")


# --- complaints, inspections, sanctions ------------------------------------------------------


def _complaint_context(complaint):
    return {"template_extra": "licensing/admin/complaint_extra.html",
            "evidence": complaint.evidence.all()}


class ComplaintViewSet(CaseViewSet):
    model = Complaint
    icon = "warning"
    menu_label = _("Complaints")
    url_prefix = "licensing/complaints"
    list_display = ["tracking_code", "category", "agency", "recruiter_name", "status",
                    DeadlineColumn("deadline", label=_("Deadline"),
                                   open_states=("received", "investigating")),
                    "handling_officer"]
    list_filter = ["status", "category", "deadline", "country"]
    search_fields = ["tracking_code", "recruiter_name", "agency__name", "subject_number"]
    inspect_template_name = "licensing/admin/case_inspect.html"
    inspect_fields = ["tracking_code", "status", "deadline", "handling_officer", "agency",
                      "recruiter_name", "subject_number", "country", "category", "description",
                      "amount_paid", "currency", "is_anonymous", "contact_name", "contact",
                      "complainant_country", "created_at", "outcome"]
    extra_context_fn = staticmethod(_complaint_context)
    actions = [
        Action("investigate", _("Take the complaint (I handle it)"), admin_forms.NoFieldsForm,
               lambda c: c.status == "received",
               lambda c, u, d: services.complaint_investigate(complaint=c, by=u)),
        Action("assign", _("Assign to another officer"), admin_forms.AssignComplaintForm,
               lambda c: c.status in ("received", "investigating"),
               lambda c, u, d: services.complaint_assign(complaint=c, by=u, officer=d["officer"],
                                                         reason=d["reason"]),
               form_kwargs=lambda c: {"complaint": c},
               allowed=lambda c, u: can(u, "licensing.complaint.assign", c)),
        Action("decide", _("Record the outcome"), admin_forms.DecideComplaintForm,
               lambda c: c.status == "investigating",
               lambda c, u, d: services.complaint_decide(complaint=c, by=u, upheld=d["upheld"],
                                                         outcome=d["outcome"])),
        Action("inspect", _("Plan an inspection of the agency"), admin_forms.PlanInspectionForm,
               lambda c: c.agency_id is not None,
               lambda c, u, d: services.inspection_plan(
                   agency=c.agency, by=u, kind=d["kind"], scheduled_for=d["scheduled_for"],
                   complaint=c)),
        Action("sanction", _("Impose a sanction on the agency"), admin_forms.SanctionForm,
               lambda c: c.agency_id is not None and c.status == "upheld",
               lambda c, u, d: services.sanction_impose(
                   agency=c.agency, by=u, kind=d["kind"], amount=d["amount"], reason=d["reason"],
                   complaint=c)),
    ]


class InspectionViewSet(CaseViewSet):
    model = Inspection
    icon = "search"
    menu_label = _("Inspections")
    url_prefix = "licensing/inspections"
    list_display = ["agency", "kind", "status", "scheduled_for", "inspector"]
    list_filter = ["status", "kind", "scheduled_for"]
    inspect_template_name = "licensing/admin/case_inspect.html"
    inspect_fields = ["agency", "kind", "status", "scheduled_for", "carried_out_on", "inspector",
                      "complaint", "findings"]
    actions = [
        Action("complete", _("Record findings"), admin_forms.CompleteInspectionForm,
               lambda i: i.status == "planned",
               lambda i, u, d: services.inspection_complete(
                   inspection=i, by=u, carried_out_on=d["carried_out_on"], findings=d["findings"])),
        Action("cancel", _("Cancel the inspection"), admin_forms.ReasonForm,
               lambda i: i.status == "planned",
               lambda i, u, d: services.inspection_cancel(inspection=i, by=u,
                                                          reason=d["reason"])),
        Action("sanction", _("Impose a sanction"), admin_forms.SanctionForm,
               lambda i: i.status == "completed",
               lambda i, u, d: services.sanction_impose(
                   agency=i.agency, by=u, kind=d["kind"], amount=d["amount"], reason=d["reason"],
                   inspection=i)),
    ]


class SanctionViewSet(CaseViewSet):
    model = Sanction
    icon = "warning"
    menu_label = _("Sanctions")
    url_prefix = "licensing/sanctions"
    list_display = ["agency", "kind", "amount", "imposed_on", "licence"]
    list_filter = ["kind", "imposed_on"]
    inspect_template_name = "licensing/admin/case_inspect.html"
    inspect_fields = ["agency", "kind", "amount", "reason", "imposed_on", "imposed_by", "licence",
                      "inspection", "complaint"]


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
    ]


@hooks.register("register_admin_viewset")
def register_licensing_viewsets():
    return LicensingViewSetGroup()


# --- authority settings ----------------------------------------------------------------------


def _administered_authorities(user) -> list:
    return [m.organisation for m in active_memberships(user)
            if m.role == Role.AUTHORITY_ADMIN
            and m.organisation.has_competence(Organisation.Competence.AGENCY_LICENSING)]


def authority_settings_view(request):
    """An authority administrator sets licence validity and handling periods."""
    authorities = _administered_authorities(request.user)
    if not authorities:
        raise PermissionDenied
    authority = authorities[0]
    current = selectors.authority_settings(authority=authority)
    form = admin_forms.AuthoritySettingsForm(request.POST or None, initial={
        "licence_validity_years": current.licence_validity_years,
        "decision_period_days": current.decision_period_days,
        "complaint_period_days": current.complaint_period_days,
    })
    if request.method == "POST" and form.is_valid():
        services.authority_settings_update(authority=authority, by=request.user,
                                           **form.cleaned_data)
        messages.success(request, _("Settings saved."))
        return redirect("licensing_authority_settings")
    return TemplateResponse(request, "licensing/admin/authority_settings.html",
                            {"form": form, "authority": authority})


@hooks.register("register_admin_urls")
def register_authority_settings_url():
    return [path("licensing/settings/", authority_settings_view,
                 name="licensing_authority_settings")]


class AuthoritySettingsMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(_administered_authorities(request.user))


@hooks.register("register_settings_menu_item")
def register_authority_settings_menu_item():
    return AuthoritySettingsMenuItem(_("Licensing settings"),
                                     reverse("licensing_authority_settings"),
                                     icon_name="cog", order=900)
