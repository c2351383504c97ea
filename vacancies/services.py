"""Every state change for schemes, job orders, worker profiles and vacancy applications.

One function per transition: it runs in one transaction, locks the row, checks the actor
through the policy, changes state and writes one audit event. Error messages are module
constants (tests import them).
"""

import hashlib
import uuid
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from licensing.selectors import agency_has_active_licence
from portal.audit import audit_record, field_changes
from portal.lifecycle import (
    APPLICATION_TRANSITIONS,
    InvalidTransition,
    four_eyes_check,
    reason_required,
    transition_check,
)
from portal.models import AGENCY_ROLES, Organisation, Role
from portal.numbering import number_allocate
from portal.policy import active_memberships, can, roles_in
from portal.submissions import create_once
from vacancies.permissions import VacancyPermission

from . import selectors
from .models import (
    CostReport,
    JobOrder,
    JobOrderInformationRequest,
    JobOrderStatus,
    PastSeason,
    ReentryPriority,
    VacancyApplication,
    VacancyApplicationStatus,
    WorkerLanguage,
    WorkerProfile,
    month_mask,
)
from .policy import VETTING_OFFICER_ROLES

ERROR_NOT_ALLOWED = _("You may not do this for this job order or in this jurisdiction.")
ERROR_NO_LICENCE = _("Only an agency with an active licence can post or publish job orders.")
ERROR_NOT_EDITABLE = _("The job order can be changed only as a draft or when information was requested.")
ERROR_WAGE_BELOW_MINIMUM = _("The monthly wage is below the minimum wage for this region "
                             "(%(minimum)s %(currency)s).")
ERROR_WAGE_CURRENCY = _("The wage must be stated in %(currency)s, the currency of the regional minimum.")
ERROR_NO_MINIMUM_WAGE = _("No minimum wage is recorded for this region; the wage cannot be checked.")
ERROR_WORKER_FEE = _("The job order charges the worker a fee or cost. Workers never pay for "
                     "recruitment (ILO General Principles for Fair Recruitment).")
ERROR_NO_CONTRACT = _("Attach the contract template in the worker's language.")
ERROR_INCOMPLETE = _("The job order is not complete: %(missing)s.")
ERROR_NOT_EMPLOYER = _("The employer must be a registered employer.")
ERROR_REGION_COUNTRY = _("The region must be in the scheme's destination country.")
ERROR_OCCUPATION_SECTOR = _("The occupation is not open under this scheme.")
ERROR_SEASON_DATES = _("The work must end after it starts, and applications must close before it starts.")
ERROR_MAX_STAY = _("The contract is longer than the scheme's maximum stay (%(months)s months).")
ERROR_SCHEME_CLOSED = _("This scheme is not open for new job orders.")
ERROR_NOT_PUBLISHED = _("This vacancy is not open for applications.")
ERROR_NO_PROFILE = _("Create your worker profile before you apply.")
ERROR_ALREADY_APPLIED = _("You have already applied for this vacancy.")
ERROR_POSITIONS_FILLED = _("All positions of this job order are filled.")
ERROR_RETURN_BEFORE_DEPARTURE = _("The return date cannot be before the departure date.")
ERROR_COSTS_AFTER_PLACEMENT = _("You can report costs once you have accepted an offer.")
ERROR_PROFILE_EXISTS = _("You already have a worker profile.")
ERROR_STAFF_NO_PROFILE = _("Agency and authority staff cannot create a worker profile with this account.")

#: Days the vetting authority has to decide after each submission.
VETTING_PERIOD_DAYS = 15

#: Fields an agency edits on a job order (the form sends them in `data`).
JOB_ORDER_FIELDS = [
    "scheme", "employer", "title", "description", "occupation", "region", "city", "positions",
    "monthly_wage", "currency", "hours_per_week", "housing", "meals", "travel_paid_by_employer",
    "worker_fee_amount", "contract_months", "season_start", "season_end", "application_deadline",
    "contract_language",
]
JOB_ORDER_M2M = ["essential_skills", "optional_skills", "languages"]
#: Fields a worker edits on the profile.
PROFILE_FIELDS = ["origin_country", "origin_region", "sex", "birth_year", "years_experience",
                  "education_level", "months_available"]
PROFILE_M2M = ["occupations", "skills", "preferred_destinations"]

JS = JobOrderStatus
#: The job-order lifecycle: the shared application table plus closing a published job order.
JOB_ORDER_TRANSITIONS: dict[tuple[str, str], str] = {
    **APPLICATION_TRANSITIONS,
    (JS.APPROVED, JS.CLOSED): "applicant",
}

