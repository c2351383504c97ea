"""One verification mechanism for every issued number (licence, permit, patent, job order).

Each app registers a resolver for its kind code; the public page `/<lang>/verify/<number>/`
asks the registry. A resolver returns a `VerificationResult` with only what may be shown
publicly (no personal data beyond what the holder shows anyway).

Numbers are sequential, so anyone could walk them. A document held by a person (`personal`:
work permits, patents) therefore shows its holder's details only with its *check code*: a
keyed hash of the number, printed on the document under the QR code and carried in the QR
code's address (`?code=`). The number alone answers whether it exists and its status.
Agencies' licences and job orders are public records and show everything by number.
"""

import dataclasses
import hashlib
import hmac
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings

NUMBER_RE = re.compile(
    r"^(?P<country>[A-Z]{2})-(?P<kind>[A-Z]{2,4})-(?P<year>\d{4})-(?P<seq>\d{6})$"
)


@dataclass
class VerificationResult:
    number: str
    kind_label: str
    status: str  # machine value: active, suspended, revoked, expired, lapsed …
    status_label: str
    holder: str
    issuer: str
    valid_from: date | None = None
    valid_until: date | None = None
    #: Further public facts: list of (label, value) pairs.
    facts: list[tuple[str, str]] = field(default_factory=list)
    #: Linked checks shown below (e.g. a permit's job order and the agency's licence).
    linked: list["VerificationResult"] = field(default_factory=list)
    #: Held by a person: holder, dates, facts and links only with the check code.
    personal: bool = False
    #: Set by `verify_number` when the details were withheld (no check code, or a wrong one).
    withheld: bool = False
    wrong_code: bool = False

    @property
    def is_valid(self) -> bool:
        return self.status == "active"


_RESOLVERS: dict[str, Callable[[str], VerificationResult | None]] = {}
_LINKERS: dict[str, list[Callable[[VerificationResult], list[VerificationResult]]]] = {}


def register_resolver(kind: str):
    """Decorator: `@register_resolver("LIC") def resolve(number) -> VerificationResult | None`."""

    def register(fn):
        _RESOLVERS[kind] = fn
        return fn

    return register


def register_linker(kind: str):
    """Decorator: add linked checks to results of `kind`, from an app further down the chain.

    E.g. vacancies registers a linker for "WP" so that verifying a work permit that came from a
    job order also shows the job order and the agency's licence (one QR scan, whole offer).
    `fn(result) -> list[VerificationResult]`.
    """

    def register(fn):
        _LINKERS.setdefault(kind, []).append(fn)
        return fn

    return register


def normalise_number(raw: str) -> str:
    return re.sub(r"\s+", "", (raw or "")).upper()


#: Without 0, O, 1, I, L and U, which readers confuse; 30 symbols, 8 of them ≈ 39 bits.
CHECK_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
CHECK_CODE_LENGTH = 8


def _check_code_key() -> bytes:
    # A key of its own, so that rotating SECRET_KEY does not void every printed document.
    return (
        "karavan.verification.check-code:"
        + (settings.KARAVAN_VERIFICATION_KEY or settings.SECRET_KEY)
    ).encode()


def check_code(number: str) -> str:
    """The check code printed on the document with this number (HMAC-SHA256 of the number)."""
    digest = hmac.new(_check_code_key(), normalise_number(number).encode(), hashlib.sha256)
    value = int.from_bytes(digest.digest()[:8], "big")
    symbols = []
    for _ in range(CHECK_CODE_LENGTH):
        value, index = divmod(value, len(CHECK_CODE_ALPHABET))
        symbols.append(CHECK_CODE_ALPHABET[index])
    return "".join(symbols)


def normalise_check_code(raw: str) -> str:
    """As people type it: any case, with spaces or dashes ("abcd-2345" → "ABCD2345")."""
    return re.sub(r"[\s\-]+", "", raw or "").upper()[:32]


def verification_path(number: str) -> str:
    """The public check of `number` with its check code (what the QR code opens), in the
    current language."""
    from django.urls import reverse

    path = reverse("portal:verify_number", kwargs={"number": number})
    return f"{path}?code={check_code(number)}"


def verification_url(number: str) -> str:
    """Absolute `verification_path`, as printed on certificates and put in their QR code."""
    from django.utils import translation

    with translation.override(translation.get_language() or settings.LANGUAGE_CODE):
        return settings.SITE_URL.rstrip("/") + verification_path(number)


def check_code_matches(number: str, code: str | None) -> bool:
    # As bytes: compare_digest refuses str with non-ASCII characters (a TypeError, a 500).
    return bool(code) and hmac.compare_digest(
        check_code(number).encode(), normalise_check_code(code).encode()
    )


def verify_number(raw: str, code: str | None = None) -> VerificationResult | None:
    """Resolve a number to its public facts, or None when it is not a valid number.

    A person's document without its right check `code` keeps only number, kind, status and
    issuer (`withheld`; `wrong_code` when a code was given but does not match).
    """
    number = normalise_number(raw)
    match = NUMBER_RE.match(number)
    if not match:
        return None
    resolver = _RESOLVERS.get(match["kind"])
    result = resolver(number) if resolver else None
    if result is None:
        return None
    if result.personal and not check_code_matches(number, code):
        return dataclasses.replace(
            result,
            holder="",
            valid_from=None,
            valid_until=None,
            facts=[],
            linked=[],
            withheld=True,
            wrong_code=bool(normalise_check_code(code or "")),
        )
    for linker in _LINKERS.get(match["kind"], []):
        result.linked.extend(linker(result))
    return result
