"""Back office for help requests: the origin authority's queue (urgent first, triage deadline
in working days) and case pages with the moves of the lifecycle; referral, consent and closing
forms that call the services; and the referrals each receiving organisation sees — only those
made to it, and in them only what was shared.

Listings are read-only and scoped by `portal.policy`; every change goes through a service.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permissions import register_permission_policy

from licensing.wagtail_hooks import DeadlineColumn
from portal.admin_views import Action, CaseViewSet, PolicyPermissionPolicy
from portal.policy import can, is_superuser

from . import selectors, services
from .indicators import INDICATORS
from .models import HelpOutcome, HelpReferral, HelpRequest, Party, SharedItem
from .permissions import ProtectionPermission as P
from .policy import party_ids, triage_countries

register_permission_policy(
    HelpRequest,
    PolicyPermissionPolicy(
        HelpRequest, P.HELP_TRIAGE, may=lambda u: is_superuser(u) or bool(triage_countries(u))
    ),
)
register_permission_policy(
    HelpReferral,
    PolicyPermissionPolicy(
        HelpReferral,
        P.REFERRAL_VIEW,
        may=lambda u: is_superuser(u) or bool(party_ids(u) or triage_countries(u)),
    ),
)


class ReferForm(forms.Form):
    party = forms.ChoiceField(label=_("Kind of organisation"), choices=Party.choices)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=selectors.referral_organisations(),
        help_text=_(
            "A destination inspectorate, a consulate of the country of origin, an NGO "
            "or a resource centre."
        ),
    )
    shared_items = forms.MultipleChoiceField(
        label=_("What to share"),
        choices=SharedItem.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[SharedItem.CATEGORY, SharedItem.DESCRIPTION, SharedItem.PLACE],
        help_text=_("Only what you tick is copied to the organisation; it never sees the rest."),
    )
    message = forms.CharField(
        label=_("What you ask the organisation to do"), widget=forms.Textarea(attrs={"rows": 3})
    )


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=HelpOutcome.choices)
    outcome_note = forms.CharField(
        label=_("Outcome (the person reads it)"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ConsentForm(forms.Form):
    note = forms.CharField(
        label=_("How and when the person consented"),
        max_length=255,
        help_text=_("For example: by phone on 05.12.2026, to a referral to the consulate."),
    )


def _open(statuses):
    return lambda r: r.status in statuses


class HelpRequestViewSet(CaseViewSet):
    model = HelpRequest
    icon = "help"
    menu_label = _("Help requests")
    url_prefix = "protection/requests"
    list_display = [
        "tracking_code",
        "priority",
        "category",
        "status",
        DeadlineColumn("triage_due", label=_("Triage due"), open_states=("received",)),
        "sex",
        "current_country",
        "handled_by",
    ]
    list_filter = ["status", "priority", "category", "sex", "current_country"]
    search_fields = ["tracking_code", "employer_name", "place"]
    inspect_view_fields = [
        "tracking_code",
        "status",
        "priority",
        "indicator_score",
        "triage_due",
        "handled_by",
        "category",
        "description",
        "origin_country",
        "current_country",
        "place",
        "employer_name",
        "sex",
        "is_anonymous",
        "contact_name",
        "contact",
        "language",
        "consent_to_refer",
        "consent_recorded_at",
        "consent_note",
        "created_at",
        "outcome",
        "outcome_note",
        "closed_at",
    ]

    def get_queryset(self, request):
        # Urgent first, then by the triage deadline.
        from django.db.models import Case, IntegerField, Value, When

        rank = Case(
            When(priority="urgent", then=Value(0)),
            When(priority="high", then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
        return (
            self.visible(request)
            .select_related("current_country", "handled_by")
            .annotate(rank=rank)
            .order_by("rank", "triage_due", "pk")
        )

    def all_actions(self):
        moves = [a for a in super().all_actions() if a.name not in ("refer", "close")]
        triage = lambda r, u: can(u, P.HELP_TRIAGE, r)  # noqa: E731
        return [
            *moves,
            Action(
                "consent",
                _("Record the person's consent"),
                ConsentForm,
                lambda r: not r.consent_to_refer and r.status != "closed",
                lambda r, u, d, req: services.help_request_consent_record(
                    help_request=r, by=u, note=d["note"]
                ),
                allowed=triage,
                consequence=_("Referral becomes possible; the note is kept in the history."),
            ),
            Action(
                "refer",
                _("Refer to an organisation"),
                ReferForm,
                lambda r: r.status in ("triaged", "referred") and r.consent_to_refer,
                lambda r, u, d, req: services.help_request_refer(
                    help_request=r,
                    by=u,
                    party=d["party"],
                    organisation=d["organisation"],
                    shared_items=d["shared_items"],
                    message=d["message"],
                ),
                allowed=triage,
                consequence=_(
                    "Only what you tick is shared; the organisation must answer by "
                    "the deadline (working days) or the referral is escalated."
                ),
            ),
            Action(
                "close",
                _("Close with an outcome"),
                CloseForm,
                _open(("received", "triaged", "referred")),
                lambda r, u, d, req: services.help_request_close(
                    help_request=r, by=u, outcome=d["outcome"], outcome_note=d["outcome_note"]
                ),
                allowed=triage,
                danger=True,
                consequence=_(
                    "The outcome is counted by sex; the person reads it with the tracking code."
                ),
            ),
        ]

    def extra_context(self, request, help_request):
        answers = set(help_request.indicators)
        return {
            "template_extra": "protection/admin/help_request_extra.html",
            "indicator_rows": [(i.question, i.code in answers) for i in INDICATORS],
            "referrals": help_request.referrals.select_related("organisation"),
        }


class HelpReferralViewSet(CaseViewSet):
    model = HelpReferral
    icon = "mail"
    menu_label = _("Help referrals")
    url_prefix = "protection/referrals"
    list_display = [
        "organisation",
        "party",
        "status",
        DeadlineColumn("due_on", label=_("Answer due"), open_states=("sent", "escalated")),
        "created_at",
    ]
    list_filter = ["status", "party", "due_on"]
    inspect_view_fields = [
        "party",
        "organisation",
        "status",
        "due_on",
        "message",
        "created_at",
        "response",
        "answered_at",
        "escalated_at",
    ]

    def get_queryset(self, request):
        return self.visible(request).select_related("organisation").order_by("due_on", "pk")

    def extra_context(self, request, referral):
        return {
            "template_extra": "protection/admin/referral_extra.html",
            "shared_rows": shared_rows(referral),
        }


def shared_rows(referral) -> list[tuple[str, str]]:
    """What was shared, as (label, text) pairs in the reader's language."""
    from portal.choices import Sex
    from portal.models import Country

    from .models import HelpCategory, Priority

    shared, rows = referral.shared or {}, []
    labels = {
        "category": _("What the problem is"),
        "description": _("What happened"),
        "priority": _("Priority"),
        "current_country": _("Country"),
        "place": _("Town or region"),
        "employer_name": _("Employer or recruiter"),
        "sex": _("Sex"),
        "contact_name": _("Name"),
        "contact": _("Phone or e-mail"),
        "language": _("Language"),
    }
    readable = {"category": HelpCategory, "priority": Priority, "sex": Sex}
    for key, value in shared.items():
        if key == "indicators":
            questions = {i.code: i.question for i in INDICATORS}
            text = "; ".join(str(questions[c]) for c in value if c in questions) or "—"
            rows.append((str(_("Signs of forced labour (answered yes)")), text))
            continue
        if key in readable and value:
            value = readable[key](value).label
        elif key == "current_country" and value:
            country = Country.objects.filter(pk=value).first()
            value = country.name if country else value
        rows.append((str(labels.get(key, key)), str(value or "—")))
    return rows


class ProtectionViewSetGroup(ViewSetGroup):
    """Help requests and their referrals: one menu for the origin authority and for the
    organisations that receive referrals."""

    menu_label = _("Protection")
    menu_icon = "help"
    menu_order = 220
    items = (HelpRequestViewSet("protection_requests"), HelpReferralViewSet("protection_referrals"))


@hooks.register("register_admin_viewset")
def register_protection_viewsets():
    return ProtectionViewSetGroup()
