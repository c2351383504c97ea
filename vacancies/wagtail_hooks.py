"""Back office for job-order vetting: the officers' queue with deadlines and action buttons,
bilateral schemes and the regional minimum-wage table. Every row is scoped by the policy
(jurisdiction); every change goes through `vacancies.services`."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic.models import CreateView, EditView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from licensing.selectors import agency_registry_status
from portal.admin_views import CaseViewSet, PolicyPermissionPolicy, ScopedIndexView
from portal.policy import can
from portal.uploads import private_file_response
from vacancies.permissions import VacancyPermission

from . import selectors, services
from .models import JobOrder, RegionalMinimumWage, Scheme
from .policy import vetting_countries


def _may_vet(user) -> bool:
    return bool(getattr(user, "is_superuser", False) or vetting_countries(user))


EDITABLE = ("view", "add", "change")
for _model, _policy in {
    JobOrder: PolicyPermissionPolicy(JobOrder, VacancyPermission.JOB_ORDER_VET, may=_may_vet),
    Scheme: PolicyPermissionPolicy(Scheme, VacancyPermission.SCHEME_MANAGE, actions=EDITABLE),
    RegionalMinimumWage: PolicyPermissionPolicy(RegionalMinimumWage,
                                                VacancyPermission.MINIMUM_WAGE_MANAGE, actions=EDITABLE),
}.items():
    register_permission_policy(_model, _policy)


# --- vetting queue ---------------------------------------------------------------------------


def _problems(job_order) -> list[str]:
    """The failed fair-recruitment checks of a job order waiting for a decision."""
    if job_order.status not in ("submitted", "under_review"):
        return []
    return services.job_order_vetting_problems(job_order)


class VettingViewSet(CaseViewSet):
    """Job orders waiting for the vetting authority, oldest deadline first; the case page shows
    the terms, the automatic fair-recruitment checks and the action forms."""

    model = JobOrder
    icon = "clipboard-list"
    menu_label = _("Job-order vetting")
    url_prefix = "vacancies/vetting"
    list_display = ["title", "agency", "employer", "status", "decision_deadline", "number"]
    list_filter = ["status", "decision_deadline"]
    search_fields = ["title", "number", "agency__name", "employer__name"]
    inspect_view_fields = [
        "number", "status", "scheme", "agency", "employer", "title", "description", "occupation",
        "region", "city", "positions", "monthly_wage", "currency", "hours_per_week", "housing",
        "meals", "travel_paid_by_employer", "worker_fee_amount", "contract_months",
        "season_start", "season_end", "application_deadline", "contract_language",
        "contract_sha256", "essential_skills", "optional_skills", "languages",
        "decision_deadline", "decision_reason"]
    def initial(self, job_order, action_name):
        """The failed checks are the suggested reasons of a refusal."""
        return {"reason": "\n".join(_problems(job_order))} if action_name == "refuse" else {}

    def get_queryset(self, request):
        return super().get_queryset(request).exclude(status="draft").select_related(
            "agency", "employer", "scheme", "region").order_by("decision_deadline", "pk")

    def extra_context(self, request, job_order):
        return {
            "template_extra": "vacancies/admin/job_order_extra.html",
            "problems": _problems(job_order),
            "minimum": selectors.regional_minimum_wage(region=job_order.region),
            "agency_status": agency_registry_status(agency=job_order.agency),
            "costs": selectors.agency_cost_report_summary(agency=job_order.agency),
            "contract_url": reverse("vacancies_vetting_contract", args=[job_order.pk])
            if job_order.contract_template else "",
        }

    def form_error_messages(self, action, form):
        return [_("%(action)s: fill in the form.") % {"action": action.label}]


def vetting_contract(request, pk: int):
    """The contract template, for the officers who vet the job order."""
    job_order = get_object_or_404(JobOrder.objects.select_related("scheme"), pk=pk)
    if not can(request.user, VacancyPermission.JOB_ORDER_VET, job_order) or not job_order.contract_template:
        raise Http404
    return private_file_response(job_order.contract_template, filename="contract.pdf",
                                 content_type="application/pdf")


@hooks.register("register_admin_urls")
def register_vetting_contract_url():
    return [path("vacancies/vetting-contract/<int:pk>/", vetting_contract,
                 name="vacancies_vetting_contract")]


# --- schemes and minimum wages ---------------------------------------------------------------


class SaveScheme:
    """Create and edit save through the service, which writes the audit event."""

    def save_instance(self):
        scheme = self.form.save(commit=False)
        return services.scheme_save(scheme=scheme, by=self.request.user,
                                    sectors=self.form.cleaned_data.get("sectors"))


class SchemeCreateView(SaveScheme, CreateView):
    pass


class SchemeEditView(SaveScheme, EditView):
    pass


class SchemeIndexView(ScopedIndexView):
    policy_action = VacancyPermission.SCHEME_MANAGE


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


class SaveMinimumWage:
    def save_instance(self):
        return services.minimum_wage_save(wage=self.form.save(commit=False), by=self.request.user)


class MinimumWageCreateView(SaveMinimumWage, CreateView):
    pass


class MinimumWageEditView(SaveMinimumWage, EditView):
    pass


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
