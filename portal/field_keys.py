"""Keys for secrets at rest (MFA secrets, passport numbers), with rotation.

`KARAVAN_FIELD_KEYS` is a comma-separated list of Fernet keys: the first encrypts, all of them
decrypt (MultiFernet). The older single-key variable `KARAVAN_FIELD_KEY` keeps working, and
still decrypts when both are set. To rotate: put a new key first, keep the old ones after it,
deploy, run `manage.py rotate_field_keys`, then drop the old keys.
"""

import base64
import hashlib

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings


def field_keys() -> list[str]:
    """The configured keys, the encrypting one first (empty in development without keys)."""
    keys = [key.strip() for key in settings.KARAVAN_FIELD_KEYS if key.strip()]
    old = (settings.KARAVAN_FIELD_KEY or "").strip()
    if old and old not in keys:
        keys.append(old)
    return keys


def field_cipher() -> MultiFernet:
    """Encrypts with the first key, decrypts with any (derived from SECRET_KEY when none is
    configured, so development works without set-up)."""
    keys = field_keys()
    if not keys:
        digest = hashlib.sha256(("karavan-field-key:" + settings.SECRET_KEY).encode()).digest()
        keys = [base64.urlsafe_b64encode(digest).decode()]
    return MultiFernet([Fernet(key.encode()) for key in keys])


def field_hash_secret() -> str:
    """Secret for keyed fingerprints (passport duplicates): follows the encrypting key, so a
    rotation also renews the fingerprints (`rotate_field_keys` recomputes them)."""
    keys = field_keys()
    return keys[0] if keys else settings.SECRET_KEY


#: Everything encrypted with the field keys: one function per table, given the cipher, that
#: re-encrypts its rows under the first key and returns how many it rewrote.
ROTATIONS = [
    "portal.accounts.mfa_secrets_rotate",
    "licensing.permits.personal_data.passports_rotate",
]


def field_keys_rotate() -> dict[str, int]:
    """Re-encrypt every encrypted field with the first key (and renew the fingerprints), in one
    transaction; an undecryptable value (a key missing from the list) aborts it all. One audit
    event records the counts."""
    from django.db import transaction
    from django.utils.module_loading import import_string

    from .models import AuditEvent

    cipher = field_cipher()
    with transaction.atomic():
        counts = {path.rsplit(".", 1)[1]: import_string(path)(cipher) for path in ROTATIONS}
        AuditEvent.objects.create(
            actor_label="manage.py rotate_field_keys",
            action="field_keys.rotate",
            object_type="portal.field_keys",
            object_id="-",
            object_repr="field keys",
            changes={name: [None, count] for name, count in counts.items()},
        )
    return counts