A = VacancyApplicationStatus
#: A worker's application to a vacancy: (from, to) → who moves it.
VACANCY_APPLICATION_TRANSITIONS: dict[tuple[str, str], str] = {
    (A.APPLIED, A.SHORTLISTED): "agency",
    (A.APPLIED, A.REJECTED): "agency",
    (A.SHORTLISTED, A.REJECTED): "agency",
    (A.APPLIED, A.OFFERED): "agency",
    (A.SHORTLISTED, A.OFFERED): "agency",
    (A.OFFERED, A.ACCEPTED): "worker",
    (A.OFFERED, A.DECLINED): "worker",
    (A.APPLIED, A.WITHDRAWN): "worker",
    (A.SHORTLISTED, A.WITHDRAWN): "worker",
    (A.ACCEPTED, A.DEPARTED): "agency",
    (A.DEPARTED, A.RETURNED): "agency",
}


# --- helpers ---------------------------------------------------------------------------------


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(ERROR_NOT_ALLOWED)


def _agency_role(user, agency_id) -> str:
    roles = roles_in(user, agency_id) & AGENCY_ROLES
    return Role.AGENCY_ADMIN if Role.AGENCY_ADMIN in roles else (Role.AGENCY_STAFF if roles else "")


def _officer_role(user, country_id: str) -> str:
    roles = {m.role for m in active_memberships(user)
             if m.organisation.country_id == country_id and m.role in VETTING_OFFICER_ROLES}
    if Role.SENIOR_OFFICER in roles:
        return Role.SENIOR_OFFICER
    return Role.OFFICER if roles else ("superuser" if getattr(user, "is_superuser", False) else "")


def _notify(recipients: list[str], subject: str, body: str) -> None:
    """Queue an e-mail once the transaction commits (nothing is sent for a rolled-back change)."""
    recipients = sorted({r for r in recipients if r})
    if not recipients:
        return

    def send():
        from portal.tasks import notification_send

        notification_send.enqueue(to=recipients, subject=str(subject), body=str(body))

    transaction.on_commit(send)


def _agency_contacts(agency_id: int) -> list[str]:
    agency = Organisation.objects.get(pk=agency_id)
    emails = [agency.email] + list(agency.memberships.filter(
        is_active=True, role=Role.AGENCY_ADMIN).values_list("user__email", flat=True))
    return [e for e in emails if e]


def _locked_job_order(job_order) -> JobOrder:
    return JobOrder.objects.select_for_update().select_related(
        "scheme", "agency", "region", "occupation").get(pk=job_order.pk)


def _job_order_snapshot(job_order: JobOrder) -> dict:
    data = {}
    for name in JOB_ORDER_FIELDS:
        field = JobOrder._meta.get_field(name)
        data[name] = getattr(job_order, field.attname)
    if job_order.pk:
        for name in JOB_ORDER_M2M:
            data[name] = sorted(getattr(job_order, name).values_list("pk", flat=True))
    return data


def _job_order_audit(job_order, *, by, action, from_state, role, reason="", changes=None):
    return audit_record(
        actor=by, action=action, obj=job_order, role=role, organisation=job_order.agency,
        from_state=from_state, to_state=job_order.status, reason=reason,
        changes=changes or {"status": [from_state, job_order.status]},
        country=job_order.scheme.vetting_country_id,
    )


def _search_text(job_order: JobOrder) -> str:
    """What full-text search looks in: the words a worker would type."""
    parts = [job_order.title, job_order.occupation.label, job_order.employer.name, job_order.city,
             job_order.region.name, job_order.scheme.name, job_order.description]
    return " ".join(p for p in parts if p)


def _derived_fields(job_order: JobOrder) -> None:
    job_order.destination_country_id = job_order.scheme.destination_country_id
    job_order.occupation_major = job_order.occupation_id[:1]
    job_order.season_month_mask = month_mask(job_order.season_months)
    job_order.search_text = _search_text(job_order)


def file_sha256(stored_file) -> str:
    """SHA-256 of a stored or uploaded file, read in chunks."""
    digest = hashlib.sha256()
    stored_file.open("rb")
    try:
        for chunk in stored_file.chunks():
            digest.update(chunk)
    finally:
        stored_file.seek(0)
    return digest.hexdigest()


# --- job orders: agency ----------------------------------------------------------------------


def job_order_create(*, agency: Organisation, by, data: dict,
                     submission_key: uuid.UUID | None = None) -> JobOrder:
    """Start a draft job order for `agency`. A double submit of the same form returns the
    same draft."""
    return create_once(
        JobOrder, submission_key,
        lambda: _job_order_create(agency=agency, by=by, data=data, submission_key=submission_key),
        check=lambda job_order: _require(job_order.agency_id == agency.pk))


