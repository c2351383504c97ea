"""Back office for job-order vetting: the officers' queue with deadlines and action buttons,
bilateral schemes and the regional minimum-wage table. Every row is scoped by the policy
(jurisdiction); every change goes through `vacancies.services`."""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.views.generic.models import CreateView, EditView, IndexView, InspectView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from licensing.selectors import agency_registry_status
from licensing.uploads import private_file_response
from portal.lifecycle import InvalidTransition
from portal.policy import can, scope

from . import selectors, services
from .models import JobOrder, RegionalMinimumWage, Scheme


class PolicyBackedPermissionPolicy(ModelPermissionPolicy):
    """Wagtail permissions answered by `portal.policy`: `action_name` decides everything,
    `view_only` models are never added, edited or deleted through generic forms."""

    def __init__(self, model, action_name: str, *, view_only: bool = False):
        super().__init__(model)
        self.action_name = action_name
        self.view_only = view_only

    def _allowed_actions(self) -> set[str]:
        return {"view"} if self.view_only else {"view", "add", "change"}

    def user_has_permission(self, user, action):
        return action in self._allowed_actions() and can(user, self.action_name, None)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, a) for a in actions)

    def users_with_any_permission(self, actions, **kwargs):
        return super().users_with_any_permission(actions, **kwargs).none()

    def user_has_permission_for_instance(self, user, action, instance):
        return action in self._allowed_actions() and can(user, self.action_name, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        if not set(actions) & self._allowed_actions():
            return self.model.objects.none()
        return scope(user, self.action_name, self.model.objects.all())


class _VetQueuePolicy(PolicyBackedPermissionPolicy):
    def user_has_permission(self, user, action):
        from .policy import vetting_countries

        return action == "view" and bool(getattr(user, "is_superuser", False)
                                         or vetting_countries(user))


POLICIES = {
    JobOrder: _VetQueuePolicy(JobOrder, "vacancies.job_order.vet", view_only=True),
    Scheme: PolicyBackedPermissionPolicy(Scheme, "vacancies.scheme.manage"),
    RegionalMinimumWage: PolicyBackedPermissionPolicy(RegionalMinimumWage,
                                                      "vacancies.minimum_wage.manage"),
}
for _model, _policy in POLICIES.items():
    register_permission_policy(_model, _policy)


def _visible(request, model):
    return POLICIES[model].instances_user_has_any_permission_for(request.user, ["view"])


# --- vetting queue ---------------------------------------------------------------------------


class NoFieldsForm(forms.Form):
    pass


class MessageForm(forms.Form):
    message = forms.CharField(label=_("What the agency must add or explain"),
                              widget=forms.Textarea(attrs={"rows": 4}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("Recorded in the audit log and shown to the agency."))


@dataclass
class Action:
    """One button on the job-order page: its form and the service it calls."""

    name: str
    label: str
    form_class: type
    available: object  # (job_order) -> bool
    run: object  # (job_order, user, cleaned_data) -> None
    danger: bool = False


ACTIONS = [
    Action("review", _("Start review"), NoFieldsForm, lambda jo: jo.status == "submitted",
           lambda jo, u, d: services.job_order_review_start(job_order=jo, by=u)),
    Action("request_info", _("Request information"), MessageForm,
           lambda jo: jo.status == "under_review",
           lambda jo, u, d: services.job_order_info_request(job_order=jo, by=u,
                                                            message=d["message"])),
    Action("approve", _("Approve and publish"), NoFieldsForm,
           lambda jo: jo.status == "under_review",
           lambda jo, u, d: services.job_order_approve(job_order=jo, by=u)),
    Action("refuse", _("Refuse"), ReasonForm, lambda jo: jo.status == "under_review",
           lambda jo, u, d: services.job_order_refuse(job_order=jo, by=u, reason=d["reason"]),
           danger=True),
]


class VettingIndexView(IndexView):
    def get_base_queryset(self):
        return _visible(self.request, JobOrder).exclude(status="draft").select_related(
            "agency", "employer", "scheme", "region").order_by("decision_deadline", "pk")


class VettingInspectView(InspectView):
    """The job order's terms, the automatic fair-recruitment checks and the action forms."""

    def get_object(self, queryset=None):
        return get_object_or_404(_visible(self.request, JobOrder), pk=self.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        job_order = self.object
        problems = (services.job_order_vetting_problems(job_order)
                    if job_order.status in ("submitted", "under_review") else [])
        context.update({
            "template_extra": "vacancies/admin/job_order_extra.html",
            "problems": problems,
            "minimum": selectors.regional_minimum_wage(region=job_order.region),
            "agency_status": agency_registry_status(agency=job_order.agency),
            "costs": selectors.agency_cost_report_summary(agency=job_order.agency),
            "information_requests": job_order.information_requests.all(),
            "contract_url": reverse("vacancies_vetting_contract", args=[job_order.pk])
            if job_order.contract_template else "",
            "suggested_reason": "\n".join(problems),
            "actions": [
                (action, action.form_class(prefix=action.name,
                                           initial={"reason": "\n".join(problems)}),
                 reverse("vacancies_vetting:action", args=[job_order.pk, action.name]))
                for action in ACTIONS if action.available(job_order)],
        })
        return context


class VettingViewSet(ModelViewSet):
    """Job orders waiting for the vetting authority, oldest deadline first."""

    model = JobOrder
    icon = "clipboard-list"
    menu_label = _("Job-order vetting")
    url_prefix = "vacancies/vetting"
    index_view_class = VettingIndexView
    inspect_view_class = VettingInspectView
    inspect_view_enabled = True
    form_fields: list = []
    list_display = ["title", "agency", "employer", "status", "decision_deadline", "number"]
    list_filter = ["status", "decision_deadline"]
    search_fields = ["title", "number", "agency__name", "employer__name"]
    inspect_template_name = "vacancies/admin/case_inspect.html"
    inspect_view_fields = [
        "number", "status", "scheme", "agency", "employer", "title", "description", "occupation",
        "region", "city", "positions", "monthly_wage", "currency", "hours_per_week", "housing",
        "meals", "travel_paid_by_employer", "worker_fee_amount", "contract_months",
        "season_start", "season_end", "application_deadline", "contract_language",
        "contract_sha256", "essential_skills", "optional_skills", "languages",
        "decision_deadline", "decision_reason"]

    @property
    def permission_policy(self):
        return POLICIES[JobOrder]

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(fields=self.inspect_view_fields, **kwargs)

    def action_view(self, request, pk, action):
        job_order = get_object_or_404(_visible(request, JobOrder), pk=pk)
        chosen = next((a for a in ACTIONS if a.name == action and a.available(job_order)), None)
        inspect_url = reverse("vacancies_vetting:inspect", args=[pk])
        if chosen is None:
            messages.error(request, _("This action is not available."))
            return redirect(inspect_url)
        form = chosen.form_class(request.POST, prefix=chosen.name)
        if not form.is_valid():
            messages.error(request, _("%(action)s: fill in the form.") % {"action": chosen.label})
            return redirect(inspect_url)
        try:
            chosen.run(job_order, request.user, form.cleaned_data)
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


def vetting_contract(request, pk: int):
    """The contract template, for the officers who vet the job order."""
    job_order = get_object_or_404(JobOrder.objects.select_related("scheme"), pk=pk)
    if not can(request.user, "vacancies.job_order.vet", job_order) or not job_order.contract_template:
        raise Http404
    return private_file_response(job_order.contract_template, filename="contract.pdf",
                                 content_type="application/pdf")


@hooks.register("register_admin_urls")
def register_vetting_contract_url():
    return [path("vacancies/vetting-contract/<int:pk>/", vetting_contract,
                 name="vacancies_vetting_contract")]


# --- schemes and minimum wages ---------------------------------------------------------------


class SchemeCreateView(CreateView):
    def save_instance(self):
        scheme = self.form.save(commit=False)
        return services.scheme_save(scheme=scheme, by=self.request.user,
                                    sectors=self.form.cleaned_data.get("sectors"))


class SchemeEditView(EditView):
    def save_instance(self):
        scheme = self.form.save(commit=False)
        return services.scheme_save(scheme=scheme, by=self.request.user,
                                    sectors=self.form.cleaned_data.get("sectors"))


class SchemeIndexView(IndexView):
    def get_base_queryset(self):
        return _visible(self.request, Scheme)


class SchemeViewSet(ModelViewSet):
    """Bilateral circular-migration schemes that job orders are posted under."""

    model = Scheme
    icon = "globe"
    menu_label = _("Schemes")
    url_prefix = "vacancies/schemes"
    add_view_class = SchemeCreateView
    edit_view_class = SchemeEditView
    index_view_class = SchemeIndexView
    form_fields = ["name", "origin_country", "destination_country", "vetting_country",
                   "legal_basis", "sectors", "season_start_month", "season_end_month",
                   "max_stay_months", "reentry_priority", "return_grace_days", "quota_reference",
                   "is_active"]
    list_display = ["name", "origin_country", "destination_country", "vetting_country",
                    "is_active"]
    list_filter = ["origin_country", "destination_country", "is_active"]

    @property
    def permission_policy(self):
        return POLICIES[Scheme]


class MinimumWageCreateView(CreateView):
    def save_instance(self):
        return services.minimum_wage_save(wage=self.form.save(commit=False), by=self.request.user)


class MinimumWageEditView(EditView):
    def save_instance(self):
        return services.minimum_wage_save(wage=self.form.save(commit=False), by=self.request.user)


class MinimumWageViewSet(ModelViewSet):
    """The reference table vetting compares wages with, per destination region."""

    model = RegionalMinimumWage
    icon = "table"
    menu_label = _("Regional minimum wages")
    url_prefix = "vacancies/minimum-wages"
    add_view_class = MinimumWageCreateView
    edit_view_class = MinimumWageEditView
    form_fields = ["country", "region", "monthly_amount", "currency", "valid_from", "source"]
    list_display = ["country", "region", "monthly_amount", "currency", "valid_from"]
    list_filter = ["country"]

    @property
    def permission_policy(self):
        return POLICIES[RegionalMinimumWage]


class VacanciesViewSetGroup(ViewSetGroup):
    menu_label = _("Vacancies")
    menu_icon = "clipboard-list"
    menu_order = 250
    items = [
        VettingViewSet("vacancies_vetting"),
        SchemeViewSet("vacancies_schemes"),
        MinimumWageViewSet("vacancies_minimum_wages"),
    ]


@hooks.register("register_admin_viewset")
def register_vacancies_viewsets():
    return VacanciesViewSetGroup()
