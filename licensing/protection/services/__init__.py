"""Writes for help requests and referrals; one module per entity."""

from .help_requests import (
    help_request_close,
    help_request_consent_record,
    help_request_file,
    help_request_refer,
    help_request_triage,
)
from .referrals import (
    help_referral_answer,
    help_referral_decline,
    help_referral_escalate,
    help_referrals_escalate_overdue,
    protection_daily,
)

__all__ = [
    "help_referral_answer",
    "help_referral_decline",
    "help_referral_escalate",
    "help_referrals_escalate_overdue",
    "help_request_close",
    "help_request_consent_record",
    "help_request_file",
    "help_request_refer",
    "help_request_triage",
    "protection_daily",
]
