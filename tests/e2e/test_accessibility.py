"""axe-core (WCAG 2.2 AA) on every public page type and every form, in Russian and Tajik; no
page shows "None", "True"/"False" or a machine code (snake_case) where a label belongs.

One test per (page, language). The data the pages need is built once for the module and
committed; the module runs its own live server and keeps one browser context per signed-in
role, so the ~100 checks cost one page load and one axe run each, not a database flush.
Pages already checked elsewhere (tests/portal/test_accessibility.py: verify form, an unknown
number, data licence, login, sign-up, password reset; tests/info_campaigns: home, campaign and
guide pages in Russian and Kazakh) are not repeated here unless in another state or language.

Form pages are also checked in their error state (submitted empty): the errors must be in an
alert, each invalid field marked ``aria-invalid`` and tied to its message.
"""

import re
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.management import call_command
from django.test import override_settings

from tests.browser import PHONE_VIEWPORT, axe_violations, format_violations

LANGS = ["ru", "tg"]
#: What a reader must never see: Python's None/True/False, or a machine code such as
#: "info_requested" instead of its label.
LEAKED = re.compile(r"\b(?:None|True|False)\b|\b[a-z]+(?:_[a-z]+)+\b")


# --- data ------------------------------------------------------------------------------------


def private_storage_to(path) -> list:
    """Uploaded files of every app go to `path`; returns what to restore."""
    from licensing.models import ComplaintEvidence
    from portal.models import CaseDocument
    from vacancies.models import JobOrder

    storage = FileSystemStorage(location=path, base_url=None)
    fields = [
        CaseDocument._meta.get_field("file"),
        ComplaintEvidence._meta.get_field("file"),
        JobOrder._meta.get_field("contract_template"),
    ]
    saved = [(f, f.storage) for f in fields]
    for f in fields:
        f.storage = storage
    return saved


def public_data_build() -> dict:
    """What a migrant's journey reads: a Russian and a Tajik guide, a licensed agency, a
    published vacancy under a scheme. Shared with tests/e2e/test_keyboard.py."""
    from wagtail.models import Locale

    from portal.models import Organisation, Role
    from tests.conftest import make_user
    from tests.info_campaigns.factories import (
        campaign_create,
        centre_create,
        guide_create,
        hotline_create,
        tree_build,
    )
    from tests.vacancies.factories import licence_issue, minimum_wage, published, scheme_create

    tree = tree_build()
    hotline = hotline_create()
    campaign_create(tree["ru"]["campaigns"])
    ru_guide = guide_create(tree["ru"]["guides"], hotline=hotline, centre=centre_create())
    guide_create(
        tree["tg"]["guides"],
        hotline=hotline,
        translation_key=ru_guide.translation_key,
        locale=Locale.objects.get(language_code="tg"),
        title="Кор дар Қазоқистон",
        summary="Бақайдгирӣ, иҷозатнома ва кумак дар Қазоқистон.",
    )

    competences = [c.value for c in Organisation.Competence]
    kz_authority = Organisation.objects.create(
        name="KZ Ministry", kind="authority", country_id="KZ", competences=competences
    )
    kg_authority = Organisation.objects.create(
        name="KG Ministry", kind="authority", country_id="KG", competences=competences
    )
    agency = Organisation.objects.create(
        name="Silk Road Recruitment",
        kind="agency",
        country_id="KG",
        registration_number="KG-0114523",
    )
    employer = Organisation.objects.create(
        name="Almaty Agro Holding", kind="employer", country_id="KZ"
    )
    agency_admin = make_user("a11y.agency@example.org", role=Role.AGENCY_ADMIN, organisation=agency)
    officer = make_user("a11y.officer@example.org", role=Role.OFFICER, organisation=kz_authority)
    licence = licence_issue(agency, kg_authority)
    scheme = scheme_create()
    minimum_wage()
    v = {
        "scheme": scheme,
        "employer": employer,
        "agency": agency,
        "agency_admin": agency_admin,
        "officer": officer,
    }
    from tests.vacancies.factories import employer_accredit

    employer_accredit(employer, kz_authority, by=officer)
    job_order = published(v)
    return {
        **v,
        "tree": tree,
        "kz_authority": kz_authority,
        "kg_authority": kg_authority,
        "licence": licence,
        "job_order": job_order,
    }


