"""Back office for the shared core: the audit log, browsable by authorised staff only."""

import django_filters
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from portal.permissions import CorePermission

from .admin_views import PolicyPermissionPolicy, ScopedIndexView, ScopedInspectView
from .audit_text import action_choices, audit_sentence, case_kind_choices
from .models import AuditEvent


class AuditFilterSet(WagtailFilterSet):
    """The audit log filtered by case (type and number), person, action and date."""

    object_type = django_filters.ChoiceFilter(label=_("Kind of case"), choices=case_kind_choices)
    object_id = django_filters.CharFilter(label=_("Case number"))
    actor_label = django_filters.CharFilter(label=_("Person"), lookup_expr="icontains")
    action = django_filters.ChoiceFilter(
        label=_("What was done"), choices=action_choices, method="filter_action"
    )
    time = django_filters.DateFromToRangeFilter(label=_("Date"), widget=DateRangePickerWidget)

    class Meta:
        model = AuditEvent
        fields = ["object_type", "object_id", "actor_label", "action", "time"]

    def filter_action(self, queryset, name, value):
        return queryset.filter(action__endswith=f".{value}") if value else queryset


class SentenceColumn(Column):
    """An event as a sentence, with a link to its case."""

    cell_template_name = "portal/admin/audit_sentence_cell.html"

    def get_value(self, instance):
        return audit_sentence(instance)


class TimeColumn(Column):
    """The time in the reader's short format (DD.MM.YYYY HH:MM in the region's languages)."""

    def get_value(self, instance):
        return formats.date_format(
            timezone.localtime(getattr(instance, self.name)), "SHORT_DATETIME_FORMAT"
        )


class AuditEventViewSet(ModelViewSet):
    model = AuditEvent
    icon = "history"
    menu_label = _("Audit log")
    menu_order = 900
    add_to_admin_menu = True
    inspect_view_enabled = True
    list_display = [
        TimeColumn("time", label=_("Time"), sort_key="time"),
        SentenceColumn("sentence", label=_("What happened")),
    ]
    filterset_class = AuditFilterSet
    search_fields = ["object_id", "object_repr", "actor_label", "reason"]
    form_fields = []
    index_view_class = type(
        "AuditIndexView", (ScopedIndexView,), {"policy_action": CorePermission.AUDIT_VIEW}
    )
    inspect_view_class = type(
        "AuditInspectView", (ScopedInspectView,), {"policy_action": CorePermission.AUDIT_VIEW}
    )


# Read-only for those `policy.can(user, CorePermission.AUDIT_VIEW)` allows; nobody edits or deletes.
register_permission_policy(
    AuditEvent, PolicyPermissionPolicy(AuditEvent, CorePermission.AUDIT_VIEW)
)
audit_viewset = AuditEventViewSet("audit")


@hooks.register("register_admin_viewset")
def register_audit_viewset():
    return audit_viewset


# --- Partner API tokens (regional data exchange, /api/v1/partner/) ---------------------------

from .api.admin import ApiTokenViewSet, api_token_permission_policy  # noqa: E402
from .models import ApiToken  # noqa: E402

register_permission_policy(ApiToken, api_token_permission_policy())
api_token_viewset = ApiTokenViewSet("api_tokens")


@hooks.register("register_admin_viewset")
def register_api_token_viewset():
    return api_token_viewset


# --- the officer's dashboard: my work ----------------------------------------------------------


@hooks.register("construct_homepage_panels")
def add_my_work_panels(request, panels):
    from .dashboard import my_work_panels

    panels[:0] = my_work_panels(request.user)


# Wagtail ships no Kazakh, Kyrgyz, Tajik, Turkmen or Uzbek catalogue: its menu would stay English
# for staff of those countries. These are Wagtail's own menu words; naming them here puts them in
# Karavan's catalogues, which Django consults before Wagtail's.
WAGTAIL_MENU_WORDS = (
    _("Dashboard"),
    _("Pages"),
    _("Images"),
    _("Documents"),
    _("Snippets"),
    _("Reports"),
    _("Settings"),
    _("Help"),
    _("Editor Guide"),
    _("What's new in Wagtail %(version)s"),
    _("Shortcuts"),
    _("Account"),
    _("Log out"),
    _("Search"),
)


