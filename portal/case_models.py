"""What every case type shares in the database: the officer's information requests with the
applicant's answers, and the documents uploaded to a case. One table each, whatever the case
type (licence application, permit or patent application, job order, and those to come); a case
reaches its rows through `GenericRelation`s named `information_requests` and `documents`."""

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from .model_fields import UploadedFile, person_field, private_file_field, random_name


def case_upload_name(instance, filename: str) -> str:
    return random_name("cases", filename)


class CaseRow(models.Model):
    """A row that belongs to one case of any type."""

    case_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("case type"),
        help_text=_("The kind of case this belongs to."),
    )
    case_id = models.PositiveBigIntegerField(
        _("case number"), help_text=_("The number of the case this belongs to.")
    )
    case = GenericForeignKey("case_type", "case_id")

    class Meta:
        abstract = True


class InformationRequest(CaseRow):
    """An officer's question to the applicant, and the applicant's answer on resubmission."""

    message = models.TextField(
        _("what the officer asks for"),
        help_text=_("Shown to the applicant, who answers it when resubmitting."),
    )
    requested_by = person_field(
        _("requested by"), help_text=_("The officer who asked for the information.")
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    response = models.TextField(
        _("applicant's answer"),
        blank=True,
        help_text=_("What the applicant wrote when resubmitting; the officer reads it."),
    )
    responded_by = person_field(
        _("answered by"), optional=True, help_text=_("The person who answered.")
    )
    responded_at = models.DateTimeField(
        _("answered at"), null=True, blank=True, help_text=_("When the answer was sent.")
    )

    class Meta(CaseRow.Meta):
        ordering = ["requested_at", "pk"]
        verbose_name = _("information request")
        verbose_name_plural = _("information requests")
        indexes = [models.Index(fields=["case_type", "case_id"], name="portal_inforeq_case")]

    def __str__(self):
        return f"{self.case} @ {self.requested_at:%Y-%m-%d}"


class CaseDocument(CaseRow, UploadedFile):
    """A supporting document uploaded to a case; stored privately, served after a check."""

    kind = models.CharField(
        _("document type"),
        max_length=32,
        help_text=_("Which required document this is; the case type lists the kinds."),
    )
    file = private_file_field(case_upload_name)
    content_type = models.CharField(
        _("content type"),
        max_length=64,
        help_text=_("Detected from the file content, not from its name."),
    )
    uploaded_by = person_field(_("uploaded by"), help_text=_("The person who uploaded it."))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta(CaseRow.Meta):
        ordering = ["kind", "uploaded_at", "pk"]
        verbose_name = _("case document")
        verbose_name_plural = _("case documents")
        indexes = [models.Index(fields=["case_type", "case_id"], name="portal_casedoc_case")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.original_name}"

    def get_kind_display(self) -> str:
        """The kind's label from the case type's document kinds."""
        from .cases import case_type_of

        kinds = case_type_of(self.case_type.model_class()).document_kinds
        try:
            return str(kinds(self.kind).label) if kinds else self.kind
        except ValueError:
            return self.kind

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


def case_documents():
    """The `documents` relation a case model declares."""
    return GenericRelation(CaseDocument, content_type_field="case_type", object_id_field="case_id")


def case_information_requests():
    """The `information_requests` relation a case model declares."""
    return GenericRelation(
        InformationRequest, content_type_field="case_type", object_id_field="case_id"
    )
