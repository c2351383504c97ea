from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """Shared core: users, organisations, jurisdictions, reference data, audit log."""

    name = "portal"
    verbose_name = _("Portal core")

    def ready(self):
        from django.db.models.signals import post_save
        from wagtail.signals import page_published, page_unpublished

        from . import corridor_services, durable_tasks, pagecache, system_checks  # noqa: F401  (corridor rules: case type, policy; checks)
        from .exports import wagtail_exports_escape
        from .models import AuditEvent

        # Every state change writes an audit event; publishing a page is Wagtail's own.
        post_save.connect(
            pagecache.audit_event_saved, sender=AuditEvent, dispatch_uid="pagecache-audit"
        )
        page_published.connect(pagecache.page_changed, dispatch_uid="pagecache-published")
        page_unpublished.connect(pagecache.page_changed, dispatch_uid="pagecache-unpublished")
        # A running task holds a lock its worker's death releases (tasks_recover reads it).
        durable_tasks.connect_signals()
        # Every CSV/XLSX export escapes formulas, Wagtail's report exports too.
        wagtail_exports_escape()