def _job_order_create(*, agency, by, data, submission_key):
    _require(can(by, VacancyPermission.JOB_ORDER_CREATE, agency))
    if not agency_has_active_licence(agency=agency):
        raise ValidationError(ERROR_NO_LICENCE)
    job_order = JobOrder(agency=agency, created_by=by, last_edited_by=by,
                         submission_key=submission_key)
    for name in JOB_ORDER_FIELDS:
        if name in data:
            setattr(job_order, name, data[name])
    _job_order_check_terms(job_order)
    _derived_fields(job_order)
    job_order.full_clean(exclude=["submission_key", "contract_template"])
    job_order.save()
    for name in JOB_ORDER_M2M:
        if name in data:
            getattr(job_order, name).set(data[name])
    audit_record(actor=by, action="job_order.create", obj=job_order,
                 role=_agency_role(by, agency.pk), organisation=agency, to_state=JS.DRAFT,
                 changes=field_changes({}, _job_order_snapshot(job_order)) | {
                     "status": [None, JS.DRAFT]},
                 country=job_order.scheme.vetting_country_id)
    return job_order


def _job_order_check_terms(job_order: JobOrder) -> None:
    """Consistency an agency can fix itself (the authority's checks come at vetting)."""
    errors = []
    scheme = job_order.scheme
    if not scheme.is_active:
        errors.append(ERROR_SCHEME_CLOSED)
    if job_order.employer.kind != Organisation.Kind.EMPLOYER:
        errors.append(ERROR_NOT_EMPLOYER)
    if job_order.region.country_id != scheme.destination_country_id:
        errors.append(ERROR_REGION_COUNTRY)
    sectors = list(scheme.sectors.values_list("code", flat=True))
    if sectors and not any(job_order.occupation_id.startswith(code) for code in sectors):
        errors.append(ERROR_OCCUPATION_SECTOR)
    if (job_order.season_end <= job_order.season_start
            or job_order.application_deadline > job_order.season_start):
        errors.append(ERROR_SEASON_DATES)
    if job_order.contract_months > scheme.max_stay_months:
        errors.append(ValidationError(ERROR_MAX_STAY, params={"months": scheme.max_stay_months}))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def job_order_update(*, job_order: JobOrder, by, data: dict) -> JobOrder:
    """Change a draft (or a job order the authority asked about)."""
    job_order = _locked_job_order(job_order)
    _require(can(by, VacancyPermission.JOB_ORDER_EDIT, job_order))
    if job_order.status not in (JS.DRAFT, JS.INFO_REQUESTED):
        raise InvalidTransition(ERROR_NOT_EDITABLE)
    before = _job_order_snapshot(job_order)
    for name in JOB_ORDER_FIELDS:
        if name in data:
            setattr(job_order, name, data[name])
    _job_order_check_terms(job_order)
    _derived_fields(job_order)
    job_order.last_edited_by = by
    job_order.full_clean(exclude=["submission_key", "contract_template"])
    job_order.save()
    for name in JOB_ORDER_M2M:
        if name in data:
            getattr(job_order, name).set(data[name])
    changes = field_changes(before, _job_order_snapshot(job_order))
    if changes:
        _job_order_audit(job_order, by=by, action="job_order.update", from_state=job_order.status,
                         role=_agency_role(by, job_order.agency_id), changes=changes)
    return job_order


@transaction.atomic
def job_order_contract_attach(*, job_order: JobOrder, by, uploaded) -> JobOrder:
    """Attach (or replace) the contract template while the job order is editable."""
    from licensing.uploads import upload_check

    job_order = _locked_job_order(job_order)
    _require(can(by, VacancyPermission.JOB_ORDER_EDIT, job_order))
    if job_order.status not in (JS.DRAFT, JS.INFO_REQUESTED):
        raise InvalidTransition(ERROR_NOT_EDITABLE)
    upload_check(uploaded)
    old_name = job_order.contract_template.name
    job_order.contract_template.save(uploaded.name or "contract.pdf", uploaded, save=False)
    job_order.last_edited_by = by
    job_order.save(update_fields=["contract_template", "last_edited_by", "updated_at"])
    _job_order_audit(job_order, by=by, action="job_order.contract_attach",
                     from_state=job_order.status, role=_agency_role(by, job_order.agency_id),
                     changes={"contract_template": [old_name or None,
                                                    job_order.contract_template.name]})
    return job_order


def job_order_missing(job_order: JobOrder) -> list[str]:
    """What still prevents submission."""
    missing = []
    if not job_order.contract_template:
        missing.append(str(ERROR_NO_CONTRACT))
    if not job_order.languages.exists():
        missing.append(str(_("languages required")))
    if not job_order.essential_skills.exists():
        missing.append(str(_("essential skills")))
    return missing


