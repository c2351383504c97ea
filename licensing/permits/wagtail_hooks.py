"""Back office for migration officers: the permit and patent queue (time left in working days,
overdue first), case pages with action forms that call the services, issued documents,
payment orders with manual confirmation, quotas with uptake, and fee schedules.

Listings are read-only and scoped by `portal.policy`; every change goes through a service.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permissions import register_permission_policy

from licensing.admin_forms import NoFieldsForm
from licensing.permits.permissions import PermitPermission
from portal.admin_views import Action, CaseViewSet, PolicyPermissionPolicy
from portal.lifecycle import InvalidTransition
from portal.models import IscoGroup, Organisation, Region, Role
from portal.policy import authority_countries, can

from . import selectors, services
from .models import (
    DocumentKind,
    FeeSchedule,
    Patent,
    PaymentOrder,
    PermitApplication,
    PermitKind,
    Quota,
    WorkPermit,
)
from .policy import officer_countries
from .services import gender_impact


def _may_view(kinds=("WP", "PT"), extra_roles=frozenset()):
    """Officers for these kinds of document; `extra_roles` of the authority may read too."""

    def may(user) -> bool:
        if getattr(user, "is_superuser", False):
            return True
        if any(officer_countries(user, kind) for kind in kinds):
            return True
        return bool(extra_roles and authority_countries(user, extra_roles))

    return may


SCOPES = {
    PermitApplication: (PermitPermission.APPLICATION_DECIDE, _may_view()),
    WorkPermit: (PermitPermission.WORK_PERMIT_MANAGE, _may_view(kinds=("WP",))),
    Patent: (PermitPermission.PATENT_MANAGE, _may_view(kinds=("PT",))),
    PaymentOrder: (PermitPermission.PAYMENT_CONFIRM, _may_view(kinds=("PT",))),
    Quota: (
        PermitPermission.QUOTA_VIEW,
        _may_view(extra_roles=frozenset({Role.ANALYST, Role.AUTHORITY_ADMIN})),
    ),
    FeeSchedule: (
        PermitPermission.FEE_VIEW,
        _may_view(extra_roles=frozenset({Role.AUTHORITY_ADMIN})),
    ),
}
for _model, (_action, _may) in SCOPES.items():
    register_permission_policy(_model, PolicyPermissionPolicy(_model, _action, may=_may))


# --- forms -----------------------------------------------------------------------------------


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (shown to the applicant)"), widget=forms.Textarea(attrs={"rows": 3})
    )


class QuotaCreateForm(forms.Form):
    country = forms.CharField(label=_("Destination country (ISO code)"), max_length=2)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    kind = forms.ChoiceField(label=_("Kind"), choices=PermitKind.choices)
    region = forms.ModelChoiceField(
        label=_("Region (optional)"), required=False, queryset=Region.objects.all()
    )
    occupation_group = forms.ModelChoiceField(
        label=_("ISCO-08 group (optional)"),
        required=False,
        queryset=IscoGroup.objects.filter(level__lte=2),
    )
    limit = forms.IntegerField(label=_("Limit"), min_value=0)
    reason = forms.CharField(
        label=_("Reason (decree, order)"), widget=forms.Textarea(attrs={"rows": 2})
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)


class QuotaChangeForm(forms.Form):
    limit = forms.IntegerField(label=_("New limit"), min_value=0)
    reason = forms.CharField(
        label=_("Reason for the change"), widget=forms.Textarea(attrs={"rows": 2})
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)


class FeeForm(forms.Form):
    authority = forms.ModelChoiceField(
        label=_("Authority"), queryset=Organisation.objects.filter(kind=Organisation.Kind.AUTHORITY)
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=PermitKind.choices)
    region = forms.ModelChoiceField(
        label=_("Region (empty: all regions)"), required=False, queryset=Region.objects.all()
    )
    amount = forms.DecimalField(
        label=_("Amount (patent: per month)"), min_value=0, max_digits=12, decimal_places=2
    )
    currency = forms.CharField(label=_("Currency (ISO 4217)"), max_length=3, initial="KZT")
    effective_from = forms.DateField(label=_("Effective from (YYYY-MM-DD)"))
    reason = forms.CharField(label=_("Reason (legal basis)"), required=False)


def _groups(value: str) -> list[str]:
    groups = sorted({g.strip() for g in (value or "").split(",") if g.strip()})
    if any(g not in "0123456789" or len(g) != 1 for g in groups):
        raise ValidationError(_("List ISCO-08 major groups as digits, e.g. 1, 2, 3."))
    return groups


class PermitSettingsForm(forms.Form):
    fast_track_working_days = forms.IntegerField(
        label=_("Fast-track decision period (working days)"), min_value=1, max_value=90
    )
    standard_working_days = forms.IntegerField(
        label=_("Standard decision period (working days)"), min_value=1, max_value=180
    )
    patent_max_months = forms.IntegerField(
        label=_("Maximum patent term (months)"), min_value=1, max_value=36
    )
    permit_max_months = forms.IntegerField(
        label=_("Maximum work-permit term (months)"), min_value=1, max_value=60
    )
    fast_track_documents = forms.MultipleChoiceField(
        label=_("Fast-track documents"),
        choices=DocumentKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    standard_documents = forms.MultipleChoiceField(
        label=_("Standard documents"),
        choices=DocumentKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    patent_documents = forms.MultipleChoiceField(
        label=_("Patent documents"),
        choices=DocumentKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    highly_skilled_groups = forms.CharField(label=_("Major groups that can be highly skilled"))
    low_skilled_groups = forms.CharField(label=_("Major groups that are low skilled"))

    def clean_highly_skilled_groups(self):
        return _groups(self.cleaned_data["highly_skilled_groups"])

    def clean_low_skilled_groups(self):
        return _groups(self.cleaned_data["low_skilled_groups"])


# --- case pages with actions -----------------------------------------------------------------


class PermitCaseViewSet(CaseViewSet):
    """Actions here also get the request: the audit event records where it came from."""

    def perform_action(self, request, obj, action, data):
        result = super().perform_action(request, obj, action, data)
        if isinstance(result, str):  # the revealed passport number: shown once, never stored
            back = reverse(self.get_url_name("inspect"), args=[obj.pk])
            return TemplateResponse(
                request,
                "permits/admin/passport.html",
                {"object": obj, "passport": result, "back": back},
            )
        if isinstance(result, HttpResponseBase):  # a quota change's confirm page
            return result
        return None


class TimeLeftColumn(Column):
    """Working days left to the decision deadline; negative means overdue."""

    def get_value(self, instance):
        if instance.status not in ("submitted", "under_review") or not instance.decision_deadline:
            return "—"
        left = selectors.working_days_left(
            country_id=instance.authority.country_id, deadline=instance.decision_deadline
        )
        return _("OVERDUE by %(n)s working days") % {"n": -left} if left < 0 else left


class PermitApplicationViewSet(PermitCaseViewSet):
    """The officer's queue: earliest deadline first, so overdue cases lead."""

    model = PermitApplication
    icon = "doc-full"
    menu_label = _("Permit and patent applications")
    url_prefix = "permits/applications"
    url_namespace = "permits_applications"
    list_display = [
        "__str__",
        "kind",
        "category",
        "fast_track",
        "status",
        "decision_deadline",
        TimeLeftColumn("time_left", label=_("Working days left")),
        "region",
    ]
    list_filter = ["status", "kind", "category", "fast_track", "decision_deadline"]
    inspect_view_fields = [
        "kind",
        "status",
        "authority",
        "agency",
        "worker_consent_at",
        "given_names",
        "surname",
        "sex",
        "birth_date",
        "nationality",
        "passport_expiry",
        "occupation",
        "qualification",
        "qualification_evidence",
        "category",
        "fast_track",
        "employer_name",
        "employer_tax_id",
        "employer_region",
        "job_order_number",
        "region",
        "requested_months",
        "submitted_at",
        "decision_deadline",
        "decision_reason",
    ]
    actions = [
        Action(
            "reveal_passport",
            _("Show the passport number (recorded in the audit log)"),
            NoFieldsForm,
            lambda a: a.status not in ("draft",),
            lambda a, u, d, r: services.permit_application_passport_reveal(
                application=a, by=u, request=r
            ),
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .exclude(status__in=["draft"])
            .select_related("authority", "region", "occupation")
            .order_by("decision_deadline", "pk")
        )

    def extra_context(self, request, application):
        document = getattr(application, "workpermit", None) or getattr(application, "patent", None)
        return {
            "template_extra": "permits/admin/application_extra.html",
            "missing": services.permit_application_missing(application),
            "issued": document,
            "lang": "en" if (request.LANGUAGE_CODE or "").startswith("en") else "ru",
        }


class WorkPermitViewSet(PermitCaseViewSet):
    model = WorkPermit
    icon = "tick-inverse"
    menu_label = _("Work permits")
    url_prefix = "permits/work-permits"
    url_namespace = "permits_work_permits"
    list_display = ["number", "status", "category", "region", "valid_from", "valid_until"]
    list_filter = ["status", "category", "valid_until"]
    search_fields = ["number", "job_order_number"]
    inspect_view_fields = [
        "number",
        "status",
        "status_reason",
        "category",
        "region",
        "occupation",
        "employer_name",
        "job_order_number",
        "valid_from",
        "valid_until",
        "authority",
    ]


class PatentViewSet(PermitCaseViewSet):
    model = Patent
    icon = "tick-inverse"
    menu_label = _("Patents")
    url_prefix = "permits/patents"
    url_namespace = "permits_patents"
    list_display = ["number", "status", "region", "paid_until", "valid_until"]
    list_filter = ["status", "paid_until", "valid_until"]
    search_fields = ["number"]
    inspect_view_fields = [
        "number",
        "status",
        "status_reason",
        "region",
        "occupation",
        "valid_from",
        "valid_until",
        "paid_period_start",
        "paid_months",
        "paid_until",
        "authority",
    ]


class PaymentOrderViewSet(PermitCaseViewSet):
    model = PaymentOrder
    icon = "form"
    menu_label = _("Patent payments")
    url_prefix = "permits/payments"
    url_namespace = "permits_payments"
    list_display = [
        "reference",
        "patent",
        "months",
        "amount",
        "currency",
        "status",
        "confirmation_source",
        "created_at",
    ]
    list_filter = ["status", "confirmation_source", "created_at"]
    search_fields = ["reference"]
    inspect_view_fields = [
        "reference",
        "patent",
        "months",
        "amount",
        "currency",
        "status",
        "created_at",
        "confirmed_at",
        "confirmed_by",
        "confirmation_source",
        "gateway_event_id",
        "covered_from",
        "covered_until",
    ]
    actions = [
        Action(
            "confirm",
            _("Confirm payment manually"),
            ReasonForm,
            lambda o: o.status == "pending",
            lambda o, u, d, r: (
                services.payment_order_confirm_manually(
                    order=o, by=u, reason=d["reason"], request=r
                )
                and None
            ),
        ),
    ]


class QuotaViewSet(PermitCaseViewSet):
    """Uptake for officers, analysts and administrators; senior officers change limits."""

    model = Quota
    icon = "table"
    menu_label = _("Quotas")
    url_prefix = "permits/quotas"
    url_namespace = "permits_quotas"
    list_display = ["__str__", "limit", "used", Column("remaining", label=_("Remaining")), "year"]
    list_filter = ["year", "kind", "country"]
    inspect_view_fields = ["country", "year", "kind", "region", "occupation_group", "limit", "used"]
    actions = [
        Action(
            "change",
            _("Change the limit"),
            QuotaChangeForm,
            lambda q: True,
            lambda q, u, d, r: _quota_change(q, u, d, r),
        ),
    ]


class FeeScheduleViewSet(PermitCaseViewSet):
    model = FeeSchedule
    icon = "cog"
    menu_label = _("Fee schedules")
    url_prefix = "permits/fees"
    url_namespace = "permits_fees"
    list_display = [
        "__str__",
        "authority",
        "kind",
        "region",
        "amount",
        "currency",
        "effective_from",
        "effective_until",
    ]
    list_filter = ["kind", "effective_from"]
    inspect_view_fields = [
        "authority",
        "kind",
        "region",
        "amount",
        "currency",
        "effective_from",
        "effective_until",
    ]


class PermitsViewSetGroup(ViewSetGroup):
    """Work permits and patents: one menu for migration officers."""

    menu_label = _("Permits and patents")
    menu_icon = "doc-full-inverse"
    menu_order = 210
    items = (
        PermitApplicationViewSet,
        WorkPermitViewSet,
        PatentViewSet,
        PaymentOrderViewSet,
        QuotaViewSet,
        FeeScheduleViewSet,
    )


@hooks.register("register_admin_viewset")
def register_permits_viewsets():
    return PermitsViewSetGroup()


# --- creating quotas and fees (reason required, audited) -------------------------------------


def _service_form(request, form, call, *, done, next_url, title):
    """A form page whose valid submission calls a service; what the service refuses is shown
    on the form."""
    if request.method == "POST" and form.is_valid():
        try:
            call(form.cleaned_data)
        except (ValidationError, InvalidTransition, PermissionDenied) as exc:
            for message in getattr(exc, "messages", [str(exc)]):
                form.add_error(None, message)
        else:
            messages.success(request, done)
            return redirect(next_url)
    return TemplateResponse(
        request, "portal/admin/service_form.html", {"form": form, "title": title}
    )


def _quota_confirm(request, form, note, *, action_url, title):
    """The page a deciding officer reads before confirming: the gender-impact note of the
    decision, and the submitted fields again with `confirm` set."""
    return TemplateResponse(
        request,
        "permits/admin/quota_confirm.html",
        {
            "form": form,
            "note": note,
            "rows": gender_impact.labelled(note),
            "title": title,
            "action_url": action_url,
        },
    )


def _quota_change(quota, user, data, request):
    if not data.get("confirm"):
        if not can(user, PermitPermission.QUOTA_MANAGE, quota):
            raise PermissionDenied
        note = gender_impact.gender_impact_note(
            country_id=quota.country_id,
            occupation_code=quota.occupation_group_id,
            places_before=quota.limit,
            places_after=data["limit"],
        )
        form = QuotaChangeForm(data, prefix="change")
        return _quota_confirm(
            request,
            form,
            note,
            title=_("Confirm the change: %(quota)s") % {"quota": quota},
            action_url=reverse("permits_quotas:action", args=[quota.pk, "change"]),
        )
    services.quota_change(quota=quota, by=user, limit=data["limit"], reason=data["reason"])
    return None


def quota_new_view(request):
    form = QuotaCreateForm(
        request.POST or None, initial={"year": timezone.localdate().year, "country": "KZ"}
    )
    if request.method == "POST" and form.is_valid() and not form.cleaned_data["confirm"]:
        d = form.cleaned_data
        if not can(
            request.user,
            PermitPermission.QUOTA_MANAGE,
            Quota(
                country_id=d["country"].upper(), year=d["year"], kind=d["kind"], limit=d["limit"]
            ),
        ):
            raise PermissionDenied
        group = d["occupation_group"]
        note = gender_impact.gender_impact_note(
            country_id=d["country"].upper(),
            occupation_code=group.pk if group else None,
            places_before=0,
            places_after=d["limit"],
        )
        return _quota_confirm(
            request, form, note, title=_("Confirm the new quota"), action_url=request.path
        )
    return _service_form(
        request,
        form,
        lambda d: services.quota_create(
            by=request.user,
            country_id=d["country"].upper(),
            year=d["year"],
            kind=d["kind"],
            limit=d["limit"],
            reason=d["reason"],
            region=d["region"],
            occupation_group=d["occupation_group"],
        ),
        done=_("Quota opened."),
        next_url="permits_quotas:index",
        title=_("Open a quota"),
    )


def fee_new_view(request):
    form = FeeForm(request.POST or None, initial={"effective_from": timezone.localdate()})
    return _service_form(
        request,
        form,
        lambda d: services.fee_schedule_set(
            by=request.user,
            authority=d["authority"],
            kind=d["kind"],
            amount=d["amount"],
            currency=d["currency"],
            effective_from=d["effective_from"],
            region=d["region"],
            reason=d["reason"],
        ),
        done=_("Fee published."),
        next_url="permits_fees:index",
        title=_("Publish a fee"),
    )


def settings_view(request):
    """Deadlines, document lists and the category rule of the user's authority."""
    authority = next(
        (
            a
            for a in Organisation.objects.filter(kind=Organisation.Kind.AUTHORITY).order_by(
                "country_id", "pk"
            )
            if can(request.user, PermitPermission.SETTINGS_MANAGE, a)
            and (a.has_competence("work_permits") or a.has_competence("patents"))
        ),
        None,
    )
    if authority is None:
        raise PermissionDenied
    current = selectors.permit_settings(authority=authority)
    initial = {name: getattr(current, name) for name in services.SETTINGS_FIELDS}
    for name in ("highly_skilled_groups", "low_skilled_groups"):
        initial[name] = ", ".join(initial[name])
    form = PermitSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.permit_settings_update(
            authority=authority, by=request.user, data=form.cleaned_data
        )
        messages.success(request, _("Settings saved."))
        return redirect("permits_settings")
    return TemplateResponse(
        request,
        "portal/admin/service_form.html",
        {"form": form, "title": _("Permit settings: %(authority)s") % {"authority": authority}},
    )


@hooks.register("register_admin_urls")
def register_permits_admin_urls():
    return [
        path("permits/quota-new/", quota_new_view, name="permits_quota_new"),
        path("permits/fee-new/", fee_new_view, name="permits_fee_new"),
        path("permits/settings/", settings_view, name="permits_settings"),
    ]
