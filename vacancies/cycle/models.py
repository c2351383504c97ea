"""The migration cycle after the permit: one `Stay` per trip abroad (departure, arrival,
registration of the stay at the destination, return) and the `OverstayCase` an officer works
when a stay runs past its lawful end. State changes only through `cycle.services`; reads in
`cycle.selectors`; the lifecycles are declared in `cycle.cases`.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from licensing.permits.models import Patent, WorkPermit
from portal.choices import Sex
from portal.model_fields import Timestamped, person_field
from portal.models import Country, IscoGroup, Organisation, organisation_field
from portal.submissions import submission_key_field
from vacancies.models import Scheme, VacancyApplication


class StayStatus(models.TextChoices):
    DEPARTED = "departed", _("Departed, not yet arrived")
    ARRIVED = "arrived", _("Arrived")
    REGISTERED = "registered", _("Stay registered")
    OVERSTAYING = "overstaying", _("Past the lawful stay")
    RETURNED = "returned", _("Returned home")


#: States in which the worker is (as far as Karavan knows) abroad.
ABROAD_STATES = (
    StayStatus.DEPARTED,
    StayStatus.ARRIVED,
    StayStatus.REGISTERED,
    StayStatus.OVERSTAYING,
)


class RecordSource(models.TextChoices):
    """Who told Karavan that a departure, arrival or return happened."""

    WORKER = "worker", _("The worker")
    AGENCY = "agency", _("The agency")
    OFFICER = "officer", _("An officer")
    BORDER = "border", _("Border data")


def _source_field(verbose_name):
    return models.CharField(
        verbose_name,
        max_length=8,
        choices=RecordSource.choices,
        blank=True,
        help_text=_(
            "Who recorded it: the worker, the agency, an officer or an import of border data."
        ),
    )


class Stay(Timestamped):
    """One trip of a worker abroad, from departure to return.

    The arrival fixes two dates from the corridor rule of the worker's nationality at the
    destination (`portal.corridors`): the last day to register the stay (in working days where
    the law counts them so) and the last day of lawful stay (the scheme's maximum, or the end of
    the permit or patent). The daily job reminds the worker before the first, flags a late
    registration, and opens an overstay case after the second.
    """

    status = models.CharField(
        _("status"),
        max_length=12,
        choices=StayStatus.choices,
        default=StayStatus.DEPARTED,
        db_index=True,
        help_text=_("Where the stay stands now; it changes only through the actions on its page."),
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="stays",
        verbose_name=_("worker"),
        help_text=_("The worker who travels."),
    )
    origin_country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("nationality"),
        help_text=_("The worker's citizenship (passport); it decides which corridor rule applies."),
    )
    destination_country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("destination country"),
        help_text=_("The country where the worker works."),
    )
    scheme = models.ForeignKey(
        Scheme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="stays",
        verbose_name=_("scheme"),
        help_text=_(
            "The bilateral scheme the worker travels under, if "
            "any; its maximum stay limits the stay."
        ),
    )
    vacancy_application = models.ForeignKey(
        VacancyApplication,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stays",
        verbose_name=_("vacancy application"),
        help_text=_("The accepted job offer the worker travels for, if any."),
    )
    work_permit = models.ForeignKey(
        WorkPermit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stays",
        verbose_name=_("work permit"),
        help_text=_("The work permit the worker holds, if any; the stay is lawful until it ends."),
    )
    patent = models.ForeignKey(
        Patent,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stays",
        verbose_name=_("patent"),
        help_text=_("The patent the worker holds, if any; the stay is lawful while it is paid."),
    )
    agency = organisation_field(
        Organisation.Kind.AGENCY,
        optional=True,
        verbose_name=_("agency"),
        related_name="stays",
        help_text=_(
            "The licensed agency that recruited the worker, if "
            "any; its staff may record the departure and "
            "return."
        ),
    )
    occupation = models.ForeignKey(
        IscoGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("occupation"),
        help_text=_("The ISCO-08 occupation of the work abroad."),
    )
    sex = models.CharField(
        _("sex"),
        max_length=1,
        choices=Sex.choices,
        default=Sex.NOT_STATED,
        help_text=_("As the worker states it; the flows are split by it."),
    )
    departed_on = models.DateField(
        _("left on"),
        null=True,
        blank=True,
        help_text=_("The day the worker left the home country."),
    )
    departure_source = _source_field(_("departure recorded by"))
    arrived_on = models.DateField(
        _("arrived on"),
        null=True,
        blank=True,
        help_text=_("The day the worker entered the destination country."),
    )
    arrival_source = _source_field(_("arrival recorded by"))
    registration_due = models.DateField(
        _("register the stay by"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_(
            "Last day to register the stay with the destination's authorities, from "
            "the corridor rule in force on the arrival day; empty: no registration "
            "needed."
        ),
    )
    registered_on = models.DateField(
        _("stay registered on"),
        null=True,
        blank=True,
        help_text=_("The day the stay was registered at the destination."),
    )
    registration_late = models.BooleanField(
        _("registered late"),
        null=True,
        blank=True,
        help_text=_("Yes when the stay was not registered by the deadline."),
    )
    lawful_until = models.DateField(
        _("lawful stay until"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_(
            "Last day of lawful stay: the scheme's maximum stay, or the end of the "
            "permit or patent."
        ),
    )
    returned_on = models.DateField(
        _("returned on"), null=True, blank=True, help_text=_("The day the worker came back home.")
    )
    return_source = _source_field(_("return recorded by"))
    returned_on_time = models.BooleanField(
        _("returned on time"),
        null=True,
        blank=True,
        help_text=_("Yes when the worker came back by the last day of lawful stay."),
    )
    overstay_from = models.DateField(
        _("overstaying since"),
        null=True,
        blank=True,
        help_text=_("The first day past the lawful stay, when the daily check found it."),
    )
    # Bookkeeping of the daily job (excluded from the help-text test).
    registration_reminded_on = models.DateField(null=True, blank=True, editable=False)
    created_by = person_field(
        _("created by"),
        optional=True,
        help_text=_("The person who recorded the departure (empty: border data)."),
    )
    submission_key = submission_key_field()

    class Meta:
        ordering = ["-departed_on", "-pk"]
        verbose_name = _("stay abroad")
        verbose_name_plural = _("stays abroad")
        indexes = [models.Index(fields=["status", "lawful_until"], name="stay_status_lawful_idx")]

    def __str__(self):
        when = self.departed_on or self.arrived_on
        return _("Stay in %(country)s from %(date)s") % {
            "country": self.destination_country.local,
            "date": when.strftime("%d.%m.%Y") if when else "—",
        }

    @property
    def country_id(self) -> str:
        """The jurisdiction: the destination's authority registers and watches the stay."""
        return self.destination_country_id

    @property
    def is_abroad(self) -> bool:
        return self.status in ABROAD_STATES


