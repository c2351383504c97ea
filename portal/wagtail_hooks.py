"""Back office for the shared core: the audit log, browsable by authorised staff only."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from portal.permissions import CorePermission

from .admin_views import PolicyPermissionPolicy, ScopedIndexView, ScopedInspectView
from .models import AuditEvent


class AuditEventViewSet(ModelViewSet):
    model = AuditEvent
    icon = "history"
    menu_label = _("Audit log")
    menu_order = 900
    add_to_admin_menu = True
    inspect_view_enabled = True
    list_display = ["time", "action", "object_type", "object_id", "from_state", "to_state",
                    "actor_label", "role"]
    list_filter = ["action", "object_type", "country", "time"]
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