def worker_profile_data(origin_country) -> dict:
    from tests.vacancies.factories import skills

    return {
        "origin_country": origin_country,
        "sex": "M",
        "birth_year": 1995,
        "years_experience": 3,
        "education_level": "vocational",
        "months_available": [4, 5, 6, 7],
        "occupations": ["9211"],
        "skills": skills("harvest crops"),
        "languages": {"ru": "independent"},
    }


def full_data_build() -> dict:
    """Everything the signed-in pages show: a worker with a profile, an application with a cost
    report form, a permit draft; an agency with a renewal draft and candidates; a complaint."""
    from licensing import services as licensing_services
    from licensing.permits import services as permit_services
    from portal.models import Country, IscoGroup, Region, Role
    from tests.conftest import give_totp, make_user
    from vacancies import services as vacancy_services

    data = public_data_build()
    worker = make_user("a11y.worker@example.org")
    profile = vacancy_services.worker_profile_create(
        user=worker, data=worker_profile_data(data["scheme"].origin_country)
    )
    vacancy_services.worker_profile_consent_set(profile=profile, by=worker, consent=True)
    application = vacancy_services.vacancy_application_submit(
        job_order=data["job_order"], by=worker
    )
    permit = permit_services.permit_application_create(
        by=worker,
        kind="WP",
        country_id="KZ",
        data={
            "given_names": "Firuz",
            "surname": "Rahimov",
            "sex": "M",
            "birth_date": date(1994, 3, 8),
            "nationality": Country.objects.get(pk="TJ"),
            "passport_number": "TJ4400001",
            "passport_expiry": date.today() + timedelta(days=1800),
            "occupation": IscoGroup.objects.get(pk="2512"),
            "qualification": "higher",
            "qualification_evidence": "MSc Computer Science, TTU 2017",
            "employer_name": "Astana Build Group",
            "employer_tax_id": "020540001188",
            "employer_region": Region.objects.get(pk="KZ-71"),
            "job_order_number": "",
            "region": Region.objects.get(pk="KZ-75"),
            "requested_months": 12,
        },
    )
    renewal = licensing_services.licence_application_create(
        agency=data["agency"],
        by=data["agency_admin"],
        submission_key=uuid.uuid4(),
        renewal_of=data["licence"],
    )
    complaint = licensing_services.complaint_file(
        by=None,
        country_id="KG",
        category=_first_complaint_category(),
        description="They asked me to pay 500 dollars for the job.",
        agency=data["agency"],
        amount_paid=Decimal("500"),
        currency="USD",
    )
    newcomer = make_user("a11y.newcomer@example.org")  # no profile, no agency yet
    # An issued patent with a payment order: the pages a patent holder pays from.
    from tests.permits.conftest import under_review

    senior = make_user(
        "a11y.senior@example.org", role=Role.SENIOR_OFFICER, organisation=data["kz_authority"]
    )
    permit_services.fee_schedule_set(
        by=senior,
        authority=data["kz_authority"],
        kind="PT",
        amount=Decimal("14000"),
        currency="KZT",
        effective_from=date.today(),
    )
    patent = permit_services.permit_application_approve(
        application=under_review(worker, data["officer"], kind="PT"), by=data["officer"]
    )
    order = permit_services.payment_order_create(patent=patent, by=worker, months=1)
    give_totp(data["officer"])
    # The agency director protects the account with an authenticator and recovery codes.
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    give_totp(data["agency_admin"])
    RecoveryCodes.activate(data["agency_admin"])
    return {
        **data,
        "worker": worker,
        "profile": profile,
        "application": application,
        "permit": permit,
        "renewal": renewal,
        "complaint": complaint,
        "newcomer": newcomer,
        "patent": patent,
        "payment_order": order,
    }


def _first_complaint_category() -> str:
    from licensing.models import Complaint

    return Complaint._meta.get_field("category").choices[0][0]


# --- the module's server, data and signed-in browser contexts ---------------------------------


ROLES = ["worker", "newcomer", "agency_admin"]


@dataclass
class Site:
    url: str
    data: dict
    browser: object
    sessions: dict
    pages: dict = field(default_factory=dict)

    def page(self, who: str):
        """One page per role, reused by every test (signed in by a session cookie)."""
        if who not in self.pages:
            context = self.browser.new_context(base_url=self.url, viewport=PHONE_VIEWPORT)
            if who in self.sessions:
                context.add_cookies(
                    [
                        {
                            "name": settings.SESSION_COOKIE_NAME,
                            "value": self.sessions[who],
                            "url": self.url,
                        }
                    ]
                )
            self.pages[who] = context.new_page()
        return self.pages[who]


