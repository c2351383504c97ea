"""Individual employment contracts: generated from the vetted job order when a worker accepts an
offer (in the worker's language and the destination's), confirmed by both sides with a one-time
code, then registered with a number `{CC}-EC-{year}-{seq:06d}` and the SHA-256 of its PDF. The
work permit names the contract; verifying the contract number shows the whole chain (agency
licence → employer accreditation → job order → contract → permit).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.model_fields import Timestamped, person_field, private_file_field, random_name


def contract_pdf_name(instance, filename: str) -> str:
    """Contracts are private: served by a view that checks the policy, never under MEDIA_URL."""
    return random_name("vacancies/employment-contracts", filename)


class EmploymentContractStatus(models.TextChoices):
    GENERATED = "generated", _("Waiting for both confirmations")
    WORKER_CONFIRMED = "worker_confirmed", _("Confirmed by the worker")
    EMPLOYER_CONFIRMED = "employer_confirmed", _("Confirmed for the employer")
    REGISTERED = "registered", _("Registered")
    CANCELLED = "cancelled", _("Cancelled")


class EmploymentContract(Timestamped):
    """One worker's contract for one accepted offer. Its text is the vetted job order's terms;
    the PDF's SHA-256 is kept so a substituted contract is detected."""

    application = models.OneToOneField(
        "vacancies.VacancyApplication",
        on_delete=models.CASCADE,
        related_name="contract",
        verbose_name=_("vacancy application"),
        help_text=_("The accepted offer the contract was generated for."),
    )
    job_order = models.ForeignKey(
        "vacancies.JobOrder",
        on_delete=models.PROTECT,
        related_name="contracts",
        verbose_name=_("job order"),
        help_text=_("The vetted job order whose terms it carries."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=EmploymentContractStatus.choices,
        default=EmploymentContractStatus.GENERATED,
        db_index=True,
        help_text=_("Where it stands now; it changes only through the actions on its page."),
    )
    number = models.CharField(
        _("number"),
        max_length=32,
        unique=True,
        null=True,
        blank=True,
        help_text=_(
            "Given at registration: {country}-EC-{year}-{seq}, resolvable on the verification page."
        ),
    )
    worker_language = models.CharField(
        _("worker's language"),
        max_length=8,
        help_text=_("The language of the worker's side of the contract."),
    )
    destination_language = models.CharField(
        _("destination's language"),
        max_length=8,
        help_text=_("The language of the destination country the contract is also written in."),
    )
    pdf = private_file_field(
        contract_pdf_name,
        _("contract (PDF)"),
        help_text=_("The generated contract in both languages."),
    )
    sha256 = models.CharField(
        _("fingerprint (SHA-256)"),
        max_length=64,
        help_text=_("Fingerprint of the contract PDF; a substituted contract has another one."),
    )
    worker_confirmed_at = models.DateTimeField(
        _("confirmed by the worker at"),
        null=True,
        blank=True,
        help_text=_("When the worker confirmed the contract with their one-time code."),
    )
    employer_confirmed_at = models.DateTimeField(
        _("confirmed for the employer at"),
        null=True,
        blank=True,
        help_text=_(
            "When the agency confirmed the contract for the employer with its one-time code."
        ),
    )
    employer_confirmed_by = person_field(
        _("confirmed for the employer by"),
        optional=True,
        help_text=_("The agency member who confirmed the contract for the employer."),
    )
    registered_at = models.DateTimeField(
        _("registered at"),
        null=True,
        blank=True,
        help_text=_("When both confirmations were in and the number was given."),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("employment contract")
        verbose_name_plural = _("employment contracts")

    def __str__(self):
        return self.number or _("Employment contract #%(number)s") % {"number": self.pk}

    @property
    def country_id(self) -> str:
        """Registered in the destination country, where the work is."""
        return self.job_order.destination_country_id


class ContractConfirmationCode(models.Model):
    """A one-time code sent to one side of a contract; entering it confirms the contract. Only
    its hash is stored; it expires and works once."""

    class Side(models.TextChoices):
        WORKER = "worker", _("The worker")
        EMPLOYER = "employer", _("The employer (through the agency)")

    contract = models.ForeignKey(
        EmploymentContract,
        on_delete=models.CASCADE,
        related_name="confirmation_codes",
        help_text=_("The contract the code confirms."),
    )
    side = models.CharField(
        _("side"), max_length=10, choices=Side.choices, help_text=_("Who confirms with this code.")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The person the code was sent to; only they can use it."),
    )
    code_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField(
        _("expires at"), help_text=_("After this the code no longer works.")
    )
    used_at = models.DateTimeField(
        _("used at"),
        null=True,
        blank=True,
        help_text=_("When the code was used; a code works once."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("contract confirmation code")
        verbose_name_plural = _("contract confirmation codes")

    def __str__(self):
        return f"{self.contract} ({self.side})"
