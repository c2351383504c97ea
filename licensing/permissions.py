"""Permission actions of agency licensing (checked by `licensing/policy.py`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.permissions import declare


@declare
class LicensingPermission(models.TextChoices):
    APPLICATION_CREATE = (
        "licensing.application.create",
        _("Start a licence application for one's own agency"),
    )
    APPLICATION_EDIT = (
        "licensing.application.edit",
        _("Fill in, submit or withdraw one's own agency's licence application"),
    )
    APPLICATION_VIEW = (
        "licensing.application.view",
        _("Read a licence application (the agency's staff, the officers of its country)"),
    )
    APPLICATION_DECIDE = (
        "licensing.application.decide",
        _("Review, question, approve or refuse licence applications of one's country"),
    )
    LICENCE_VIEW = "licensing.licence.view", _("Read a licence and its certificate")
    LICENCE_MANAGE = (
        "licensing.licence.manage",
        _("Suspend, reinstate or revoke licences of one's country"),
    )
    OVERSIGHT_VIEW = (
        "licensing.oversight.view",
        _("Read inspections and sanctions of agencies in one's country"),
    )
    OVERSIGHT_MANAGE = (
        "licensing.oversight.manage",
        _("Plan inspections and impose sanctions on agencies of one's country"),
    )
    COMPLAINT_HANDLE = (
        "licensing.complaint.handle",
        _("Investigate and decide complaints filed in one's country"),
    )
    COMPLAINT_ASSIGN = (
        "licensing.complaint.assign",
        _("Give a complaint to another officer (senior officers of the handling authority)"),
    )
