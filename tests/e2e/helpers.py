"""Shared helpers of the browser journeys: signing in (with TOTP), the e-mails the live server
sent, small real files to upload, and builders for what a journey needs before it starts.

The live server runs in this process, so ``django.core.mail.outbox`` holds what it sent and
the test can read and write the database directly (``DJANGO_ALLOW_ASYNC_UNSAFE`` is set by the
``browser`` fixture).
"""

import contextlib
import io
import re
import tempfile
import time
from pathlib import Path

import pytest
from django.core import mail
from django.core.files.storage import FileSystemStorage

#: The password of every account made with ``tests.conftest.make_user``.
PASSWORD = "correct-horse-battery"
URL_RE = re.compile(r"https?://[^\s\"'<>]+")


# --- signing in ------------------------------------------------------------------------------


def totp_code(secret: str) -> str:
    """The current six-digit code of a TOTP ``secret`` (allauth's own algorithm)."""
    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    period = app_settings.TOTP_PERIOD
    if period - time.time() % period < 2:  # about to roll over: take the next window's code
        time.sleep(period - time.time() % period + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // period))


def totp_give(user) -> str:
    """Register a TOTP authenticator for ``user`` (tests.conftest.give_totp) and return its
    secret, so a journey can type the codes an authenticator app would show."""
    from allauth.mfa.utils import decrypt

    from tests.conftest import give_totp

    return decrypt(give_totp(user).instance.data["secret"])


def sign_in(
    page,
    login: str,
    *,
    password: str = PASSWORD,
    totp_secret: str | None = None,
    lang: str = "en",
    next_url: str = "",
) -> None:
    """Sign in through the account pages like a user: e-mail and password, then the TOTP code
    when the account has an authenticator. Ends on the page the sign-in leads to."""
    page.goto(f"/{lang}/accounts/login/" + (f"?next={next_url}" if next_url else ""))
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", password)
    page.locator("main form:has(input[name=password]) [type=submit]").first.click()
    page.wait_for_load_state()
    if totp_secret:
        assert "/accounts/2fa/authenticate/" in page.url, page.url
        page.fill("input[name=code]", totp_code(totp_secret))
        page.locator("main form:has(input[name=code]) [type=submit]").first.click()
        page.wait_for_load_state()
    assert "/accounts/login/" not in page.url, f"sign-in failed, still on {page.url}"


def sign_up(page, email: str, password: str, *, lang: str = "en") -> None:
    """Sign up with e-mail and password, then confirm the address with the link in the
    e-mail, as a new user would. Ends signed in."""
    page.goto(f"/{lang}/accounts/signup/")
    page.fill("input[name=email]", email)
    page.fill("input[name=password1]", password)
    page.fill("input[name=password2]", password)
    page.locator("main form:has(input[name=password1]) [type=submit]").click()
    page.wait_for_load_state()
    page.goto(link_in_last_email(email, "/confirm-email/"))
    page.locator("main form [type=submit]").first.click()
    page.wait_for_load_state()
    if "/accounts/login/" in page.url:
        sign_in(page, email, password=password, lang=lang)


def sign_out(page, *, lang: str = "en") -> None:
    page.goto(f"/{lang}/accounts/logout/")
    page.locator("main form [type=submit]").first.click()
    page.wait_for_load_state()


def staff_sign_in(page, user) -> None:
    """Sign a staff user in to the back office with password and TOTP code, in English
    (their Wagtail admin language is set to English so tests read English labels)."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    sign_in(page, user.email, totp_secret=totp_give(user), next_url="/admin/")
    assert page.url.endswith("/admin/"), page.url


@pytest.fixture
def desk(browser_reference_data, browser, live_server, transactional_db):
    """A desktop-sized page (1280 px wide) for the Wagtail back office, in its own context."""
    context = browser.new_context(
        base_url=live_server.url, accept_downloads=True, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    yield page
    context.close()


@contextlib.contextmanager
def page_kept_on_failure(page, name: str):
    """On an error inside the block, save the page's HTML and a screenshot under
    ``$TMPDIR/karavan-e2e/`` (the path is in the error) to see what the user saw."""
    try:
        yield
    except Exception as exc:
        folder = Path(tempfile.gettempdir()) / "karavan-e2e"
        folder.mkdir(exist_ok=True)
        with contextlib.suppress(Exception):  # the page may be gone; the first error matters
            (folder / f"{name}.html").write_text(page.content(), encoding="utf-8")
            page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
        exc.add_note(f"page at {page.url} saved to {folder / name}.html/.png")
        raise


# --- folded parts of the page (<details>, no JavaScript) ------------------------------------


def details_open(page, selector: str) -> None:
    """Open the <details> at ``selector`` as a person would, by its summary (a phone-width page
    folds the main menu, the language choice and the vacancy filters)."""
    details = page.locator(selector)
    if details.get_attribute("open") is None:
        details.locator("> summary").click()


def menu_open(page) -> None:
    details_open(page, "header details.menu")


def filters_open(page) -> None:
    details_open(page, "main details.filters")


# --- e-mail ----------------------------------------------------------------------------------


def emails_to(address: str) -> list:
    return [message for message in mail.outbox if address in message.to]


def link_in_last_email(address: str, contains: str = "") -> str:
    """The first link (containing ``contains``) in the last e-mail sent to ``address``."""
    sent = emails_to(address)
    assert sent, f"no e-mail to {address}; outbox: {[m.to for m in mail.outbox]}"
    links = [url for url in URL_RE.findall(sent[-1].body) if contains in url]
    assert links, f"no link with {contains!r} in:\n{sent[-1].body}"
    return links[0]


# --- files -----------------------------------------------------------------------------------


def pdf_bytes(text: str = "Karavan test document") -> bytes:
    """A small but real one-page PDF (pypdf), with ``text`` in its metadata."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Title": text})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_file(directory, name: str) -> str:
    """Write a small real PDF named ``name`` into ``directory``; return its path for
    ``page.set_input_files``."""
    path = directory / name
    path.write_bytes(pdf_bytes(name))
    return str(path)


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def uploads_in_tmp(settings, tmp_path):
    """Private uploads (licence documents, evidence, contracts) and public media (leaflets)
    go to a temporary directory while the live server runs, never into the working tree."""
    from licensing.models import ComplaintEvidence
    from portal.models import CaseDocument
    from vacancies.models import EmploymentContract, JobOrder

    settings.MEDIA_ROOT = str(tmp_path / "media")
    storage = FileSystemStorage(location=tmp_path / "private", base_url=None)
    fields = [
        CaseDocument._meta.get_field("file"),
        ComplaintEvidence._meta.get_field("file"),
        JobOrder._meta.get_field("contract_template"),
        EmploymentContract._meta.get_field("pdf"),
    ]
    saved = [field.storage for field in fields]
    for field in fields:
        field.storage = storage
    yield storage
    for field, old in zip(fields, saved, strict=True):
        field.storage = old