@hooks.register("register_admin_urls")
def register_case_document_url():
    from django.urls import path

    from .admin_views import case_document_view

    return [path("cases/documents/<int:pk>/", case_document_view, name="case_document")]


# --- corridor rules: proposals approved by a second person -----------------------------------

from django import forms  # noqa: E402
from django.contrib import messages  # noqa: E402
from django.core.exceptions import PermissionDenied, ValidationError  # noqa: E402
from django.forms.models import fields_for_model  # noqa: E402
from django.shortcuts import get_object_or_404, redirect  # noqa: E402
from django.template.response import TemplateResponse  # noqa: E402
from django.urls import path, reverse  # noqa: E402

from .admin_views import Action, CaseViewSet, NoFieldsForm  # noqa: E402
from .corridor_models import CorridorRule, DocumentKind, RuleStatus  # noqa: E402
from .corridor_services import RULE_FIELDS, corridor_rule_propose  # noqa: E402
from .lifecycle import InvalidTransition  # noqa: E402
from .permissions import CorridorPermission  # noqa: E402
from .policy import can  # noqa: E402
from .request_input import parse_id  # noqa: E402

DOCUMENT_FIELDS = ("documents_standard", "documents_highly_skilled", "documents_patent")


def _corridor_rule_form_class():
    fields = fields_for_model(CorridorRule, fields=RULE_FIELDS)
    for name in DOCUMENT_FIELDS:
        fields[name] = forms.MultipleChoiceField(
            label=CorridorRule._meta.get_field(name).verbose_name,
            required=False,
            choices=DocumentKind.choices,
            widget=forms.CheckboxSelectMultiple,
        )
    for name in ("effective_from", "effective_to", "source_date"):
        fields[name].help_text = f"{fields[name].help_text} (YYYY-MM-DD)".strip()
    return type("CorridorRuleForm", (forms.Form,), fields)


CorridorRuleForm = _corridor_rule_form_class()


