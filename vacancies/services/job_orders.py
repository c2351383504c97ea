"""Job orders as an agency writes them: the draft, its terms, the contract template, and its
own moves (submit, withdraw, close) through the kernel's `case_transition`."""

import hashlib
import uuid
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from licensing.selectors import agency_has_active_licence
from portal.audit import audit_record, field_changes
from portal.case_services import case_editable_lock
from portal.cases import actor_role, case_transition, require
from portal.models import Organisation
from portal.policy import can
from portal.submissions import create_once
from portal.uploads import upload_clean

from ..models import JobOrder, JobOrderStatus, month_mask
from ..permissions import VacancyPermission

ERROR_NO_LICENCE = _("Only an agency with an active licence can post or publish job orders.")
ERROR_NOT_EDITABLE = _(
    "The job order can be changed only as a draft or when information was requested."
)
ERROR_NO_CONTRACT = _("Attach the contract template in the worker's language.")
ERROR_INCOMPLETE = _("The job order is not complete: %(missing)s.")
ERROR_NOT_EMPLOYER = _("The employer must be a registered employer.")
ERROR_REGION_COUNTRY = _("The region must be in the scheme's destination country.")
ERROR_OCCUPATION_SECTOR = _("The occupation is not open under this scheme.")
ERROR_SEASON_DATES = _(
    "The work must end after it starts, and applications must close before it starts."
)
ERROR_MAX_STAY = _("The contract is longer than the scheme's maximum stay (%(months)s months).")
ERROR_SCHEME_CLOSED = _("This scheme is not open for new job orders.")

#: Days the vetting authority has to decide after each submission.
VETTING_PERIOD_DAYS = 15
#: Fields an agency edits on a job order (the form sends them in `data`).
JOB_ORDER_FIELDS = [
    "scheme",
    "employer",
    "title",
    "description",
    "conditions",
    "content_language",
    "translations",
    "occupation",
    "region",
    "city",
    "positions",
    "monthly_wage",
    "currency",
    "hours_per_week",
    "housing",
    "meals",
    "travel_paid_by_employer",
    "worker_fee_amount",
    "contract_months",
    "season_start",
    "season_end",
    "application_deadline",
    "contract_language",
]
JOB_ORDER_M2M = ["essential_skills", "optional_skills", "languages"]
JS = JobOrderStatus


def _job_order_snapshot(job_order: JobOrder) -> dict:
    data = {}
    for name in JOB_ORDER_FIELDS:
        field = JobOrder._meta.get_field(name)
        data[name] = getattr(job_order, field.attname)
    if job_order.pk:
        for name in JOB_ORDER_M2M:
            data[name] = sorted(getattr(job_order, name).values_list("pk", flat=True))
    return data


def _job_order_audit(job_order, *, by, action, changes):
    return audit_record(
        actor=by,
        action=action,
        obj=job_order,
        role=actor_role(by, job_order),
        organisation=job_order.agency,
        from_state=job_order.status,
        to_state=job_order.status,
        changes=changes,
        country=job_order.scheme.vetting_country_id,
    )


def search_document(
    *, contents: dict, occupation, skills, employer: str, city: str, region, scheme: str
) -> str:
    """What full-text search looks in: the words a worker would type, in every language — the
    job order's texts in each of its languages, its occupation's ISCO-08 label in all seven
    languages and the common names for it ("сварщик", "кафшергар", "payvandchi"), its skills'
    labels in all languages, the employer, place and scheme. Each word once."""
    parts = [text for content in contents.values() for text in content.values()]
    parts += occupation.all_labels()
    parts += [word for words in (occupation.synonyms or {}).values() for word in words]
    for skill in skills:
        parts += skill.all_labels()
    parts += [employer, city, *region.all_labels(), scheme]
    return " ".join(dict.fromkeys(part for part in parts if part))


def _search_text(job_order: JobOrder, skills=None) -> str:
    if skills is None:
        skills = (
            [*job_order.essential_skills.all(), *job_order.optional_skills.all()]
            if job_order.pk
            else []
        )
    return search_document(
        contents=job_order.contents(),
        occupation=job_order.occupation,
        skills=skills,
        employer=job_order.employer.name,
        city=job_order.city,
        region=job_order.region,
        scheme=job_order.scheme.name,
    )


