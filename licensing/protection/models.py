"""Help requests from migrants in trouble, and their referrals to the organisations that help.

A help request is filed by anyone (signed in or not, anonymously if they wish, from any
country) and followed with its tracking code. The authority of the person's country of origin
triages it; with the person's consent it refers the case to a destination labour
inspectorate, an origin consulate, an NGO or a resource centre. A referral carries a copy of
only what the authority chose to share, so the receiving organisation never reads the request
itself; it answers by a deadline in working days, and is escalated when it does not.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.choices import Sex
from portal.model_fields import Timestamped, person_field
from portal.models import Country, Organisation, organisation_field
from portal.submissions import submission_key_field


class HelpCategory(models.TextChoices):
    UNPAID_WAGES = "unpaid_wages", _("Wages unpaid or withheld")
    DOCUMENTS_WITHHELD = "documents_withheld", _("Passport or documents withheld")
    VIOLENCE = "violence", _("Violence or threats")
    DECEPTION = "deception", _("Deceived about the job")
    FORCED_LABOUR = "forced_labour", _("Forced to work, or kept by a debt")
    STRANDED = "stranded", _("Stranded, or wanting to return home")
    HEALTH = "health", _("Health: illness, injury, no access to a doctor")


class Priority(models.TextChoices):
    URGENT = "urgent", _("Urgent")
    HIGH = "high", _("High")
    NORMAL = "normal", _("Normal")


class HelpStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    TRIAGED = "triaged", _("Being handled")
    REFERRED = "referred", _("Referred for help")
    CLOSED = "closed", _("Closed")


class HelpOutcome(models.TextChoices):
    RESOLVED = "resolved", _("Resolved (wages paid, documents returned, safe)")
    ASSISTED = "assisted", _("Advice or assistance given")
    RETURNED = "returned", _("Helped to return home")
    NO_CONTACT = "no_contact", _("The person could not be reached")
    NOT_PURSUED = "not_pursued", _("The person did not want to go on")


class HelpRequest(Timestamped):
    """A migrant's request for help, triaged by the authority of their country of origin.

    The person follows it with the tracking code (no account needed). Names and contacts are
    stored only when the person does not ask for anonymity; nothing leaves the origin authority
    unless the person consented to referral, and then only what the authority shares.
    """

    tracking_code = models.CharField(
        _("tracking code"),
        max_length=20,
        unique=True,
        help_text=_("Random code given to the person to follow the request without an account."),
    )
    category = models.CharField(
        _("what the problem is"),
        max_length=24,
        choices=HelpCategory,
        help_text=_("The kind of help the person needs."),
    )
    description = models.TextField(
        _("what happened"),
        help_text=_("In the person's own words: what happened, where, and what help they need."),
    )
    indicators = models.JSONField(
        _("signs of forced labour"),
        default=list,
        blank=True,
        help_text=_("The ILO indicators of forced labour the person answered “yes” to."),
    )
    indicator_score = models.PositiveSmallIntegerField(
        _("indicator score"),
        default=0,
        help_text=_("Sum of the weights of the indicators answered “yes”; it sets the priority."),
    )
    priority = models.CharField(
        _("priority"),
        max_length=8,
        choices=Priority,
        default=Priority.NORMAL,
        db_index=True,
        help_text=_(
            "Set from the answers when filed: signs of forced labour or trafficking "
            "raise it; the triaging officer may change it."
        ),
    )
    origin_country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("country of origin"),
        help_text=_("The person's citizenship; that country's authority handles the request."),
    )
    current_country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("where the person is"),
        help_text=_("The country the person writes from; its hotlines are shown at once."),
    )
    place = models.CharField(
        _("town or region"),
        max_length=120,
        blank=True,
        help_text=_("Optional: the town or region where the person is now."),
    )
    employer_name = models.CharField(
        _("employer or recruiter"),
        max_length=255,
        blank=True,
        help_text=_("Optional: who the person works for, or who recruited them."),
    )
    sex = models.CharField(
        _("sex"),
        max_length=1,
        choices=Sex,
        default=Sex.NOT_STATED,
        help_text=_("As the person states it; every figure is split by it."),
    )
    is_anonymous = models.BooleanField(
        _("anonymous"),
        default=True,
        help_text=_(
            "When set, no name or contact is stored; the person follows the request "
            "with the tracking code."
        ),
    )
    contact_name = models.CharField(
        _("name"),
        max_length=255,
        blank=True,
        help_text=_("Optional: how the person wants to be called."),
    )
    contact = models.CharField(
        _("phone or e-mail"),
        max_length=255,
        blank=True,
        help_text=_("Optional: how the person can be reached safely."),
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        blank=True,
        help_text=_("The language the person wrote in; answers are given in it."),
    )
    consent_to_refer = models.BooleanField(
        _("consent to referral"),
        default=False,
        help_text=_(
            "The person agrees that the authority passes the request to an "
            "organisation that can help (inspectorate, consulate, NGO, resource centre)."
        ),
    )
    consent_recorded_at = models.DateTimeField(
        _("consent recorded at"),
        null=True,
        blank=True,
        help_text=_("When the consent was given (on the form or recorded by an officer)."),
    )
    consent_note = models.CharField(
        _("how consent was given"),
        max_length=255,
        blank=True,
        help_text=_("On the form, or how an officer received it (e.g. by phone on a date)."),
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The signed-in person who filed it, unless anonymous."),
    )
    submission_key = submission_key_field()
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=HelpStatus,
        default=HelpStatus.RECEIVED,
        db_index=True,
        help_text=_("Where it stands now; it changes only through the actions on its page."),
    )
    triage_due = models.DateField(
        _("triage due"),
        null=True,
        blank=True,
        help_text=_(
            "The working day by which the authority must triage the request (sooner when urgent)."
        ),
    )
    handled_by = person_field(
        _("handling officer"),
        optional=True,
        help_text=_("The officer of the origin authority who triages it."),
    )
    outcome = models.CharField(
        _("outcome"),
        max_length=12,
        choices=HelpOutcome,
        blank=True,
        help_text=_("How the case ended; counted by sex."),
    )
    outcome_note = models.TextField(
        _("outcome in words"),
        blank=True,
        help_text=_("What was done; the person reads it with the tracking code."),
    )
    closed_at = models.DateTimeField(
        _("closed at"), null=True, blank=True, help_text=_("When the case was closed.")
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("help request")
        verbose_name_plural = _("help requests")
        indexes = [models.Index(fields=["origin_country", "status", "triage_due"])]

    def __str__(self):
        return _("Help request %(code)s") % {"code": self.tracking_code}


class Party(models.TextChoices):
    """Who a help request can be referred to; each is an organisation of the right kind."""

    INSPECTORATE = "inspectorate", _("Labour inspectorate of the destination")
    CONSULATE = "consulate", _("Consulate of the country of origin")
    NGO = "ngo", _("Non-governmental organisation")
    RESOURCE_CENTRE = "resource_centre", _("Migrant resource centre")


class SharedItem(models.TextChoices):
    """What of a help request a referral may carry; the officer ticks each one."""

    CATEGORY = "category", _("What the problem is")
    DESCRIPTION = "description", _("What happened")
    INDICATORS = "indicators", _("Signs of forced labour")
    PLACE = "place", _("Country, town or region")
    EMPLOYER = "employer_name", _("Employer or recruiter")
    SEX = "sex", _("Sex")
    CONTACT = "contact", _("Name and contact")


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Awaiting answer")
    ESCALATED = "escalated", _("Overdue, escalated")
    ANSWERED = "answered", _("Answered")
    DECLINED = "declined", _("Declined")


class HelpReferral(Timestamped):
    """A help request passed, with the person's consent, to one organisation that can help.

    `shared` is a copy of only the items the officer chose to share: the receiving
    organisation reads this row and never the request itself. It answers by `due_on`
    (working days); a daily job escalates it when it does not.
    """

    help_request = models.ForeignKey(
        HelpRequest,
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("help request"),
        help_text=_("The request this referral passes on."),
    )
    party = models.CharField(
        _("referred to (kind)"),
        max_length=16,
        choices=Party,
        help_text=_("What kind of organisation receives it."),
    )
    organisation = organisation_field(
        verbose_name=_("referred to"),
        related_name="help_referrals",
        help_text=_("The organisation that receives the referral and answers it."),
    )
    shared_items = models.JSONField(
        _("what was shared"),
        default=list,
        help_text=_("The parts of the request the officer chose to share."),
    )
    shared = models.JSONField(
        _("shared content"),
        default=dict,
        help_text=_(
            "A copy of the shared parts, as they were when referred: all the receiving "
            "organisation sees."
        ),
    )
    message = models.TextField(
        _("what the authority asks"),
        help_text=_("What the referring officer asks the organisation to do."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ReferralStatus,
        default=ReferralStatus.SENT,
        db_index=True,
        help_text=_("Where it stands now; it changes only through the actions on its page."),
    )
    due_on = models.DateField(
        _("answer due"), help_text=_("The working day by which the organisation answers.")
    )
    referred_by = person_field(
        _("referred by"), help_text=_("The officer of the origin authority who referred it.")
    )
    response = models.TextField(
        _("answer"),
        blank=True,
        help_text=_("What the organisation did or found; the referring authority reads it."),
    )
    answered_by = person_field(
        _("answered by"),
        optional=True,
        help_text=_("The person who answered for the organisation."),
    )
    answered_at = models.DateTimeField(
        _("answered at"), null=True, blank=True, help_text=_("When the organisation answered.")
    )
    escalated_at = models.DateTimeField(
        _("escalated at"),
        null=True,
        blank=True,
        help_text=_("When the missed deadline was escalated to the referring authority."),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("help referral")
        verbose_name_plural = _("help referrals")
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self):
        return _("Referral of %(code)s to %(organisation)s") % {
            "code": self.help_request.tracking_code,
            "organisation": self.organisation.name,
        }


#: Which organisations can receive a referral of each kind: the kind of organisation, the
#: authority's competence (for authorities), and whose country it must be.
PARTY_RULES = {
    Party.INSPECTORATE: (Organisation.Kind.AUTHORITY, "labour_inspection", "current"),
    Party.CONSULATE: (Organisation.Kind.AUTHORITY, "consular_assistance", "origin"),
    Party.NGO: (Organisation.Kind.PARTNER, "", ""),
    Party.RESOURCE_CENTRE: (Organisation.Kind.PARTNER, "", ""),
}
