"""Back office for the shared core: the audit log, browsable by authorised staff only."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .admin_views import ScopedIndexView, ScopedInspectView
from .models import AuditEvent
from .policy import can, scope


class AuditPermissionPolicy(ModelPermissionPolicy):
    """Read-only for those `policy.can(user, "audit.view")` allows; nobody edits or deletes."""

    def user_has_permission(self, user, action):
        return action == "view" and can(user, "audit.view", None)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, a) for a in actions)

    def users_with_any_permission(self, actions, **kwargs):
        return super().users_with_any_permission(actions, **kwargs).none()

    def user_has_permission_for_instance(self, user, action, instance):
        return action == "view" and can(user, "audit.view", instance)

    def instances_user_has_any_permission_for(self, user, actions):
        if "view" not in actions:
            return self.model.objects.none()
        return scope(user, "audit.view", self.model.objects.all())


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
    index_view_class = type("AuditIndexView", (ScopedIndexView,), {"policy_action": "audit.view"})
    inspect_view_class = type("AuditInspectView", (ScopedInspectView,),
                              {"policy_action": "audit.view"})


register_permission_policy(AuditEvent, AuditPermissionPolicy(AuditEvent))
audit_viewset = AuditEventViewSet("audit")


@hooks.register("register_admin_viewset")
def register_audit_viewset():
    return audit_viewset


# --- Partner API tokens (regional data exchange, /api/v1/partner/) ---------------------------

from .api.admin import ApiTokenPermissionPolicy, ApiTokenViewSet  # noqa: E402
from .models import ApiToken  # noqa: E402

register_permission_policy(ApiToken, ApiTokenPermissionPolicy(ApiToken))
api_token_viewset = ApiTokenViewSet("api_tokens")


@hooks.register("register_admin_viewset")
def register_api_token_viewset():
    return api_token_viewset