@transaction.atomic
def job_order_submit(*, job_order: JobOrder, by) -> JobOrder:
    """Send a complete draft (or an answered information request) to the vetting authority."""
    job_order = _locked_job_order(job_order)
    _require(can(by, VacancyPermission.JOB_ORDER_EDIT, job_order))
    from_state = job_order.status
    transition_check(JOB_ORDER_TRANSITIONS, from_state, JS.SUBMITTED)
    if not agency_has_active_licence(agency=job_order.agency):
        raise ValidationError(ERROR_NO_LICENCE)
    missing = job_order_missing(job_order)
    if missing:
        raise ValidationError(ERROR_INCOMPLETE, params={"missing": "; ".join(missing)})
    now = timezone.now()
    job_order.status = JS.SUBMITTED
    job_order.submitted_by = by
    job_order.submitted_at = now
    job_order.decision_deadline = timezone.localdate() + timedelta(days=VETTING_PERIOD_DAYS)
    job_order.save()
    _job_order_audit(job_order, by=by, action="job_order.submit", from_state=from_state,
                     role=_agency_role(by, job_order.agency_id))
    return job_order


@transaction.atomic
def job_order_withdraw(*, job_order: JobOrder, by) -> JobOrder:
    """The agency withdraws a job order before the decision."""
    job_order = _locked_job_order(job_order)
    _require(can(by, VacancyPermission.JOB_ORDER_EDIT, job_order))
    from_state = job_order.status
    transition_check(JOB_ORDER_TRANSITIONS, from_state, JS.WITHDRAWN)
    job_order.status = JS.WITHDRAWN
    job_order.last_edited_by = by
    job_order.save()
    _job_order_audit(job_order, by=by, action="job_order.withdraw", from_state=from_state,
                     role=_agency_role(by, job_order.agency_id))
    return job_order


@transaction.atomic
def job_order_close(*, job_order: JobOrder, by) -> JobOrder:
    """The agency stops recruiting: the vacancy leaves the public search; its number still
    verifies (as closed)."""
    job_order = _locked_job_order(job_order)
    _require(can(by, VacancyPermission.JOB_ORDER_EDIT, job_order))
    from_state = job_order.status
    transition_check(JOB_ORDER_TRANSITIONS, from_state, JS.CLOSED)
    job_order.status = JS.CLOSED
    job_order.save()
    _job_order_audit(job_order, by=by, action="job_order.close", from_state=from_state,
                     role=_agency_role(by, job_order.agency_id))
    return job_order


# --- job orders: vetting authority -----------------------------------------------------------


def _officer_move(job_order, by, target) -> tuple[JobOrder, str]:
    job_order = _locked_job_order(job_order)
    _require(can(by, VacancyPermission.JOB_ORDER_VET, job_order))
    from_state = job_order.status
    transition_check(JOB_ORDER_TRANSITIONS, from_state, target)
    return job_order, from_state


@transaction.atomic
def job_order_review_start(*, job_order: JobOrder, by) -> JobOrder:
    """An officer of the vetting country takes the job order from the queue."""
    job_order, from_state = _officer_move(job_order, by, JS.UNDER_REVIEW)
    job_order.status = JS.UNDER_REVIEW
    job_order.save()
    _job_order_audit(job_order, by=by, action="job_order.review_start", from_state=from_state,
                     role=_officer_role(by, job_order.country_id))
    return job_order


@transaction.atomic
def job_order_info_request(*, job_order: JobOrder, by, message: str) -> JobOrder:
    """Ask the agency for information; the agency may edit and resubmit."""
    message = reason_required(message)
    job_order, from_state = _officer_move(job_order, by, JS.INFO_REQUESTED)
    four_eyes_check(job_order, by)
    JobOrderInformationRequest.objects.create(job_order=job_order, message=message,
                                              requested_by=by)
    job_order.status = JS.INFO_REQUESTED
    job_order.save()
    _job_order_audit(job_order, by=by, action="job_order.info_request", from_state=from_state,
                     role=_officer_role(by, job_order.country_id), reason=message)
    _notify(_agency_contacts(job_order.agency_id), _("A job order needs more information"),
            message)
    return job_order


def job_order_vetting_problems(job_order: JobOrder, *, on: date | None = None) -> list[str]:
    """The fair-recruitment checks an approval must pass; each failure is a refusal reason."""
    problems = []
    minimum = selectors.regional_minimum_wage(region=job_order.region, on=on)
    if minimum is None:
        problems.append(str(ERROR_NO_MINIMUM_WAGE))
    elif minimum.currency != job_order.currency:
        problems.append(str(ERROR_WAGE_CURRENCY) % {"currency": minimum.currency})
    elif job_order.monthly_wage < minimum.monthly_amount:
        problems.append(str(ERROR_WAGE_BELOW_MINIMUM) % {
            "minimum": minimum.monthly_amount, "currency": minimum.currency})
    if job_order.worker_fee_amount and job_order.worker_fee_amount > 0:
        problems.append(str(ERROR_WORKER_FEE))
    if not job_order.contract_template:
        problems.append(str(ERROR_NO_CONTRACT))
    if not agency_has_active_licence(agency=job_order.agency):
        problems.append(str(ERROR_NO_LICENCE))
    return problems


