"""Journey 3: an officer, signed in with password and authenticator code, starts from *my work*
on the dashboard, works the queues of the back office — decides a licence application, vets a
job order (published with its number), approves a fast-track work permit, suspends an agency
(its vacancy leaves the public search) — reads each case's history in words and finds every
decision in the audit log as a sentence.

With KARAVAN_SCREENSHOTS=<folder> the journey saves a screenshot of each screen there.

Only the preconditions (an authority, agencies, submitted cases) are built through services;
everything the officer does is clicks and form fills in Chromium.
"""

import os
import re
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import expect

from licensing.models import Licence, LicenceApplication
from licensing.permits.models import PermitApplication
from portal.models import AuditEvent, Organisation, Role
from tests.conftest import make_user
from vacancies.models import JobOrder

from .helpers import desk, page_kept_on_failure, staff_sign_in, uploads_in_tmp  # noqa: F401

pytestmark = pytest.mark.usefixtures("uploads_in_tmp")


@pytest.fixture
def queues(transactional_db):
    """A KZ ministry with an officer, and one waiting case in each queue."""
    from tests.licensing.factories import submitted_application
    from tests.permits.conftest import submitted as permit_submitted
    from tests.vacancies.factories import (
        draft_job_order,
        licence_issue,
        minimum_wage,
        scheme_create,
    )
    from vacancies import services as vacancy_services

    ministry = Organisation.objects.create(
        name="KZ Ministry of Labour",
        kind="authority",
        country_id="KZ",
        competences=[c.value for c in Organisation.Competence],
    )
    officer = make_user(
        "officer@example.org",
        role=Role.OFFICER,
        organisation=ministry,
        first_name="Aigerim",
        last_name="Officer",
    )
    # An agency applying for its first licence.
    applicant = Organisation.objects.create(
        name="Steppe Test Staffing", kind="agency", country_id="KZ", registration_number="KZ-1"
    )
    applicant_admin = make_user(
        "steppe@example.org", role=Role.AGENCY_ADMIN, organisation=applicant
    )
    application = submitted_application({"kz_agency": applicant, "kz_admin": applicant_admin})
    # A licensed agency whose job order waits for vetting.
    recruiter = Organisation.objects.create(
        name="Silk Road Test Recruitment",
        kind="agency",
        country_id="KZ",
        registration_number="KZ-2",
    )
    recruiter_admin = make_user(
        "silkroad@example.org", role=Role.AGENCY_ADMIN, organisation=recruiter
    )
    licence = licence_issue(recruiter, ministry)
    employer = Organisation.objects.create(
        name="Almaty Agro Holding", kind="employer", country_id="KZ"
    )
    from tests.vacancies.factories import employer_accredit

    employer_accredit(employer, ministry, by=recruiter_admin)
    minimum_wage()
    job_order = draft_job_order(
        {
            "scheme": scheme_create(),
            "employer": employer,
            "agency": recruiter,
            "agency_admin": recruiter_admin,
        },
        title=f"Orchard picker {uuid.uuid4().hex[:6]}",
    )
    vacancy_services.job_order_submit(job_order=job_order, by=recruiter_admin)
    # A highly skilled worker's work-permit application, on the fast track.
    permit = permit_submitted(make_user("firuz@example.org"))
    assert permit.fast_track
    return {
        "officer": officer,
        "application": application,
        "licence": licence,
        "job_order": job_order,
        "permit": permit,
    }


def open_case(page, queue_url, row_text):
    """From a queue, open the case whose row shows `row_text` (its inspect page)."""
    page.goto(queue_url)
    row = page.get_by_role("row").filter(has_text=row_text)
    expect(row).to_have_count(1)
    row.get_by_role("link").first.click()
    page.wait_for_load_state()
    if "/inspect/" not in page.url:  # the first link may be the edit view; use Inspect
        page.go_back()
        row.get_by_role("link", name=re.compile("Inspect", re.I)).first.click()
    expect(page).to_have_url(re.compile(r"/inspect/\d+/$"))


