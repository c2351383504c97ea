"""Demo organisations and one account per role (development only; refused in production)."""

from pathlib import Path

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from .corridor_services import corridor_rules_import
from .models import Organisation, Role, User
from .services import membership_grant, role_groups_ensure

CORRIDOR_RULES = Path(__file__).resolve().parent / "fixtures" / "corridor_rules.yaml"
DEMO_PASSWORD = "karavan-demo-2026"
#: TOTP secret of every demo staff account (base32); put it in any authenticator app.
DEMO_TOTP_SECRET = "KARAVANDEMOSECRETKARAVANDEMOSECR"

C = Organisation.Competence
AUTHORITIES = {
    "KZ": (
        "Ministry of Labour and Social Protection of Kazakhstan",
        [
            C.AGENCY_LICENSING,
            C.WORK_PERMITS,
            C.PATENTS,
            C.JOB_ORDER_VETTING,
            C.EMPLOYER_ACCREDITATION,
        ],
    ),
    "KG": (
        "Ministry of Labour, Social Security and Migration of Kyrgyzstan",
        [C.AGENCY_LICENSING, C.JOB_ORDER_VETTING],
    ),
    "TJ": ("Migration Service of Tajikistan", [C.AGENCY_LICENSING, C.JOB_ORDER_VETTING]),
    "UZ": (
        "Agency for External Labour Migration of Uzbekistan",
        [C.AGENCY_LICENSING, C.JOB_ORDER_VETTING],
    ),
}
AGENCIES = [
    ("Silk Road Recruitment", "KG", "KG-0114523"),
    ("Pamir Work Partners", "TJ", "TJ-2209871"),
    ("Samarkand Labour Bridge", "UZ", "UZ-3300412"),
    ("Steppe Staffing", "KZ", "KZ-180440012345"),
]
EMPLOYERS = [
    ("Almaty Agro Holding", "KZ", "KZ-990140000231"),
    ("Astana Build Group", "KZ", "KZ-020540001188"),
    ("Busan Shipyards Co.", "KR", "KR-6028112345"),
    ("Kent Orchards Ltd", "GB", "GB-09876543"),
]
PARTNERS = [("IOM Central Asia (demo)", "KZ")]

#: email, first name, last name, organisation name or None, role or None
ACCOUNTS = [
    ("worker@demo.karavan.kz", "Firuz", "Rahimov", None, None),
    (
        "agency.admin@demo.karavan.kz",
        "Aibek",
        "Toktogulov",
        "Silk Road Recruitment",
        Role.AGENCY_ADMIN,
    ),
    (
        "agency.staff@demo.karavan.kz",
        "Nurila",
        "Asanova",
        "Silk Road Recruitment",
        Role.AGENCY_STAFF,
    ),
    ("agency.tj@demo.karavan.kz", "Sherzod", "Rahmonov", "Pamir Work Partners", Role.AGENCY_ADMIN),
    ("officer.kz@demo.karavan.kz", "Dana", "Seitkali", "KZ", Role.OFFICER),
    ("senior.kz@demo.karavan.kz", "Marat", "Zhunusov", "KZ", Role.SENIOR_OFFICER),
    ("officer.kg@demo.karavan.kz", "Bakyt", "Osmonov", "KG", Role.OFFICER),
    ("officer.tj@demo.karavan.kz", "Zarina", "Nazarova", "TJ", Role.OFFICER),
    ("officer.uz@demo.karavan.kz", "Jasur", "Karimov", "UZ", Role.OFFICER),
    ("admin.kz@demo.karavan.kz", "Aigerim", "Bekova", "KZ", Role.AUTHORITY_ADMIN),
    ("analyst@demo.karavan.kz", "Saule", "Nurlanova", "KZ", Role.ANALYST),
    ("editor@demo.karavan.kz", "Madina", "Yusupova", "IOM Central Asia (demo)", Role.EDITOR),
    ("reviewer@demo.karavan.kz", "Yerlan", "Abenov", "KZ", Role.REVIEWER),
]
SUPERUSER = "superadmin@demo.karavan.kz"
PHONE_WORKER = "+992900000002"


