"""Writes for API tokens: create (the secret is returned once) and revoke. Each writes one
audit event in the same transaction."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.audit import audit_record
from portal.models import Organisation
from portal.permissions import CorePermission
from portal.policy import can

from . import policy as _policy  # noqa: F401  (registers api.token.manage)
from .models import ApiScope, ApiToken

#: Every token starts with this, so a leaked one is easy to find with secret scanners.
TOKEN_MARK = "krv"  # noqa: S105  (a public prefix, not a secret)
ERROR_NOT_ALLOWED = _("You may not manage API tokens of this organisation.")
ERROR_KIND = _("Tokens are issued only to authorities and partner organisations.")
ERROR_SCOPES = _("Choose at least one known scope.")
ERROR_EXPIRY = _("The expiry must lie in the future.")
ERROR_ALREADY_REVOKED = _("This token is already revoked.")


def key_hash(secret: str) -> str:
    """SHA-256 of the full token. The secret has 256 bits of entropy, so a fast hash is safe."""
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass
class IssuedToken:
    token: ApiToken
    #: The full token, `krv_<prefix>_<secret>`; shown once and never stored.
    raw: str


def api_token_create(
    *,
    by,
    organisation: Organisation,
    name: str,
    scopes: list[str],
    expires_at: datetime,
    request=None,
) -> IssuedToken:
    """Issue a token for `organisation`; the raw value is only in the returned object."""
    if not can(by, CorePermission.API_TOKEN_MANAGE, organisation):
        raise PermissionDenied(ERROR_NOT_ALLOWED)
    if organisation.kind not in (Organisation.Kind.AUTHORITY, Organisation.Kind.PARTNER):
        raise ValidationError(ERROR_KIND)
    scopes = sorted(set(scopes or []))
    if not scopes or not set(scopes) <= set(ApiScope.values):
        raise ValidationError(ERROR_SCOPES)
    if expires_at <= timezone.now():
        raise ValidationError(ERROR_EXPIRY)
    prefix = secrets.token_hex(4)
    raw = f"{TOKEN_MARK}_{prefix}_{secrets.token_urlsafe(32)}"
    with transaction.atomic():
        token = ApiToken(
            organisation=organisation,
            name=name,
            prefix=prefix,
            key_hash=key_hash(raw),
            scopes=scopes,
            created_by=by,
            expires_at=expires_at,
        )
        token.full_clean()
        token.save()
        audit_record(
            actor=by,
            action="api.token.create",
            obj=token,
            organisation=organisation,
            to_state="active",
            country=organisation.country_id,
            request=request,
            changes={
                "name": [None, name],
                "scopes": [None, scopes],
                "expires_at": [None, expires_at.isoformat()],
            },
        )
    return IssuedToken(token=token, raw=raw)


def api_token_revoke(*, by, token: ApiToken, reason: str, request=None) -> ApiToken:
    """Revoke a token at once; later calls with it are refused."""
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().select_related("organisation").get(pk=token.pk)
        if not can(by, CorePermission.API_TOKEN_MANAGE, token.organisation):
            raise PermissionDenied(ERROR_NOT_ALLOWED)
        if token.revoked_at is not None:
            raise ValidationError(ERROR_ALREADY_REVOKED)
        before = token.state
        token.revoked_at = timezone.now()
        token.revoked_by = by
        token.revocation_reason = (reason or "").strip()
        token.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
        audit_record(
            actor=by,
            action="api.token.revoke",
            obj=token,
            organisation=token.organisation,
            from_state=before,
            to_state="revoked",
            reason=token.revocation_reason,
            country=token.organisation.country_id,
            request=request,
        )
    return token


def api_token_touch(*, token: ApiToken) -> None:
    """Record the token's last use (one UPDATE, no audit: the call itself is audited)."""
    now = timezone.now()
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
