"""What workers (and the agencies applying for them) are told about permits and patents."""

from django.utils.translation import gettext_lazy as _

from portal.lifecycle import ApplicationStatus, DocumentStatus
from portal.notifications import event

from .models import PermitKind

_status = _("Karavan: your %(kind)s application is now “%(status)s”")
_labels = {"kind": PermitKind, "status": ApplicationStatus}

event(
    "permit_application.submit",
    subject=_status,
    labels=_labels,
    lower=("kind",),
    body=_("Your application was received. The authority decides by %(deadline)s."),
)
for name in ("review_start", "withdraw"):
    event(
        f"permit_application.{name}",
        subject=_status,
        labels=_labels,
        lower=("kind",),
        body=_("The status of your application changed to “%(status)s”."),
    )
event(
    "permit_application.request_info",
    subject=_status,
    labels=_labels,
    lower=("kind",),
    body=_("The authority asks for more information:"),
)
event(
    "permit_application.approve",
    subject=_status,
    labels=_labels,
    lower=("kind",),
    body=_("Your %(kind)s %(number)s has been issued."),
)
event(
    "permit_application.refuse",
    subject=_status,
    labels=_labels,
    lower=("kind",),
    body=_("The authority refused the application."),
)
event(
    "permit_application.agency_started",
    subject=_("Karavan: an agency asks to apply for you"),
    labels=_labels,
    lower=("kind",),
    body=_(
        "%(agency)s has started a %(kind)s application in your name. Sign in, check "
        "the details and give your consent before it can be submitted."
    ),
)
for name in ("suspend", "reinstate", "revoke"):
    event(
        f"permit_document.{name}",
        subject=_("Karavan: %(number)s is now “%(status)s”"),
        labels={"status": DocumentStatus},
        body=_("The status of %(number)s changed."),
    )
event(
    "payment_order.confirm",
    subject=_("Karavan: payment received for %(number)s"),
    body=_("Your patent is paid until %(date)s."),
)
event(
    "patent.lapse_reminder",
    subject=_("Karavan: pay the fee for patent %(number)s"),
    body=_(
        "Your patent is paid until %(date)s. Pay the next months before then, or the "
        "patent lapses and you may not work."
    ),
)
