"""Demo data for work permits and patents (development only), built through the services so it
obeys every rule: applications in every state for both tracks, patents active and lapsed,
quotas partly used and one exhausted, fee schedules and payments.

Called by `manage.py load_demo_data` after licensing (needs the agencies' licences).
"""

import json
from datetime import date, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from licensing.selectors import agency_has_active_licence
from portal.demo import application_walk, demo_user
from portal.models import Country, IscoGroup, Region
from portal.uploads import plain_pdf

from . import services
from .models import DocumentKind, PermitApplication
from .selectors import permit_settings, required_documents

DEMO_PDF = plain_pdf("Karavan demo document")
#: (email, given names, surname, sex, nationality, birth date, passport)
WORKERS = [
    ("worker@demo.karavan.kz", "Firuz", "Rahimov", "M", "TJ", date(1994, 3, 8), "TJ4100001"),
    ("worker.kg@demo.karavan.kz", "Aizada", "Mamytova", "F", "KG", date(1990, 7, 2), "KG4100002"),
    ("worker.uz@demo.karavan.kz", "Sardor", "Tursunov", "M", "UZ", date(1988, 11, 20), "UZ4100003"),
    ("worker.tj@demo.karavan.kz", "Nigina", "Saidova", "F", "TJ", date(1996, 1, 15), "TJ4100004"),
    ("worker.kg2@demo.karavan.kz", "Bolot", "Usenov", "M", "KG", date(1985, 5, 30), "KG4100005"),
    ("worker.uz2@demo.karavan.kz", "Dilnoza", "Karimova", "F", "UZ", date(1992, 9, 9), "UZ4100006"),
    ("worker.tj2@demo.karavan.kz", "Rustam", "Nazarov", "M", "TJ", date(1998, 4, 1), "TJ4100007"),
    ("worker.uz3@demo.karavan.kz", "Malika", "Yusupova", "F", "UZ", date(1991, 6, 12), "UZ4100008"),
    ("worker.tj3@demo.karavan.kz", "Davron", "Sharipov", "M", "TJ", date(1987, 2, 24), "TJ4100009"),
]
#: Kyrgyz citizens need no Kazakh permit or patent (EAEU Treaty, Art. 97; the corridor rules):
#: their accounts exist, reading Kyrgyz, and an application of theirs is refused with the reason.
EAEU_WORKERS = [w for w in WORKERS if w[4] == "KG"]


def _pdf(name):
    return SimpleUploadedFile(name, DEMO_PDF, content_type="application/pdf")


def _application(
    person,
    *,
    kind,
    occupation,
    qualification,
    region,
    passport_suffix="",
    by=None,
    agency=None,
    employer=("Astana Build Group", "020540001188"),
):
    email, first, last, sex, nationality, born, passport = person
    worker = demo_user(email, first, last)
    data = {
        "given_names": first,
        "surname": last,
        "sex": sex,
        "birth_date": born,
        "nationality": Country.objects.get(pk=nationality),
        "passport_number": passport + passport_suffix,
        "passport_expiry": timezone.localdate() + timedelta(days=4 * 365),
        "occupation": IscoGroup.objects.get(pk=occupation),
        "qualification": qualification,
        "qualification_evidence": "Diploma and work book" if qualification != "none" else "",
        "employer_name": employer[0] if kind == "WP" else "",
        "employer_tax_id": employer[1] if kind == "WP" else "",
        "employer_region": Region.objects.get(pk="KZ-71") if kind == "WP" else None,
        "job_order_number": "",
        "region": Region.objects.get(pk=region),
        "requested_months": 12,
    }
    application = services.permit_application_create(
        by=by or worker,
        kind=kind,
        country_id="KZ",
        data=data,
        agency=agency,
        worker=worker if agency else None,
    )
    uploader = by or worker
    if qualification == "higher":
        services.permit_document_add(
            application=application,
            by=uploader,
            kind=DocumentKind.DIPLOMA,
            uploaded=_pdf("diploma.pdf"),
        )
        application.refresh_from_db()
    present = set(application.documents.values_list("kind", flat=True))
    for doc in required_documents(
        application=application, settings=permit_settings(authority=application.authority)
    ):
        if doc not in present:
            services.permit_document_add(
                application=application, by=uploader, kind=doc, uploaded=_pdf(f"{doc}.pdf")
            )
    if agency is not None:
        services.permit_application_consent_give(application=application, by=worker)
    application.refresh_from_db()
    return application, worker


def _to(application, state, *, applicant, officer, deciding_officer):
    """Move a complete draft through the lifecycle to `state`. Returns the issued document."""
    if state == "withdrawn":
        services.permit_application_withdraw(
            application=application, by=applicant, reason="Found another job at home"
        )
        return None
    return application_walk(
        state,
        submit=lambda: services.permit_application_submit(application=application, by=applicant),
        review_start=lambda: services.permit_application_review_start(
            application=application, by=officer
        ),
        decisions={
            "info_requested": lambda: (
                services.permit_application_request_info(
                    application=application,
                    by=officer,
                    message="Please upload a legalised copy of the diploma.",
                )
                and None
            ),
            "refused": lambda: (
                services.permit_application_refuse(
                    application=application,
                    by=deciding_officer,
                    reason="The employer's tax id is not registered.",
                )
                and None
            ),
            "approved": lambda: _approve(application, deciding_officer),
        },
    )


