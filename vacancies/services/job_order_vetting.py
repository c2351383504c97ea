"""Vetting job orders: the authority of the scheme's vetting country reviews, questions,
publishes (number, contract fingerprint) or refuses them, through `case_transition`."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from licensing.selectors import agency_has_active_licence
from portal.case_services import case_request_info
from portal.cases import case_transition
from portal.models import Language
from portal.numbering import number_allocate
from portal.reference import COUNTRY_LANGUAGES

from .. import selectors
from ..models import CONTENT_FIELDS, JobOrder, JobOrderStatus
from .employers import employer_hiring_problems
from .employment_contracts import job_order_contract_language_gaps
from .job_orders import ERROR_NO_CONTRACT, ERROR_NO_LICENCE, file_sha256

ERROR_WAGE_BELOW_MINIMUM = _(
    "The monthly wage is below the minimum wage for this region (%(minimum)s %(currency)s)."
)
ERROR_WAGE_CURRENCY = _(
    "The wage must be stated in %(currency)s, the currency of the regional minimum."
)
ERROR_NO_MINIMUM_WAGE = _(
    "No minimum wage is recorded for this region; the wage cannot be checked."
)
ERROR_CONTENT_LANGUAGE = _(
    "The title, description and working conditions are missing in a "
    "language of %(country)s (%(languages)s): workers and employers there "
    "must be able to read the job order."
)
ERROR_WORKER_FEE = _(
    "The job order charges the worker a fee or cost. Workers never pay for "
    "recruitment (ILO General Principles for Fair Recruitment)."
)
JS = JobOrderStatus


def job_order_review_start(*, job_order: JobOrder, by) -> JobOrder:
    """An officer of the vetting country takes the job order from the queue."""
    return case_transition(case=job_order, to=JS.UNDER_REVIEW, by=by)


def job_order_request_info(*, job_order: JobOrder, by, message: str) -> JobOrder:
    """Ask the agency for information; the agency may edit and resubmit."""
    return case_request_info(case=job_order, by=by, message=message)


def job_order_vetting_problems(job_order: JobOrder, *, on: date | None = None) -> list[str]:
    """The fair-recruitment checks an approval must pass; each failure is a refusal reason."""
    problems = []
    minimum = selectors.regional_minimum_wage(region=job_order.region, on=on)
    if minimum is None:
        problems.append(str(ERROR_NO_MINIMUM_WAGE))
    elif minimum.currency != job_order.currency:
        problems.append(str(ERROR_WAGE_CURRENCY) % {"currency": minimum.currency})
    elif job_order.monthly_wage < minimum.monthly_amount:
        problems.append(
            str(ERROR_WAGE_BELOW_MINIMUM)
            % {"minimum": minimum.monthly_amount, "currency": minimum.currency}
        )
    if job_order.worker_fee_amount and job_order.worker_fee_amount > 0:
        problems.append(str(ERROR_WORKER_FEE))
    if not job_order.contract_template:
        problems.append(str(ERROR_NO_CONTRACT))
    if not agency_has_active_licence(agency=job_order.agency):
        problems.append(str(ERROR_NO_LICENCE))
    problems += job_order_language_gaps(job_order)
    problems += job_order_contract_language_gaps(job_order)
    problems += employer_hiring_problems(
        employer=job_order.employer, country=job_order.scheme.destination_country, on=on
    )
    return problems


def job_order_language_gaps(job_order: JobOrder) -> list[str]:
    """One problem per country (the scheme's destination, its origin) in none of whose
    languages the job order has its title, description and conditions."""
    complete = {
        code
        for code, content in job_order.contents().items()
        if all((content.get(name) or "").strip() for name in CONTENT_FIELDS)
    }
    problems = []
    scheme = job_order.scheme
    for country in dict.fromkeys([scheme.destination_country, scheme.origin_country]):
        wanted = COUNTRY_LANGUAGES.get(country.code, [])
        if wanted and not complete & set(wanted):
            names = {lang.code: lang.local for lang in Language.objects.filter(code__in=wanted)}
            problems.append(
                str(ERROR_CONTENT_LANGUAGE)
                % {
                    "country": country.local,
                    "languages": ", ".join(names.get(code, code) for code in wanted),
                }
            )
    return problems


def job_order_approve(*, job_order: JobOrder, by) -> JobOrder:
    """Publish: allocate the number, store the contract's SHA-256 fingerprint.

    Refused (ValidationError, state unchanged) when any vetting check fails: the officer then
    refuses with `job_order_refuse`, the problems being the reason.
    """

    def publish(job_order):
        problems = job_order_vetting_problems(job_order)
        if problems:
            raise ValidationError(problems)
        now = timezone.now()
        job_order.number = number_allocate(
            country=job_order.scheme.vetting_country_id, kind="JO", year=now.year
        )
        job_order.contract_sha256 = file_sha256(job_order.contract_template)
        job_order.published_at = now
        context["number"] = job_order.number
        return {
            "number": [None, job_order.number],
            "contract_sha256": [None, job_order.contract_sha256],
        }

    context = {}
    return case_transition(case=job_order, to=JS.APPROVED, by=by, effect=publish, context=context)


def job_order_refuse(*, job_order: JobOrder, by, reason: str) -> JobOrder:
    """Refuse with a reason (shown to the agency), e.g. a wage below the regional minimum."""
    return case_transition(case=job_order, to=JS.REFUSED, by=by, reason=reason)
