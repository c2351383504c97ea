"""Demo licensing data: agencies in KZ, KG, TJ, UZ with active, suspended, revoked and expired
licences, open applications in every state, complaints, an inspection and sanctions.

Everything goes through the services (so the audit log is real). Idempotent: an agency that
already has a licence or an application is left alone."""

import uuid
from datetime import timedelta
from decimal import Decimal

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.core.files.base import ContentFile
from django.utils import timezone

from portal.demo import DEMO_TOTP_SECRET, application_walk, demo_user
from portal.models import Organisation, Role, User
from portal.services import membership_grant
from portal.uploads import plain_pdf

from . import services
from .models import Complaint, Deposit, DepositRule, Licence, LicenceApplication

DEMO_PDF = plain_pdf("Karavan demo document")

#: name, country, registration number, what to build
EXTRA_AGENCIES = [
    ("Issyk-Kul Careers", "KG", "KG-0220931", "suspended"),
    ("Khujand Overseas Employment", "TJ", "TJ-3309112", "revoked"),
    ("Fergana Jobs Abroad", "UZ", "UZ-4410923", "expired"),
    ("Almaty Global Placement", "KZ", "KZ-200540077812", "expired"),
    ("Turkestan Talent", "KZ", "KZ-210640012399", "submitted"),
    ("Bishkek Bridge Agency", "KG", "KG-0331207", "under_review"),
    ("Dushanbe Direct Hire", "TJ", "TJ-4418820", "info_requested"),
    ("Tashkent Skills Export", "UZ", "UZ-5520114", "draft"),
    ("Shymkent Quick Jobs", "KZ", "KZ-220740055501", "refused"),
]
CORE_AGENCIES = [
    "Silk Road Recruitment",
    "Pamir Work Partners",
    "Samarkand Labour Bridge",
    "Steppe Staffing",
]
SCOPE = {
    "KZ": (["KR", "GB"], ["92", "71"]),
    "KG": (["KZ", "KR", "RU"], ["71", "75", "83"]),
    "TJ": (["RU", "KZ"], ["71", "93"]),
    "UZ": (["KR", "GB", "DE"], ["61", "92", "32"]),
}
OFFICERS = {
    "KZ": "officer.kz@demo.karavan.kz",
    "KG": "officer.kg@demo.karavan.kz",
    "TJ": "officer.tj@demo.karavan.kz",
    "UZ": "officer.uz@demo.karavan.kz",
}
SECOND_OFFICERS = {
    "KZ": ("senior.kz@demo.karavan.kz", "Marat", "Zhunusov"),
    "KG": ("senior.kg@demo.karavan.kz", "Aida", "Mamytova"),
    "TJ": ("senior.tj@demo.karavan.kz", "Rustam", "Saidov"),
    "UZ": ("senior.uz@demo.karavan.kz", "Dilnoza", "Rashidova"),
}


def _second_officer(country, authority):
    email, first, last = SECOND_OFFICERS[country]
    user = demo_user(email, first, last)
    membership_grant(user=user, organisation=authority, role=Role.SENIOR_OFFICER, by=None)
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
    return User.objects.get(pk=user.pk)  # fresh membership cache


def _agency_admin(agency):
    slug = "".join(ch for ch in agency.name.lower() if ch.isalnum())[:20]
    existing = agency.memberships.filter(role=Role.AGENCY_ADMIN, is_active=True).first()
    if existing:
        return existing.user
    user = demo_user(f"{slug}@demo.karavan.kz", "Admin", agency.name[:30])
    membership_grant(user=user, organisation=agency, role=Role.AGENCY_ADMIN, by=None)
    return User.objects.get(pk=user.pk)


