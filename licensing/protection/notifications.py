"""What people are told about help requests and referrals."""

from django.utils.translation import gettext_lazy as _

from portal.notifications import event

from .models import HelpStatus, ReferralStatus

event(
    "help_request.new",
    subject=_("Karavan: a new help request (%(priority)s)"),
    body=_("A help request from a citizen of your country waits for triage by %(deadline)s."),
)
for name in ("triage", "refer", "close"):
    event(
        f"help_request.{name}",
        subject=_("Karavan: your help request is now “%(status)s”"),
        labels={"status": HelpStatus},
        body=_("Follow it with your tracking code on the help page."),
    )
event(
    "help_referral.new",
    subject=_("Karavan: a help request was referred to you"),
    body=_("Please answer by %(deadline)s."),
)
event(
    "help_referral.answer",
    subject=_("Karavan: a referral was answered"),
    labels={"status": ReferralStatus},
    body=_("%(organisation)s answered:"),
)
event(
    "help_referral.decline",
    subject=_("Karavan: a referral was declined"),
    labels={"status": ReferralStatus},
    body=_("%(organisation)s declined:"),
)
event(
    "help_referral.escalate",
    subject=_("Karavan: a referral is overdue"),
    body=_("%(organisation)s has not answered the referral due on %(deadline)s."),
)