def shot(page, name: str) -> None:
    """A full-page screenshot for people to look at, when KARAVAN_SCREENSHOTS names a folder."""
    folder = os.environ.get("KARAVAN_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        # The admin scrolls inside its own pane, so a "full page" is only the window: make the
        # window as tall as the pane's content for the picture, then put it back.
        size = page.viewport_size
        height = page.evaluate(
            "Math.max(document.body.scrollHeight, ...Array.from("
            "document.querySelectorAll('main, .content-wrapper, #main'),"
            " e => e.scrollHeight))"
        )
        page.set_viewport_size({"width": size["width"], "height": min(max(height, 600), 6000)})
        page.screenshot(path=str(Path(folder) / f"officer-{name}.png"), full_page=True)
        page.set_viewport_size(size)


def act(page, label, **fields):
    """Fill and submit one action form on a case page (a section headed by the action)."""
    section = page.get_by_role("region", name=label)
    for field_label, value in fields.items():
        section.get_by_label(field_label).fill(value)
    section.get_by_role("button", name=label).click()
    page.wait_for_load_state()


def test_officer_works_the_queues(desk, queues):  # noqa: F811
    with page_kept_on_failure(desk, "officer"):
        journey(desk, queues)


def journey(page, queues):
    officer = queues["officer"]
    staff_sign_in(page, officer)

    # 0. The dashboard opens on my work: one panel per competence, by deadline.
    application = queues["application"]
    page.goto("/admin/")
    panel = page.locator("#my_work_licence_application-section")
    expect(panel).to_contain_text("Submitted: 1")
    expect(page.locator("#my_work_job_order-section")).to_contain_text("Submitted: 1")
    expect(page.locator("#my_work_permit_application-section")).to_contain_text("Submitted: 1")
    shot(page, "1-dashboard")

    # 1. The licence application: start the review, then approve with a condition. Each
    # action says what it will do; the case page never shows codes, True or None.
    panel.get_by_role("link", name=re.compile("Steppe Test Staffing")).click()
    expect(page).to_have_url(re.compile(r"/inspect/\d+/$"))
    expect(page.get_by_text("registration_certificate.pdf")).to_be_visible()
    expect(
        page.get_by_text("You take the case; the applicant sees that it is under review.")
    ).to_be_visible()
    shot(page, "2-case")
    act(page, "Start review")
    expect(page.get_by_text("Done: Start review.")).to_be_visible()
    act(page, "Approve and issue the licence", Conditions="Korea and UK only")
    expect(page.get_by_text("Done: Approve and issue the licence.")).to_be_visible()
    history = page.locator("ol.case-history")
    expect(history).to_contain_text("Aigerim Officer (Officer, KZ) started reviewing")
    expect(history).to_contain_text("Aigerim Officer (Officer, KZ) approved licence application")
    main = page.locator("main").inner_text()
    for code in (
        r"under_review",
        r"\bNone\b(?!\.)",
        r"\bTrue\b",
        r"\bFalse\b",
        r"licence_application\.",
    ):
        assert not re.search(code, main), code
    shot(page, "3-decided-with-history")
    application.refresh_from_db()
    assert application.status == "approved" and application.decided_by == officer
    licence = Licence.objects.get(application=application)
    assert re.fullmatch(r"KZ-LIC-\d{4}-\d{6}", licence.number)
    assert licence.conditions == "Korea and UK only" and licence.status == "active"

    # 2. The job order: review, approve — it is published with its JO number.
    job_order = queues["job_order"]
    open_case(page, "/admin/vacancies/vetting/", job_order.title)
    act(page, "Start review")
    act(page, "Publish")
    expect(page.get_by_text("Done: Publish.")).to_be_visible()
    job_order.refresh_from_db()
    assert job_order.status == "approved" and re.fullmatch(r"KZ-JO-\d{4}-\d{6}", job_order.number)
    expect(page.get_by_text(job_order.number).first).to_be_visible()
    public = page.context.new_page()
    public.goto(f"/en/vacancies/?q={job_order.title}")
    expect(public.get_by_role("link", name=job_order.title)).to_be_visible()

    # 3. The fast-track work permit: review and approve; the permit number is issued.
    permit = queues["permit"]
    open_case(page, "/admin/permits/applications/", f"#{permit.pk} — ")
    act(page, "Start review")
    act(page, "Approve and issue (reserves quota)")
    expect(page.get_by_text("Done: Approve and issue (reserves quota).")).to_be_visible()
    permit = PermitApplication.objects.get(pk=permit.pk)
    assert permit.status == "approved" and permit.workpermit.number.startswith("KZ-WP-")
    expect(page.get_by_text(permit.workpermit.number).first).to_be_visible()

    # 4. Suspend the recruiting agency: its vacancy leaves the public search at once.
    suspended = queues["licence"]
    open_case(page, "/admin/licensing/licences/", suspended.number)
    act(page, "Suspend", Reason="Workers charged recruitment fees")
    expect(page.get_by_text("Done: Suspend.")).to_be_visible()
    suspended.refresh_from_db()
    assert suspended.status == "suspended"
    public.reload()
    expect(public.get_by_role("link", name=job_order.title)).to_have_count(0)
    assert JobOrder.objects.get(pk=job_order.pk).status == "approved"  # hidden, not changed

    # 5. The audit log reads as sentences with links to the cases, filterable by case.
    page.goto("/admin/audit/")
    for action in (
        "licence_application.approve",
        "job_order.approve",
        "permit_application.approve",
        "licence.suspend",
    ):
        assert AuditEvent.objects.filter(action=action, actor=officer).count() == 1
    expect(
        page.get_by_role("row").filter(
            has_text=f"Aigerim Officer (Officer, KZ) suspended licence {suspended.number}: "
            "Workers charged recruitment fees"
        )
    ).to_be_visible()
    expect(
        page.get_by_role("row").filter(
            has_text=f"Aigerim Officer (Officer, KZ) approved permit application {permit.pk}"
        )
    ).to_be_visible()
    shot(page, "4-audit-log")
    page.goto(f"/admin/audit/?object_type=licensing.licenceapplication&object_id={application.pk}")
    rows = page.get_by_role("row").filter(has_text="licence application")
    expect(rows.filter(has_text="approved")).to_have_count(1)
    rows.filter(has_text="approved").get_by_role(
        "link", name=re.compile("licence application")
    ).click()
    expect(page).to_have_url(
        re.compile(rf"/admin/licensing/applications/inspect/{application.pk}/")
    )
    assert LicenceApplication.objects.get(pk=application.pk).status == "approved"

    # 6. In Russian (as in kk, ky, tg, tk, uz) the same screens show dates as DD.MM.YYYY, the
    # Help menu is translated and the avatar is a picture that loads.
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(officer)  # as set under Account → Locale
    profile.preferred_language = "ru"
    profile.save(update_fields=["preferred_language"])
    page.goto("/admin/")
    panel = page.locator("#my_work_permit_application-section")
    if panel.count():  # the permit was decided above; the other panels may be empty now
        expect(panel).not_to_contain_text("/20")
    expect(page.get_by_text("Помощь", exact=True).first).to_be_visible()
    assert page.evaluate("Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)")
    shot(page, "5-dashboard-ru")
    page.goto(f"/admin/licensing/applications/inspect/{application.pk}/")
    main = page.locator("main").inner_text()
    assert re.search(r"\b\d{2}\.\d{2}\.\d{4}\b", main) and not re.search(r"\d+/\d+/\d{4}", main)
    expect(page.locator("ol.case-history")).to_contain_text("одобрил")
    shot(page, "6-case-ru")
