"""Field encryption keys rotate: KARAVAN_FIELD_KEYS (first encrypts, all decrypt), the older
single KARAVAN_FIELD_KEY keeps working, and `rotate_field_keys` re-encrypts every field."""

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from licensing.permits.models import PermitApplication
from licensing.permits.personal_data import passport_decrypt, passport_hash
from portal.accounts import MFAAdapter
from portal.models import AuditEvent
from tests.conftest import give_totp

from .conftest import draft

pytestmark = pytest.mark.django_db

OLD, NEW = Fernet.generate_key().decode(), Fernet.generate_key().decode()


def _token_key(token: str) -> str:
    """Which of OLD / NEW a Fernet token was made with."""
    for name, key in (("old", OLD), ("new", NEW)):
        try:
            Fernet(key).decrypt(token.encode())
            return name
        except Exception:  # noqa: BLE001, S112 - try the next key
            continue
    return "?"


def test_the_old_single_key_variable_keeps_working(settings, pm):
    settings.KARAVAN_FIELD_KEYS, settings.KARAVAN_FIELD_KEY = [], OLD
    application = draft(pm["worker"], passport_number="TJ1234567")
    assert _token_key(application.passport_number_encrypted) == "old"
    settings.KARAVAN_FIELD_KEYS = [NEW]  # the new list, the old variable still set
    assert passport_decrypt(application.passport_number_encrypted) == "TJ1234567"
    other = draft(pm["worker"], kind="PT", passport_number="TJ7654321")
    assert _token_key(other.passport_number_encrypted) == "new"


def test_rotation_re_encrypts_every_field_and_the_old_key_can_go(settings, pm):
    settings.KARAVAN_FIELD_KEYS, settings.KARAVAN_FIELD_KEY = [OLD], ""
    application = draft(pm["worker"], passport_number="TJ1234567")
    totp = give_totp(pm["officer"]).instance
    secret = MFAAdapter().decrypt(totp.data["secret"])
    settings.KARAVAN_FIELD_KEYS = [NEW, OLD]
    call_command("rotate_field_keys")
    settings.KARAVAN_FIELD_KEYS = [NEW]  # the old key is dropped
    application.refresh_from_db()
    totp.refresh_from_db()
    assert _token_key(application.passport_number_encrypted) == "new"
    assert passport_decrypt(application.passport_number_encrypted) == "TJ1234567"
    assert application.passport_hash == passport_hash(nationality="TJ", number="TJ1234567")
    assert _token_key(totp.data["secret"]) == "new"
    assert MFAAdapter().decrypt(totp.data["secret"]) == secret
    assert AuditEvent.objects.filter(action="field_keys.rotate").exists()
    # Duplicate detection still finds the same passport under the new fingerprint.
    with pytest.raises(ValidationError, match="already open for this passport"):
        draft(pm["worker"], passport_number="TJ 123-4567")


def test_rotation_without_the_old_key_changes_nothing(settings, pm):
    settings.KARAVAN_FIELD_KEYS, settings.KARAVAN_FIELD_KEY = [OLD], ""
    application = draft(pm["worker"], passport_number="TJ1234567")
    settings.KARAVAN_FIELD_KEYS = [NEW]
    with pytest.raises(CommandError, match="nothing was changed"):
        call_command("rotate_field_keys")
    assert (
        PermitApplication.objects.get(pk=application.pk).passport_number_encrypted
        == application.passport_number_encrypted
    )