def _search_text_refresh(job_order: JobOrder) -> None:
    """Rebuild the search text once the skills are set (the database trigger re-indexes)."""
    job_order.search_text = _search_text(job_order)
    JobOrder.objects.filter(pk=job_order.pk).update(search_text=job_order.search_text)


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


def job_order_create(
    *, agency: Organisation, by, data: dict, submission_key: uuid.UUID | None = None
) -> JobOrder:
    """Start a draft job order for `agency`. A double submit of the same form returns the
    same draft."""
    return create_once(
        JobOrder,
        submission_key,
        lambda: _job_order_create(agency=agency, by=by, data=data, submission_key=submission_key),
        check=lambda job_order: require(job_order.agency_id == agency.pk),
    )


def _job_order_create(*, agency, by, data, submission_key):
    require(can(by, VacancyPermission.JOB_ORDER_CREATE, agency))
    if not agency_has_active_licence(agency=agency):
        raise ValidationError(ERROR_NO_LICENCE)
    job_order = JobOrder(
        agency=agency, created_by=by, last_edited_by=by, submission_key=submission_key
    )
    _job_order_save(job_order, data)
    audit_record(
        actor=by,
        action="job_order.create",
        obj=job_order,
        role=actor_role(by, organisation=agency),
        organisation=agency,
        to_state=JS.DRAFT,
        changes=field_changes({}, _job_order_snapshot(job_order)) | {"status": [None, JS.DRAFT]},
        country=job_order.scheme.vetting_country_id,
    )
    return job_order


def _job_order_save(job_order: JobOrder, data: dict) -> None:
    """Take the agency's fields from `data`, check the terms, store, refresh the search text."""
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
    _search_text_refresh(job_order)


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
    if (
        job_order.season_end <= job_order.season_start
        or job_order.application_deadline > job_order.season_start
    ):
        errors.append(ERROR_SEASON_DATES)
    if job_order.contract_months > scheme.max_stay_months:
        errors.append(ValidationError(ERROR_MAX_STAY, params={"months": scheme.max_stay_months}))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def job_order_update(*, job_order: JobOrder, by, data: dict) -> JobOrder:
    """Change a draft (or a job order the authority asked about)."""
    job_order = case_editable_lock(job_order, by)
    before = _job_order_snapshot(job_order)
    job_order.last_edited_by = by
    _job_order_save(job_order, data)
    changes = field_changes(before, _job_order_snapshot(job_order))
    if changes:
        _job_order_audit(job_order, by=by, action="job_order.update", changes=changes)
    return job_order


@transaction.atomic
def job_order_contract_attach(*, job_order: JobOrder, by, uploaded) -> JobOrder:
    """Attach (or replace) the contract template while the job order is editable."""
    job_order = case_editable_lock(job_order, by)
    clean = upload_clean(uploaded)
    old_name = job_order.contract_template.name
    job_order.contract_template.save(clean.name, clean, save=False)
    job_order.last_edited_by = by
    job_order.save(update_fields=["contract_template", "last_edited_by", "updated_at"])
    _job_order_audit(
        job_order,
        by=by,
        action="job_order.contract_attach",
        changes={"contract_template": [old_name or None, job_order.contract_template.name]},
    )
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


def job_order_submit(*, job_order: JobOrder, by) -> JobOrder:
    """Send a complete draft (or an answered information request) to the vetting authority."""

    def submit(job_order):
        if not agency_has_active_licence(agency=job_order.agency):
            raise ValidationError(ERROR_NO_LICENCE)
        missing = job_order_missing(job_order)
        if missing:
            raise ValidationError(ERROR_INCOMPLETE, params={"missing": "; ".join(missing)})
        job_order.submitted_by = by
        job_order.submitted_at = timezone.now()
        job_order.decision_deadline = timezone.localdate() + timedelta(days=VETTING_PERIOD_DAYS)

    return case_transition(case=job_order, to=JS.SUBMITTED, by=by, effect=submit)


def job_order_withdraw(*, job_order: JobOrder, by) -> JobOrder:
    """The agency withdraws a job order before the decision."""

    def withdraw(job_order):
        job_order.last_edited_by = by

    return case_transition(case=job_order, to=JS.WITHDRAWN, by=by, effect=withdraw)


def job_order_close(*, job_order: JobOrder, by) -> JobOrder:
    """The agency stops recruiting: the vacancy leaves the public search; its number still
    verifies (as closed)."""
    return case_transition(case=job_order, to=JS.CLOSED, by=by)
