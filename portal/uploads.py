"""Checking uploaded files: PDF, JPEG or PNG recognised by content, at most 10 MB each,
at most 10 per request. Every upload field goes through `upload_clean` (services) or
`upload_check` (forms); only the cleaned file is ever stored:

- images are decoded and re-encoded with Pillow, which drops anything after or beside the
  pixels (trailing HTML, ZIPs, metadata with GPS positions);
- PDFs are parsed with pypdf, which decodes `#xx` escapes in names, and refused when any
  object carries JavaScript, launch actions, embedded files, rich media, XFA forms, an
  open action or additional actions; bytes outside the streams must carry no markup;
- the stored and served name is a safe stem plus the extension of the detected type.
"""

import io
import re
import warnings
from pathlib import PurePosixPath

import filetype
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.http import FileResponse, Http404
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

ALLOWED_TYPES = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_FILES_PER_REQUEST = 10
#: Larger images are refused before decoding (a small file can declare a huge canvas).
MAX_IMAGE_PIXELS = 40_000_000

ERROR_FILE_TYPE = _("“%(name)s” is not a PDF, JPEG or PNG file.")
ERROR_FILE_SIZE = _("“%(name)s” is larger than 10 MB.")
ERROR_FILE_EMPTY = _("“%(name)s” is empty.")
ERROR_TOO_MANY_FILES = _("Send at most 10 files at a time.")
ERROR_FILE_ACTIVE = _(
    "“%(name)s” contains scripts, embedded files or web page code and cannot "
    "be accepted. Save it again as a plain PDF or image and retry."
)

#: Markup a browser could render if it ever treated the file as a web page.
MARKUP = re.compile(
    rb"<(?:!doctype|html|head|body|script|svg|iframe|object|embed|meta|img|"
    rb"form|style|link|base|frame|frameset|math)[\s/>]",
    re.IGNORECASE,
)
#: PDF names (after decoding `#xx`) that run code, open other files or carry attachments.
PDF_FORBIDDEN_NAMES = frozenset(
    {
        "/JavaScript",
        "/JS",
        "/Launch",
        "/EmbeddedFile",
        "/EmbeddedFiles",
        "/RichMedia",
        "/XFA",
        "/AA",
        "/GoToE",
    }
)
_PDF_RAW_NAME = re.compile(rb"/(?:[A-Za-z0-9]|#[0-9A-Fa-f]{2})+")
_PDF_STREAM_START = re.compile(rb"(?<![A-Za-z])stream(?:\r\n|\n|\r)")


def safe_filename(name: str, content_type: str) -> str:
    """`scan.pdf.exe` → `scan-pdf.pdf` (for a PDF): a slug of the uploader's name, no path, no
    dots, plus the extension of the type detected from the content."""
    base = PurePosixPath(str(name or "").replace("\\", "/")).name
    stem = base.rsplit(".", 1)[0] if "." in base[1:] else base
    stem = slugify(stem.replace(".", "-"), allow_unicode=True)[:80].strip("-_") or "document"
    return stem + ALLOWED_TYPES.get(content_type, "")


def _refuse(message, name, code):
    raise ValidationError(message, params={"name": name}, code=code)


def _image_reencoded(content: bytes, mime: str, name: str) -> bytes:
    """The pixels only, encoded afresh (upright, without metadata)."""
    from PIL import Image, ImageOps

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(content))
            if image.format != {"image/jpeg": "JPEG", "image/png": "PNG"}[mime]:
                _refuse(ERROR_FILE_TYPE, name, "type")
            if image.width * image.height > MAX_IMAGE_PIXELS:
                _refuse(ERROR_FILE_TYPE, name, "type")
            image.load()
            image = ImageOps.exif_transpose(image)
            out = io.BytesIO()
            if mime == "image/jpeg":
                if image.mode not in ("L", "RGB"):
                    image = image.convert("RGB")
                image.save(out, "JPEG", quality=90)
            else:
                if image.mode not in ("1", "L", "LA", "P", "RGB", "RGBA", "I", "I;16"):
                    image = image.convert("RGBA")
                image.save(out, "PNG")
    except ValidationError:
        raise
    except Exception:  # noqa: BLE001 - any decoder error means "not an image we accept"
        _refuse(ERROR_FILE_TYPE, name, "type")
    return out.getvalue()


