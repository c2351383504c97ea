"""Referrals of help requests: answered or declined by the organisation they were made to,
escalated by the daily job when their deadline passes unanswered."""

from django.utils import timezone

from portal.cases import case_transition, case_type_of
from portal.notifications import notify

from .. import selectors
from ..models import HelpReferral, ReferralStatus


def _answered(response: str):
    def effect(referral):
        referral.response = response.strip()
        referral.answered_at = timezone.now()
        return {"response": [None, "…"]}  # the answer itself is in the reason

    return effect


def help_referral_answer(*, referral: HelpReferral, by, response: str) -> HelpReferral:
    """sent or escalated → answered: the organisation says what it did or found."""

    def effect(referral):
        _answered(response)(referral)
        referral.answered_by = by

    return case_transition(
        case=referral,
        to=ReferralStatus.ANSWERED,
        by=by,
        reason=response,
        effect=effect,
        context={"organisation": referral.organisation.name},
    )


def help_referral_decline(*, referral: HelpReferral, by, response: str) -> HelpReferral:
    """sent or escalated → declined, saying why; the referring authority may refer elsewhere."""

    def effect(referral):
        _answered(response)(referral)
        referral.answered_by = by

    return case_transition(
        case=referral,
        to=ReferralStatus.DECLINED,
        by=by,
        reason=response,
        effect=effect,
        context={"organisation": referral.organisation.name},
    )


def help_referral_escalate(*, referral: HelpReferral) -> HelpReferral:
    """sent → escalated (the system, when the due day has passed): the referring authority's
    officers and the organisation itself are told; the organisation can still answer."""

    def effect(referral):
        referral.escalated_at = timezone.now()

    context = {"organisation": referral.organisation.name, "deadline": referral.due_on}
    referral = case_transition(
        case=referral, to=ReferralStatus.ESCALATED, by=None, effect=effect, context=context
    )
    notify(
        event="help_referral.escalate",
        recipients=selectors.party_contacts(organisation=referral.organisation),
        context={**context, "path": case_type_of(HelpReferral).officer_path(referral)},
    )
    return referral


def help_referrals_escalate_overdue(*, today=None) -> int:
    """Escalate every referral still unanswered after its due day; returns how many."""
    today = today or timezone.localdate()
    count = 0
    for referral in selectors.referrals_overdue(today=today):
        help_referral_escalate(referral=referral)
        count += 1
    return count


def protection_daily(*, today=None) -> dict:
    """The daily protection run (task `protection_daily_task`)."""
    return {"referrals_escalated": help_referrals_escalate_overdue(today=today)}
