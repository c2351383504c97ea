"""Wagtail admin views that honour the permission policy for every row, not just the model."""

from django.http import Http404
from wagtail.admin.views import generic


class PolicyScopedMixin:
    """Limit a generic admin view to `policy.scope(user, policy_action, …)`.

    Set `policy_action` (e.g. "audit.view") on the view or pass it from the viewset.
    """

    policy_action: str = ""

    def get_base_queryset(self):
        from .policy import scope

        return scope(self.request.user, self.policy_action, super().get_base_queryset())

    def get_object(self, queryset=None):
        from .policy import can

        obj = super().get_object(queryset)
        if not can(self.request.user, self.policy_action, obj):
            raise Http404
        return obj


class ScopedIndexView(PolicyScopedMixin, generic.IndexView):
    pass


class ScopedInspectView(PolicyScopedMixin, generic.InspectView):
    pass
