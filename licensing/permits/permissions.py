"""Permission actions of work permits and patents (checked by `licensing/permits/policy.py`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.permissions import declare


@declare
class PermitPermission(models.TextChoices):
    APPLICATION_VIEW = (
        "permits.application.view",
        _("Read a permit or patent application (the worker, the filing agency, the officers)"),
    )
    APPLICATION_EDIT = (
        "permits.application.edit",
        _("Fill in, submit or withdraw one's own permit or patent application"),
    )
    APPLICATION_WITHDRAW = (
        "permits.application.withdraw",
        _("Withdraw a permit or patent application (its applicant, or the worker always)"),
    )
    APPLICATION_CONSENT = (
        "permits.application.consent",
        _("Consent, as the worker, to an application an agency filed in one's name"),
    )
    APPLICATION_DECIDE = (
        "permits.application.decide",
        _("Review, question, approve or refuse permit and patent applications of one's country"),
    )
    DOCUMENT_VIEW = "permits.document.view", _("Read an issued work permit or patent")
    DOCUMENT_MANAGE = (
        "permits.document.manage",
        _("Suspend, reinstate or revoke work permits and patents of one's country"),
    )
    WORK_PERMIT_MANAGE = (
        "permits.work_permit.manage",
        _("List the work permits one's authority manages"),
    )
    PATENT_MANAGE = "permits.patent.manage", _("List the patents one's authority manages")
    PAYMENT_ORDER = (
        "permits.payment.order",
        _("Order fees for a patent (its holder only: money is never ordered on someone's behalf)"),
    )
    PAYMENT_CONFIRM = (
        "permits.payment.confirm",
        _("Confirm a patent payment seen on the bank statement"),
    )
    QUOTA_VIEW = "permits.quota.view", _("Read quotas and their uptake")
    QUOTA_MANAGE = "permits.quota.manage", _("Open quotas and change their limits")
    FEE_VIEW = "permits.fee.view", _("Read fee schedules")
    FEE_MANAGE = "permits.fee.manage", _("Publish fees")
    SETTINGS_MANAGE = (
        "permits.settings.manage",
        _("Set one's authority's deadlines, document lists and category rule"),
    )