@transaction.atomic
def job_order_approve(*, job_order: JobOrder, by) -> JobOrder:
    """Publish: allocate the number, store the contract's SHA-256 fingerprint.

    Refused (ValidationError, state unchanged) when any vetting check fails: the officer then
    refuses with `job_order_refuse`, the problems being the reason.
    """
    job_order, from_state = _officer_move(job_order, by, JS.APPROVED)
    four_eyes_check(job_order, by)
    problems = job_order_vetting_problems(job_order)
    if problems:
        raise ValidationError(problems)
    now = timezone.now()
    job_order.number = number_allocate(country=job_order.scheme.vetting_country_id, kind="JO",
                                       year=now.year)
    job_order.contract_sha256 = file_sha256(job_order.contract_template)
    job_order.status = JS.APPROVED
    job_order.decided_by = by
    job_order.decided_at = now
    job_order.published_at = now
    job_order.save()
    _job_order_audit(job_order, by=by, action="job_order.approve", from_state=from_state,
                     role=_officer_role(by, job_order.country_id),
                     changes={"status": [from_state, JS.APPROVED], "number": [None, job_order.number],
                              "contract_sha256": [None, job_order.contract_sha256]})
    _notify(_agency_contacts(job_order.agency_id), _("Your job order is published"),
            _("Job order %(number)s is published.") % {"number": job_order.number})
    return job_order


@transaction.atomic
def job_order_refuse(*, job_order: JobOrder, by, reason: str) -> JobOrder:
    """Refuse with a reason (shown to the agency), e.g. a wage below the regional minimum."""
    reason = reason_required(reason)
    job_order, from_state = _officer_move(job_order, by, JS.REFUSED)
    four_eyes_check(job_order, by)
    job_order.status = JS.REFUSED
    job_order.decided_by = by
    job_order.decided_at = timezone.now()
    job_order.decision_reason = reason
    job_order.save()
    _job_order_audit(job_order, by=by, action="job_order.refuse", from_state=from_state,
                     role=_officer_role(by, job_order.country_id), reason=reason)
    _notify(_agency_contacts(job_order.agency_id), _("Your job order was refused"), reason)
    return job_order


# --- worker profiles -------------------------------------------------------------------------


def _profile_snapshot(profile: WorkerProfile) -> dict:
    data = {name: getattr(profile, WorkerProfile._meta.get_field(name).attname)
            for name in PROFILE_FIELDS}
    if profile.pk:
        for name in PROFILE_M2M:
            data[name] = sorted(getattr(profile, name).values_list("pk", flat=True))
        data["languages"] = sorted(f"{code}:{level}" for code, level in
                                   profile.languages.values_list("language_id", "level"))
    return data


def _apply_profile_data(profile: WorkerProfile, data: dict) -> None:
    for name in PROFILE_FIELDS:
        if name in data:
            setattr(profile, name, data[name])
    if "months_available" in data:
        profile.months_available = sorted({int(m) for m in data["months_available"]})
    profile.full_clean(exclude=["user"])
    profile.save()
    for name in PROFILE_M2M:
        if name in data:
            getattr(profile, name).set(data[name])
    if "languages" in data:  # {language code: level}
        profile.languages.all().delete()
        WorkerLanguage.objects.bulk_create([
            WorkerLanguage(profile=profile, language_id=code, level=level)
            for code, level in data["languages"].items()])


@transaction.atomic
def worker_profile_create(*, user, data: dict) -> WorkerProfile:
    """A signed-in individual creates their profile (not shown to agencies until consent)."""
    if WorkerProfile.objects.filter(user=user).exists():
        raise ValidationError(ERROR_PROFILE_EXISTS)
    if active_memberships(user):
        raise ValidationError(ERROR_STAFF_NO_PROFILE)
    profile = WorkerProfile(user=user)
    _apply_profile_data(profile, data)
    audit_record(actor=user, action="worker_profile.create", obj=profile, role="worker",
                 changes=field_changes({}, _profile_snapshot(profile)),
                 country=profile.origin_country_id)
    return profile


@transaction.atomic
def worker_profile_update(*, profile: WorkerProfile, by, data: dict) -> WorkerProfile:
    """The worker edits their own profile."""
    profile = WorkerProfile.objects.select_for_update().get(pk=profile.pk)
    _require(profile.user_id == by.pk)
    before = _profile_snapshot(profile)
    _apply_profile_data(profile, data)
    changes = field_changes(before, _profile_snapshot(profile))
    if changes:
        audit_record(actor=by, action="worker_profile.update", obj=profile, role="worker",
                     changes=changes, country=profile.origin_country_id)
    return profile


