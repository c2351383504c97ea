"""Wagtail admin views that honour the permission policy for every row, not just the model,
and the back-office "case" machinery that licensing, permits and vacancies share: a read-only
listing scoped by `portal.policy`, a case page with action forms, and action URLs that call the
services (every change goes through a service, which writes its audit event)."""

import datetime
import decimal
import inspect
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import policy_registry

from .audit_text import audit_sentences, inspect_url_register
from .cases import OFFICER, case_history, case_type_of
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


class ReadableFieldsMixin:
    """An inspect page in words: "—" for nothing, yes/no, dates and numbers in the reader's
    locale (never "None", "True" or "2027-01-05")."""

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        return readable(value)


def readable(value):
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, (int, float, decimal.Decimal)):
        return formats.number_format(value, use_l10n=True, force_grouping=True)
    return value


class ScopedInspectView(ReadableFieldsMixin, PolicyScopedMixin, generic.InspectView):
    pass


class PolicyPermissionPolicy(ModelPermissionPolicy):
    """Wagtail's permission checks answered by `portal.policy`.

    Only `actions` are ever allowed (default: "view" alone, so nobody adds, edits or deletes
    through generic forms: changes go through the action views and the services). The model
    is open to those `may(user)` lets in (default: `can(user, scope_action)`); its rows are
    those `scope(user, scope_action, …)` keeps.
    """

    def __init__(self, model, scope_action: str, *, may: Callable | None = None, actions=("view",)):
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
        return (
            action in self.actions
            and self.instances_user_has_any_permission_for(user, [action])
            .filter(pk=instance.pk)
            .exists()
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if self.actions.isdisjoint(actions):
            return self.model.objects.none()
        return scope(user, self.scope_action, self.model.objects.all())


# --- case pages with actions -----------------------------------------------------------------


@dataclass
class Action:
    """One form on a case page and the service it calls. The moves of a case's lifecycle
    become actions by themselves (`transition_actions`); declare here only what is not a move
    (e.g. planning an inspection, revealing a passport number)."""

    name: str
    label: str
    form_class: type
    available: Callable  # (obj) -> bool: the case's state allows it
    run: Callable  # (obj, user, cleaned_data, request) -> result; see perform_action
    danger: bool = False
    form_kwargs: Callable | None = None  # (obj) -> dict, for forms that depend on the case
    allowed: Callable | None = None  # (obj, user) -> bool; shown only to those the policy lets act
    consequence: str = ""  # what it does, said beside the button

    def form(self, obj, data=None, initial=None):
        kwargs = self.form_kwargs(obj) if self.form_kwargs else {}
        if initial:
            kwargs["initial"] = initial
        return self.form_class(data, prefix=self.name, **kwargs)

    def offered(self, obj, user) -> bool:
        return self.available(obj) and (self.allowed is None or self.allowed(obj, user))


class NoFieldsForm(forms.Form):
    pass


_NOTE_FORMS: dict = {}


def note_form(note) -> type[forms.Form]:
    """The form a move asks for: one text field named after the service's keyword, or none."""
    if note is None:
        return NoFieldsForm
    if note not in _NOTE_FORMS:
        field = forms.CharField(
            label=note.label, required=note.required, widget=forms.Textarea(attrs={"rows": 3})
        )
        _NOTE_FORMS[note] = type("NoteForm", (forms.Form,), {note.name: field})
    return _NOTE_FORMS[note]


def transition_actions(model, side: str = OFFICER) -> list[Action]:
    """The moves of `model`'s lifecycle that `side` makes, as actions: offered when the case is
    in one of the move's states (and its `when` holds) and the policy lets the user make it;
    each calls the case type's service for the move."""
    kind = case_type_of(model)

    def action(move):
        def run(obj, user, data, request):
            service = kind.service(move)
            extra = (
                {"request": request} if "request" in inspect.signature(service).parameters else {}
            )
            return service(**{kind.keyword: obj}, by=user, **data, **extra)

        return Action(
            move.name,
            move.label,
            note_form(move.note),
            available=lambda obj: (
                obj.status in move.sources and (move.when is None or move.when(obj))
            ),
            run=run,
            danger=move.danger,
            consequence=move.consequence,
            allowed=lambda obj, user: can(user, move.permission, obj),
        )

    return [action(move) for move in kind.lifecycle.transitions if move.by == side]


class CaseIndexView(generic.IndexView):
    """Wagtail's listing, starting from the viewset's scoped queryset."""

    case_viewset = None

    def get_base_queryset(self):
        return self.case_viewset.get_queryset(self.request)


class CaseInspectView(ReadableFieldsMixin, generic.InspectView):
    """The inspect page of a case the user may see, with the actions offered to them."""

    case_viewset = None
    template_name = "portal/admin/case_inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(self.case_viewset.visible(self.request), pk=self.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cases, obj = self.case_viewset, self.object
        context["actions"] = [
            (
                action,
                action.form(obj, initial=cases.initial(obj, action.name)),
                reverse(cases.get_url_name("action"), args=[obj.pk, action.name]),
            )
            for action in cases.all_actions()
            if action.offered(obj, self.request.user)
        ]
        context["history"] = audit_sentences(case_history(obj), link_objects=False)
        documents = getattr(obj, "documents", None)
        if documents is not None:
            context["case_documents"] = [
                (d, reverse("case_document", args=[d.pk])) for d in documents.all()
            ]
        requests = getattr(obj, "information_requests", None)
        if requests is not None:
            context["information_requests"] = requests.select_related("requested_by")
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
    actions: list[Action] = []  # what is not a move of the case's lifecycle

    def all_actions(self) -> list[Action]:
        """The lifecycle's officer moves (if the model is a case type), then `actions`."""
        try:
            moves = transition_actions(self.model)
        except KeyError:
            moves = []
        return [*moves, *self.actions]

    def visible(self, request):
        """The cases the user may open."""
        return policy_registry.get_by_type(self.model).instances_user_has_any_permission_for(
            request.user, ["view"]
        )

    def get_queryset(self, request):
        """The listing (narrow it, order it, join what its columns show)."""
        return self.visible(request)

    def initial(self, obj, action_name: str) -> dict:
        """Pre-filled values of an action's form (e.g. a refusal's suggested reasons)."""
        return {}

    def extra_context(self, request, obj) -> dict:
        """More for the case page, e.g. `template_extra`, a template included under the fields."""
        return {}

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(case_viewset=self, **kwargs)

    def form_error_messages(self, action, form) -> list[str]:
        return [f"{action.label}: {error}" for errors in form.errors.values() for error in errors]

    def perform_action(self, request, obj, action, data):
        """Run the action and return its result; a response returned by an override is shown
        instead of the case page."""
        return action.run(obj, request.user, data, request)

    def action_view(self, request, pk, action):
        obj = get_object_or_404(self.visible(request), pk=pk)
        chosen = next(
            (a for a in self.all_actions() if a.name == action and a.offered(obj, request.user)),
            None,
        )
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
            if isinstance(response, HttpResponseBase):
                return response
            messages.success(request, _("Done: %(action)s.") % {"action": chosen.label})
        return redirect(inspect_url)

    def get_urlpatterns(self):
        inspect_url_register(self.model, self.get_url_name("inspect"))
        return [
            *super().get_urlpatterns(),
            path("action/<int:pk>/<slug:action>/", require_POST(self.action_view), name="action"),
        ]


@xframe_options_sameorigin
def case_document_view(request, pk: int):
    """A case's document, shown inline on the case page to those who may open the case."""
    from .case_models import CaseDocument
    from .uploads import private_file_response

    document = get_object_or_404(CaseDocument.objects.select_related("case_type"), pk=pk)
    model = document.case_type.model_class()
    policy = policy_registry.get_by_type(model)
    if (
        policy is None
        or not policy.instances_user_has_any_permission_for(request.user, ["view"])
        .filter(pk=document.case_id)
        .exists()
    ):
        raise Http404
    return private_file_response(
        document.file,
        filename=document.original_name,
        content_type=document.content_type,
        inline=True,
    )
