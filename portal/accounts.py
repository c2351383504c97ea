"""django-allauth adapters: phone numbers for workers, encrypted MFA secrets."""

import phonenumbers
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.app_settings import EmailVerificationMethod
from allauth.account.fields import PhoneField
from allauth.account.stages import EmailVerificationStage
from allauth.mfa.adapter import DefaultMFAAdapter
from django import forms
from django.core.exceptions import PermissionDenied
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .clients import client_ip
from .field_keys import field_cipher
from .models import User
from .sms import sms_send

INVALID_PHONE = _("Enter the phone number in international format, for example +992 90 123 4567.")


class AccountAdapter(DefaultAccountAdapter):
    """Stores the phone number on the user and sends codes through the configured SMS backend."""

    def get_client_ip(self, request) -> str:
        """The address sign-in lockouts, sign-up limits and session lists key on: the same one
        every other limit and the audit log use (portal/clients.py)."""
        ip = client_ip(request)
        if not ip:
            raise PermissionDenied("Unable to determine client IP address")
        return ip

    def get_login_stages(self) -> list[str]:
        return [
            "portal.accounts.MandatoryEmailVerificationStage"
            if stage == "allauth.account.stages.EmailVerificationStage"
            else stage
            for stage in super().get_login_stages()
        ]

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        # Phone-only workers have no address: store NULL, not "", so the unique index holds.
        user.email = user.email or None
        # Notifications come in the language the person signed up in (changeable later).
        user.preferred_language = user.preferred_language or translation.get_language() or ""
        # …and through the channel they signed up with (changeable on the account page).
        user.notification_channels = user.notification_channels or (
            ["email"] if user.email else ["sms"] if user.phone else []
        )
        if commit:
            user.save()
        return user

    def phone_form_field(self, **kwargs):
        # Accept "+992 90 123-45-67" as people write it; clean_phone() validates and normalises.
        kwargs.setdefault("validators", [])
        kwargs.setdefault("help_text", _("International format, e.g. +992 90 123 4567."))
        return PhoneField(**kwargs)

    def clean_phone(self, phone: str) -> str:
        try:
            number = phonenumbers.parse(phone, None)
        except phonenumbers.NumberParseException as exc:  # noqa: B904
            raise forms.ValidationError(INVALID_PHONE) from exc
        if not phonenumbers.is_possible_number(number):
            raise forms.ValidationError(INVALID_PHONE)
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

    def send_verification_code_sms(self, user, phone: str, code: str, **kwargs) -> None:
        sms_send(phone, _("Karavan code: %(code)s") % {"code": code})

    def send_unknown_account_sms(self, phone: str, **kwargs) -> None:
        sms_send(phone, _("Someone tried to sign in to Karavan with this number."))

    def set_phone(self, user, phone: str, verified: bool) -> None:
        user.phone = phone
        user.phone_verified = verified
        if user.pk:  # during sign-up allauth saves the new user itself afterwards
            user.save(update_fields=["phone", "phone_verified"])

    def get_phone(self, user):
        return (user.phone, user.phone_verified) if user.phone else None

    def set_phone_verified(self, user, phone: str) -> None:
        user.phone_verified = True
        user.save(update_fields=["phone_verified"])

    def get_user_by_phone(self, phone: str):
        return User.objects.filter(phone=phone).order_by("pk").first()


class MFAAdapter(DefaultMFAAdapter):
    """TOTP secrets and recovery seeds are encrypted before they reach the database."""

    def encrypt(self, text: str) -> str:
        return field_cipher().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text: str) -> str:
        return field_cipher().decrypt(encrypted_text.encode()).decode()


class MandatoryEmailVerificationStage(EmailVerificationStage):
    """E-mail verification is mandatory for every account that has an address.

    Phone-only workers pass allauth's phone verification stage instead.
    """

    def handle(self):
        user = self.login.user
        # No user but an address: a sign-up with a registered address (portal/forms.py), which
        # must look exactly like a new sign-up waiting for its verification.
        has_address = getattr(user, "email", None) if user is not None else self.login.email
        if has_address:
            self.login.email_verification = EmailVerificationMethod.MANDATORY
        return super().handle()


def mfa_secrets_rotate(cipher) -> int:
    """Re-encrypt TOTP secrets and recovery-code seeds under the first field key."""
    from allauth.mfa.models import Authenticator

    fields = {Authenticator.Type.TOTP: "secret", Authenticator.Type.RECOVERY_CODES: "seed"}
    count = 0
    for authenticator in Authenticator.objects.select_for_update().filter(type__in=fields):
        name = fields[authenticator.type]
        if authenticator.data.get(name):
            authenticator.data[name] = cipher.rotate(authenticator.data[name].encode()).decode()
            authenticator.save(update_fields=["data"])
            count += 1
    return count
