"""Permission actions of help requests and referrals (checked by `protection/policy.py`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.permissions import declare


@declare
class ProtectionPermission(models.TextChoices):
    HELP_TRIAGE = (
        "protection.help.triage",
        _("Read, triage, refer and close the help requests of one's country's citizens"),
    )
    REFERRAL_VIEW = (
        "protection.referral.view",
        _("Read the help referrals made to one's organisation (or made by one's authority)"),
    )
    REFERRAL_ANSWER = (
        "protection.referral.answer",
        _("Answer or decline a help referral made to one's organisation"),
    )
    REFERRAL_ESCALATE = (
        "protection.referral.escalate",
        _("Escalate an overdue referral (the daily job; nobody by hand)"),
    )
    STATISTICS_VIEW = (
        "protection.statistics.view",
        _("Read help-request figures by sex for one's country"),
    )