@transaction.atomic
def worker_profile_consent_set(*, profile: WorkerProfile, by, consent: bool) -> WorkerProfile:
    """Give or withdraw consent to be shown to agencies; takes effect at once."""
    profile = WorkerProfile.objects.select_for_update().get(pk=profile.pk)
    _require(profile.user_id == by.pk)
    if profile.consent_to_agencies == consent:
        return profile
    profile.consent_to_agencies = consent
    profile.consent_changed_at = timezone.now()
    profile.save(update_fields=["consent_to_agencies", "consent_changed_at", "updated_at"])
    audit_record(actor=by, action="worker_profile.consent_give" if consent
                 else "worker_profile.consent_withdraw", obj=profile, role="worker",
                 from_state="consent" if not consent else "no_consent",
                 to_state="consent" if consent else "no_consent",
                 changes={"consent_to_agencies": [not consent, consent]},
                 country=profile.origin_country_id)
    return profile


@transaction.atomic
def worker_profile_season_add(*, profile: WorkerProfile, by, country, departed_on: date,
                              returned_on: date | None = None, occupation=None) -> PastSeason:
    """The worker declares a season abroad that happened outside Karavan."""
    _require(profile.user_id == by.pk)
    if returned_on and returned_on < departed_on:
        raise ValidationError(ERROR_RETURN_BEFORE_DEPARTURE)
    season = PastSeason(profile=profile, country=country, departed_on=departed_on,
                        returned_on=returned_on, occupation=occupation)
    season.full_clean()
    season.save()
    audit_record(actor=by, action="worker_profile.season_add", obj=season, role="worker",
                 changes={"country": [None, country.pk], "departed_on": [None, str(departed_on)],
                          "returned_on": [None, str(returned_on) if returned_on else None]},
                 country=profile.origin_country_id)
    return season


@transaction.atomic
def worker_profile_delete(*, profile: WorkerProfile, by) -> None:
    """Erase the profile, its languages, seasons, priorities and applications. Cost reports
    stay, detached from the worker, because they count on the agency's record."""
    profile = WorkerProfile.objects.select_for_update().get(pk=profile.pk)
    _require(profile.user_id == by.pk)
    CostReport.objects.filter(application__profile=profile).update(application=None)
    audit_record(actor=by, action="worker_profile.delete", obj=profile, role="worker",
                 from_state="exists", to_state="deleted", country=profile.origin_country_id)
    profile.applications.all().delete()
    profile.delete()


# --- vacancy applications --------------------------------------------------------------------


def vacancy_application_submit(*, job_order: JobOrder, by, message: str = "",
                               submission_key: uuid.UUID | None = None) -> VacancyApplication:
    """A worker applies to a published vacancy. A double submit creates one application.

    Applying shares the profile with this job order's agency, whatever the general consent.
    """
    return create_once(
        VacancyApplication, submission_key,
        lambda: _vacancy_application_submit(job_order=job_order, by=by, message=message,
                                            submission_key=submission_key),
        on_conflict=ValidationError(ERROR_ALREADY_APPLIED),
        check=lambda application: _require(application.profile.user_id == by.pk))


def _vacancy_application_submit(*, job_order, by, message, submission_key):
    profile = WorkerProfile.objects.filter(user=by).first() if by.is_authenticated else None
    if profile is None:
        raise ValidationError(ERROR_NO_PROFILE)
    if not selectors.published_job_orders().filter(pk=job_order.pk).exists():
        raise ValidationError(ERROR_NOT_PUBLISHED)
    if VacancyApplication.objects.filter(job_order=job_order, profile=profile).exists():
        raise ValidationError(ERROR_ALREADY_APPLIED)
    priority = ReentryPriority.objects.filter(
        profile=profile, scheme_id=job_order.scheme_id,
        season_year=job_order.season_start.year).exists()
    application = VacancyApplication.objects.create(
        job_order=job_order, profile=profile, message=message.strip(),
        submission_key=submission_key, has_priority=priority)
    audit_record(actor=by, action="vacancy_application.submit", obj=application, role="worker",
                 organisation=job_order.agency, to_state=A.APPLIED,
                 changes={"status": [None, A.APPLIED], "has_priority": [None, priority]},
                 country=job_order.scheme.vetting_country_id)
    _notify(_agency_contacts(job_order.agency_id), _("New application"),
            _("A worker applied for job order %(number)s.") % {"number": job_order.number})
    return application


def _application_move(application, by, target, *, reason: str = "",
                      changes: dict | None = None, extra=None) -> VacancyApplication:
    """Lock, check who may move it, move, audit — shared by the transition functions below."""
    application = VacancyApplication.objects.select_for_update().select_related(
        "job_order", "job_order__scheme", "profile").get(pk=application.pk)
    actor = transition_check(VACANCY_APPLICATION_TRANSITIONS, application.status, target)
    if actor == "agency":
        _require(can(by, VacancyPermission.APPLICATION_ACT_FOR_AGENCY, application))
        role = _agency_role(by, application.job_order.agency_id)
    else:
        _require(can(by, VacancyPermission.APPLICATION_ACT_FOR_WORKER, application))
        role = "worker"
    from_state = application.status
    if extra is not None:
        extra(application)
    application.status = target
    if actor == "agency" and target in (A.REJECTED, A.OFFERED, A.SHORTLISTED):
        application.decided_by = by
    if reason:
        application.decision_reason = reason
    application.save()
    audit_record(actor=by, action=f"vacancy_application.{target}", obj=application, role=role,
                 organisation=application.job_order.agency, from_state=from_state,
                 to_state=target, reason=reason,
                 changes={"status": [from_state, target], **(changes or {})},
                 country=application.job_order.scheme.vetting_country_id)
    return application


