"""Back office for job-order vetting: the officers' queue with deadlines and action buttons,
bilateral schemes and the regional minimum-wage table. Every row is scoped by the policy
(jurisdiction); every change goes through `vacancies.services`."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.models import CreateView, EditView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from licensing.selectors import agency_registry_status
from portal.admin_views import Action, CaseViewSet, PolicyPermissionPolicy, ScopedIndexView
from portal.policy import can
from portal.uploads import private_file_response
from vacancies.permissions import VacancyPermission

from . import admin_forms, selectors, services
from .models import (
    EmployerAccreditation,
    EmployerSanction,
    EmployerWatch,
    JobOrder,
    RegionalMinimumWage,
    Scheme,
)
from .policy import accreditation_countries, vetting_countries


def _may_vet(user) -> bool:
    return bool(getattr(user, "is_superuser", False) or vetting_countries(user))


EDITABLE = ("view", "add", "change")
for _model, _policy in {
    JobOrder: PolicyPermissionPolicy(JobOrder, VacancyPermission.JOB_ORDER_VET, may=_may_vet),
    Scheme: PolicyPermissionPolicy(Scheme, VacancyPermission.SCHEME_MANAGE, actions=EDITABLE),
    RegionalMinimumWage: PolicyPermissionPolicy(
        RegionalMinimumWage, VacancyPermission.MINIMUM_WAGE_MANAGE, actions=EDITABLE
    ),
    EmployerAccreditation: PolicyPermissionPolicy(
        EmployerAccreditation, VacancyPermission.EMPLOYER_ACCREDIT, actions=("view", "add")
    ),
    EmployerSanction: PolicyPermissionPolicy(EmployerSanction, VacancyPermission.EMPLOYER_ACCREDIT),
    EmployerWatch: PolicyPermissionPolicy(EmployerWatch, VacancyPermission.EMPLOYER_ACCREDIT),
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
        "number",
        "status",
        "scheme",
        "agency",
        "employer",
        "title",
        "description",
        "occupation",
        "region",
        "city",
        "positions",
        "monthly_wage",
        "currency",
        "hours_per_week",
        "housing",
        "meals",
        "travel_paid_by_employer",
        "worker_fee_amount",
        "contract_months",
        "season_start",
        "season_end",
        "application_deadline",
        "contract_language",
        "contract_sha256",
        "essential_skills",
        "optional_skills",
        "languages",
        "decision_deadline",
        "decision_reason",
    ]

    def initial(self, job_order, action_name):
        """The failed checks are the suggested reasons of a refusal."""
        return {"reason": "\n".join(_problems(job_order))} if action_name == "refuse" else {}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .exclude(status="draft")
            .select_related("agency", "employer", "scheme", "region")
            .order_by("decision_deadline", "pk")
        )

    def extra_context(self, request, job_order):
        return {
            "template_extra": "vacancies/admin/job_order_extra.html",
            "problems": _problems(job_order),
            "minimum": selectors.regional_minimum_wage(region=job_order.region),
            "agency_status": agency_registry_status(agency=job_order.agency),
            "costs": selectors.agency_cost_report_summary(agency=job_order.agency),
            "employer_watched": services.employer_is_watched(employer=job_order.employer),
            "contract_url": reverse("vacancies_vetting_contract", args=[job_order.pk])
            if job_order.contract_template
            else "",
        }

    def form_error_messages(self, action, form):
        return [_("%(action)s: fill in the form.") % {"action": action.label}]


def vetting_contract(request, pk: int):
    """The contract template, for the officers who vet the job order."""
    job_order = get_object_or_404(JobOrder.objects.select_related("scheme"), pk=pk)
    if (
        not can(request.user, VacancyPermission.JOB_ORDER_VET, job_order)
        or not job_order.contract_template
    ):
        raise Http404
    return private_file_response(
        job_order.contract_template, filename="contract.pdf", content_type="application/pdf"
    )


@hooks.register("register_admin_urls")
def register_vetting_contract_url():
    return [
        path(
            "vacancies/vetting-contract/<int:pk>/",
            vetting_contract,
            name="vacancies_vetting_contract",
        )
    ]


# --- schemes and minimum wages ---------------------------------------------------------------


class SaveScheme:
    """Create and edit save through the service, which writes the audit event."""

    def save_instance(self):
        scheme = self.form.save(commit=False)
        return services.scheme_save(
            scheme=scheme, by=self.request.user, sectors=self.form.cleaned_data.get("sectors")
        )


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
    form_fields = [
        "name",
        "origin_country",
        "destination_country",
        "vetting_country",
        "legal_basis",
        "sectors",
        "season_start_month",
        "season_end_month",
        "max_stay_months",
        "reentry_priority",
        "return_grace_days",
        "quota_reference",
        "is_active",
    ]
    list_display = ["name", "origin_country", "destination_country", "vetting_country", "is_active"]
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


# --- employers: accreditation, sanctions, watchlist -------------------------------------------


def _accrediting_authorities(user):
    from portal.models import Organisation

    authorities = Organisation.objects.filter(
        kind=Organisation.Kind.AUTHORITY, competences__contains=["employer_accreditation"]
    )
    if getattr(user, "is_superuser", False):
        return authorities
    return authorities.filter(country_id__in=accreditation_countries(user))


class AccreditationCreateView(CreateView):
    """Granting goes through the service: number, audit, notice to the employer."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["authority"].queryset = _accrediting_authorities(self.request.user)
        return form

    def form_valid(self, form):
        from django.core.exceptions import PermissionDenied, ValidationError

        try:
            return super().form_valid(form)
        except (ValidationError, PermissionDenied) as error:
            for message in getattr(error, "messages", [str(error)]):
                form.add_error(None, message)
            return self.form_invalid(form)

    def save_instance(self):
        data = self.form.cleaned_data
        return services.employer_accreditation_grant(
            employer=data["employer"],
            authority=data["authority"],
            by=self.request.user,
            valid_until=data.get("valid_until"),
            conditions=data.get("conditions", ""),
        )