def _complete(application, admin):
    countries, sectors = SCOPE[application.agency.country_id]
    services.licence_application_update(
        application=application,
        by=admin,
        data={
            "destination_countries": countries,
            "sectors": sectors,
            "planned_yearly_placements": 150,
            "office_address": application.agency.address
            or f"{application.agency.name}, main office",
            "declares_no_worker_fees": True,
            "declares_no_document_retention": True,
        },
    )
    for kind in services.REQUIRED_DOCUMENTS:
        services.licence_document_add(
            application=application,
            by=admin,
            kind=kind,
            uploaded=ContentFile(DEMO_PDF, name=f"{kind}.pdf"),
        )


def _application_to(agency, admin, officer, target):
    application = services.licence_application_create(agency=agency, by=admin)
    _complete(application, admin)
    return application_walk(
        target,
        submit=lambda: services.licence_application_submit(application=application, by=admin),
        review_start=lambda: services.licence_application_review_start(
            application=application, by=officer
        ),
        decisions={
            "info_requested": lambda: services.licence_application_request_info(
                application=application,
                by=officer,
                message="Please upload a bank guarantee issued in 2026 (the one sent has expired).",
            ),
            "refused": lambda: services.licence_application_refuse(
                application=application,
                by=officer,
                reason="The office address given is a "
                "residential flat; no premises to receive workers.",
            ),
            "approved": lambda: services.licence_application_approve(
                application=application,
                by=officer,
                conditions="Placements only under the bilateral schemes listed on the licence.",
            ),
        },
    )


def _backdate(licence, *, days_left):
    """Demo only: move a licence's validity so that it ends `days_left` days from today."""
    until = timezone.localdate() + timedelta(days=days_left)
    Licence.objects.filter(pk=licence.pk).update(
        valid_until=until, valid_from=until - timedelta(days=3 * 365)
    )
    licence.refresh_from_db()
    return licence


def load_demo(*, core: dict, stdout=None) -> None:
    """Build the licensing demo on top of the core organisations and accounts."""
    orgs, users = core["organisations"], core["users"]
    officers = {c: User.objects.get(email=e) for c, e in OFFICERS.items()}
    seconds = {c: _second_officer(c, orgs[c]) for c in SECOND_OFFICERS}
    built = 0

    for name in CORE_AGENCIES:
        agency = orgs[name]
        if LicenceApplication.objects.filter(agency=agency).exists():
            continue
        admin = (
            users["agency.admin@demo.karavan.kz"]
            if name == "Silk Road Recruitment"
            else _agency_admin(agency)
        )
        licence = _application_to(agency, admin, officers[agency.country_id], "approved")
        if name == "Steppe Staffing":
            _backdate(licence, days_left=45)  # shows the 60-day reminder in the daily run
        built += 1

    for name, country, reg, target in EXTRA_AGENCIES:
        agency, _created = Organisation.objects.get_or_create(
            name=name,
            kind=Organisation.Kind.AGENCY,
            country_id=country,
            defaults={"registration_number": reg, "address": f"{name}, main office"},
        )
        if LicenceApplication.objects.filter(agency=agency).exists():
            continue
        admin, officer, second = _agency_admin(agency), officers[country], seconds[country]
        built += 1
        if target in ("draft", "submitted", "under_review", "info_requested", "refused"):
            _application_to(agency, admin, officer, target)
            continue
        licence = _application_to(agency, admin, officer, "approved")
        if target == "suspended":
            inspection = services.inspection_plan(
                agency=agency, by=officer, kind="ad_hoc", scheduled_for=timezone.localdate()
            )
            services.inspection_complete(
                inspection=inspection,
                by=officer,
                carried_out_on=timezone.localdate(),
                findings="Workers' passports kept in the office safe; fee receipts found.",
            )
            services.sanction_impose(
                agency=agency,
                by=officer,
                kind="suspension",
                inspection=inspection,
                reason="Passports retained and fees charged to workers.",
            )
        elif target == "revoked":
            services.sanction_impose(
                agency=agency,
                by=officer,
                kind="fine",
                amount=25000,
                reason="Recruitment fees charged to 14 workers.",
            )
            services.licence_revocation_propose(
                licence=licence,
                by=officer,
                reason="Repeated fee charging after a fine; forged employer letters.",
            )
            services.licence_revocation_confirm(licence=licence, by=second)
        elif target == "expired":
            _backdate(licence, days_left=-10)
            services.licence_expire(licence=licence)

    if not Complaint.objects.exists():
        _demo_complaints(orgs, officers)
    _demo_deposits(officers)
    services.licences_daily()
    if stdout is not None:
        stdout.write(
            f"licensing demo: {built} agencies built, "
            f"{Licence.objects.count()} licences, {Complaint.objects.count()} complaints"
        )


