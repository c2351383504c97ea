"""Writing the audit log. Every service function that changes state calls `audit_record`."""

from django.db import models

from .clients import client_ip
from .models import AuditEvent


def _client_ip(request) -> str | None:
    if request is None:
        return None
    return client_ip(request) or None


def audit_record(
    *,
    actor,
    action: str,
    obj: models.Model,
    role: str = "",
    organisation=None,
    from_state: str = "",
    to_state: str = "",
    reason: str = "",
    changes: dict | None = None,
    country: str = "",
    request=None,
) -> AuditEvent:
    """Append one audit event. Call inside the transaction that makes the change."""
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=actor_obj,
        actor_label=str(actor_obj) if actor_obj else (str(actor) if actor else "anonymous"),
        role=role,
        organisation=organisation,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        from_state=from_state or "",
        to_state=to_state or "",
        reason=reason or "",
        changes=changes or {},
        country=country or "",
        ip=_client_ip(request),
    )


def field_changes(before: dict, after: dict) -> dict:
    """{field: [old, new]} for the fields whose value differs (values made JSON-friendly)."""

    def plain(value):
        if value is None or isinstance(value, (bool, int, float, str, list, dict)):
            return value
        return str(value)

    return {
        name: [plain(before.get(name)), plain(after.get(name))]
        for name in sorted(set(before) | set(after))
        if before.get(name) != after.get(name)
    }
