"""The protection case types, declared on the kernel (`portal.cases`): help requests (triaged,
referred and closed by the origin country's authority) and referrals (answered by the
organisation they were made to, escalated by the daily job when they are not)."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from portal.cases import (
    APPLICANT,
    OFFICER,
    SYSTEM,
    CaseType,
    Lifecycle,
    Note,
    Transition,
    case_type,
)

from . import (
    notifications,  # noqa: F401  (declares the events named below)
    selectors,
)
from .models import HelpReferral, HelpRequest, HelpStatus, ReferralStatus
from .permissions import ProtectionPermission as P


def _path(url_name: str, *, with_pk: bool = True):
    def path(case) -> str:
        try:
            return reverse(url_name, args=[case.pk] if with_pk else [])
        except NoReverseMatch:  # the back office is not mounted (e.g. an API-only process)
            return ""

    return path


def _request_recipients(help_request, side):
    if side == OFFICER:
        return selectors.triage_officers(country_id=help_request.origin_country_id)
    return selectors.person_contacts(help_request=help_request)


H = HelpStatus
HELP_REQUEST = case_type(
    CaseType(
        model=HelpRequest,
        name="help_request",
        lifecycle=Lifecycle(
            Transition(
                "triage",
                (H.RECEIVED,),
                H.TRIAGED,
                OFFICER,
                P.HELP_TRIAGE,
                _("Take the request (I handle it)"),
                _(
                    "You become the handling officer; the person sees that the request is "
                    "being handled."
                ),
            ),
            Transition(
                "refer",
                (H.TRIAGED, H.REFERRED),
                H.REFERRED,
                OFFICER,
                P.HELP_TRIAGE,
                _("Refer to an organisation"),
                _(
                    "Only what you tick is shared; the organisation must answer by the "
                    "deadline or the referral is escalated."
                ),
                when=lambda r: r.consent_to_refer,
            ),
            Transition(
                "close",
                (H.RECEIVED, H.TRIAGED, H.REFERRED),
                H.CLOSED,
                OFFICER,
                P.HELP_TRIAGE,
                _("Close with an outcome"),
                _("The outcome is counted by sex; the person reads it with the tracking code."),
                note=Note("outcome_note", _("Outcome (the person reads it)")),
            ),
        ),
        country=lambda r: r.origin_country_id,
        recipients=_request_recipients,
        related=("current_country",),
        events={
            "triage": "help_request.triage",
            "refer": "help_request.refer",
            "close": "help_request.close",
        },
        applicant_path=_path("protection:help_track", with_pk=False),
        officer_path=_path("protection_requests:inspect"),
        services="licensing.protection.services",
        keyword="help_request",
        deadline_field="triage_due",
    )
)


def _referral_recipients(referral, side):
    if side == APPLICANT:  # the referring authority
        return selectors.triage_officers(country_id=referral.help_request.origin_country_id)
    return selectors.party_contacts(organisation=referral.organisation)


R = ReferralStatus
_response = Note("response", _("Answer (the referring authority reads it)"))
HELP_REFERRAL = case_type(
    CaseType(
        model=HelpReferral,
        name="help_referral",
        lifecycle=Lifecycle(
            Transition(
                "answer",
                (R.SENT, R.ESCALATED),
                R.ANSWERED,
                OFFICER,
                P.REFERRAL_ANSWER,
                _("Answer"),
                _("The referring authority reads your answer and records the outcome."),
                note=_response,
            ),
            Transition(
                "decline",
                (R.SENT, R.ESCALATED),
                R.DECLINED,
                OFFICER,
                P.REFERRAL_ANSWER,
                _("Decline"),
                _("The referring authority is told and can refer the case elsewhere."),
                note=Note("response", _("Why you cannot help")),
                danger=True,
            ),
            Transition("escalate", (R.SENT,), R.ESCALATED, SYSTEM, P.REFERRAL_ESCALATE),
        ),
        country=lambda r: r.help_request.origin_country_id,
        organisation=lambda r: r.organisation,
        recipients=_referral_recipients,
        events={
            "answer": "help_referral.answer",
            "decline": "help_referral.decline",
            "escalate": "help_referral.escalate",
        },
        officer_path=_path("protection_referrals:inspect"),
        applicant_path=_path("protection_referrals:inspect"),
        related=("help_request", "organisation"),
        services="licensing.protection.services",
        keyword="referral",
        deadline_field="due_on",
    )
)