#: The required guarantee deposit per country (demo figures).
DEPOSIT_RULES = {
    "KZ": ("1000000", "KZT"),
    "KG": ("500000", "KGS"),
    "TJ": ("100000", "TJS"),
    "UZ": ("50000000", "UZS"),
}


def _demo_deposits(officers):
    """A rule per country; every current licence gets a deposit, Steppe Staffing's incomplete,
    and one paid claim (a refunded fee) on the suspended KG agency."""
    for country, (amount, currency) in DEPOSIT_RULES.items():
        DepositRule.objects.get_or_create(
            country_id=country, defaults={"amount": Decimal(amount), "currency": currency}
        )
    licences = Licence.objects.filter(status__in=["active", "suspended"]).select_related("agency")
    for licence in licences:
        if Deposit.objects.filter(licence=licence).exists():
            continue
        officer = officers[licence.country_id]
        required = Decimal(DEPOSIT_RULES[licence.country_id][0])
        amount = required / 2 if licence.agency.name == "Steppe Staffing" else required
        services.deposit_top_up(
            licence=licence,
            by=officer,
            amount=amount,
            submission_key=uuid.uuid5(uuid.NAMESPACE_URL, licence.number),
        )
        if licence.agency.name == "Issyk-Kul Careers":
            claim = services.deposit_claim_record(
                licence=licence,
                by=officer,
                kind="illegal_fee",
                claimant="Aibek T.",
                amount=Decimal("45000"),
                submission_key=uuid.uuid5(uuid.NAMESPACE_URL, licence.number + "/claim"),
            )
            services.deposit_claim_pay(claim=claim, by=officer)


def _demo_complaints(orgs, officers):
    suspended = Organisation.objects.get(name="Issyk-Kul Careers")
    upheld = services.complaint_file(
        by=None,
        country_id="KG",
        agency=suspended,
        category="passport_retained",
        description="They kept my passport for three months and asked 400 USD to return it.",
        amount_paid=400,
        currency="USD",
        complainant_country="KR",
    )
    services.complaint_investigate(complaint=upheld, by=officers["KG"])
    services.complaint_decide(
        complaint=upheld,
        by=officers["KG"],
        upheld=True,
        outcome="Upheld: passport returned, licence suspended.",
    )
    dismissed = services.complaint_file(
        by=None,
        country_id="KZ",
        agency=orgs["Steppe Staffing"],
        category="deception",
        description="The job was described as warehouse work but was packing.",
    )
    services.complaint_investigate(complaint=dismissed, by=officers["KZ"])
    services.complaint_decide(
        complaint=dismissed,
        by=officers["KZ"],
        upheld=False,
        outcome="Dismissed: the contract named packing work; worker informed.",
    )
    services.complaint_file(
        by=None,
        country_id="TJ",
        agency=orgs["Pamir Work Partners"],
        category="unpaid_wages",
        description="Two months of wages unpaid on a construction site near Moscow.",
        complainant_country="RU",
    )
    services.complaint_file(
        by=None,
        country_id="UZ",
        recruiter_name="“Aziz” on Telegram, no office",
        category="fees",
        description="Asked 800 USD for a Korea visa and a job.",
        amount_paid=800,
        currency="USD",
    )
