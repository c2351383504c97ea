"""Help requests: filed by anyone (anonymously if they wish, from any country), triaged,
referred with consent and closed by the authority of the person's country of origin."""

import secrets
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from licensing.permits.selectors import working_days_add
from licensing.services.complaints import TRACKING_ALPHABET
from portal.audit import audit_record
from portal.cases import actor_role, case_transition, case_type_of, require
from portal.lifecycle import InvalidTransition, reason_required
from portal.models import Country, Organisation
from portal.notifications import notify
from portal.policy import can
from portal.submissions import create_once

from .. import selectors
from ..indicators import CODES, indicator_score, priority_of
from ..models import (
    HelpOutcome,
    HelpReferral,
    HelpRequest,
    HelpStatus,
    Party,
    Priority,
    SharedItem,
)
from ..permissions import ProtectionPermission as P

ERROR_NEEDS_DESCRIPTION = _("Tell us in a few words what happened and what help you need.")
ERROR_NOT_ORIGIN = _("Choose your citizenship among the countries of origin.")
ERROR_NO_CONSENT = _("The person has not consented to referral; record their consent first.")
ERROR_WRONG_PARTY = _("This organisation cannot receive a referral of this kind for this request.")
ERROR_NOTHING_SHARED = _("Tick at least one part of the request to share.")
ERROR_CONTACT_ANONYMOUS = _("The person asked to stay anonymous: there is no contact to share.")
ERROR_CONSENT_GIVEN = _("The person's consent is already recorded.")
ERROR_CLOSED = _("The request is closed.")
ERROR_OUTCOME = _("Choose the outcome.")

#: Working days to triage a request, and for an organisation to answer a referral, by priority.
TRIAGE_DAYS = {Priority.URGENT: 1, Priority.HIGH: 2, Priority.NORMAL: 5}
ANSWER_DAYS = {Priority.URGENT: 2, Priority.HIGH: 5, Priority.NORMAL: 10}


def _tracking_code() -> str:
    return "H" + "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(9))


def help_request_file(
    *,
    by,
    category: str,
    description: str,
    origin_country_id: str,
    current_country_id: str,
    answers=(),
    place: str = "",
    employer_name: str = "",
    sex: str = "X",
    is_anonymous: bool = True,
    contact_name: str = "",
    contact: str = "",
    consent_to_refer: bool = False,
    language: str = "",
    submission_key: uuid.UUID | None = None,
) -> HelpRequest:
    """Anyone files a help request (signed in or not, anonymous if they wish); returns it with
    its tracking code. The "yes" answers to the ILO questions set its priority and the triage
    deadline; the origin authority's officers are told. No IP address is recorded.

    The form's one-time key makes filing idempotent (a double tap returns the same request)."""
    signed_in = getattr(by, "is_authenticated", False)
    return create_once(
        HelpRequest,
        submission_key,
        lambda: _file(
            by=by,
            category=category,
            description=description,
            origin_country_id=origin_country_id,
            current_country_id=current_country_id,
            answers=answers,
            place=place,
            employer_name=employer_name,
            sex=sex,
            is_anonymous=is_anonymous,
            contact_name=contact_name,
            contact=contact,
            consent_to_refer=consent_to_refer,
            language=language,
            submission_key=submission_key,
        ),
        check=lambda row: require(
            row.filed_by_id is None or (signed_in and row.filed_by_id == by.pk)
        ),
    )


def _file(
    *,
    by,
    category,
    description,
    origin_country_id,
    current_country_id,
    answers,
    place,
    employer_name,
    sex,
    is_anonymous,
    contact_name,
    contact,
    consent_to_refer,
    language,
    submission_key,
) -> HelpRequest:
    if not (description or "").strip():
        raise ValidationError(ERROR_NEEDS_DESCRIPTION)
    if not Country.objects.filter(pk=origin_country_id, is_origin=True).exists():
        raise ValidationError(ERROR_NOT_ORIGIN)
    answers = sorted({a for a in answers if a in CODES})
    priority = priority_of(answers, category=category)
    signed_in = getattr(by, "is_authenticated", False)
    now = timezone.now()
    request = HelpRequest(
        tracking_code=_tracking_code(),
        category=category,
        description=description.strip(),
        indicators=answers,
        indicator_score=indicator_score(answers),
        priority=priority,
        origin_country_id=origin_country_id,
        current_country_id=current_country_id,
        place=place.strip(),
        employer_name=employer_name.strip(),
        sex=sex or "X",
        is_anonymous=is_anonymous,
        contact_name="" if is_anonymous else contact_name.strip(),
        contact="" if is_anonymous else contact.strip(),
        language=language[:8],
        consent_to_refer=consent_to_refer,
        consent_recorded_at=now if consent_to_refer else None,
        consent_note=str(_("Given on the help form")) if consent_to_refer else "",
        filed_by=by if signed_in and not is_anonymous else None,
        triage_due=working_days_add(
            country_id=origin_country_id,
            start=timezone.localdate(),
            days=TRIAGE_DAYS[Priority(priority)],
        ),
        submission_key=submission_key,
    )
    request.full_clean(exclude=["submission_key"])
    while HelpRequest.objects.filter(tracking_code=request.tracking_code).exists():
        request.tracking_code = _tracking_code()
    request.save()
    audit_record(
        actor=None if is_anonymous else by,
        action="help_request.file",
        obj=request,
        to_state=request.status,
        changes={
            "status": [None, request.status],
            "category": [None, category],
            "priority": [None, priority],
            "indicators": [None, answers],
            "consent_to_refer": [None, consent_to_refer],
        },
        country=origin_country_id,
    )
    notify(
        event="help_request.new",
        recipients=selectors.triage_officers(country_id=origin_country_id),
        context={
            "priority": Priority(priority).label,
            "deadline": request.triage_due,
            "path": case_type_of(HelpRequest).officer_path(request),
        },
    )
    return request


