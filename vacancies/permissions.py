"""Permission actions of schemes, job orders and vacancy applications (`vacancies/policy.py`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.permissions import declare


@declare
class VacancyPermission(models.TextChoices):
    JOB_ORDER_CREATE = "vacancies.job_order.create", _("Post a job order for one's own agency")
    JOB_ORDER_EDIT = (
        "vacancies.job_order.edit",
        _("Change, submit, withdraw or close one's own agency's job orders"),
    )
    JOB_ORDER_VIEW = (
        "vacancies.job_order.view",
        _("Read a job order (its agency, the vetting officers)"),
    )
    JOB_ORDER_VET = (
        "vacancies.job_order.vet",
        _("Review, question, publish or refuse job orders vetted in one's country"),
    )
    APPLICATION_ACT_FOR_AGENCY = (
        "vacancies.application.act_for_agency",
        _("Shortlist, reject or offer, and record departure and return, for one's agency"),
    )
    APPLICATION_ACT_FOR_WORKER = (
        "vacancies.application.act_for_worker",
        _("Accept, decline or withdraw one's own vacancy application"),
    )
    CANDIDATES_VIEW = (
        "vacancies.candidates.view",
        _("See the consenting candidates for one's agency's job orders"),
    )
    COST_REPORT_VIEW = (
        "vacancies.cost_report.view",
        _("Read the costs workers reported against agencies of one's country"),
    )
    SCHEME_MANAGE = "vacancies.scheme.manage", _("Create and change bilateral schemes")
    MINIMUM_WAGE_MANAGE = (
        "vacancies.minimum_wage.manage",
        _("Record the regional minimum wages vetting checks against"),
    )
    EMPLOYER_ACCREDIT = (
        "vacancies.employer.accredit",
        _(
            "Accredit, renew, suspend or revoke employers, and impose sanctions and keep the "
            "watchlist, in one's destination country"
        ),
    )
    CONTRACT_VIEW = (
        "vacancies.contract.view",
        _("Read an employment contract (the worker, the agency, officers of the destination)"),
    )
    CONTRACT_CONFIRM_WORKER = (
        "vacancies.contract.confirm_worker",
        _("Confirm one's own employment contract with a one-time code"),
    )
    CONTRACT_CONFIRM_EMPLOYER = (
        "vacancies.contract.confirm_employer",
        _("Confirm an employment contract for the employer, as staff of the recruiting agency"),
    )
    SAVED_SEARCH_MANAGE = (
        "vacancies.saved_search.manage",
        _("See and stop one's own saved vacancy searches"),
    )
