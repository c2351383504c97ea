"""What every case type shares in the database: the officer's information requests with the
applicant's answers, and the documents uploaded to a case. One table each, whatever the case
type (licence application, permit or patent application, job order, and those to come); a case
reaches its rows through `GenericRelation`s named `information_requests` and `documents`."""

import secrets
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _


def private_storage():
    """Uploads never sit under MEDIA_URL; a permission-checking view serves them."""
    return storages["private"]


def random_name(folder: str, filename: str) -> str:
    """A random name that reveals nothing about the uploader or the original file."""
    suffix = PurePosixPath(filename).suffix.lower()[:8]
    return f"{folder}/{secrets.token_hex(16)}{suffix}"


def case_upload_name(instance, filename: str) -> str:
    return random_name("cases", filename)


class CaseRow(models.Model):
    """A row that belongs to one case of any type."""

    case_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("case type"),
                                  help_text=_("The kind of case this belongs to."))
    case_id = models.PositiveBigIntegerField(_("case number"),
                                             help_text=_("The number of the case this belongs to."))
    case = GenericForeignKey("case_type", "case_id")

    class Meta:
        abstract = True


class InformationRequest(CaseRow):
    """An officer's question to the applicant, and the applicant's answer on resubmission."""

    message = models.TextField(
        _("what the officer asks for"),
        help_text=_("Shown to the applicant, who answers it when resubmitting."))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("requested by"),
                                     help_text=_("The officer who asked for the information."))
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    response = models.TextField(
        _("applicant's answer"), blank=True,
        help_text=_("What the applicant wrote when resubmitting; the officer reads it."))
    responded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="+",
                                     verbose_name=_("answered by"),
                                     help_text=_("The person who answered."))
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True,
                                        help_text=_("When the answer was sent."))

    class Meta(CaseRow.Meta):
        ordering = ["requested_at", "pk"]
        verbose_name = _("information request")
        verbose_name_plural = _("information requests")
        indexes = [models.Index(fields=["case_type", "case_id"], name="portal_inforeq_case")]

    def __str__(self):
        return f"{self.case} @ {self.requested_at:%Y-%m-%d}"


class CaseDocument(CaseRow):
    """A supporting document uploaded to a case; stored privately, served after a check."""

    kind = models.CharField(
        _("document type"), max_length=32,
        help_text=_("Which required document this is; the case type lists the kinds."))
    file = models.FileField(_("file"), storage=private_storage, upload_to=case_upload_name,
                            max_length=200,
                            help_text=_("The uploaded file, kept private; only people handling "
                                        "the case can open it."))
    original_name = models.CharField(_("original file name"), max_length=255,
                                     help_text=_("The file's name as it was on the uploader's "
                                                 "device."))
    content_type = models.CharField(
        _("content type"), max_length=64,
        help_text=_("Detected from the file content, not from its name."))
    size = models.PositiveIntegerField(_("size in bytes"), help_text=_("File size in bytes."))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("uploaded by"),
                                    help_text=_("The person who uploaded it."))
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
    return GenericRelation(CaseDocument, content_type_field="case_type",
                           object_id_field="case_id")


def case_information_requests():
    """The `information_requests` relation a case model declares."""
    return GenericRelation(InformationRequest, content_type_field="case_type",
                           object_id_field="case_id")
