"""Back office for analysts: the supply–demand dashboard, assessment imports, match runs."""

from django.urls import include, path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from matching.permissions import MatchingPermission
from portal.policy import can

from . import admin_views

admin_patterns = (
    [
        path("", admin_views.DashboardView.as_view(), name="dashboard"),
        path("assessments/", admin_views.ImportListView.as_view(), name="imports"),
        path("assessments/<int:pk>/", admin_views.ImportDetailView.as_view(), name="import_detail"),
        path("runs/", admin_views.RunListView.as_view(), name="runs"),
        path("runs/<int:pk>/", admin_views.RunDetailView.as_view(), name="run_detail"),
    ],
    "matching_admin",
)


@hooks.register("register_admin_urls")
def register_matching_urls():
    return [path("analytics/", include(admin_patterns))]


class AnalystMenuItem(MenuItem):
    """Shown only to those who may read a country's figures (analysts, superusers)."""

    def is_shown(self, request):
        return can(request.user, MatchingPermission.ANALYTICS_VIEW, None)


class AnalystSubmenu(SubmenuMenuItem):
    def is_shown(self, request):
        return can(request.user, MatchingPermission.ANALYTICS_VIEW, None)


analytics_menu = Menu(
    items=[
        AnalystMenuItem(
            _("Supply and demand"),
            reverse_lazy("matching_admin:dashboard"),
            icon_name="table",
            order=100,
        ),
        AnalystMenuItem(
            _("Labour-market assessments"),
            reverse_lazy("matching_admin:imports"),
            icon_name="upload",
            order=200,
        ),
        AnalystMenuItem(
            _("Match runs"), reverse_lazy("matching_admin:runs"), icon_name="cogs", order=300
        ),
    ]
)


@hooks.register("register_admin_menu_item")
def register_analytics_menu():
    return AnalystSubmenu(_("Analytics"), analytics_menu, icon_name="table", order=700)
