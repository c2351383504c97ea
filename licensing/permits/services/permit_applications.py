"""Permit and patent applications as the applicant builds them: the draft, its documents,
the worker's consent when an agency applies, and what is still missing."""

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from licensing.selectors import agency_has_active_licence
from portal.audit import audit_record, field_changes
from portal.case_services import case_document_add, case_documents_add, case_editable_lock
from portal.cases import actor_role, case_type_of, require
from portal.corridor_models import Authorisation
from portal.corridors import rule_answer
from portal.lifecycle import ApplicationStatus, InvalidTransition
from portal.models import AGENCY_ROLES
from portal.notifications import notify
from portal.policy import active_memberships, can
from portal.submissions import create_once
from portal.verification import verify_number

from .. import selectors
from ..cases import applicants
from ..models import Category, DocumentKind, PermitApplication, PermitKind
from ..permissions import PermitPermission
from ..personal_data import passport_encrypt, passport_hash, passport_normalise

ERROR_NO_AUTHORITY = _("No authority issues this kind of document in that country yet.")
ERROR_DUPLICATE_PASSPORT = _("An application of this kind is already open for this passport.")
ERROR_REGION_COUNTRY = _("The region of work must be in the destination country.")
ERROR_PASSPORT_EXPIRED = _("The passport must still be valid.")
ERROR_PASSPORT_FORMAT = _("Enter the passport number as printed: 5 to 20 letters and digits.")
ERROR_MONTHS = _("Ask for between 1 and %(max)s months.")
ERROR_JOB_ORDER_UNKNOWN = _("No published job order has this number.")
ERROR_CONTRACT_UNKNOWN = _("No registered employment contract has this number.")
ERROR_AGENCY_NOT_LICENSED = _(
    "Only an agency with an active licence may apply on a worker's behalf."
)
ERROR_PATENT_LOW_SKILLED = _(
    "Patents are for low-skilled occupations; apply for a work permit instead."
)
ERROR_NOT_EDITABLE = _(
    "The application can be changed only as a draft or when information was requested."
)
ERROR_NOT_A_WORKER = _("No Karavan account has this e-mail or phone number.")
ERROR_NO_PERMIT_NEEDED = _("You cannot apply: %(headline)s %(instead)s Legal source: %(source)s.")

S = ApplicationStatus
#: Fields the applicant fills in (passport_number is handled apart: encrypted and hashed).
APPLICATION_FIELDS = [
    "given_names",
    "surname",
    "sex",
    "birth_date",
    "nationality",
    "passport_expiry",
    "occupation",
    "qualification",
    "qualification_evidence",
    "employer_name",
    "employer_tax_id",
    "employer_region",
    "job_order_number",
    "contract_number",
    "region",
    "requested_months",
]


def _snapshot(application: PermitApplication) -> dict:
    data = {}
    for name in APPLICATION_FIELDS:
        field = PermitApplication._meta.get_field(name)
        data[name] = getattr(application, field.attname)
    data["category"] = application.category
    return data


def _derive(application: PermitApplication) -> None:
    """Category and track from the occupation and the evidence (authority's settings)."""
    has_diploma = (
        bool(application.pk) and application.documents.filter(kind=DocumentKind.DIPLOMA).exists()
    )
    application.category = selectors.category_derive(
        settings=selectors.permit_settings(authority=application.authority),
        occupation_code=application.occupation_id or "",
        qualification=application.qualification,
        has_diploma=has_diploma,
    )
    application.fast_track = (
        application.kind == PermitKind.WORK_PERMIT
        and application.category == Category.HIGHLY_SKILLED
    )


