"""Partner authentication: `Authorization: Bearer krv_<prefix>_<secret>`."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from .models import ApiToken
from .services import api_token_touch, key_hash

ERROR_INVALID = _("The API token is not valid.")
ERROR_REVOKED = _("The API token has been revoked.")
ERROR_EXPIRED = _("The API token has expired.")


class Partner:
    """The caller behind a token: its organisation. Not a user account."""

    is_authenticated = True
    is_anonymous = False
    is_superuser = False

    def __init__(self, token: ApiToken):
        self.token = token
        self.organisation = token.organisation

    def __str__(self):
        return f"API token {self.token.prefix} ({self.organisation})"


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """Looks the token up by the hash of its full value; refuses revoked and expired tokens
    and records the last use of a valid one."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(ERROR_INVALID)
        try:
            raw = header[1].decode()
        except UnicodeError as error:
            raise exceptions.AuthenticationFailed(ERROR_INVALID) from error
        token = (
            ApiToken.objects.select_related("organisation").filter(key_hash=key_hash(raw)).first()
        )
        if token is None:
            raise exceptions.AuthenticationFailed(ERROR_INVALID)
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed(ERROR_REVOKED)
        if not token.is_usable:
            raise exceptions.AuthenticationFailed(ERROR_EXPIRED)
        api_token_touch(token=token)
        return Partner(token), token

    def authenticate_header(self, request):
        return f'{self.keyword} realm="karavan"'


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """Documents the bearer token in the OpenAPI schema."""

    target_class = "portal.api.authentication.ApiTokenAuthentication"
    name = "partnerToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "krv_<prefix>_<secret>",
            "description": "Partner API token, created in the back office by an authority "
            "administrator. See docs/api.md.",
        }