class OverstayStatus(models.TextChoices):
    OPEN = "open", _("Open")
    UNDER_REVIEW = "under_review", _("Under review")
    CLOSED = "closed", _("Closed")
    WORKER_RETURNED = "returned", _("Closed: the worker returned")


class OverstayOutcome(models.TextChoices):
    RETURNED = "returned", _("The worker returned home")
    EXTENDED = "extended", _("The permit or patent was extended")
    REGULARISED = "regularised", _("The stay was regularised")
    OTHER = "other", _("Other (see the reason)")


class OverstayCase(Timestamped):
    """A stay that ran past its lawful end, opened by the daily check for an officer of the
    destination country, who reviews it and closes it with an outcome. The worker is told
    when it opens. A return closes it by itself."""

    status = models.CharField(
        _("status"),
        max_length=12,
        choices=OverstayStatus.choices,
        default=OverstayStatus.OPEN,
        db_index=True,
        help_text=_("Where the case stands now; it changes only through the actions on its page."),
    )
    stay = models.OneToOneField(
        Stay,
        on_delete=models.CASCADE,
        related_name="overstay_case",
        verbose_name=_("stay"),
        help_text=_("The stay that ran past its lawful end."),
    )
    lawful_until = models.DateField(
        _("lawful stay ended"), help_text=_("The last day of lawful stay when the case opened.")
    )
    respond_by = models.DateField(
        _("review by"),
        db_index=True,
        help_text=_(
            "The date by which an officer should review the "
            "case (ten working days after it opened)."
        ),
    )
    outcome = models.CharField(
        _("outcome"),
        max_length=12,
        choices=OverstayOutcome.choices,
        blank=True,
        help_text=_("How the case ended."),
    )
    decided_by = person_field(optional=True, help_text=_("The person who took the decision."))
    decided_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When the decision was taken.")
    )
    decision_reason = models.TextField(
        _("reason for the decision"),
        blank=True,
        help_text=_("Why the case was closed; the worker sees it."),
    )

    class Meta:
        ordering = ["respond_by", "pk"]
        verbose_name = _("overstay case")
        verbose_name_plural = _("overstay cases")

    def __str__(self):
        return _("Overstay #%(number)s") % {"number": self.pk}

    @property
    def country_id(self) -> str:
        return self.stay.destination_country_id