# --- data builders ---------------------------------------------------------------------------


def authority(country: str, name: str | None = None):
    """A ministry with every competence in ``country``."""
    from portal.models import Organisation

    return Organisation.objects.create(
        name=name or f"Ministry of Labour ({country})",
        kind="authority",
        country_id=country,
        competences=[c.value for c in Organisation.Competence],
    )


def officer(email: str, organisation, *, role: str = "officer"):
    """A staff user of ``organisation`` with a TOTP authenticator; returns (user, secret)."""
    from tests.conftest import make_user

    user = make_user(email, role=role, organisation=organisation)
    return user, totp_give(user)


def published_vacancy(**overrides) -> dict:
    """A licensed KG agency with a job order published under a KG→KZ scheme (vetted by a KZ
    officer through the services). Returns the pieces, as tests/vacancies' ``v`` dict does,
    plus ``job_order``."""
    from portal.models import Organisation, Role
    from tests.conftest import make_user
    from tests.vacancies.factories import (
        employer_accredit,
        licence_issue,
        minimum_wage,
        published,
        scheme_create,
    )

    kz, kg = authority("KZ"), authority("KG")
    agency = Organisation.objects.create(
        name="Silk Road Recruitment", kind="agency", country_id="KG", registration_number="KG-1001"
    )
    employer = Organisation.objects.create(
        name="Almaty Agro Holding", kind="employer", country_id="KZ"
    )
    v = {
        "kz_authority": kz,
        "kg_authority": kg,
        "agency": agency,
        "employer": employer,
        "agency_admin": make_user(
            "agency.admin@example.org", role=Role.AGENCY_ADMIN, organisation=agency
        ),
        "officer": make_user("kz.officer@example.org", role=Role.OFFICER, organisation=kz),
        "licence": licence_issue(agency, kg),
        "scheme": scheme_create(),
    }
    minimum_wage()
    v["accreditation"] = employer_accredit(employer, kz, by=v["officer"])
    v["job_order"] = published(v, **overrides)
    return v