def session_for(user) -> str:
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.fixture(scope="module")
def site(browser, django_db_setup, django_db_blocker, tmp_path_factory):
    """Data committed once, a live server of its own (pytest-django's `live_server` would make
    every test transactional, flushing the data after each one), and the database flushed at
    the end as a transactional test would (tests/conftest.py then restores the shared data)."""
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        saved = private_storage_to(tmp_path_factory.mktemp("private"))
        server = None
        try:
            data = full_data_build()
            server = LiveServer("localhost")
            server._live_server_modified_settings.enable()
            state = Site(
                url=server.url,
                data=data,
                browser=browser,
                sessions={who: session_for(data[who]) for who in ROLES},
            )
            yield state
            for page in state.pages.values():
                page.context.close()
        finally:
            if server is not None:
                server._live_server_modified_settings.disable()
                server.stop()
            for f, storage in saved:
                f.storage = storage
            call_command("flush", verbosity=0, interactive=False)


# --- the pages -------------------------------------------------------------------------------


def submit_empty(page, button="main form[method=post] [type=submit] >> nth=-1") -> None:
    """Submit the main form as it is (a keyboard user pressing Enter on its button). The
    browser's own checks of required fields are switched off, as on browsers without them, so
    the server's error page is what is checked."""
    button = page.locator(button)
    button.evaluate("b => { b.form.noValidate = true; }")
    button.press("Enter")
    page.wait_for_load_state()


def track(page, lang, data, code=None):
    page.goto(f"/{lang}/complaints/track/")
    page.fill("input[name=code]", code or data["complaint"].tracking_code)
    page.locator("main form [type=submit]").last.press("Enter")
    page.wait_for_load_state()


def file_complaint(page, lang, data):
    page.goto(f"/{lang}/complaints/new/")
    page.locator("input[name=category]").first.check()
    page.select_option("select[name=country]", "KG")
    page.fill("input[name=agency_name]", "Some recruiter")
    page.fill("textarea[name=description]", "They kept my passport.")
    submit_empty(page)
    assert "/complaints/filed/" in page.url


def track_unknown(page, lang, data):
    track(page, lang, data, code="XXXX-XXXX-XXXX")
    assert_errors_announced(page)


def track_rate_limited(page, lang, data):
    from licensing.ratelimit import Rate

    with override_settings(
        KARAVAN_LICENSING_RATE_LIMITS={"complaint_track": [Rate(0, 600, "key")]}
    ):
        track(page, lang, data)
    assert page.locator("main [role=alert]").count()


PASSWORD = "correct-horse-battery"  # tests.conftest.make_user's


def totp_activate(page, lang, data, *, empty_submit=False):
    """The authenticator set-up page, after confirming the password as allauth asks."""
    page.goto(f"/{lang}/accounts/2fa/totp/activate/")
    if "/reauthenticate/" in page.url:
        page.fill("input[name=password]", PASSWORD)
        page.locator("main form[method=post] [type=submit]").first.press("Enter")
        page.wait_for_load_state()
    assert "/2fa/totp/activate/" in page.url, page.url
    if empty_submit:
        submit_empty(page)
        assert_errors_announced(page)


def recovery_codes(page, lang, data):
    """The recovery codes of a user with an authenticator, after confirming the password."""
    page.goto(f"/{lang}/accounts/2fa/recovery-codes/")
    if "/reauthenticate/" in page.url:
        page.fill("input[name=password]", PASSWORD)
        page.locator("main form[method=post] [type=submit]").first.press("Enter")
        page.wait_for_load_state()
    assert "/2fa/recovery-codes/" in page.url, page.url
    assert page.locator("main textarea#recovery_codes").count(), "no codes shown"


