"""Back office of the migration cycle: the officer's overstay queue (review by date, the
case page with its moves) and the stays of the officer's country, read-only.

Listings are scoped by `portal.policy`; every change goes through a service.
"""

from dataclasses import replace

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permissions import register_permission_policy

from portal.admin_views import CaseViewSet, PolicyPermissionPolicy

from .models import OverstayCase, OverstayOutcome, Stay
from .permissions import CyclePermission as P
from .policy import officer_countries


def _officer(user) -> bool:
    return bool(getattr(user, "is_superuser", False) or officer_countries(user))


register_permission_policy(Stay, PolicyPermissionPolicy(Stay, P.STAY_VIEW, may=_officer))
register_permission_policy(
    OverstayCase, PolicyPermissionPolicy(OverstayCase, P.OVERSTAY_VIEW, may=_officer)
)


class OverstayCloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=OverstayOutcome.choices)
    reason = forms.CharField(
        label=_("Reason (shown to the worker)"), widget=forms.Textarea(attrs={"rows": 3})
    )


class OverstayCaseViewSet(CaseViewSet):
    """The officer's queue of stays past their lawful end: earliest review date first."""

    model = OverstayCase
    icon = "warning"
    menu_label = _("Overstay cases")
    url_prefix = "cycle/overstays"
    url_namespace = "cycle_overstays"
    list_display = ["__str__", "status", "lawful_until", "respond_by", "outcome"]
    list_filter = ["status", "outcome", "respond_by"]
    inspect_view_fields = [
        "status",
        "stay",
        "lawful_until",
        "respond_by",
        "outcome",
        "decision_reason",
        "decided_at",
    ]

    def all_actions(self):
        return [
            replace(a, form_class=OverstayCloseForm) if a.name == "close" else a
            for a in super().all_actions()
        ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("stay", "stay__destination_country")
            .order_by("respond_by", "pk")
        )


class StayViewSet(CaseViewSet):
    """Stays of the officer's country (as origin or destination), read-only."""

    model = Stay
    icon = "site"
    menu_label = _("Stays abroad")
    url_prefix = "cycle/stays"
    url_namespace = "cycle_stays"
    list_display = [
        "__str__",
        "status",
        "origin_country",
        "destination_country",
        "registration_due",
        "registration_late",
        "lawful_until",
        "returned_on",
    ]
    list_filter = ["status", "registration_late", "returned_on_time", "destination_country"]
    inspect_view_fields = [
        "status",
        "origin_country",
        "destination_country",
        "scheme",
        "agency",
        "occupation",
        "sex",
        "departed_on",
        "departure_source",
        "arrived_on",
        "arrival_source",
        "registration_due",
        "registered_on",
        "registration_late",
        "lawful_until",
        "returned_on",
        "return_source",
        "returned_on_time",
        "overstay_from",
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("origin_country", "destination_country")
            .order_by("-pk")
        )


class CycleViewSetGroup(ViewSetGroup):
    """The migration cycle after the permit: one menu for migration officers."""

    items = (OverstayCaseViewSet, StayViewSet)
    menu_label = _("Migration cycle")
    menu_icon = "site"
    menu_order = 230


@hooks.register("register_admin_viewset")
def register_cycle_viewsets():
    return CycleViewSetGroup()
