"""Django's admin, reachable by superusers only (staff work in the Wagtail back office)."""

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig


class SuperuserAdminSite(AdminSite):
    """Index, password change and every model page: superusers only. Staff accounts (officers,
    editors …) are sent to the sign-in page like anyone else without access."""

    def has_permission(self, request):
        return request.user.is_active and request.user.is_superuser


class KaravanAdminConfig(AdminConfig):
    default_site = "portal.admin_site.SuperuserAdminSite"