def _apply_data(application: PermitApplication, data: dict) -> None:
    """Copy the form's data onto the application and check what only services know."""
    for name in APPLICATION_FIELDS:
        if name in data:
            setattr(
                application,
                name,
                data[name]
                if data[name] is not None
                else (
                    ""
                    if name
                    in (
                        "job_order_number",
                        "contract_number",
                        "employer_name",
                        "employer_tax_id",
                        "qualification_evidence",
                    )
                    else None
                ),
            )
    if "passport_number" in data:
        number = passport_normalise(data["passport_number"])
        if not (5 <= len(number) <= 20 and number.isalnum()):
            raise ValidationError(ERROR_PASSPORT_FORMAT)
        application.passport_number_encrypted = passport_encrypt(number)
        application.passport_hash = passport_hash(
            nationality=application.nationality_id or "", number=number
        )
    elif application.passport_number_encrypted:
        # The fingerprint covers the nationality too: recompute it if that changed.
        from .personal_data import passport_decrypt

        application.passport_hash = passport_hash(
            nationality=application.nationality_id or "",
            number=passport_decrypt(application.passport_number_encrypted),
        )
    if application.region_id and application.region.country_id != application.authority.country_id:
        raise ValidationError(ERROR_REGION_COUNTRY)
    if application.passport_expiry and application.passport_expiry <= timezone.localdate():
        raise ValidationError(ERROR_PASSPORT_EXPIRED)
    limits = selectors.permit_settings(authority=application.authority)
    most = (
        limits.patent_max_months
        if application.kind == PermitKind.PATENT
        else limits.permit_max_months
    )
    if not 1 <= (application.requested_months or 0) <= most:
        raise ValidationError(ERROR_MONTHS, params={"max": most})
    application.job_order_number = (application.job_order_number or "").strip().upper()
    if application.job_order_number and verify_number(application.job_order_number) is None:
        raise ValidationError(ERROR_JOB_ORDER_UNKNOWN)
    application.contract_number = (application.contract_number or "").strip().upper()
    if application.contract_number and (
        "-EC-" not in application.contract_number
        or verify_number(application.contract_number) is None
    ):
        raise ValidationError(ERROR_CONTRACT_UNKNOWN)
    _derive(application)
    corridor_check(application)
    if application.kind == PermitKind.PATENT and application.category != Category.LOW_SKILLED:
        raise ValidationError(ERROR_PATENT_LOW_SKILLED)


def corridor_check(application: PermitApplication) -> dict:
    """Record the corridor rule in force today for the applicant's nationality and category,
    and stop the application if that rule says the worker needs no permit or patent — with
    the explanation and what to do instead in the worker's language. Returns audit changes."""
    old = application.corridor_rule_id
    rule = selectors.application_corridor_rule(application=application)
    if rule is not None and rule.authorisation == Authorisation.NONE:
        worker = application.worker if application.worker_id else None
        language = getattr(worker, "preferred_language", "") or translation.get_language()
        with translation.override(language):
            answer = rule_answer(rule)
            raise ValidationError(
                str(ERROR_NO_PERMIT_NEEDED)
                % {"headline": answer.headline, "instead": answer.instead, "source": answer.source}
            )
    application.corridor_rule = rule
    return (
        {"corridor_rule": [old, rule.pk if rule else None]}
        if old != application.corridor_rule_id
        else {}
    )


def worker_find(*, contact: str):
    """The worker account an agency names by e-mail or phone, or ValidationError."""
    from portal.models import User

    contact = (contact or "").strip()
    user = (
        (
            User.objects.filter(email__iexact=contact).first()
            or User.objects.filter(phone=contact.replace(" ", "")).first()
        )
        if contact
        else None
    )
    if user is None:
        raise ValidationError(ERROR_NOT_A_WORKER)
    return user


def permit_application_create(
    *,
    by,
    kind: str,
    country_id: str,
    data: dict,
    agency=None,
    worker=None,
    submission_key: uuid.UUID | None = None,
) -> PermitApplication:
    """Start a draft for a work permit or a patent.

    A worker applies for themselves (`worker` omitted); a licensed agency passes `agency` and
    the `worker`, who must then consent before submission. The form's one-time key makes a
    double submit return the same draft. Vacancies may call this with
    `data["job_order_number"]` set when an offer is accepted.
    """
    return create_once(
        PermitApplication,
        submission_key,
        lambda: _permit_application_create(
            by=by,
            kind=kind,
            country_id=country_id,
            data=data,
            agency=agency,
            worker=worker,
            submission_key=submission_key,
        ),
        # the database refuses a second open application for the same passport
        on_conflict=ValidationError(ERROR_DUPLICATE_PASSPORT),
        check=lambda application: require(application.created_by_id == by.pk),
    )