def mfa_authenticate(page, lang, data):
    """The second step of signing in, for a user with an authenticator."""
    page.context.clear_cookies()
    page.goto(f"/{lang}/accounts/login/")
    page.fill("input[name=login]", data["officer"].email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form[method=post] [type=submit]").first.press("Enter")
    page.wait_for_load_state()
    assert "/2fa/authenticate/" in page.url, page.url


def phone_verify(page, lang, data, *, empty_submit=False):
    """Sign-up with a phone number only leads to the form for the code sent by SMS."""
    page.context.clear_cookies()
    page.goto(f"/{lang}/accounts/signup/")
    page.fill("input[name=phone]", f"+99290000{LANGS.index(lang)}{int(empty_submit)}12")
    page.fill("input[name=password1]", "a-long-unusual-passphrase-42")
    page.fill("input[name=password2]", "a-long-unusual-passphrase-42")
    page.locator("main form[method=post] [type=submit]").last.press("Enter")
    page.wait_for_load_state()
    assert "/accounts/phone/verify/" in page.url, page.url
    if empty_submit:
        submit_empty(page, "main form:has(input[name=code]) button[type=submit] >> nth=0")
        assert_errors_announced(page)


def form_error(path):
    def go(page, lang, data):
        page.goto(f"/{lang}/{path.format(**ids(data))}")
        submit_empty(page)
        assert_errors_announced(page)

    return go


def ids(data) -> dict:
    return {
        "job_order": data["job_order"].pk,
        "application": data["application"].pk,
        "permit": data["permit"].pk,
        "renewal": data["renewal"].pk,
        "agency": data["agency"].pk,
        "licence": data["licence"].number,
        "job_order_number": data["job_order"].number,
        "patent": data["patent"].number,
        "payment_order": data["payment_order"].reference,
    }


def assert_errors_announced(page) -> None:
    """The errors are summed up in an alert that links to each field in error, and every such
    field says it is invalid and is described by its message (a radio group by its fieldset)."""
    summary = page.locator("main [role=alert]")
    assert summary.count(), "no error summary in an alert"
    invalid = page.locator("main [aria-invalid=true]")
    assert invalid.count(), "no field is marked aria-invalid"
    for i in range(invalid.count()):
        field_ = invalid.nth(i)
        described = field_.evaluate(
            "e => e.getAttribute('aria-describedby')"
            " || e.closest('fieldset')?.getAttribute('aria-describedby') || ''"
        )
        errors = [
            ref for ref in described.split() if page.locator(f"[id='{ref}'].errorlist").count()
        ]
        assert errors, f"field {field_.get_attribute('name')} is not tied to its error message"
        name = field_.get_attribute("name")
        assert (
            summary.locator(f"a[href='#{field_.get_attribute('id')}']").count()
            or summary.locator(f"a[href^='#id_{name}']").count()
        ), f"the error summary does not link to field {name}"


@dataclass(frozen=True)
class Case:
    name: str
    who: str
    go: object  # a path under /<lang>/, or a callable(page, lang, data)
    status: int | None = 200


CASES = [
    # public pages
    Case("home", "anonymous", ""),
    Case("guide", "anonymous", "guides/kazakhstan/"),
    # 200 in Russian; in Tajik, not translated: the 404 that says so and offers Russian.
    Case("campaign", "anonymous", "campaigns/fees/", None),
    Case("search-results", "anonymous", "search/?q=agency"),
    Case("registry", "anonymous", "registry/?q=Silk"),
    Case("registry-agency", "anonymous", "registry/{agency}/"),
    Case("verify-valid-licence", "anonymous", "verify/{licence}/"),
    Case("verify-job-order", "anonymous", "verify/{job_order_number}/"),
    Case("vacancies", "anonymous", "vacancies/"),
    Case("vacancies-empty", "anonymous", "vacancies/?q=zzzzzz"),
    Case("vacancy", "anonymous", "vacancies/{job_order}/"),
    Case("permit-fees", "anonymous", "permits/fees/"),
    Case("complaint-form", "anonymous", "complaints/new/"),
    Case("complaint-form-errors", "anonymous", form_error("complaints/new/"), 400),
    Case("complaint-filed", "anonymous", file_complaint),
    Case("complaint-track-form", "anonymous", "complaints/track/"),
    Case("complaint-track-result", "anonymous", track),
    Case("complaint-track-unknown", "anonymous", track_unknown),
    Case("complaint-track-429", "anonymous", track_rate_limited, 429),
    Case("not-found-404", "anonymous", "no-such-page/", 404),
    # accounts
    Case("signup-errors", "anonymous", form_error("accounts/signup/"), None),
    Case("phone-signup-verify", "signing_in", phone_verify),
    Case(
        "phone-signup-verify-errors",
        "signing_in",
        lambda page, lang, data: phone_verify(page, lang, data, empty_submit=True),
    ),
    Case("password-reset-done", "anonymous", "accounts/password/reset/done/"),
    Case("dashboard-worker", "worker", "dashboard/"),
    Case("email-addresses", "worker", "accounts/email/"),
    Case("password-change", "worker", "accounts/password/change/"),
    Case("mfa-index", "worker", "accounts/2fa/"),
    Case("reauthenticate", "worker", "accounts/reauthenticate/"),
    Case("mfa-totp-activate", "worker", totp_activate),
    Case(
        "mfa-totp-activate-errors",
        "worker",
        lambda page, lang, data: totp_activate(page, lang, data, empty_submit=True),
    ),
    Case("mfa-authenticate", "signing_in", mfa_authenticate),
    Case("sessions", "worker", "accounts/sessions/"),
    Case("mfa-recovery-codes", "agency_admin", recovery_codes),
    # worker
    Case("profile", "worker", "profile/"),
    Case("profile-new", "newcomer", "profile/"),
    Case("profile-errors", "newcomer", form_error("profile/"), 400),
    Case("profile-skills", "worker", "profile/skills/?q=harvest"),
    Case("profile-delete", "worker", "profile/delete/"),
    Case("my-applications", "worker", "profile/applications/"),
    Case("cost-report", "worker", "profile/applications/{application}/costs/"),
    Case("vacancies-for-you", "worker", "vacancies-for-you/"),
    Case("permits-home", "worker", "permits/"),
    Case("permit-apply", "worker", "permits/apply/work-permit/"),
    Case("patent-apply", "worker", "permits/apply/patent/"),
    Case("permit-apply-errors", "worker", form_error("permits/apply/patent/"), 400),
    Case("permit-application", "worker", "permits/application/{permit}/"),
    Case("patent-pay", "worker", "permits/patent/{patent}/pay/"),
    Case("payment-order", "worker", "permits/payment/{payment_order}/"),
    # agency
    Case("agency-register", "newcomer", "agency/register/"),
    Case("agency-register-errors", "newcomer", form_error("agency/register/"), None),
    Case("dashboard-agency", "agency_admin", "dashboard/"),
    Case("agency-home", "agency_admin", "agency/"),
    Case("licence-application", "agency_admin", "agency/licence/{renewal}/"),
    Case("licence-step-scope", "agency_admin", "agency/licence/{renewal}/step/scope/"),
    Case("licence-step-documents", "agency_admin", "agency/licence/{renewal}/step/documents/"),
    Case("licence-step-declaration", "agency_admin", "agency/licence/{renewal}/step/declaration/"),
    Case("job-orders", "agency_admin", "agency/job-orders/"),
    Case("job-order", "agency_admin", "agency/job-orders/{job_order}/"),
    Case("job-order-form", "agency_admin", "agency/job-orders/new/"),
    Case("job-order-form-errors", "agency_admin", form_error("agency/job-orders/new/"), None),
    Case("candidates", "agency_admin", "agency/candidates/"),
    Case("job-order-matches", "agency_admin", "agency/matches/{job_order}/"),
]


# Each test's own (empty) transaction is rolled back; the module's data stays committed.
@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_page_has_no_axe_violations(site, case, lang):
    page = site.page(case.who)
    if callable(case.go):
        case.go(page, lang, site.data)
    else:
        response = page.goto(f"/{lang}/{case.go.format(**ids(site.data))}")
        if case.status is not None:
            assert response.status == case.status, page.url
    assert page.evaluate("() => document.documentElement.lang") == lang
    leaked = sorted(set(LEAKED.findall(page.evaluate("() => document.body.innerText"))))
    assert not leaked, f"{page.url} shows {leaked}"
    violations = axe_violations(page)
    assert violations == [], f"{page.url}\n{format_violations(violations)}"


@pytest.mark.parametrize("lang", LANGS)
def test_outage_page_has_no_axe_violations(browser, lang):
    """The 503 page a database outage shows (rendered as `handler500` renders it: it cannot
    come from the live server without taking its database down; tests/portal/test_outage.py
    does that), with the site's stylesheet, on a phone."""
    from django.template.loader import render_to_string
    from django.utils import translation

    from portal.views import OUTAGE_RETRY_AFTER

    with translation.override(lang):
        html = render_to_string("503.html", {"lang": lang, "retry_after": OUTAGE_RETRY_AFTER})
    css = (Path(settings.BASE_DIR) / "static" / "css" / "site.css").read_bytes()
    context = browser.new_context(viewport=PHONE_VIEWPORT)
    page = context.new_page()
    page.route(
        "http://karavan.test/static/css/site.css",
        lambda route: route.fulfill(body=css, content_type="text/css"),
    )
    page.route(
        "http://karavan.test/outage",
        lambda route: route.fulfill(status=503, body=html, content_type="text/html"),
    )
    page.goto("http://karavan.test/outage")
    assert page.evaluate("() => document.styleSheets[0].cssRules.length") > 0  # CSS applied
    violations = axe_violations(page)
    context.close()
    assert violations == [], format_violations(violations)
