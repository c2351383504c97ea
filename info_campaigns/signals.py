"""Wagtail's publish hook, forwarded to the service that queues the leaflet build, and the
clean-up of a leaflet's file when its page is deleted, and the page cache's content area evicted
when a help contact (hotline, resource centre) shown on those pages changes."""

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published


@receiver(page_published, dispatch_uid="info_campaigns_leaflet_on_publish")
def leaflet_on_publish(sender, instance, revision=None, **kwargs):
    from .models import LeafletPageMixin
    from .services import leaflet_schedule

    if isinstance(instance, LeafletPageMixin):
        leaflet_schedule(page=instance)


@receiver(post_delete, sender="info_campaigns.Leaflet", dispatch_uid="info_campaigns_leaflet_file")
def leaflet_file_delete(sender, instance, **kwargs):
    """A deleted page takes its leaflet row with it (CASCADE); the PDF goes once that commits,
    so a leaflet of a withdrawn page cannot linger in storage."""
    name = instance.file.name
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))


@receiver(post_save, sender="info_campaigns.Hotline", dispatch_uid="info_campaigns_hotline_saved")
@receiver(
    post_delete, sender="info_campaigns.Hotline", dispatch_uid="info_campaigns_hotline_deleted"
)
@receiver(
    post_save, sender="info_campaigns.ResourceCentre", dispatch_uid="info_campaigns_centre_saved"
)
@receiver(
    post_delete,
    sender="info_campaigns.ResourceCentre",
    dispatch_uid="info_campaigns_centre_deleted",
)
def help_contact_changed(sender, instance, **kwargs):
    """A hotline or resource centre is a snippet shown on guides and campaigns; editing one is
    not a page publication, so the cached content pages are evicted here (the content area only:
    portal/pagecache.py)."""
    from portal.pagecache import page_changed

    page_changed()