class OrientationCourse(models.Model):
    """A pre-departure orientation course for one destination (and, if it is tied to one, a
    scheme): what workers learn before they leave. A scheme whose course is `required` lets
    no work permit or patent be issued for its job orders without the certificate."""

    title = models.CharField(
        _("title"), max_length=200, help_text=_("The course's name, as workers see it.")
    )
    destination_country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("destination country"),
        help_text=_("The country the course prepares for."),
    )
    scheme = models.ForeignKey(
        Scheme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="orientation_courses",
        verbose_name=_("scheme"),
        help_text=_(
            "The scheme the course belongs to; empty: any worker going to the destination."
        ),
    )
    required = models.BooleanField(
        _("required before a permit"),
        default=False,
        help_text=_(
            "A permit or patent for a job order under the scheme is issued only to "
            "workers with this course's certificate."
        ),
    )
    hours = models.PositiveSmallIntegerField(
        _("length (hours)"), default=8, help_text=_("How long the course takes.")
    )

    class Meta:
        ordering = ["destination_country", "title"]
        verbose_name = _("orientation course")
        verbose_name_plural = _("orientation courses")

    def __str__(self):
        return self.title


class OrientationSession(models.Model):
    """One session of a course, held by a resource centre on a day, in a place or online."""

    course = models.ForeignKey(
        OrientationCourse,
        on_delete=models.PROTECT,
        related_name="sessions",
        verbose_name=_("course"),
        help_text=_("The course taught in the session."),
    )
    centre = organisation_field(
        verbose_name=_("resource centre"),
        related_name="+",
        help_text=_("The resource centre that runs the session; its staff record attendance."),
    )
    held_on = models.DateField(_("held on"), help_text=_("The day of the session."))
    online = models.BooleanField(
        _("online"), default=False, help_text=_("Held online instead of at the centre.")
    )
    place = models.CharField(
        _("place"),
        max_length=200,
        blank=True,
        help_text=_("Address of the room, or the online meeting's name."),
    )

    class Meta:
        ordering = ["-held_on", "pk"]
        verbose_name = _("orientation session")
        verbose_name_plural = _("orientation sessions")

    def __str__(self):
        return f"{self.course} · {self.held_on:%d.%m.%Y}"


class OrientationCertificate(models.Model):
    """A worker attended a session: the centre records it and the certificate
    `{CC}-POC-{year}-{seq:06d}` is issued, verifiable publicly by its number."""

    number = models.CharField(
        _("number"),
        max_length=32,
        unique=True,
        help_text=_(
            "Unique and gapless per country and year, e.g. "
            "KG-POC-2026-000001; verifiable on the public "
            "verification page."
        ),
    )
    session = models.ForeignKey(
        OrientationSession,
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("session"),
        help_text=_("The session the worker attended."),
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="orientation_certificates",
        verbose_name=_("worker"),
        help_text=_("The worker who attended."),
    )
    recorded_by = person_field(
        _("recorded by"), help_text=_("The centre's staff member who recorded attendance.")
    )
    issued_at = models.DateTimeField(
        _("issued at"), auto_now_add=True, help_text=_("When the certificate was issued.")
    )

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("orientation certificate")
        verbose_name_plural = _("orientation certificates")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "worker"], name="orientation_once_per_session"
            )
        ]

    def __str__(self):
        return self.number
