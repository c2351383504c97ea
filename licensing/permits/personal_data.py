"""Passport numbers at rest: encrypted with the portal's field key, fingerprinted with a keyed
hash for duplicate detection. Nothing here logs; callers must not log the clear value either."""

import hashlib
import hmac
import re


def field_cipher():
    from portal.field_keys import field_cipher as cipher

    return cipher()


def passport_normalise(raw: str) -> str:
    """Upper case without spaces or dashes, as printed in the machine-readable zone."""
    return re.sub(r"[\s\-]+", "", raw or "").upper()


def _hash_key() -> bytes:
    # A key of its own, derived from the same secret as the cipher, so a leaked hash table
    # cannot be brute-forced without the environment's secret.
    from portal.field_keys import field_hash_secret

    secret = field_hash_secret()
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


def passports_rotate(cipher) -> int:
    """Re-encrypt every passport number under the first field key and recompute its
    fingerprint with the new hash secret (both follow the first key)."""
    from .models import PermitApplication

    rows = list(
        PermitApplication.objects.select_for_update()
        .exclude(passport_number_encrypted="")
        .only("pk", "nationality_id", "passport_number_encrypted", "passport_hash")
    )
    for row in rows:
        number = cipher.decrypt(row.passport_number_encrypted.encode()).decode()
        row.passport_number_encrypted = cipher.encrypt(number.encode()).decode()
        row.passport_hash = passport_hash(nationality=row.nationality_id or "", number=number)
    PermitApplication.objects.bulk_update(
        rows, ["passport_number_encrypted", "passport_hash"], batch_size=500
    )
    return len(rows)
