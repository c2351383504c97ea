"""Imported labour-market assessments and match runs with their stored results.

State changes only through `matching.services`; reads in `matching.selectors`.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.model_fields import person_field, private_file_field, random_name
from portal.models import Country, IscoGroup, Region


def assessment_upload_name(instance, filename: str) -> str:
    """Assessment files hold no personal data, but are not public either."""
    return random_name("matching/assessments", filename)


class AssessmentImport(models.Model):
    """One uploaded file of regional labour-market assessments.

    Validated first (row errors listed, nothing saved), then committed by the analyst. The
    file's SHA-256 makes a re-import of the same file a no-op.
    """

    class Status(models.TextChoices):
        INVALID = "invalid", _("Has errors")
        VALIDATED = "validated", _("Checked, ready to import")
        IMPORTING = "importing", _("Importing")
        COMMITTED = "committed", _("Imported")
        FAILED = "failed", _("Failed")

    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("country"),
        help_text=_("Jurisdiction of the importing authority; every row's region lies in it."),
    )
    file = private_file_field(assessment_upload_name)
    original_name = models.CharField(
        _("file name"),
        max_length=255,
        help_text=_("The file's name as it was on the uploader's device."),
    )
    file_sha256 = models.CharField(
        _("file fingerprint (SHA-256)"),
        max_length=64,
        db_index=True,
        help_text=_("Same fingerprint as a committed import: the file was imported already."),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=Status.choices,
        db_index=True,
        help_text=_("Where it stands now; it changes only through the actions on its page."),
    )
    row_count = models.PositiveIntegerField(
        _("rows"), default=0, help_text=_("How many rows the file has.")
    )
    rows_saved = models.PositiveIntegerField(
        _("rows saved"), default=0, help_text=_("How many rows have been saved so far.")
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"),
        default=0,
        validators=[MaxValueValidator(100)],
        help_text=_("How far the work has got, in per cent."),
    )
    errors = models.JSONField(
        _("row errors"),
        default=list,
        blank=True,
        help_text=_("[{row, column, message}] — row numbers as in the spreadsheet (header = 1)."),
    )
    uploaded_by = person_field(_("uploaded by"), help_text=_("The person who uploaded it."))
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    committed_at = models.DateTimeField(
        _("imported at"), null=True, blank=True, help_text=_("When the rows were saved.")
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("assessment import")
        verbose_name_plural = _("assessment imports")

    def __str__(self):
        return (
            f"{self.original_name} ({self.created_at:%Y-%m-%d})"
            if self.created_at
            else self.original_name
        )


class DemandAssessment(models.Model):
    """Assessed labour demand for one occupation in one region and month, from a named source
    (a regional labour-market assessment, an employers' survey). Counts as demand beside the
    open positions of published job orders."""

    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("region"),
        help_text=_("The region the figures are for."),
    )
    isco = models.ForeignKey(
        IscoGroup,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("occupation (ISCO-08)"),
        help_text=_("ISCO-08 group at any level (1–4 digits)."),
    )
    period = models.DateField(_("month"), help_text=_("First day of the month assessed."))
    demand = models.PositiveIntegerField(
        _("workers needed"),
        help_text=_("Number of workers the source says the region needs."),
    )
    source = models.CharField(
        _("source"),
        max_length=200,
        help_text=_("Who assessed it, e.g. 'Almaty akimat survey 2026'."),
    )
    import_batch = models.ForeignKey(
        AssessmentImport,
        on_delete=models.PROTECT,
        related_name="rows",
        verbose_name=_("import"),
        help_text=_("The uploaded file these figures came from."),
    )

    class Meta:
        ordering = ["region", "isco", "period"]
        verbose_name = _("demand assessment")
        verbose_name_plural = _("demand assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "isco", "period", "source"], name="demand_assessment_unique"
            )
        ]
        indexes = [models.Index(fields=["period", "region"], name="assessment_period_idx")]

    def __str__(self):
        return f"{self.region_id} {self.isco_id} {self.period:%Y-%m}: {self.demand}"


class MatchRun(models.Model):
    """One run of the matcher over consenting workers and published vacancies.

    Split into chunks of workers, each processed by its own background task; progress is
    the share of chunks done. Results are stored per run.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        COMPLETED = "completed", _("Completed")
        FAILED = "failed", _("Failed")

    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country"),
        help_text=_("Vacancies located in or vetted by this country; empty for every country."),
    )
    created_by = person_field(
        _("started by"), optional=True, help_text=_("The person who started it.")
    )
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(
        _("finished at"), null=True, blank=True, help_text=_("When the run ended.")
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=Status.choices,
        default=Status.QUEUED,
        db_index=True,
        help_text=_("Where it stands now; it changes only through the actions on its page."),
    )
    parameters = models.JSONField(
        _("parameters"),
        default=dict,
        blank=True,
        help_text=_("k, chunk size and matcher settings."),
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"),
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("How far the work has got, in per cent."),
    )
    chunk_count = models.PositiveIntegerField(_("chunks"), default=0)
    chunks_done = models.PositiveIntegerField(_("chunks done"), default=0)
    worker_count = models.PositiveIntegerField(
        _("workers"), default=0, help_text=_("How many worker profiles the run compared.")
    )
    vacancy_count = models.PositiveIntegerField(
        _("vacancies"), default=0, help_text=_("How many job orders the run compared.")
    )
    errors = models.JSONField(
        _("errors"), default=list, blank=True, help_text=_("What went wrong, if anything.")
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("match run")
        verbose_name_plural = _("match runs")

    def __str__(self):
        return _("Match run #%(number)s") % {"number": self.pk}


class MatchRunChunk(models.Model):
    """A slice of workers (by id range) of a run; one background task each, idempotent."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    run = models.ForeignKey(MatchRun, on_delete=models.CASCADE, related_name="chunks")
    index = models.PositiveIntegerField()
    first_profile_id = models.PositiveBigIntegerField()
    last_profile_id = models.PositiveBigIntegerField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    result_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["run", "index"]
        constraints = [models.UniqueConstraint(fields=["run", "index"], name="match_chunk_unique")]

    def __str__(self):
        return f"{self.run} chunk {self.index}"


class MatchResult(models.Model):
    """One ranked pair of a run, seen from one side.

    ``for_worker``: the job order is among the worker's top k; ``for_job_order``: the worker
    is among the job order's top k within the chunk (the agency page merges chunks by score).
    """

    class Direction(models.TextChoices):
        FOR_WORKER = "worker", _("Vacancies for the worker")
        FOR_JOB_ORDER = "job_order", _("Candidates for the job order")

    run = models.ForeignKey(
        MatchRun,
        on_delete=models.CASCADE,
        related_name="results",
        help_text=_("The run that found this match."),
    )
    direction = models.CharField(
        max_length=10,
        choices=Direction.choices,
        help_text=_("Jobs found for a worker, or workers found for a job."),
    )
    profile = models.ForeignKey(
        "vacancies.WorkerProfile",
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The worker concerned."),
    )
    job_order = models.ForeignKey(
        "vacancies.JobOrder",
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The job order concerned."),
    )
    rank = models.PositiveSmallIntegerField(_("rank"), help_text=_("1 is the best match."))
    score = models.FloatField(
        _("score"),
        help_text=_("The matcher's score; higher is better. Its scale is the estimator's own."),
    )
    coverage = models.FloatField(
        _("essential skills held"),
        default=0,
        help_text=_(
            "Share (0–1) of the job order's essential skills the worker has; 1 when "
            "it lists none. Decides who counts as matchable."
        ),
    )
    shared_skills = models.JSONField(
        _("shared skills"), default=list, help_text=_("Skills the job asks for and the worker has.")
    )
    missing_skills = models.JSONField(
        _("missing skills"),
        default=list,
        help_text=_("Skills the job asks for and the worker does not have yet."),
    )

    class Meta:
        ordering = ["run", "direction", "rank"]
        verbose_name = _("match result")
        verbose_name_plural = _("match results")
        indexes = [
            models.Index(fields=["run", "direction", "profile"], name="match_result_worker_idx"),
            models.Index(
                fields=["run", "direction", "job_order", "-score"], name="match_result_job_idx"
            ),
        ]

    def __str__(self):
        return f"{self.run_id}: {self.profile_id} → {self.job_order_id} ({self.score:.2f})"


class PartnerReport(models.Model):
    """One batch of aggregated figures a partner country sent through the API
    (`/api/v1/partner/reports/`, scope statistics:write). Re-sending the same key with the
    same content changes nothing; the same key with other content is refused."""

    organisation = models.ForeignKey(
        "portal.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("sent by"),
        help_text=_("The organisation whose API token sent it."),
    )
    reporting_country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("reporting country"),
        help_text=_("The country whose figures these are (the sender's country)."),
    )
    key = models.CharField(
        _("idempotency key"),
        max_length=64,
        help_text=_("The sender's own identifier of the batch; sending it again is harmless."),
    )
    content_hash = models.CharField(
        _("content hash"),
        max_length=64,
        help_text=_("SHA-256 of the rows, to recognise a re-send."),
    )
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("partner report")
        verbose_name_plural = _("partner reports")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "key"], name="one_partner_report_per_key"
            )
        ]

    def __str__(self):
        return f"{self.reporting_country_id} {self.key}"


class PartnerFigure(models.Model):
    """One aggregated figure of a partner report: a flow on a corridor (departures,
    arrivals, returns, placements) or an assessed demand, by year, occupation and sex.
    `disagrees` is set when the other country of the corridor reported a different value
    for the same cell: analysts review those."""

    class Measure(models.TextChoices):
        DEPARTURES = "departures", _("Departures")
        ARRIVALS = "arrivals", _("Arrivals")
        RETURNS = "returns", _("Returns")
        PLACEMENTS = "placements", _("Placements")
        DEMAND = "demand", _("Assessed demand")

    report = models.ForeignKey(
        PartnerReport,
        on_delete=models.CASCADE,
        related_name="figures",
        help_text=_("The batch the figure came in."),
    )
    origin = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("country of origin"),
        help_text=_("Where the workers come from."),
    )
    destination = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("destination country"),
        help_text=_("Where the workers go to work."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("Calendar year of the figure."),
    )
    isco = models.ForeignKey(
        IscoGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("occupation group"),
        help_text=_("ISCO-08 group; empty: every occupation."),
    )
    sex = models.CharField(
        _("sex"), max_length=2, help_text=_("SDMX code: F, M, _U not stated, _T total.")
    )
    measure = models.CharField(
        _("measure"), max_length=12, choices=Measure.choices, help_text=_("What is counted.")
    )
    value = models.PositiveIntegerField(_("value"), help_text=_("The count."))
    disagrees = models.BooleanField(
        _("disagrees with the other country"),
        default=False,
        db_index=True,
        help_text=_(
            "The other country of the corridor reported a different value for the "
            "same year, occupation, sex and measure."
        ),
    )

    class Meta:
        ordering = ["origin", "destination", "year", "measure"]
        verbose_name = _("partner figure")
        verbose_name_plural = _("partner figures")

    def __str__(self):
        return f"{self.origin_id}→{self.destination_id} {self.year} {self.measure}: {self.value}"
