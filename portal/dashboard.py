"""The officer's dashboard opens on *my work*: for every case type the officer handles (one
panel per competence), the open cases by deadline, counts per state and overdue cases marked."""

from django.db.models import Count
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import capfirst
from wagtail.admin.ui.components import Component
from wagtail.permissions import policy_registry

from .audit_text import _INSPECT_URLS
from .cases import OFFICER, CaseType, case_types

#: Cases shown per panel; the rest are one click away in the queue.
PANEL_SIZE = 8


def officer_states(kind: CaseType) -> list[str]:
    """The states in which a case waits for an officer (an officer move leaves from them)."""
    return sorted({s for t in kind.lifecycle.transitions if t.by == OFFICER for s in t.sources})


class MyWorkPanel(Component):
    template_name = "portal/admin/my_work_panel.html"

    def __init__(self, kind: CaseType, queryset, order: int):
        self.kind, self.queryset, self.order = kind, queryset, order
        self.name = f"my_work_{kind.name}"

    def get_context_data(self, parent_context):
        kind, today = self.kind, timezone.localdate()
        status_field = kind.model._meta.get_field("status")
        labels = dict(status_field.choices)
        states = officer_states(kind)
        open_cases = self.queryset.filter(status__in=states)
        counts = {
            row["status"]: row["n"] for row in open_cases.values("status").annotate(n=Count("pk"))
        }
        deadline = kind.deadline_field
        overdue = open_cases.filter(**{f"{deadline}__lt": today}).count()
        url_name = _INSPECT_URLS[kind.model._meta.label_lower]
        rows = []
        for case in open_cases.order_by(f"{deadline}", "pk")[:PANEL_SIZE]:
            due = getattr(case, deadline)
            rows.append(
                {
                    "case": case,
                    "url": reverse(url_name, args=[case.pk]),
                    "status": labels.get(case.status, case.status),
                    "deadline": due,
                    "overdue": bool(due and due < today),
                }
            )
        try:
            index_url = reverse(url_name.replace(":inspect", ":index"))
        except NoReverseMatch:
            index_url = ""
        return {
            "title": capfirst(kind.model._meta.verbose_name_plural),
            "panel_id": self.name,
            "counts": [(labels.get(s, s), counts.get(s, 0)) for s in states],
            "total": sum(counts.values()),
            "overdue": overdue,
            "rows": rows,
            "index_url": index_url,
        }


def my_work_panels(user) -> list[MyWorkPanel]:
    """One panel per case type with a deadline whose queue the user may see (each of the
    officer's competences), even when nothing waits there: the officer sees that it is clear."""
    panels = []
    for order, kind in enumerate(case_types()):
        if not kind.deadline_field or kind.model._meta.label_lower not in _INSPECT_URLS:
            continue
        policy = policy_registry.get_by_type(kind.model)
        if policy is None or not policy.user_has_permission(user, "view"):
            continue
        queryset = policy.instances_user_has_any_permission_for(user, ["view"])
        panels.append(MyWorkPanel(kind, queryset, order=10 + order))
    return panels
