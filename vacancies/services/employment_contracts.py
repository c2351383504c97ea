"""Individual employment contracts. When a worker accepts an offer the contract is generated
from the vetted job order, in the worker's language and the destination's (PDF, WeasyPrint),
and fingerprinted. Each side asks for a one-time code (sent to them, stored hashed, valid
15 minutes, once) and confirms with it; the second confirmation registers the contract: number
`{CC}-EC-{year}-{seq:06d}`, the registered PDF (with number and QR) and its SHA-256."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from portal.audit import audit_record
from portal.cases import actor_role, case_transition, require
from portal.lifecycle import InvalidTransition
from portal.models import Language
from portal.notifications import notify
from portal.numbering import number_allocate
from portal.policy import can
from portal.reference import COUNTRY_LANGUAGES
from portal.verification import CHECK_CODE_ALPHABET, normalise_check_code

from ..contract_models import ContractConfirmationCode, EmploymentContract
from ..contract_models import EmploymentContractStatus as C
from ..models import JobOrder, VacancyApplication
from ..permissions import VacancyPermission as P

ERROR_CODE_WRONG = _("This code is wrong, used or expired. Ask for a new one.")
ERROR_CONTRACT_LANGUAGE = _(
    "The contract is not available in a language of %(country)s "
    "(%(languages)s): give the title, description and conditions in "
    "one of them, or a contract template in one of them."
)
ERROR_ALREADY_CONFIRMED = _("This side has already confirmed the contract.")
CODE_LENGTH = 6
CODE_MINUTES = 15
SIDE = ContractConfirmationCode.Side
PORTAL_LANGUAGES = {code for code, _name in settings.LANGUAGES}


# --- languages -------------------------------------------------------------------------------


def job_order_contract_languages(job_order: JobOrder) -> set[str]:
    """Languages a worker's contract can be generated in: the contract template's own
    language, and every portal language in which the job order has its full text (the
    contract's clauses exist in all portal languages)."""
    from ..models import CONTENT_FIELDS

    complete = {
        code
        for code, content in job_order.contents().items()
        if all((content.get(name) or "").strip() for name in CONTENT_FIELDS)
    }
    return (complete & PORTAL_LANGUAGES) | {job_order.contract_language_id}


def job_order_contract_language_gaps(job_order: JobOrder) -> list[str]:
    """Vetting: one problem per origin country of the scheme in none of whose languages the
    contract can be given to the worker."""
    available = job_order_contract_languages(job_order)
    problems = []
    for country in [job_order.scheme.origin_country]:
        wanted = COUNTRY_LANGUAGES.get(country.code, [])
        if wanted and not available & set(wanted):
            names = {lang.code: lang.local for lang in Language.objects.filter(code__in=wanted)}
            problems.append(
                str(ERROR_CONTRACT_LANGUAGE)
                % {
                    "country": country.local,
                    "languages": ", ".join(names.get(code, code) for code in wanted),
                }
            )
    return problems


def _languages(application: VacancyApplication) -> tuple[str, str]:
    """(the worker's language, the destination's) among those the contract is available in."""
    job_order = application.job_order
    available = job_order_contract_languages(job_order)
    user = application.profile.user
    origin = COUNTRY_LANGUAGES.get(application.profile.origin_country_id, [])
    worker = next(
        (code for code in [user.preferred_language, *origin] if code in available),
        job_order.content_language,
    )
    destination = next(
        (
            code
            for code in COUNTRY_LANGUAGES.get(job_order.destination_country_id, [])
            if code in available
        ),
        job_order.content_language,
    )
    return worker, destination


# --- the document ----------------------------------------------------------------------------


def contract_pdf(contract: EmploymentContract) -> bytes:
    """The contract as PDF: one section per language (worker's first), the terms of the vetted
    job order, the confirmations and, once registered, the number and the QR of its check."""
    import segno

    from portal.system_checks import pdf_libraries_missing
    from portal.uploads import plain_pdf
    from portal.verification import check_code, verification_url

    job_order = contract.job_order
    sections = []
    for code in dict.fromkeys([contract.worker_language, contract.destination_language]):
        with translation.override(code if code in PORTAL_LANGUAGES else "en"):
            text, _lang = job_order.content_for(code)
            sections.append(
                render_to_string(
                    "vacancies/contract_section.html",
                    {
                        "contract": contract,
                        "job_order": job_order,
                        "text": text,
                        "lang": code,
                        "worker": contract.application.profile.user,
                    },
                )
            )
    context = {"contract": contract, "sections": sections}
    if contract.number:
        url = verification_url(contract.number)
        context.update(
            verify_url=url,
            check_code=check_code(contract.number),
            qr=segno.make(url, error="m").svg_data_uri(scale=4),
        )
    html = render_to_string("vacancies/contract.html", context)
    if pdf_libraries_missing():  # no Pango on this machine: a valid PDF that says so
        return plain_pdf(f"Karavan employment contract {contract.number or contract.pk}")
    from weasyprint import HTML

    return HTML(string=html, base_url=settings.SITE_URL).write_pdf()


def _store_pdf(contract: EmploymentContract) -> str:
    content = contract_pdf(contract)
    contract.pdf.save("contract.pdf", ContentFile(content), save=False)
    contract.sha256 = hashlib.sha256(content).hexdigest()
    return contract.sha256


def employment_contract_generate(*, application: VacancyApplication, by) -> EmploymentContract:
    """Called inside the acceptance: the contract from the vetted job order, waiting for both
    confirmations. Idempotent: an application has one contract."""
    existing = EmploymentContract.objects.filter(application=application).first()
    if existing is not None:
        return existing
    worker_language, destination_language = _languages(application)
    contract = EmploymentContract(
        application=application,
        job_order=application.job_order,
        worker_language=worker_language,
        destination_language=destination_language,
    )
    contract.save()  # the PDF names the contract by its id until it has a number
    _store_pdf(contract)
    contract.save()
    audit_record(
        actor=by,
        action="employment_contract.generate",
        obj=contract,
        role=actor_role(by, contract),
        organisation=application.job_order.agency,
        to_state=C.GENERATED,
        changes={
            "status": [None, C.GENERATED],
            "sha256": [None, contract.sha256],
            "languages": [None, [worker_language, destination_language]],
        },
        country=contract.country_id,
    )
    notify(
        event="employment_contract.generated",
        recipients=[application.profile.user],
        context={"number": application.job_order.number, "path": _worker_path(contract)},
    )
    return contract


def _worker_path(contract) -> str:
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse("vacancies:contract", args=[contract.pk])
    except NoReverseMatch:
        return ""


# --- one-time codes --------------------------------------------------------------------------


def _hash(code: str) -> str:
    return hashlib.sha256(
        ("karavan-contract-confirm:" + normalise_check_code(code)).encode()
    ).hexdigest()


def _side_permission(side: str) -> str:
    return P.CONTRACT_CONFIRM_WORKER if side == SIDE.WORKER else P.CONTRACT_CONFIRM_EMPLOYER


@transaction.atomic
def employment_contract_code_send(*, contract: EmploymentContract, by, side: str) -> None:
    """Send `by` a fresh one-time code for their side (older unused codes stop working). The
    code reaches them on their own channels (e-mail, SMS, Telegram), never on the page."""
    contract = EmploymentContract.objects.select_related("job_order", "application__profile").get(
        pk=contract.pk
    )
    require(can(by, _side_permission(side), contract))
    _check_open(contract, side)
    ContractConfirmationCode.objects.filter(contract=contract, side=side, used_at=None).delete()
    while True:
        code = "".join(secrets.choice(CHECK_CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not ContractConfirmationCode.objects.filter(code_hash=_hash(code)).exists():
            break
    row = ContractConfirmationCode.objects.create(
        contract=contract,
        side=side,
        user=by,
        code_hash=_hash(code),
        expires_at=timezone.now() + timedelta(minutes=CODE_MINUTES),
    )
    audit_record(
        actor=by,
        action="employment_contract.code_send",
        obj=contract,
        role=actor_role(by, contract),
        organisation=contract.job_order.agency,
        changes={"side": [None, side], "code": [None, row.pk]},
        country=contract.country_id,
    )
    notify(event="employment_contract.code", recipients=[by], context={"code": code})


def _check_open(contract, side):
    done = {
        SIDE.WORKER: (C.WORKER_CONFIRMED, C.REGISTERED),
        SIDE.EMPLOYER: (C.EMPLOYER_CONFIRMED, C.REGISTERED),
    }[side]
    if contract.status in done:
        raise InvalidTransition(ERROR_ALREADY_CONFIRMED)
    if contract.status == C.CANCELLED:
        raise InvalidTransition(ERROR_CODE_WRONG)


@transaction.atomic
def _confirm(contract: EmploymentContract, *, by, code: str, side: str) -> EmploymentContract:
    def effect(locked):
        row = (
            ContractConfirmationCode.objects.select_for_update()
            .filter(
                contract=locked,
                side=side,
                user=by,
                code_hash=_hash(code),
                used_at=None,
                expires_at__gt=timezone.now(),
            )
            .first()
        )
        if row is None:
            raise ValidationError(ERROR_CODE_WRONG)
        now = timezone.now()
        row.used_at = now
        row.save(update_fields=["used_at"])
        if side == SIDE.WORKER:
            locked.worker_confirmed_at = now
        else:
            locked.employer_confirmed_at, locked.employer_confirmed_by = now, by
        changes = {f"{side}_confirmed_at": [None, now.isoformat()]}
        both = locked.worker_confirmed_at and locked.employer_confirmed_at
        if both:
            draft = locked.sha256
            locked.registered_at = now
            locked.number = number_allocate(
                country=locked.job_order.destination_country_id, kind="EC", year=now.year
            )
            _store_pdf(locked)
            context["number"] = locked.number
            changes.update(number=[None, locked.number], sha256=[draft, locked.sha256])
        return changes

    # Lock before choosing the move, so two sides confirming at once queue: the second one
    # sees the first confirmation and registers the contract.
    contract = EmploymentContract.objects.select_for_update().get(pk=contract.pk)
    _check_open(contract, side)
    both_now = contract.status in (C.WORKER_CONFIRMED, C.EMPLOYER_CONFIRMED)
    target = (
        C.REGISTERED
        if both_now
        else (C.WORKER_CONFIRMED if side == SIDE.WORKER else C.EMPLOYER_CONFIRMED)
    )
    context = {}
    return case_transition(case=contract, to=target, by=by, effect=effect, context=context)


def employment_contract_worker_confirm(
    *, contract: EmploymentContract, by, code: str
) -> EmploymentContract:
    """The worker confirms their contract with the one-time code sent to them."""
    return _confirm(contract, by=by, code=code, side=SIDE.WORKER)


def employment_contract_employer_confirm(
    *, contract: EmploymentContract, by, code: str
) -> EmploymentContract:
    """The recruiting agency confirms the contract for the employer with its one-time code."""
    return _confirm(contract, by=by, code=code, side=SIDE.EMPLOYER)