def _org(name, kind, country, **extra):
    org, _ = Organisation.objects.get_or_create(
        name=name, kind=kind, country_id=country, defaults=extra
    )
    return org


def demo_user(email, first, last, *, superuser=False):
    """The demo account with this e-mail (created with the demo password), its address
    verified."""
    user = User.objects.filter(email=email).first()
    if user is None:
        make = User.objects.create_superuser if superuser else User.objects.create_user
        user = make(email=email, password=DEMO_PASSWORD, first_name=first, last_name=last)
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _give_mfa(user):
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
        RecoveryCodes.activate(user)


@transaction.atomic
def load_demo_core() -> dict:
    """Authorities, agencies, employers, partners and the demo accounts. Idempotent."""
    if not getattr(settings, "KARAVAN_DEMO_ALLOWED", False):
        raise ImproperlyConfigured("Demo data is refused under production settings.")
    role_groups_ensure()
    orgs = {}
    for country, (name, competences) in AUTHORITIES.items():
        orgs[country] = _org(
            name, Organisation.Kind.AUTHORITY, country, competences=[str(c) for c in competences]
        )
    for name, country, reg in AGENCIES:
        orgs[name] = _org(name, Organisation.Kind.AGENCY, country, registration_number=reg)
    for name, country, reg in EMPLOYERS:
        orgs[name] = _org(name, Organisation.Kind.EMPLOYER, country, registration_number=reg)
    for name, country in PARTNERS:
        orgs[name] = _org(name, Organisation.Kind.PARTNER, country)
    users = {}
    for email, first, last, org_key, role in ACCOUNTS:
        user = users[email] = demo_user(email, first, last)
        if org_key:
            membership_grant(user=user, organisation=orgs[org_key], role=role, by=None)
    users["worker@demo.karavan.kz"].phone = "+992900000001"
    users["worker@demo.karavan.kz"].phone_verified = True
    users["worker@demo.karavan.kz"].save(update_fields=["phone", "phone_verified"])
    # A worker who signed up with a phone only, in Tajik: notifications come by SMS.
    if not User.objects.filter(phone=PHONE_WORKER).exists():
        User.objects.create_user(
            phone=PHONE_WORKER,
            phone_verified=True,
            password=DEMO_PASSWORD,
            first_name="Firuza",
            last_name="Nazarova",
            preferred_language="tg",
            notification_channels=["sms"],
        )
    admin = demo_user(SUPERUSER, "Super", "Admin", superuser=True)
    for user in [admin, *(u for u in users.values() if u.is_staff)]:
        _give_mfa(user)
    corridor_rules_load()
    return {"organisations": orgs, "users": users}


def application_walk(target: str, *, submit, review_start, decisions: dict):
    """Take a complete draft through the shared application lifecycle to `target` (a status):
    submit, review, then the decision named by `target` (`decisions[target]()`, whose result
    is returned). Stops early, returning None, at draft, submitted and under_review."""
    if target == "draft":
        return None
    submit()
    if target == "submitted":
        return None
    review_start()
    if target == "under_review":
        return None
    return decisions[target]()


def corridor_rules_rows(path=CORRIDOR_RULES) -> list[dict]:
    """The data file's entries, one row per nationality (see the file's header)."""
    import yaml

    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    rows = []
    for entry in data["rules"]:
        entry = dict(entry)
        origins = entry.pop("origins")
        source = data["sources"][entry.pop("source")]
        hotlines = entry.pop("hotlines", [])
        for origin in origins:
            rows.append(
                {
                    **data["defaults"],
                    **source,
                    **entry,
                    "origin": origin,
                    "hotlines": "\n".join(hotlines),
                }
            )
    return rows


def corridor_rules_load(path=CORRIDOR_RULES) -> int:
    """The corridor rules of the data file, recorded as the law in force. Idempotent."""
    return len(
        corridor_rules_import(
            rows=corridor_rules_rows(path), reason="Corridor rules data file (demo)"
        )
    )
