"""Role × URL × foreign object: nobody reaches what is not theirs, on any route.

Every URL pattern the resolver knows is classified below; a new route fails
`test_every_route_is_classified` until it is added (and, if it shows someone's object, given a
case in OBJECT_CASES). The matrix then asks each object route, as each role, for an object that
belongs to someone else (tests/security/conftest.py builds the world) and requires a refusal
(403/404/405, or a redirect to sign-in/MFA) whose body does not contain the object's marker.
Allowed roles must see the marker, so a case with a wrong URL or marker fails too.
"""

from dataclasses import dataclass, field
from fnmatch import fnmatch

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .conftest import ROLES

# --- the route map ---------------------------------------------------------------------------


def all_routes():
    """(pattern, name) of every route, with the language prefix shown as `<lang>/`."""

    def walk(patterns, prefix="", namespace=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = namespace + (f"{p.namespace}:" if p.namespace else "")
                pattern = str(p.pattern)
                if type(p.pattern).__name__ == "LocalePrefixPattern":
                    pattern = "<lang>/"
                yield from walk(p.url_patterns, prefix + pattern, ns)
            elif isinstance(p, URLPattern):
                yield prefix + str(p.pattern), namespace + (p.name or "")

    return sorted(set(walk(get_resolver().url_patterns)))


#: Routes classified by name (fnmatch). Object-bearing routes of our own code are in
#: OBJECT_CASES instead (or in UNCOVERED with the reason).
CLASSES = {
    # Public by design: registry, vacancies, information, verification, API (partner endpoints
    # check their token: tests/api/test_tokens.py), signed payment webhook.
    "public": [
        "healthz",
        "set_language",
        "sitemap",
        "api:*",
        "permits_payment_webhook",
        # Telegram's calls: secret path and secret-token header (tests/telegram/)
        "telegram_webhook",
        "permits:home",
        "permits:fees",
        "licensing:registry",
        "licensing:registry_csv",
        "licensing:registry_agency",
        "licensing:complaint_new",
        "licensing:complaint_filed",
        "licensing:complaint_track",
        # help requests: anyone, no account; the code travels by POST only
        "protection:help_new",
        "protection:help_filed",
        "protection:help_track",
        "vacancies:vacancy_list",
        "info_campaigns:*",
        "portal:data_licence",
        # one-click unsubscribe: the unguessable token is the key (tests/vacancies/)
        "vacancies:alert_stop",
        "portal:verify",
        "portal:verify_number",
        # open statistics, disclosure-controlled (tests/matching/test_public_statistics.py)
        "matching:statistics",
        "matching:statistics_download",
        "portal:backoffice",
        "backoffice_login",
        "wagtail_serve",
        "wagtaildocs_serve",
        "wagtaildocs_authenticate_with_password",
        "wagtailcore_*",
    ],
    # The signed-in user's own things, found from request.user (no foreign id in the URL).
    "self": [
        "account_*",
        "mfa_*",
        "usersessions_list",
        "portal:dashboard",
        "portal:account_language",
        "portal:account_channels",
        "portal:notifications",
        "licensing:agency_register",
        "licensing:agency_home",
        "licensing:application_start",
        "permits:apply",
        "vacancies:profile*",
        "vacancies:my_applications",
        "vacancies:agency_job_orders",
        "vacancies:agency_job_order_new",
        "vacancies:agency_candidates",
        "matching:vacancies_for_you",
        "telegram:account",
        "vacancies:saved_searches",
        "vacancies:saved_search_save",
        "cycle:stays",
        "cycle:depart",
    ],
    # Wagtail's and Django's own back office: staff with MFA, Wagtail's permission system
    # (test_backoffice_is_closed_to_the_public sweeps these).
    "backoffice-stock": [
        "wagtail*",
        "admin:*",
        "simple_translation:*",
        "",
    ],
    # Our back-office listings, settings and forms without an object in the URL: the viewsets'
    # policies scope them (tests in tests/<app>/test_*backoffice*.py, test_admin.py).
    "backoffice-ours": [
        "*:index",
        "*:index_results",
        "*:add",
        "licensing_authority_settings",
        "permits_quota_new",
        "permits_fee_new",
        "permits_settings",
        "corridor_rule_propose",
        "matching_admin:dashboard",
        "matching_admin:imports",
        "matching_admin:runs",
        "*:history_results",
        # page editors' report (tests/info_campaigns/test_review.py)
        "info_campaigns_content_to_check",
        # the detailed health view (tests/portal/test_health.py)
        "healthz_detail",
    ],
}

#: Object routes not given a foreign-object case yet, and why that is acceptable for now.
UNCOVERED = {
    "case_document": "case documents: the case's policy; tests/licensing/test_admin.py",
    "matching_admin:import_detail": "assessment imports: tests/matching/test_imports.py",
    "matching_admin:run_detail": "match runs: tests/matching/test_match_runs.py",
    "vacancies:saved_search_stop": "a worker's own saved search: found among request.user's "
    "searches only, another's is a 404 "
    "(tests/vacancies/test_saved_search_pages.py)",
    "api_tokens:*": "partner tokens: superuser only, tests/api/test_tokens.py",
    "notification_deliveries:*": "deliveries: a listing only (no inspect, the permission "
    "policy allows 'view' alone), authority administrators and "
    "superusers, tests/portal/test_notification_pages.py",
    "wagtailsnippets_info_campaigns_*": "public hotlines/centres, editors only",
    "wagtailsnippetchoosers_info_campaigns_*": "public hotlines/centres, editors only",
    "permits_patents:*": "same CaseViewSet scoping as permits_work_permits",
    "permits_payments:*": "same CaseViewSet scoping as permits_applications",
    "permits_quotas:*": "reference data per country, no personal data",
    "permits_fees:*": "reference data per country, no personal data",
    "licensing_inspections:*": "same CaseViewSet scoping as licensing_complaints",
    "licensing_sanctions:*": "public on the registry anyway; same CaseViewSet scoping",
    "licensing_deposits:*": "deposit balances: read-only, officers of the licence's country "
    "(DepositPermissionPolicy), tests/licensing/test_deposits.py",
    "licensing_deposit_claims:*": "workers' claims (a name and an amount): read-only, officers "
    "of the licence's country (DepositPermissionPolicy)",
    "vacancies_schemes:*": "reference data (schemes), no personal data",
    "corridor_rules:*": "the law per corridor, public on the guides and the API anyway; "
    "scoped to the destination's authority, tests/portal/test_corridors.py",
    "vacancies_minimum_wages:*": "reference data (minimum wages), no personal data",
    "cycle:move": "a worker's own stay: found among request.user's stays only, another's is "
    "a 404 (tests/cycle/test_pages.py)",
    "cycle:session_attendance": "a resource centre's own session: the policy lets only its "
    "staff in, others get a 404 (tests/cycle/test_pages.py)",
    "cycle_overstays:*": "CaseViewSet scoped to the destination's officers "
    "(tests/cycle/test_pages.py)",
    "cycle_stays:*": "CaseViewSet scoped to officers of the origin or destination "
    "(tests/cycle/test_pages.py)",
    "vacancies_employer_sanctions:*": "public on the employer's verification page anyway; same "
    "CaseViewSet scoping as vacancies_accreditations",
    "vacancies_employer_watchlist:*": "same CaseViewSet scoping as vacancies_accreditations "
    "(tests/vacancies/test_employers.py)",
}


# --- the cases -------------------------------------------------------------------------------


@dataclass
class Case:
    name: str
    kwargs: callable  # world -> dict of URL kwargs
    allowed: set = field(default_factory=set)
    # Must be in an allowed response, never in a refused one (or world -> str).
    marker: object = None
    method: str = "get"


def _pk(key):
    return lambda w: {"pk": w[key].pk}


A = {"agency_a"}
LICENSING_OFFICERS = {"officer_kg", "superuser"}
KZ_OFFICERS = {"officer_kz", "superuser"}

OBJECT_CASES = [
    # Agency A's licence application, its documents, its certificate.
    Case("licensing:application_detail", _pk("licence_application"), A, "SECRET-OFFICE"),
    Case(
        "licensing:application_step",
        lambda w: {"pk": w["licence_application"].pk, "step": "scope"},
        A,
    ),
    Case("licensing:application_submit", _pk("licence_application"), method="post"),
    Case("licensing:application_withdraw", _pk("licence_application"), method="post"),
    Case("licensing:application_renew", lambda w: {"licence_pk": w["licence"].pk}, method="post"),
    Case(
        "licensing:document_download",
        lambda w: {"pk": w["licence_application"].pk, "doc_pk": w["licence_document"].pk},
        A | LICENSING_OFFICERS,
        "SECRET-FILE-CONTENT",
    ),
    Case(
        "licensing:document_remove",
        lambda w: {"pk": w["licence_application"].pk, "doc_pk": w["licence_document"].pk},
        method="post",
    ),
    Case(
        "licensing:licence_certificate",
        lambda w: {"number": w["licence"].number},
        A | LICENSING_OFFICERS,
        "%PDF",
    ),
    # A complaint filed in KZ, with evidence.
    Case("licensing:complaint_evidence", _pk("evidence"), {"officer_kz"}, "SECRET-FILE-CONTENT"),
    # The worker's permit application (KZ), its documents, the permit. Officers of the
    # jurisdiction see the page; its buttons' services refuse them (state checked below).
    Case(
        "permits:application_detail",
        _pk("permit_application"),
        {"worker"} | KZ_OFFICERS,
        "Secretova",
    ),
    Case("permits:document_upload", _pk("permit_application"), KZ_OFFICERS, method="post"),
    Case(
        "permits:document_download",
        lambda w: {"pk": w["permit_application"].pk, "doc_pk": w["permit_document"].pk},
        {"worker"} | KZ_OFFICERS,
        "%PDF",
    ),
    Case("permits:consent", _pk("permit_application"), KZ_OFFICERS, method="post"),
    Case("permits:submit", _pk("permit_application"), KZ_OFFICERS, method="post"),
    Case("permits:withdraw", _pk("permit_application"), KZ_OFFICERS, method="post"),
    Case(
        "permits:certificate",
        lambda w: {"number": w["permit"].number},
        {"worker"} | KZ_OFFICERS,
        "%PDF",
    ),
    # The worker's patent: its payment form (listing its orders), and a payment order (naming
    # the patent). Markers are what is not in the URL: a 404 page may echo the path.
    Case(
        "permits:patent_pay",
        lambda w: {"number": w["patent"].number},
        {"worker"} | KZ_OFFICERS,
        lambda w: w["payment_order"].reference,
    ),
    # Only the holder orders fees: officers who read the patent are refused (issue 17).
    Case("permits:patent_pay", lambda w: {"number": w["patent"].number}, method="post"),
    Case(
        "permits:payment_order",
        lambda w: {"reference": w["payment_order"].reference},
        {"worker"} | KZ_OFFICERS,
        lambda w: w["patent"].number,
    ),
    # Agency A's draft job order is nobody's business on the public site.
    Case("vacancies:vacancy_detail", _pk("draft_job_order"), set(), "SECRET-DRAFT"),
    Case("vacancies:vacancy_apply", _pk("draft_job_order"), set(), "SECRET-DRAFT"),
    Case("vacancies:vacancy_contract", _pk("draft_job_order"), set(), "Employment contract"),
    # The worker's application to agency A's published job order, and their cost report.
    Case("vacancies:cost_report", _pk("vacancy_application"), {"worker"}),
    Case(
        "vacancies:my_application_action",
        lambda w: {"pk": w["vacancy_application"].pk, "action": "withdraw"},
        method="post",
    ),
    Case("vacancies:agency_job_order", _pk("job_order"), A, "SECRET-APPLICATION-MESSAGE"),
    Case("vacancies:agency_job_order_edit", _pk("draft_job_order"), A, "SECRET-DRAFT"),
    Case("vacancies:agency_job_order_contract", _pk("draft_job_order"), A, "Employment contract"),
    Case(
        "vacancies:agency_job_order_action",
        lambda w: {"pk": w["job_order"].pk, "action": "close"},
        method="post",
    ),
    Case(
        "vacancies:agency_application_action",
        lambda w: {"pk": w["vacancy_application"].pk, "action": "reject"},
        method="post",
    ),
    # The worker's employment contract (agency A recruits; KZ, the destination, registers it).
    Case(
        "vacancies:contract", _pk("employment_contract"), {"worker"} | A | KZ_OFFICERS, "SECRET-JO"
    ),
    Case(
        "vacancies:contract_pdf", _pk("employment_contract"), {"worker"} | A | KZ_OFFICERS, "%PDF"
    ),
    Case("vacancies:contract_code", _pk("employment_contract"), method="post"),
    Case("vacancies:contract_confirm", _pk("employment_contract"), method="post"),
    Case("matching:job_order_candidates", _pk("job_order"), A, "SECRET-JO"),
    # Back office: another country's cases.
    Case("vacancies_vetting_contract", _pk("job_order"), {"officer_kz"}, "Employment contract"),
]

#: Back-office viewsets and the object of each; every object route of the viewset is tried.
VIEWSETS = {
    # Superusers see records, but only officers see the cases they decide.
    "licensing_applications": ("licence_application", {"officer_kg"}, "SECRET-OFFICE"),
    "licensing_licences": ("licence", LICENSING_OFFICERS, None),
    "licensing_complaints": ("complaint", KZ_OFFICERS, "SECRET-COMPLAINT"),
    "permits_applications": ("permit_application", {"officer_kz"}, "Secretova"),
    "permits_work_permits": ("permit", KZ_OFFICERS, None),
    "vacancies_vetting": ("job_order", {"officer_kz"}, "SECRET-JO"),
    # A KG citizen's help request: the KG authority triages it; the partner it was referred to
    # (the editor's organisation) sees the referral, and in it never the request's words.
    "protection_requests": ("help_request", {"officer_kg", "superuser"}, "SECRET-HELP"),
    "protection_referrals": (
        "help_referral",
        {"officer_kg", "editor", "superuser"},
        "SECRET-REFERRAL",
    ),
    "vacancies_accreditations": ("accreditation", KZ_OFFICERS, None),
    "audit": ("audit_kg", LICENSING_OFFICERS, None),
}
VIEWSET_ROUTES = {
    "inspect": "get",
    "edit": "get",
    "delete": "get",
    "copy": "get",
    "history": "get",
    "usage": "get",
    "action": "post",
}
for _ns, (_key, _allowed, _marker) in VIEWSETS.items():
    for _route, _method in VIEWSET_ROUTES.items():
        if _ns == "audit" and _route == "action":
            continue  # the audit log has no actions
        if _ns == "vacancies_accreditations" and _route == "copy":
            continue  # granting is the add view; copying is switched off (no such route)
        _kwargs = (
            (lambda k: lambda w: {"pk": w[k].pk, "action": "x"})(_key)
            if _route == "action"
            else _pk(_key)
        )
        OBJECT_CASES.append(
            Case(
                f"{_ns}:{_route}",
                _kwargs,
                _allowed if _route in ("inspect", "action") else set(),
                _marker if _route == "inspect" else None,
                _method,
            )
        )

CASE_NAMES = {case.name for case in OBJECT_CASES}


def classify(name: str, pattern: str) -> str | None:
    if name in CASE_NAMES:
        return "object"
    if any(fnmatch(name, p) for p in UNCOVERED):
        return "uncovered"
    for kind, patterns in CLASSES.items():
        if any(fnmatch(name, p) for p in patterns if p) or (name == "" and "" in patterns):
            return kind
    return None


def test_every_route_is_classified():
    unclassified = [
        f"{pattern}  (name {name!r})"
        for pattern, name in all_routes()
        if classify(name, pattern) is None
    ]
    assert not unclassified, (
        "Classify these routes in tests/security/test_matrix.py:\n" + "\n".join(unclassified)
    )


def test_every_case_names_a_real_route():
    names = {name for _pattern, name in all_routes()}
    assert CASE_NAMES <= names, CASE_NAMES - names


# --- the matrix ------------------------------------------------------------------------------

REFUSED = {403, 404, 405}
#: Where a refused request is sent: sign-in, or (signed in, not staff) one's own dashboard.
SAFE_REDIRECTS = (
    "/accounts/login/",
    "/accounts/2fa/",
    "/admin/login/",
    "/django-admin/login/",
    "/dashboard/",
)
#: Static parts of the admin, the same for everyone (translations catalogue, icon sprite).
ADMIN_ASSETS = ("/admin/jsi18n/", "/admin/sprite/", "/django-admin/logout/")


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def _states(world):
    return {
        key: obj.__class__.objects.filter(pk=obj.pk).values_list("status", flat=True).first()
        for key, obj in world.items()
        if key != "users" and hasattr(obj, "status")
    }


@pytest.mark.django_db
def test_nobody_reaches_what_is_not_theirs(client, world):
    users = world["users"]
    before = _states(world)
    problems = []
    for case in OBJECT_CASES:
        url = reverse(case.name, kwargs=case.kwargs(world))
        if url.startswith("/ru/"):
            url = "/en/" + url[4:]
        for role in ROLES:
            if case.method == "post" and role in A | {"worker"}:
                continue  # owners act on their own things (the strangers: other_worker, agency_b)
            client.logout()
            if users[role] is not None:
                client.force_login(users[role])
            response = getattr(client, case.method)(url)
            body = _body(response)
            marker = case.marker(world) if callable(case.marker) else case.marker
            where = f"{role:13} {case.method.upper():4} {url} → {response.status_code}"
            if role in case.allowed:
                if case.method == "post":
                    continue  # reached; the service decides (state checked at the end)
                if response.status_code != 200 or (marker and marker not in body):
                    problems.append(f"{where}: allowed, but marker {marker!r} not shown")
                continue
            location = response.get("Location", "")
            refused = response.status_code in REFUSED or (
                response.status_code == 302
                and (any(s in location for s in SAFE_REDIRECTS) or location == "/admin/")
            )
            if not refused:
                problems.append(f"{where} {location}: not refused")
            elif marker and marker in body:
                problems.append(f"{where}: refused, but shows {marker!r}")
    assert not problems, "\n".join(problems)
    assert _states(world) == before, "a refused request changed something"


# --- the back office as a whole --------------------------------------------------------------


def _sample_url(pattern: str) -> str | None:
    """A concrete URL for a path() pattern (parameters filled with 1 / "x"); None for regexes."""
    import re

    if "^" in pattern or "(?" in pattern:
        return None
    url = re.sub(r"<int:\w+>", "1", pattern)
    url = re.sub(r"<(?:\w+:)?\w+>", "x", url)
    return "/" + url


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "worker", "agency_a"])
def test_backoffice_is_closed_to_the_public(client, users, role):
    """Every back-office route (Wagtail's, ours, Django admin) refuses non-staff users."""
    if users[role] is not None:
        client.force_login(users[role])
    open_routes = []
    for pattern, _name in all_routes():
        if not pattern.startswith(("admin/", "django-admin/")):
            continue
        url = _sample_url(pattern)
        if url is None or url in ADMIN_ASSETS:
            continue
        response = client.get(url)
        location = response.get("Location", "")
        if response.status_code == 200 or (
            response.status_code == 302 and not any(s in location for s in SAFE_REDIRECTS)
        ):
            open_routes.append(f"{url} → {response.status_code} {location}")
    assert not open_routes, "\n".join(open_routes)
