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
    action = django_filters.ChoiceFilter(label=_("What was done"), choices=action_choices,
                                         method="filter_action")
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
        return formats.date_format(timezone.localtime(instance.time), "SHORT_DATETIME_FORMAT")


class AuditEventViewSet(ModelViewSet):
    model = AuditEvent
    icon = "history"
    menu_label = _("Audit log")
    menu_order = 900
    add_to_admin_menu = True
    inspect_view_enabled = True
    list_display = [TimeColumn("time", label=_("Time"), sort_key="time"),
                    SentenceColumn("sentence", label=_("What happened"))]
    filterset_class = AuditFilterSet
    search_fields = ["object_id", "object_repr", "actor_label", "reason"]
    form_fields = []
    index_view_class = type("AuditIndexView", (ScopedIndexView,), {"policy_action": CorePermission.AUDIT_VIEW})
    inspect_view_class = type("AuditInspectView", (ScopedInspectView,),
                              {"policy_action": CorePermission.AUDIT_VIEW})


# Read-only for those `policy.can(user, CorePermission.AUDIT_VIEW)` allows; nobody edits or deletes.
register_permission_policy(AuditEvent, PolicyPermissionPolicy(AuditEvent, CorePermission.AUDIT_VIEW))
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
    _("Dashboard"), _("Pages"), _("Images"), _("Documents"), _("Snippets"), _("Reports"),
    _("Settings"), _("Help"), _("Editor Guide"), _("What's new in Wagtail %(version)s"),
    _("Shortcuts"), _("Account"), _("Log out"), _("Search"),
)


@hooks.register("register_admin_urls")
def register_case_document_url():
    from django.urls import path

    from .admin_views import case_document_view

    return [path("cases/documents/<int:pk>/", case_document_view, name="case_document")]