def _sanction(acc, user, data, request):
    return services.employer_sanction_impose(
        employer=acc.employer,
        authority=acc.authority,
        by=user,
        kind=data["kind"],
        reason=data["reason"],
        amount=data["amount"],
        banned_until=data["banned_until"],
    )


def _watch_entry(acc):
    return EmployerWatch.objects.filter(
        employer=acc.employer, authority=acc.authority, removed_at__isnull=True
    ).first()


class AccreditationHistoryView(HistoryView):
    """Wagtail opens history to whoever may add; the case page shows the history in words,
    scoped by the policy, so this generic view stays closed."""

    any_permission_required = ["change"]


class AccreditationViewSet(CaseViewSet):
    """Employers accredited by the destination authority: grant, renew (with the employer's
    complaints, sanctions and watchlist in view), suspend, reinstate, revoke, sanction, watch."""

    model = EmployerAccreditation
    icon = "success"
    menu_label = _("Employer accreditation")
    url_prefix = "vacancies/accreditations"
    add_view_class = AccreditationCreateView
    copy_view_enabled = False
    history_view_class = AccreditationHistoryView
    form_fields = ["employer", "authority", "valid_until", "conditions"]
    list_display = ["number", "employer", "status", "valid_from", "valid_until"]
    list_filter = ["status", "valid_until"]
    search_fields = ["number", "employer__name", "employer__registration_number"]
    inspect_view_fields = [
        "number",
        "employer",
        "authority",
        "status",
        "valid_from",
        "valid_until",
        "conditions",
        "status_reason",
        "previous",
        "granted_by",
    ]
    actions = [
        Action(
            "renew",
            _("Renew (a new linked accreditation)"),
            admin_forms.RenewAccreditationForm,
            lambda acc: acc.status in ("active", "expired") and not acc.renewals.exists(),
            lambda acc, u, d, r: services.employer_accreditation_renew(
                accreditation=acc, by=u, valid_until=d["valid_until"]
            ),
            consequence=_(
                "Decide with the record below in view: upheld complaints, "
                "sanctions and watchlist notes."
            ),
        ),
        Action(
            "sanction",
            _("Impose a sanction on the employer"),
            admin_forms.EmployerSanctionForm,
            lambda acc: True,
            _sanction,
            danger=True,
            consequence=_(
                "A suspension suspends this accreditation; a ban revokes it and "
                "refuses the employer's job orders until its last day."
            ),
        ),
        Action(
            "watch",
            _("Put the employer on the watchlist"),
            admin_forms.WatchReasonForm,
            lambda acc: _watch_entry(acc) is None,
            lambda acc, u, d, r: services.employer_watch_add(
                employer=acc.employer, authority=acc.authority, by=u, reason=d["reason"]
            ),
        ),
        Action(
            "unwatch",
            _("Take the employer off the watchlist"),
            admin_forms.WatchReasonForm,
            lambda acc: _watch_entry(acc) is not None,
            lambda acc, u, d, r: services.employer_watch_remove(
                entry=_watch_entry(acc), by=u, reason=d["reason"]
            ),
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("employer", "authority")

    def extra_context(self, request, accreditation):
        return {
            "template_extra": "vacancies/admin/accreditation_extra.html",
            "record": services.employer_record(employer=accreditation.employer),
            "watched": _watch_entry(accreditation),
        }


class EmployerSanctionViewSet(CaseViewSet):
    """Sanctions imposed on employers (public on their verification page)."""

    model = EmployerSanction
    icon = "warning"
    menu_label = _("Employer sanctions")
    url_prefix = "vacancies/employer-sanctions"
    list_display = ["employer", "kind", "amount", "banned_until", "imposed_on"]
    list_filter = ["kind", "imposed_on"]
    inspect_view_fields = [
        "employer",
        "authority",
        "kind",
        "amount",
        "banned_until",
        "reason",
        "imposed_on",
        "imposed_by",
        "accreditation",
        "complaint",
    ]


class EmployerWatchViewSet(CaseViewSet):
    """The employer watchlist: a warning vetting officers see, not a refusal."""

    model = EmployerWatch
    icon = "view"
    menu_label = _("Employer watchlist")
    url_prefix = "vacancies/employer-watchlist"
    list_display = ["employer", "authority", "added_at", "removed_at"]
    list_filter = ["removed_at"]
    inspect_view_fields = [
        "employer",
        "authority",
        "reason",
        "added_by",
        "added_at",
        "removed_at",
        "removed_by",
    ]


class VacanciesViewSetGroup(ViewSetGroup):
    menu_label = _("Vacancies")
    menu_icon = "clipboard-list"
    menu_order = 250
    items = [
        VettingViewSet("vacancies_vetting"),
        SchemeViewSet("vacancies_schemes"),
        MinimumWageViewSet("vacancies_minimum_wages"),
        AccreditationViewSet("vacancies_accreditations"),
        EmployerSanctionViewSet("vacancies_employer_sanctions"),
        EmployerWatchViewSet("vacancies_employer_watchlist"),
    ]


@hooks.register("register_admin_viewset")
def register_vacancies_viewsets():
    return VacanciesViewSetGroup()
