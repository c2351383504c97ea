"""One verification mechanism for every issued number (licence, permit, patent, job order).

Each app registers a resolver for its kind code; the public page `/<lang>/verify/<number>/`
asks the registry. A resolver returns a `VerificationResult` with only what may be shown
publicly (no personal data beyond what the holder shows anyway).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

NUMBER_RE = re.compile(r"^(?P<country>[A-Z]{2})-(?P<kind>[A-Z]{2,4})-(?P<year>\d{4})-(?P<seq>\d{6})$")


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


def verify_number(raw: str) -> VerificationResult | None:
    """Resolve a number to its public facts, or None when it is not a valid number."""
    number = normalise_number(raw)
    match = NUMBER_RE.match(number)
    if not match:
        return None
    resolver = _RESOLVERS.get(match["kind"])
    result = resolver(number) if resolver else None
    if result is not None:
        for linker in _LINKERS.get(match["kind"], []):
            result.linked.extend(linker(result))
    return result
