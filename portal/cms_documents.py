"""Documents editors upload to the CMS (Wagtail): PDFs pass the same active-content check as
every other upload (`portal.uploads.pdf_check`); all documents download as attachments
(`WAGTAILDOCS_INLINE_CONTENT_TYPES = []`)."""

from wagtail.documents.forms import BaseDocumentForm

from .uploads import pdf_check


class CmsDocumentForm(BaseDocumentForm):
    """WAGTAILDOCS_DOCUMENT_FORM_BASE: refuses PDFs with scripts, launch actions, attachments."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data and hasattr(upload, "seek"):
            upload.seek(0)
            head = upload.read(1024)
            if head.lstrip().startswith(b"%PDF-") or upload.name.lower().endswith(".pdf"):
                upload.seek(0)
                pdf_check(upload.read(), upload.name)
            upload.seek(0)
        return upload
