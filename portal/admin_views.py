"""Wagtail admin views that honour the permission policy for every row, not just the model,
and the back-office "case" machinery that licensing, permits and vacancies share: a read-only
listing scoped by `portal.policy`, a case page with action forms, and action URLs that call the
services (every change goes through a service, which writes its audit event)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import policy_registry

from .lifecycle import InvalidTransition
from .policy import can, scope


class PolicyScopedMixin:
    """Limit a generic admin view to `policy.scope(user, policy_action, …)`.

    Set `policy_action` (e.g. "audit.view") on the view or pass it from the viewset.
    """

    policy_action: str = ""

    def get_base_queryset(self):
        return scope(self.request.user, self.policy_action, super().get_base_queryset())

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not can(self.request.user, self.policy_action, obj):
            raise Http404
        return obj


class ScopedIndexView(PolicyScopedMixin, generic.IndexView):
    pass


class ScopedInspectView(PolicyScopedMixin, generic.InspectView):
    pass


class PolicyPermissionPolicy(ModelPermissionPolicy):
    """Wagtail's permission checks answered by `portal.policy`.

    Only `actions` are ever allowed (default: "view" alone, so nobody adds, edits or deletes
    through generic forms: changes go through the action views and the services). The model
    is open to those `may(user)` lets in (default: `can(user, scope_action)`); its rows are
    those `scope(user, scope_action, …)` keeps.
    """

    def __init__(self, model, scope_action: str, *, may: Callable | None = None,
                 actions=("view",)):
        super().__init__(model)
        self.scope_action = scope_action
        self.actions = frozenset(actions)
        self.may = may or self._can

    def _can(self, user) -> bool:
        return can(user, self.scope_action, None)

    def user_has_permission(self, user, action):
        return action in self.actions and bool(self.may(user))

    def user_has_any_permission(self, user, actions):
        return not self.actions.isdisjoint(actions) and bool(self.may(user))

    def users_with_any_permission(self, actions, **kwargs):
        return super().users_with_any_permission(actions, **kwargs).none()

    def user_has_permission_for_instance(self, user, action, instance):
        return action in self.actions and self.instances_user_has_any_permission_for(
            user, [action]).filter(pk=instance.pk).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        if self.actions.isdisjoint(actions):
            return self.model.objects.none()
        return scope(user, self.scope_action, self.model.objects.all())


# --- case pages with actions -----------------------------------------------------------------


@dataclass
class Action:
    """One form on a case page and the service it calls."""

    name: str
    label: str
    form_class: type
    available: Callable  # (obj) -> bool: the case's state allows it
    run: Callable  # (obj, user, cleaned_data) -> None; see CaseViewSet.perform_action
    danger: bool = False
    form_kwargs: Callable | None = None  # (obj) -> dict, for forms that depend on the case
    allowed: Callable | None = None  # (obj, user) -> bool; shown only to those the policy lets act

    def form(self, obj, data=None):
        kwargs = self.form_kwargs(obj) if self.form_kwargs else {}
        return self.form_class(data, prefix=self.name, **kwargs)

    def offered(self, obj, user) -> bool:
        return self.available(obj) and (self.allowed is None or self.allowed(obj, user))


class CaseIndexView(generic.IndexView):
    """Wagtail's listing, starting from the viewset's scoped queryset."""

    case_viewset = None

    def get_base_queryset(self):
        return self.case_viewset.get_queryset(self.request)


class CaseInspectView(generic.InspectView):
    """The inspect page of a case the user may see, with the actions offered to them."""

    case_viewset = None
    template_name = "portal/admin/case_inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(self.case_viewset.visible(self.request), pk=self.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cases, obj = self.case_viewset, self.object
        context["actions"] = [
            (action, action.form(obj),
             reverse(cases.get_url_name("action"), args=[obj.pk, action.name]))
            for action in cases.actions if action.offered(obj, self.request.user)]
        context.update(cases.extra_context(self.request, obj))
        return context


class CaseViewSet(ModelViewSet):
    """A read-only listing, case pages and action URLs that call the services.

    Rows are those the model's registered permission policy lets the user view.
    """

    index_view_class = CaseIndexView
    inspect_view_class = CaseInspectView
    inspect_view_enabled = True
    form_fields: list = []
    actions: list[Action] = []

    def visible(self, request):
        """The cases the user may open."""
        return policy_registry.get_by_type(self.model).instances_user_has_any_permission_for(
            request.user, ["view"])

    def get_queryset(self, request):
        """The listing (narrow it, order it, join what its columns show)."""
        return self.visible(request)

    def extra_context(self, request, obj) -> dict:
        """More for the case page, e.g. `template_extra`, a template included under the fields."""
        return {}

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(case_viewset=self, **kwargs)

    def form_error_messages(self, action, form) -> list[str]:
        return [f"{action.label}: {error}" for errors in form.errors.values() for error in errors]

    def perform_action(self, request, obj, action, data):
        """Run the action; a response returned here is shown instead of the case page."""
        action.run(obj, request.user, data)

    def action_view(self, request, pk, action):
        obj = get_object_or_404(self.visible(request), pk=pk)
        chosen = next((a for a in self.actions
                       if a.name == action and a.offered(obj, request.user)), None)
        inspect_url = reverse(self.get_url_name("inspect"), args=[pk])
        if chosen is None:
            messages.error(request, _("This action is not available."))
            return redirect(inspect_url)
        form = chosen.form(obj, request.POST)
        if not form.is_valid():
            for message in self.form_error_messages(chosen, form):
                messages.error(request, message)
            return redirect(inspect_url)
        try:
            response = self.perform_action(request, obj, chosen, form.cleaned_data)
        except (InvalidTransition, ValidationError, PermissionDenied) as exc:
            for message in getattr(exc, "messages", [str(exc)]):
                messages.error(request, message)
        else:
            if response is not None:
                return response
            messages.success(request, _("Done: %(action)s.") % {"action": chosen.label})
        return redirect(inspect_url)

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(),
                path("action/<int:pk>/<slug:action>/", require_POST(self.action_view),
                     name="action")]
