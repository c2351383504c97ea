"""Demo data for help requests (development only): `fixtures/demo.yaml` loaded through the
services, so every request and referral obeys the rules and has its audit trail.

Called by `manage.py load_demo_data` after the other apps.
"""

import uuid
from pathlib import Path

import yaml
from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from portal.demo import _give_mfa, demo_user
from portal.models import Organisation, Role, User
from portal.services import membership_grant

from . import services
from .models import HelpRequest

DATA = Path(__file__).resolve().parent / "fixtures" / "demo.yaml"
#: Demo requests carry fixed form keys, so loading twice changes nothing.
NAMESPACE = uuid.UUID("6f1c3f2e-3d7a-4d6b-9c55-2a9e0b1c2d21")


def _organisations(data: dict, core: dict) -> dict:
    for country in data["triage_authorities"]:
        authority = core["organisations"][country]
        wanted = Organisation.Competence.MIGRANT_PROTECTION.value
        if wanted not in authority.competences:
            authority.competences = [*authority.competences, wanted]
            authority.save(update_fields=["competences"])
    orgs = {}
    for item in data["organisations"]:
        orgs[item["key"]], _created = Organisation.objects.get_or_create(
            name=item["name"],
            kind=item["kind"],
            country_id=item["country"],
            defaults={"competences": item.get("competences", []), "email": item["email"]},
        )
    return orgs


def _accounts(data: dict, orgs: dict) -> dict:
    members = {}
    for email, first, last, org_key in data["accounts"]:
        user = demo_user(email, first, last)
        membership_grant(user=user, organisation=orgs[org_key], role=Role.OFFICER, by=None)
        user.refresh_from_db()
        _give_mfa(user)
        members.setdefault(org_key, user)
    return members


def _request(item: dict, orgs: dict, members: dict) -> None:
    key = uuid.uuid5(NAMESPACE, str(item["key"]))
    if HelpRequest.objects.filter(submission_key=key).exists():
        return
    request = services.help_request_file(
        by=AnonymousUser(),
        category=item["category"],
        description=item["description"],
        origin_country_id=item["origin"],
        current_country_id=item["current"],
        answers=item.get("answers", []),
        place=item.get("place", ""),
        employer_name=item.get("employer", ""),
        sex=item["sex"],
        consent_to_refer=item.get("consent", False),
        language=item.get("language", ""),
        submission_key=key,
    )
    # A fresh user: memberships cached on the core's objects predate the new competence.
    officer = User.objects.filter(email=item.get("officer", "")).first()
    for step in item["steps"]:
        name, args = (step, {}) if isinstance(step, str) else next(iter(step.items()))
        request.refresh_from_db()
        if name == "triage":
            services.help_request_triage(help_request=request, by=officer)
        elif name == "refer":
            referral = services.help_request_refer(
                help_request=request,
                by=officer,
                party=args["party"],
                organisation=orgs[args["to"]],
                shared_items=args["share"],
                message=args["message"],
            )
            if args.get("escalate"):  # as the daily job would once the due day has passed
                services.help_referral_escalate(referral=referral)
            if args.get("answer"):
                services.help_referral_answer(
                    referral=referral, by=members[args["to"]], response=args["answer"]
                )
        elif name == "close":
            services.help_request_close(
                help_request=request, by=officer, outcome=args["outcome"], outcome_note=args["note"]
            )


@transaction.atomic
def load_demo(*, core: dict, stdout=None) -> None:
    """Organisations of each kind, their accounts and help requests in every state."""
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    orgs = _organisations(data, core)
    members = _accounts(data, orgs)
    for item in data["requests"]:
        _request(item, orgs, members)
    if stdout is not None:
        stdout.write(
            f"protection demo: {HelpRequest.objects.count()} help requests, "
            f"{len(orgs)} receiving organisations"
        )
