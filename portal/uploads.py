"""Checking uploaded files: PDF, JPEG or PNG recognised by content, at most 10 MB each,
at most 10 per request. Work permits and patents reuse `upload_check`."""

import re

import filetype
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.utils.translation import gettext_lazy as _

ALLOWED_TYPES = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_FILES_PER_REQUEST = 10

ERROR_FILE_TYPE = _("“%(name)s” is not a PDF, JPEG or PNG file.")
ERROR_FILE_SIZE = _("“%(name)s” is larger than 10 MB.")
ERROR_FILE_EMPTY = _("“%(name)s” is empty.")
ERROR_TOO_MANY_FILES = _("Send at most 10 files at a time.")
ERROR_FILE_ACTIVE = _("“%(name)s” contains scripts, embedded files or web page code and cannot "
                      "be accepted. Save it again as a plain PDF or image and retry.")

#: Polyglots and active content: HTML a browser could render, PDF scripts, launch actions and
#: attachments. Best effort (compressed object streams can hide names): files are also only
#: ever served as attachments with nosniff (`private_file_response`).
ACTIVE_CONTENT = re.compile(rb"<(?:!doctype|html|head|body|script|svg|iframe|object|embed)\b|"
                            rb"/(?:JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA)\b",
                            re.IGNORECASE)


def upload_check(uploaded) -> str:
    """Return the detected content type of one upload, or raise ValidationError."""
    name = getattr(uploaded, "name", "") or "file"
    if uploaded.size == 0:
        raise ValidationError(ERROR_FILE_EMPTY, params={"name": name}, code="empty")
    if uploaded.size > MAX_UPLOAD_BYTES:
        raise ValidationError(ERROR_FILE_SIZE, params={"name": name}, code="size")
    uploaded.seek(0)
    head = uploaded.read(8192)
    uploaded.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED_TYPES:
        raise ValidationError(ERROR_FILE_TYPE, params={"name": name}, code="type")
    content = uploaded.read()
    uploaded.seek(0)
    if ACTIVE_CONTENT.search(content):
        raise ValidationError(ERROR_FILE_ACTIVE, params={"name": name}, code="active")
    if kind.mime == "application/pdf" and b"%%EOF" not in content[-1024:]:
        # Something follows the PDF's end (a ZIP or HTML appended): not a plain PDF.
        raise ValidationError(ERROR_FILE_TYPE, params={"name": name}, code="type")
    return kind.mime


def uploads_check(files: list) -> list[str]:
    """Check a whole request's files; return their content types in order."""
    if len(files) > MAX_FILES_PER_REQUEST:
        raise ValidationError(ERROR_TOO_MANY_FILES, code="too_many")
    return [upload_check(f) for f in files]


def private_file_response(stored_file, *, filename: str, content_type: str,
                          inline: bool = False) -> FileResponse:
    """Serve a private file as a download (or `inline`, for a preview) that browsers neither
    sniff nor cache."""
    try:
        handle = stored_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=not inline, filename=filename,
                            content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response
