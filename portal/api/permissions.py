"""Scope check for partner endpoints: each view names the scope it needs."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from .models import ApiToken

ERROR_SCOPE = _("This API token does not have the scope this endpoint needs.")


class HasScope(BasePermission):
    """Allow a valid token that carries the view's `required_scope`."""

    message = ERROR_SCOPE

    def has_permission(self, request, view):
        token = request.auth
        if not isinstance(token, ApiToken):
            return False
        return view.required_scope in (token.scopes or [])
