"""Re-encrypt every encrypted field with the first of KARAVAN_FIELD_KEYS (portal/field_keys.py)."""

from cryptography.fernet import InvalidToken
from django.core.management.base import BaseCommand, CommandError

from portal.field_keys import field_keys, field_keys_rotate


class Command(BaseCommand):
    help = (
        "Re-encrypt MFA secrets and passport numbers with the first key of "
        "KARAVAN_FIELD_KEYS and renew passport fingerprints. Run after putting a new key "
        "first; drop the old keys only once this has finished."
    )

    def handle(self, *args, **options):
        if not field_keys():
            self.stderr.write(
                "No KARAVAN_FIELD_KEYS set: values use the key derived from "
                "SECRET_KEY; rotating anyway."
            )
        try:
            counts = field_keys_rotate()
        except InvalidToken:
            raise CommandError(
                "A value could not be decrypted with any configured key; nothing "
                "was changed. Add the old key after the new one and retry."
            ) from None
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count} re-encrypted")
