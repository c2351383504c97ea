"""What workers are told about their stay abroad, and officers about overstays."""

from django.utils.translation import gettext_lazy as _

from portal.notifications import event

event(
    "stay.departure",
    subject=_("Karavan: have a safe journey"),
    body=_(
        "Your departure to %(country)s on %(date)s is recorded. Record your arrival in "
        "Karavan: it tells you the last day to register your stay."
    ),
)
event(
    "stay.arrival",
    subject=_("Karavan: register your stay by %(due)s"),
    body=_(
        "You arrived in %(country)s on %(date)s. Register your stay with the authorities "
        "by %(due)s, then record the registration in Karavan. Your stay is lawful until "
        "%(until)s."
    ),
)
event(
    "stay.arrival_no_registration",
    subject=_("Karavan: arrival recorded"),
    body=_(
        "You arrived in %(country)s on %(date)s. No registration is needed at arrival. "
        "Your stay is lawful until %(until)s."
    ),
)
event(
    "stay.registration_reminder",
    subject=_("Karavan: register your stay by %(due)s"),
    body=_(
        "Your stay in %(country)s is not registered yet. The last day to register it is "
        "%(due)s. A late registration can bring a fine."
    ),
)
event(
    "stay.registration_late",
    subject=_("Karavan: your stay was not registered in time"),
    body=_(
        "The deadline to register your stay in %(country)s was %(due)s. Register it now "
        "and contact a resource centre or the hotline if you need help."
    ),
)
event(
    "stay.return",
    subject=_("Karavan: welcome home"),
    body=_(
        "Your return on %(date)s is recorded. Your profile shows the season; you can "
        "add skills you gained abroad."
    ),
)
event(
    "stay.overstay",
    subject=_("Karavan: your lawful stay in %(country)s has ended"),
    body=_(
        "Your lawful stay ended on %(until)s. Extend your permit or patent, or return "
        "home; the migration authority has opened a case. A resource centre or the "
        "hotline can help."
    ),
)
event(
    "overstay_case.open",
    subject=_("Karavan: new overstay case"),
    body=_("A stay ran past its lawful end on %(until)s. Review it by %(due)s."),
)
event(
    "overstay_case.close",
    subject=_("Karavan: your overstay case is closed"),
    body=_("The migration authority closed the case about your stay."),
)
event(
    "orientation.certificate",
    subject=_("Karavan: your orientation certificate %(number)s"),
    body=_(
        "You attended “%(course)s”. Your certificate number is %(number)s; anyone can "
        "check it on Karavan's verification page."
    ),
)
