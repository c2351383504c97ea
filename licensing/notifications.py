"""What agencies and licensing officers are told, and when (see `portal.notifications`)."""

from django.utils.translation import gettext_lazy as _

from portal.notifications import event

from .models import LicenceApplication

event(
    "licence_application.submit",
    subject=_("Karavan: new licence application from %(agency)s"),
    body=(
        _("%(agency)s submitted a %(kind)s licence application."),
        _("Decision due by %(deadline)s."),
    ),
    labels={"kind": LicenceApplication.Kind},
)
event(
    "licence_application.resubmit",
    subject=_("Karavan: %(agency)s answered your request and resubmitted its licence application"),
    body=(
        _(
            "%(agency)s answered the request for information and resubmitted its "
            "%(kind)s licence application."
        ),
        _("Decision due by %(deadline)s."),
    ),
    labels={"kind": LicenceApplication.Kind},
)
event(
    "licence_application.request_info",
    subject=_("Karavan: information requested"),
    body=_("The licensing authority asks for more information:"),
)
event(
    "licence_application.approve",
    subject=_("Karavan: licence issued"),
    body=_("Your recruitment-agency licence %(number)s has been issued."),
)
event(
    "licence_application.refuse",
    subject=_("Karavan: licence application refused"),
    body=_("The licensing authority refused your licence application."),
)
event(
    "licence.suspend",
    subject=_("Karavan: licence suspended"),
    body=_("Your licence %(number)s is suspended."),
)
event(
    "licence.revoke",
    subject=_("Karavan: licence revoked"),
    body=_("Your licence %(number)s is revoked."),
)
event(
    "licence.reminder",
    subject=_("Karavan: your licence %(number)s expires on %(date)s"),
    body=_(
        "Apply for renewal in good time so that your licence stays valid. "
        "Your licence %(number)s expires on %(date)s."
    ),
)