def help_request_triage(*, help_request: HelpRequest, by) -> HelpRequest:
    """received → triaged: the acting officer becomes the handling officer."""

    def assign(help_request):
        help_request.handled_by = by
        return {"handled_by": [None, str(by)]}

    return case_transition(case=help_request, to=HelpStatus.TRIAGED, by=by, effect=assign)


@transaction.atomic
def help_request_consent_record(*, help_request: HelpRequest, by, note: str) -> HelpRequest:
    """An officer records the person's consent to referral given outside the form (e.g. on
    the phone); `note` says how and when. The status does not change."""
    kind = case_type_of(HelpRequest)
    help_request = kind.lock(help_request)
    require(can(by, P.HELP_TRIAGE, help_request))
    if help_request.status == HelpStatus.CLOSED:
        raise InvalidTransition(ERROR_CLOSED)
    if help_request.consent_to_refer:
        raise ValidationError(ERROR_CONSENT_GIVEN)
    note = reason_required(note)[:255]
    help_request.consent_to_refer = True
    help_request.consent_recorded_at = timezone.now()
    help_request.consent_note = note
    help_request.save()
    audit_record(
        actor=by,
        action="help_request.consent",
        obj=help_request,
        role=actor_role(by, help_request),
        from_state=help_request.status,
        to_state=help_request.status,
        reason=note,
        changes={"consent_to_refer": [False, True]},
        country=help_request.origin_country_id,
    )
    return help_request


def _shared_copy(help_request: HelpRequest, items) -> dict:
    """The content of the ticked items, as the organisation will read it."""
    copy = {}
    for item in items:
        if item == SharedItem.CATEGORY:
            copy["category"] = help_request.category
        elif item == SharedItem.DESCRIPTION:
            copy["description"] = help_request.description
        elif item == SharedItem.INDICATORS:
            copy["indicators"] = list(help_request.indicators)
            copy["priority"] = help_request.priority
        elif item == SharedItem.PLACE:
            copy["current_country"] = help_request.current_country_id
            copy["place"] = help_request.place
        elif item == SharedItem.EMPLOYER:
            copy["employer_name"] = help_request.employer_name
        elif item == SharedItem.SEX:
            copy["sex"] = help_request.sex
        elif item == SharedItem.CONTACT:
            copy["contact_name"] = help_request.contact_name
            copy["contact"] = help_request.contact
            copy["language"] = help_request.language
    return copy


def help_request_refer(
    *,
    help_request: HelpRequest,
    by,
    party: str,
    organisation: Organisation,
    shared_items,
    message: str,
) -> HelpReferral:
    """triaged (or referred) → referred: with the person's consent, pass a copy of the ticked
    items to `organisation` (of the kind `party` allows), due in working days by priority.
    Returns the referral; its organisation is told."""
    message = reason_required(message)
    items = [SharedItem(i).value for i in dict.fromkeys(shared_items or [])]
    made = {}

    def refer(help_request):
        if not help_request.consent_to_refer:
            raise ValidationError(ERROR_NO_CONSENT)
        if not items:
            raise ValidationError(ERROR_NOTHING_SHARED)
        if SharedItem.CONTACT in items and help_request.is_anonymous:
            raise ValidationError(ERROR_CONTACT_ANONYMOUS)
        if (
            not selectors.referral_candidates(help_request=help_request, party=party)
            .filter(pk=organisation.pk)
            .exists()
        ):
            raise ValidationError(ERROR_WRONG_PARTY)
        referral = HelpReferral(
            help_request=help_request,
            party=Party(party).value,
            organisation=organisation,
            shared_items=items,
            shared=_shared_copy(help_request, items),
            message=message,
            due_on=working_days_add(
                country_id=organisation.country_id,
                start=timezone.localdate(),
                days=ANSWER_DAYS[Priority(help_request.priority)],
            ),
            referred_by=by,
        )
        referral.full_clean()
        referral.save()
        made["referral"] = referral
        return {
            "referral": [None, f"{organisation.name} ({referral.get_party_display()})"],
            "shared_items": [None, items],
        }

    case_transition(case=help_request, to=HelpStatus.REFERRED, by=by, effect=refer, reason=message)
    referral = made["referral"]
    notify(
        event="help_referral.new",
        recipients=selectors.party_contacts(organisation=organisation),
        context={
            "deadline": referral.due_on,
            "path": case_type_of(HelpReferral).officer_path(referral),
        },
    )
    return referral


def help_request_close(
    *, help_request: HelpRequest, by, outcome: str, outcome_note: str
) -> HelpRequest:
    """→ closed with an outcome (counted by sex) and words the person reads."""
    if outcome not in HelpOutcome.values:
        raise ValidationError(ERROR_OUTCOME)
    outcome_note = reason_required(outcome_note)

    def close(help_request):
        help_request.outcome = outcome
        help_request.outcome_note = outcome_note
        help_request.closed_at = timezone.now()
        if help_request.handled_by_id is None:
            help_request.handled_by = by
        return {"outcome": [None, outcome]}

    return case_transition(
        case=help_request, to=HelpStatus.CLOSED, by=by, effect=close, reason=outcome_note
    )