def _worker_email(application) -> list[str]:
    return [application.profile.user.email or ""]


@transaction.atomic
def vacancy_application_shortlist(*, application: VacancyApplication, by) -> VacancyApplication:
    """The agency puts the applicant on its shortlist."""
    return _application_move(application, by, A.SHORTLISTED)


@transaction.atomic
def vacancy_application_reject(*, application: VacancyApplication, by,
                               reason: str) -> VacancyApplication:
    """The agency does not select the applicant; the reason is shown to the worker."""
    application = _application_move(application, by, A.REJECTED, reason=reason_required(reason))
    _notify(_worker_email(application), _("Your application"), reason)
    return application


@transaction.atomic
def vacancy_application_offer(*, application: VacancyApplication, by) -> VacancyApplication:
    """The agency offers the job; the worker then accepts or declines."""
    application = _application_move(application, by, A.OFFERED)
    _notify(_worker_email(application), _("You have a job offer"),
            _("Open Karavan to accept or decline the offer for job order %(number)s.")
            % {"number": application.job_order.number})
    return application


@transaction.atomic
def vacancy_application_accept(*, application: VacancyApplication, by) -> VacancyApplication:
    """The worker accepts the offer. Accepted offers never exceed the job order's positions
    (the job order row is locked while counting)."""
    job_order = JobOrder.objects.select_for_update().get(pk=application.job_order_id)

    def positions_left(app):
        taken = VacancyApplication.objects.filter(
            job_order=job_order, status__in=[A.ACCEPTED, A.DEPARTED, A.RETURNED]).count()
        if taken >= job_order.positions:
            raise ValidationError(ERROR_POSITIONS_FILLED)

    application = _application_move(application, by, A.ACCEPTED, extra=positions_left)
    _notify(_agency_contacts(application.job_order.agency_id), _("Offer accepted"),
            _("A worker accepted the offer for job order %(number)s.")
            % {"number": application.job_order.number})
    return application


@transaction.atomic
def vacancy_application_decline(*, application: VacancyApplication, by) -> VacancyApplication:
    """The worker declines the offer."""
    return _application_move(application, by, A.DECLINED)


@transaction.atomic
def vacancy_application_withdraw(*, application: VacancyApplication, by) -> VacancyApplication:
    """The worker withdraws before an offer."""
    return _application_move(application, by, A.WITHDRAWN)


@transaction.atomic
def vacancy_application_permit_link(*, application: VacancyApplication, by,
                                    reference: str) -> VacancyApplication:
    """Record the work-permit application that follows an accepted offer (number or id)."""
    application = VacancyApplication.objects.select_for_update().select_related(
        "job_order", "job_order__scheme").get(pk=application.pk)
    _require(can(by, VacancyPermission.APPLICATION_ACT_FOR_AGENCY, application)
             or can(by, VacancyPermission.APPLICATION_ACT_FOR_WORKER, application))
    if application.status not in (A.ACCEPTED, A.DEPARTED, A.RETURNED):
        raise InvalidTransition(ERROR_COSTS_AFTER_PLACEMENT)
    old = application.work_permit_reference
    application.work_permit_reference = reference.strip()[:40]
    application.save(update_fields=["work_permit_reference", "updated_at"])
    audit_record(actor=by, action="vacancy_application.permit_link", obj=application,
                 organisation=application.job_order.agency, from_state=application.status,
                 to_state=application.status,
                 changes={"work_permit_reference": [old or None, application.work_permit_reference]},
                 country=application.job_order.scheme.vetting_country_id)
    return application


@transaction.atomic
def vacancy_application_departure_record(*, application: VacancyApplication, by,
                                         departed_on: date) -> VacancyApplication:
    """The agency records that the worker left for the job."""

    def set_date(app):
        app.departed_on = departed_on

    return _application_move(application, by, A.DEPARTED, extra=set_date,
                             changes={"departed_on": [None, str(departed_on)]})


