"""Worker profiles: created, edited, shared with agencies (consent), seasons declared, erased."""

import uuid
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.audit import audit_record, field_changes
from portal.cases import require
from portal.policy import active_memberships
from portal.submissions import create_once

from ..models import CostReport, PastSeason, WorkerLanguage, WorkerProfile

ERROR_RETURN_BEFORE_DEPARTURE = _("The return date cannot be before the departure date.")
ERROR_PROFILE_EXISTS = _("You already have a worker profile.")
ERROR_STAFF_NO_PROFILE = _(
    "Agency and authority staff cannot create a worker profile with this account."
)
#: Fields a worker edits on the profile.
PROFILE_FIELDS = [
    "origin_country",
    "origin_region",
    "sex",
    "birth_year",
    "years_experience",
    "education_level",
    "months_available",
]
PROFILE_M2M = ["occupations", "skills", "preferred_destinations"]


def _profile_snapshot(profile: WorkerProfile) -> dict:
    data = {
        name: getattr(profile, WorkerProfile._meta.get_field(name).attname)
        for name in PROFILE_FIELDS
    }
    if profile.pk:
        for name in PROFILE_M2M:
            data[name] = sorted(getattr(profile, name).values_list("pk", flat=True))
        data["languages"] = sorted(
            f"{code}:{level}"
            for code, level in profile.languages.values_list("language_id", "level")
        )
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
        WorkerLanguage.objects.bulk_create(
            [
                WorkerLanguage(profile=profile, language_id=code, level=level)
                for code, level in data["languages"].items()
            ]
        )


@transaction.atomic
def worker_profile_create(*, user, data: dict) -> WorkerProfile:
    """A signed-in individual creates their profile (not shown to agencies until consent).

    One per person: the user column is unique, so of two simultaneous submits one creates the
    profile and the other is told it exists (no second profile, no server error).
    """
    if WorkerProfile.objects.filter(user=user).exists():
        raise ValidationError(ERROR_PROFILE_EXISTS)
    if active_memberships(user):
        raise ValidationError(ERROR_STAFF_NO_PROFILE)
    profile = WorkerProfile(user=user)
    try:
        with transaction.atomic():
            _apply_profile_data(profile, data)
    except IntegrityError:
        if WorkerProfile.objects.filter(user=user).exists():
            raise ValidationError(ERROR_PROFILE_EXISTS) from None
        raise
    audit_record(
        actor=user,
        action="worker_profile.create",
        obj=profile,
        role="worker",
        changes=field_changes({}, _profile_snapshot(profile)),
        country=profile.origin_country_id,
    )
    return profile


@transaction.atomic
def worker_profile_update(*, profile: WorkerProfile, by, data: dict) -> WorkerProfile:
    """The worker edits their own profile."""
    profile = WorkerProfile.objects.select_for_update().get(pk=profile.pk)
    require(profile.user_id == by.pk)
    before = _profile_snapshot(profile)
    _apply_profile_data(profile, data)
    changes = field_changes(before, _profile_snapshot(profile))
    if changes:
        audit_record(
            actor=by,
            action="worker_profile.update",
            obj=profile,
            role="worker",
            changes=changes,
            country=profile.origin_country_id,
        )
    return profile


@transaction.atomic
def worker_profile_consent_set(*, profile: WorkerProfile, by, consent: bool) -> WorkerProfile:
    """Give or withdraw consent to be shown to agencies; takes effect at once."""
    profile = WorkerProfile.objects.select_for_update().get(pk=profile.pk)
    require(profile.user_id == by.pk)
    if profile.consent_to_agencies == consent:
        return profile
    profile.consent_to_agencies = consent
    profile.consent_changed_at = timezone.now()
    profile.save(update_fields=["consent_to_agencies", "consent_changed_at", "updated_at"])
    audit_record(
        actor=by,
        action="worker_profile.consent_give" if consent else "worker_profile.consent_withdraw",
        obj=profile,
        role="worker",
        from_state="consent" if not consent else "no_consent",
        to_state="consent" if consent else "no_consent",
        changes={"consent_to_agencies": [not consent, consent]},
        country=profile.origin_country_id,
    )
    return profile


def worker_profile_season_add(
    *,
    profile: WorkerProfile,
    by,
    country,
    departed_on: date,
    returned_on: date | None = None,
    occupation=None,
    submission_key: uuid.UUID | None = None,
) -> PastSeason:
    """The worker declares a season abroad that happened outside Karavan (once per form key)."""
    require(profile.user_id == by.pk)
    return create_once(
        PastSeason,
        submission_key,
        lambda: _season_add(
            profile=profile,
            by=by,
            country=country,
            departed_on=departed_on,
            returned_on=returned_on,
            occupation=occupation,
            submission_key=submission_key,
        ),
        check=lambda season: require(season.profile_id == profile.pk),
    )


def _season_add(*, profile, by, country, departed_on, returned_on, occupation, submission_key):
    if returned_on and returned_on < departed_on:
        raise ValidationError(ERROR_RETURN_BEFORE_DEPARTURE)
    season = PastSeason(
        profile=profile,
        country=country,
        departed_on=departed_on,
        returned_on=returned_on,
        occupation=occupation,
        submission_key=submission_key,
    )
    season.full_clean(exclude=["submission_key"])
    season.save()
    audit_record(
        actor=by,
        action="worker_profile.season_add",
        obj=season,
        role="worker",
        changes={
            "country": [None, country.pk],
            "departed_on": [None, str(departed_on)],
            "returned_on": [None, str(returned_on) if returned_on else None],
        },
        country=profile.origin_country_id,
    )
    return season


@transaction.atomic
def worker_profile_delete(*, profile: WorkerProfile, by) -> None:
    """Erase the profile, its languages, seasons, priorities and applications. Cost reports
    stay, detached from the worker, because they count on the agency's record."""
    profile = WorkerProfile.objects.select_for_update().get(pk=profile.pk)
    require(profile.user_id == by.pk)
    CostReport.objects.filter(application__profile=profile).update(application=None)
    audit_record(
        actor=by,
        action="worker_profile.delete",
        obj=profile,
        role="worker",
        from_state="exists",
        to_state="deleted",
        country=profile.origin_country_id,
    )
    profile.applications.all().delete()
    profile.delete()
