"""Passport numbers at rest: encrypted with the portal's field key, fingerprinted with a keyed
hash for duplicate detection. Nothing here logs; callers must not log the clear value either."""

import hashlib
import hmac
import re

from django.conf import settings


def field_cipher():
    # Imported late: portal.accounts pulls in allauth, which must not load during app setup.
    from portal.accounts import field_cipher as cipher

    return cipher()


def passport_normalise(raw: str) -> str:
    """Upper case without spaces or dashes, as printed in the machine-readable zone."""
    return re.sub(r"[\s\-]+", "", raw or "").upper()


def _hash_key() -> bytes:
    # A key of its own, derived from the same secret as the cipher, so a leaked hash table
    # cannot be brute-forced without the environment's secret.
    secret = settings.KARAVAN_FIELD_KEY or settings.SECRET_KEY
    return hashlib.sha256(("karavan-passport-hash:" + secret).encode()).digest()


def passport_hash(*, nationality: str, number: str) -> str:
    """HMAC-SHA256 of "<nationality>:<number>" (passport numbers are unique per issuing state)."""
    message = f"{nationality.upper()}:{passport_normalise(number)}".encode()
    return hmac.new(_hash_key(), message, hashlib.sha256).hexdigest()


def passport_encrypt(number: str) -> str:
    return field_cipher().encrypt(passport_normalise(number).encode()).decode()


def passport_decrypt(token: str) -> str:
    return field_cipher().decrypt(token.encode()).decode()


def passport_masked(token: str) -> str:
    """What an applicant sees on their own pages: the last two characters only."""
    try:
        clear = passport_decrypt(token)
    except Exception:  # noqa: BLE001 - a key rotation must not break the page
        return "••••"
    return "•" * max(len(clear) - 2, 2) + clear[-2:]