def _permit_application_create(*, by, kind, country_id, data, agency, worker, submission_key):
    kind = PermitKind(kind)
    authority = selectors.permit_authority_for(country_id=country_id, kind=kind)
    if authority is None:
        raise ValidationError(ERROR_NO_AUTHORITY)
    if agency is not None:
        require(
            agency.pk
            in {m.organisation_id for m in active_memberships(by) if m.role in AGENCY_ROLES}
        )
        if not agency_has_active_licence(agency=agency):
            raise ValidationError(ERROR_AGENCY_NOT_LICENSED)
        require(worker is not None)
    else:
        worker = by
    application = PermitApplication(
        kind=kind,
        authority=authority,
        worker=worker,
        agency=agency,
        created_by=by,
        last_edited_by=by,
        submission_key=submission_key,
    )
    _apply_data(application, data)
    if not application.passport_hash:
        raise ValidationError(ERROR_PASSPORT_FORMAT)
    if selectors.open_application_for_passport(passport_hash=application.passport_hash, kind=kind):
        raise ValidationError(ERROR_DUPLICATE_PASSPORT)
    application.full_clean(exclude=["submission_key"])
    application.save()
    audit_record(
        actor=by,
        action="permit_application.create",
        obj=application,
        role=actor_role(by, application),
        organisation=agency or authority,
        to_state=S.DRAFT,
        changes={
            "status": [None, S.DRAFT],
            "passport_number": [None, "[encrypted]"],
            **field_changes({}, _snapshot(application)),
        },
        country=authority.country_id,
    )
    if agency is not None:
        notify(
            event="permit_application.agency_started",
            recipients=applicants(application),
            context={
                "agency": agency.name,
                "kind": application.kind,
                "path": case_type_of(application).applicant_path(application),
            },
        )
    return application


@transaction.atomic
def permit_application_update(
    *, application: PermitApplication, by, data: dict
) -> PermitApplication:
    """Correct the application (draft, or when the officer asked for information)."""
    application = case_editable_lock(application, by)
    before = _snapshot(application)
    old_hash = application.passport_hash
    _apply_data(application, data)
    if application.passport_hash != old_hash and selectors.open_application_for_passport(
        passport_hash=application.passport_hash, kind=application.kind
    ):
        raise ValidationError(ERROR_DUPLICATE_PASSPORT)
    application.last_edited_by = by
    application.full_clean(exclude=["submission_key"])
    application.save()
    changes = field_changes(before, _snapshot(application))
    if application.passport_hash != old_hash:
        changes["passport_number"] = ["[encrypted]", "[changed]"]
    if changes:
        _audit(application, by=by, action="permit_application.update", changes=changes)
    return application


@transaction.atomic
def permit_application_consent_give(
    *, application: PermitApplication, by, request=None
) -> PermitApplication:
    """The worker, signed in, agrees that the agency applies on their behalf."""
    application = case_type_of(application).lock(application)
    require(can(by, PermitPermission.APPLICATION_CONSENT, application) and application.agency_id)
    if application.status not in (S.DRAFT, S.INFO_REQUESTED):
        raise InvalidTransition(ERROR_NOT_EDITABLE)
    if application.worker_consent_at is None:
        application.worker_consent_at = timezone.now()
        application.save(update_fields=["worker_consent_at", "updated_at"])
        _audit(
            application,
            by=by,
            action="permit_application.consent",
            request=request,
            changes={"worker_consent_at": [None, application.worker_consent_at.isoformat()]},
        )
    return application


def permit_application_missing(application: PermitApplication) -> list[str]:
    """What still prevents submission, as labels the applicant understands."""
    missing = []
    if application.kind == PermitKind.WORK_PERMIT and not (
        application.employer_name.strip() and application.employer_tax_id.strip()
    ):
        missing.append(gettext("employer and tax id"))
    if application.agency_id and application.worker_consent_at is None:
        missing.append(gettext("the worker's consent"))
    present = set(application.documents.values_list("kind", flat=True))
    missing += [
        str(DocumentKind(k).label)
        for k in selectors.required_documents(application=application)
        if k not in present
    ]
    return missing


@transaction.atomic
def permit_document_add(*, application: PermitApplication, by, kind: str, uploaded):
    """Attach one checked file to an editable application; a diploma may change the category."""
    document = case_document_add(case=application, by=by, kind=kind, uploaded=uploaded)
    application = PermitApplication.objects.get(pk=application.pk)
    _derive(application)
    application.save(update_fields=["category", "fast_track", "updated_at"])
    return document


@transaction.atomic
def permit_documents_add(*, application: PermitApplication, by, files: list[tuple[str, object]]):
    """Attach several (kind, file) pairs: all are checked first, then all are stored."""
    documents = case_documents_add(case=application, by=by, files=files)
    application = PermitApplication.objects.get(pk=application.pk)
    _derive(application)
    application.save(update_fields=["category", "fast_track", "updated_at"])
    return documents


def _audit(application, *, by, action, changes, request=None):
    audit_record(
        actor=by,
        action=action,
        obj=application,
        role=actor_role(by, application),
        organisation=application.agency or application.authority,
        from_state=application.status,
        to_state=application.status,
        changes=changes,
        country=application.authority.country_id,
        request=request,
    )