def _approve(application, officer):
    """The issued permit or patent, or None when the quota is exhausted (the demo goes on)."""
    try:
        return services.permit_application_approve(application=application, by=officer)
    except services.QuotaExhausted:
        return None


def _pay_through_gateway(order):
    body = json.dumps(
        {
            "event_id": f"demo-{order.reference}",
            "reference": order.reference,
            "status": "paid",
            "amount": str(order.amount),
            "currency": order.currency,
        }
    ).encode()
    # The demo is its own gateway: no shared secret is needed (nor derived) to load it.
    services.payment_gateway_event_apply(body=body)


@transaction.atomic
def load_demo(*, core: dict, stdout=None) -> None:
    """Idempotent: does nothing when demo permit applications already exist."""
    if PermitApplication.objects.filter(worker__email__endswith="@demo.karavan.kz").exists():
        return
    orgs, users = core["organisations"], core["users"]
    authority = orgs["KZ"]
    officer, senior = users["officer.kz@demo.karavan.kz"], users["senior.kz@demo.karavan.kz"]
    today = timezone.localdate()
    for kind, region, amount in [
        ("WP", None, "40000"),
        ("PT", None, "14000"),
        ("PT", "KZ-75", "19000"),
        ("PT", "KZ-71", "19000"),
    ]:
        services.fee_schedule_set(
            by=senior,
            authority=authority,
            kind=kind,
            amount=Decimal(amount),
            currency="KZT",
            effective_from=date(today.year, 1, 1),
            region=Region.objects.get(pk=region) if region else None,
            reason="Demo fee schedule",
        )
    services.quota_create(
        by=senior,
        country_id="KZ",
        year=today.year,
        kind="WP",
        limit=500,
        reason="Government decree on foreign labour (demo)",
    )
    services.quota_create(
        by=senior,
        country_id="KZ",
        year=today.year,
        kind="PT",
        limit=200,
        region=Region.objects.get(pk="KZ-75"),
        reason="Akimat request (demo)",
    )
    exhausted = services.quota_create(
        by=senior,
        country_id="KZ",
        year=today.year,
        kind="PT",
        limit=1,
        region=Region.objects.get(pk="KZ-19"),
        reason="Seasonal agriculture (demo)",
    )

    for email, first, last, *_rest in EAEU_WORKERS:
        kyrgyz = demo_user(email, first, last)
        kyrgyz.preferred_language = "ky"
        kyrgyz.save(update_fields=["preferred_language"])
    # Everyone who applies below needs a Kazakh permit or patent under the corridor rules.
    w = [p for p in WORKERS if p not in EAEU_WORKERS]
    # Work permits: fast track (software developer with a degree) and standard (bricklayer).
    plan = [
        (w[0], "WP", "2512", "higher", "KZ-75", "approved"),
        (w[1], "WP", "2211", "higher", "KZ-71", "submitted"),
        (w[2], "WP", "7112", "vocational", "KZ-71", "under_review"),
        (w[3], "WP", "2512", "higher", "KZ-75", "info_requested"),
        (w[4], "WP", "7112", "vocational", "KZ-71", "refused"),
        (w[5], "WP", "3118", "vocational", "KZ-75", "withdrawn"),
        (w[6], "WP", "7112", "vocational", "KZ-71", "draft"),
        # Patents: low-skilled occupations, one region each.
        (w[0], "PT", "9313", "none", "KZ-75", "draft"),
        (w[1], "PT", "9211", "none", "KZ-19", "approved"),  # uses up the KZ-19 quota
        (w[2], "PT", "9313", "none", "KZ-75", "approved"),  # paid: active
        (w[3], "PT", "9313", "none", "KZ-75", "approved"),  # unpaid: lapsed
        (w[4], "PT", "9211", "none", "KZ-19", "approved"),  # refused: quota exhausted
        (w[5], "PT", "9313", "none", "KZ-75", "submitted"),
        (w[6], "PT", "9313", "none", "KZ-75", "under_review"),
    ]
    issued = []
    for person, kind, occupation, qualification, region, state in plan:
        application, worker = _application(
            person, kind=kind, occupation=occupation, qualification=qualification, region=region
        )
        document = _to(
            application, state, applicant=worker, officer=officer, deciding_officer=senior
        )
        issued.append(document)
    # An agency applying on a worker's behalf, with the worker's consent.
    agency = orgs.get("Silk Road Recruitment")
    agency_admin = users.get("agency.admin@demo.karavan.kz")
    if agency is not None and agency_admin is not None and agency_has_active_licence(agency=agency):
        application, _worker_ = _application(
            w[4],
            kind="WP",
            occupation="8322",
            qualification="vocational",
            region="KZ-71",
            by=agency_admin,
            agency=agency,
            passport_suffix="",
        )
        _to(
            application,
            "submitted",
            applicant=agency_admin,
            officer=officer,
            deciding_officer=senior,
        )
    active_patent = issued[9]
    if active_patent is not None:
        _pay_through_gateway(
            services.payment_order_create(patent=active_patent, by=active_patent.holder, months=3)
        )
        services.payment_order_create(patent=active_patent, by=active_patent.holder, months=1)
    if stdout is not None:
        exhausted.refresh_from_db()
        stdout.write(
            f"permits: {PermitApplication.objects.count()} applications, "
            f"quota {exhausted} {exhausted.used}/{exhausted.limit}"
        )