class CorridorRuleViewSet(CaseViewSet):
    """The corridor rules of the officer's destination country: versions in force, scheduled
    and ended, and proposals waiting for a second person (approve / reject on the case page)."""

    model = CorridorRule
    icon = "list-ul"
    menu_label = _("Corridor rules")
    menu_order = 220
    add_to_admin_menu = True
    url_prefix = "corridor-rules"
    url_namespace = "corridor_rules"
    list_display = [
        "__str__",
        "status",
        "authorisation",
        "effective_from",
        "effective_to",
        "needs_confirmation",
    ]
    list_filter = [
        "status",
        "destination",
        "origin",
        "category",
        "authorisation",
        "needs_confirmation",
    ]
    inspect_view_fields = [
        "status",
        *RULE_FIELDS,
        "supersedes",
        "submitted_by",
        "submitted_at",
        "decided_by",
        "decided_at",
        "decision_reason",
    ]
    actions = [
        Action(
            "propose_change",
            _("Propose a change"),
            NoFieldsForm,
            lambda r: r.status == RuleStatus.APPROVED,
            lambda r, u, d, req: redirect(reverse("corridor_rule_propose") + f"?based_on={r.pk}"),
            allowed=lambda r, u: can(u, CorridorPermission.RULE_PROPOSE, r),
            consequence=_(
                "Opens a form with this version's values; your proposal takes "
                "effect only when a second officer approves it."
            ),
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("origin", "destination")


register_permission_policy(
    CorridorRule,
    PolicyPermissionPolicy(
        CorridorRule,
        CorridorPermission.RULE_VIEW,
        may=lambda user: can(user, CorridorPermission.RULE_VIEW, None),
    ),
)


@hooks.register("register_admin_viewset")
def register_corridor_rule_viewset():
    return CorridorRuleViewSet()


def corridor_rule_propose_view(request):
    """A new corridor, or (`?based_on=<id>`) a new version of an approved rule."""
    if not can(request.user, CorridorPermission.RULE_PROPOSE, None):
        raise PermissionDenied
    based_on = None
    if "based_on" in request.GET:
        based_on = get_object_or_404(
            CorridorRule.objects.filter(status=RuleStatus.APPROVED),
            pk=parse_id(request.GET["based_on"]) or 0,
        )
        if not can(request.user, CorridorPermission.RULE_VIEW, based_on):
            raise PermissionDenied
    initial = {}
    if based_on is not None:
        initial = {name: getattr(based_on, name) for name in RULE_FIELDS}
        initial["effective_to"] = None
    form = CorridorRuleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = corridor_rule_propose(
                by=request.user, data=form.cleaned_data, based_on=based_on, request=request
            )
        except (ValidationError, InvalidTransition, PermissionDenied) as exc:
            for message in getattr(exc, "messages", [str(exc)]):
                form.add_error(None, message)
        else:
            messages.success(request, _("Proposal saved: a second officer must approve it."))
            return redirect("corridor_rules:inspect", proposal.pk)
    title = (
        _("Propose a change to %(rule)s") % {"rule": based_on}
        if based_on
        else _("Propose a corridor rule")
    )
    return TemplateResponse(
        request,
        "portal/admin/service_form.html",
        {"form": form, "title": title},
        status=400 if form.errors else 200,
    )


@hooks.register("register_admin_urls")
def register_corridor_rule_urls():
    return [
        path("corridor-rules/propose/", corridor_rule_propose_view, name="corridor_rule_propose")
    ]


# --- Notification deliveries: what was sent, what failed (read-only) ------------------------

from .models import NotificationDelivery  # noqa: E402
from .notifications import channel_label, channel_names  # noqa: E402


class DeliveryFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=NotificationDelivery.Status.choices
    )
    channel = django_filters.ChoiceFilter(
        label=_("Channel"),
        choices=lambda: [(name, channel_label(name)) for name in sorted(channel_names())],
    )
    created_at = django_filters.DateFromToRangeFilter(label=_("Date"), widget=DateRangePickerWidget)

    class Meta:
        model = NotificationDelivery
        fields = ["status", "channel", "created_at"]


class LabelColumn(Column):
    """A choice by its label in the reader's language, never its code."""

    def get_value(self, instance):
        if self.name == "channel":
            return channel_label(instance.channel)
        return instance.get_status_display()


class DeliveryViewSet(ModelViewSet):
    """Deliveries newest first, filtered by status (failed) and channel; the message bodies
    stay with their recipients: staff see the event, the masked address and the answer."""

    model = NotificationDelivery
    icon = "mail"
    menu_label = _("Notification deliveries")
    menu_order = 910
    add_to_admin_menu = True
    inspect_view_enabled = False
    list_display = [
        TimeColumn("created_at", label=_("Time"), sort_key="created_at"),
        "subject",
        LabelColumn("channel", label=_("Channel")),
        "address",
        LabelColumn("status", label=_("Status")),
        "attempts",
        "answer",
    ]
    filterset_class = DeliveryFilterSet
    search_fields = ["event", "answer"]
    form_fields = []
    index_view_class = type(
        "DeliveryIndexView",
        (ScopedIndexView,),
        {"policy_action": CorePermission.NOTIFICATION_DELIVERY_VIEW},
    )


register_permission_policy(
    NotificationDelivery,
    PolicyPermissionPolicy(NotificationDelivery, CorePermission.NOTIFICATION_DELIVERY_VIEW),
)
delivery_viewset = DeliveryViewSet("notification_deliveries")


@hooks.register("register_admin_viewset")
def register_delivery_viewset():
    return delivery_viewset