@transaction.atomic
def vacancy_application_return_record(*, application: VacancyApplication, by,
                                      returned_on: date) -> VacancyApplication:
    """The agency records the return. A return by the contract end plus the scheme's grace
    period earns re-entry priority for the next season of the same scheme."""
    outcome = {}

    def set_return(app):
        if app.departed_on and returned_on < app.departed_on:
            raise ValidationError(ERROR_RETURN_BEFORE_DEPARTURE)
        scheme = app.job_order.scheme
        deadline = app.job_order.season_end + timedelta(days=scheme.return_grace_days)
        app.returned_on = returned_on
        app.returned_on_time = returned_on <= deadline
        outcome["on_time"] = app.returned_on_time

    application = _application_move(application, by, A.RETURNED, extra=set_return,
                                     changes={"returned_on": [None, str(returned_on)]})
    job_order = application.job_order
    PastSeason.objects.create(profile=application.profile, country_id=job_order.destination_country_id,
                              scheme=job_order.scheme, occupation_id=job_order.occupation_id,
                              departed_on=application.departed_on or job_order.season_start,
                              returned_on=returned_on)
    if outcome["on_time"] and job_order.scheme.reentry_priority:
        ReentryPriority.objects.get_or_create(
            profile=application.profile, scheme=job_order.scheme,
            season_year=job_order.season_start.year + 1,
            defaults={"earned_by": application})
    return application


# --- worker-reported costs -------------------------------------------------------------------


@transaction.atomic
def cost_report_file(*, application: VacancyApplication, by, amount, currency: str, paid_to: str,
                     purpose: str, paid_to_name: str = "", paid_on: date | None = None,
                     details: str = "") -> CostReport:
    """After accepting an offer, a worker reports what they paid and to whom. The report
    counts on the agency's registry record and in the officer's renewal view."""
    application = VacancyApplication.objects.select_related(
        "job_order", "job_order__scheme").get(pk=application.pk)
    _require(can(by, VacancyPermission.APPLICATION_ACT_FOR_WORKER, application))
    if application.status not in (A.ACCEPTED, A.DEPARTED, A.RETURNED):
        raise ValidationError(ERROR_COSTS_AFTER_PLACEMENT)
    report = CostReport(application=application, agency_id=application.job_order.agency_id,
                        amount=amount, currency=currency.upper(), paid_to=paid_to,
                        paid_to_name=paid_to_name, purpose=purpose, paid_on=paid_on,
                        details=details)
    report.full_clean()
    report.save()
    audit_record(actor=by, action="cost_report.file", obj=report, role="worker",
                 organisation=report.agency, to_state="filed",
                 changes={"amount": [None, str(report.amount)], "currency": [None, report.currency],
                          "paid_to": [None, paid_to], "purpose": [None, purpose]},
                 country=report.agency.country_id)
    return report


# --- schemes and minimum wages (back office) -------------------------------------------------


def _reference_snapshot(obj, names) -> dict:
    return {name: getattr(obj, obj._meta.get_field(name).attname) for name in names}


SCHEME_FIELDS = ["name", "origin_country", "destination_country", "vetting_country",
                 "legal_basis", "season_start_month", "season_end_month", "max_stay_months",
                 "reentry_priority", "return_grace_days", "quota_reference", "is_active"]
MINIMUM_WAGE_FIELDS = ["country", "region", "monthly_amount", "currency", "valid_from", "source"]


@transaction.atomic
def scheme_save(*, scheme, by, sectors=None):
    """Create or change a bilateral scheme (authority administrators and senior officers)."""
    _require(can(by, VacancyPermission.SCHEME_MANAGE, scheme))
    from .models import Scheme

    before = (_reference_snapshot(Scheme.objects.select_for_update().get(pk=scheme.pk),
                                  SCHEME_FIELDS) if scheme.pk else {})
    if scheme.pk:
        before["sectors"] = sorted(scheme.sectors.values_list("pk", flat=True))
    scheme.full_clean()
    scheme.save()
    if sectors is not None:
        scheme.sectors.set(sectors)
    after = _reference_snapshot(scheme, SCHEME_FIELDS)
    after["sectors"] = sorted(scheme.sectors.values_list("pk", flat=True))
    audit_record(actor=by, action="scheme.update" if before else "scheme.create", obj=scheme,
                 changes=field_changes(before, after), country=scheme.vetting_country_id)
    return scheme


@transaction.atomic
def minimum_wage_save(*, wage, by):
    """Record a regional (or national) minimum wage used by vetting."""
    _require(can(by, VacancyPermission.MINIMUM_WAGE_MANAGE, wage))
    from .models import RegionalMinimumWage

    before = (_reference_snapshot(RegionalMinimumWage.objects.select_for_update().get(pk=wage.pk),
                                  MINIMUM_WAGE_FIELDS) if wage.pk else {})
    wage.currency = wage.currency.upper()
    wage.full_clean()
    wage.save()
    audit_record(actor=by, action="minimum_wage.update" if before else "minimum_wage.create",
                 obj=wage, changes=field_changes(before, _reference_snapshot(
                     wage, MINIMUM_WAGE_FIELDS)), country=wage.country_id)
    return wage