def _pdf_walk(value, found: set, seen: set) -> None:
    """Collect forbidden names among the keys and values of one parsed object (not following
    references: every object is visited from the cross-reference table)."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

    if id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, NameObject):
        if value in PDF_FORBIDDEN_NAMES:
            found.add(str(value))
    elif isinstance(value, DictionaryObject):
        for key, item in value.items():
            if key in PDF_FORBIDDEN_NAMES:
                found.add(str(key))
            if key == "/OpenAction":
                action = item.get_object() if isinstance(item, IndirectObject) else item
                if isinstance(action, DictionaryObject):  # an action, not a destination
                    found.add("/OpenAction")
            _pdf_walk(item, found, seen)
    elif isinstance(value, ArrayObject):
        for item in value:
            _pdf_walk(item, found, seen)


def pdf_check(content: bytes, name: str) -> None:
    """Parse the PDF; refuse active content in any object, and markup or active names in the
    bytes outside the streams (appended or interleaved data no parser reports)."""
    from pypdf import PdfReader
    from pypdf.generic import IndirectObject, StreamObject

    found: set = set()
    masked = bytearray(content)
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            _refuse(ERROR_FILE_ACTIVE, name, "active")
        if len(reader.pages) < 1:
            _refuse(ERROR_FILE_TYPE, name, "type")
        seen: set = set()
        _pdf_walk(reader.trailer, found, seen)
        numbers = [
            (num, gen, offset)
            for gen, table in reader.xref.items()
            for num, offset in table.items()
        ]
        numbers += [(num, 0, None) for num in reader.xref_objStm]
        for num, gen, offset in numbers:
            obj = IndirectObject(num, gen, reader).get_object()
            if obj is None:
                continue
            _pdf_walk(obj, found, seen)
            if isinstance(obj, StreamObject) and offset is not None:
                start = _PDF_STREAM_START.search(content, offset)
                data = obj._data or b""
                if start and content[start.end() : start.end() + len(data)] == data:
                    masked[start.end() : start.end() + len(data)] = b" " * len(data)
    except ValidationError:
        raise
    except Exception:  # noqa: BLE001 - pypdf raises many kinds for damaged files
        _refuse(ERROR_FILE_TYPE, name, "type")
    outside = bytes(masked)
    raw_names = {
        "/"
        + re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m[1], 16)]), match[0][1:]).decode(
            "latin-1"
        )
        for match in _PDF_RAW_NAME.finditer(outside)
    }
    if found or raw_names & PDF_FORBIDDEN_NAMES or MARKUP.search(outside):
        _refuse(ERROR_FILE_ACTIVE, name, "active")
    if b"%%EOF" not in content[-1024:]:
        # Something follows the PDF's end (a ZIP appended): not a plain PDF.
        _refuse(ERROR_FILE_TYPE, name, "type")


def upload_clean(uploaded) -> ContentFile:
    """The checked file to store: a ContentFile named `safe stem + detected extension`, with
    `.content_type` set (images re-encoded). Raises ValidationError with the user's message."""
    cached = getattr(uploaded, "_karavan_clean", None)
    if cached is not None:
        return cached
    name = getattr(uploaded, "name", "") or "file"
    if uploaded.size == 0:
        _refuse(ERROR_FILE_EMPTY, name, "empty")
    if uploaded.size > MAX_UPLOAD_BYTES:
        _refuse(ERROR_FILE_SIZE, name, "size")
    uploaded.seek(0)
    content = uploaded.read()
    uploaded.seek(0)
    kind = filetype.guess(content[:8192])
    if kind is None or kind.mime not in ALLOWED_TYPES:
        _refuse(ERROR_FILE_TYPE, name, "type")
    if kind.mime == "application/pdf":
        pdf_check(content, name)
    else:
        if MARKUP.search(content):
            _refuse(ERROR_FILE_ACTIVE, name, "active")
        content = _image_reencoded(content, kind.mime, name)
    clean = ContentFile(content, name=safe_filename(name, kind.mime))
    clean.content_type = kind.mime
    try:
        uploaded._karavan_clean = clean
    except AttributeError:
        pass
    return clean


def upload_check(uploaded) -> str:
    """Return the detected content type of one upload, or raise ValidationError (forms)."""
    return upload_clean(uploaded).content_type


def uploads_check(files: list) -> list[str]:
    """Check a whole request's files; return their content types in order."""
    if len(files) > MAX_FILES_PER_REQUEST:
        raise ValidationError(ERROR_TOO_MANY_FILES, code="too_many")
    return [upload_check(f) for f in files]


def private_file_response(
    stored_file, *, filename: str, content_type: str, inline: bool = False
) -> FileResponse:
    """Serve a private file as a download (or `inline`, for a preview) that browsers neither
    sniff nor cache, named after its detected type whatever name it was uploaded with."""
    try:
        handle = stored_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=not inline,
        filename=safe_filename(filename, content_type),
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


def plain_pdf(comment: str = "") -> bytes:
    """A valid one-page blank PDF with a comment line: demo data and tests."""
    out = b"%PDF-1.4\n" + (f"% {comment}\n".encode() if comment else b"")
    offsets = []
    for number, body in enumerate(
        (
            b"<</Type/Catalog/Pages 2 0 R>>",
            b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
            b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>",
        ),
        1,
    ):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 4\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<</Size 4/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % xref
