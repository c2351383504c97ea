"""Wagtail's publish hook, forwarded to the service that queues the leaflet build, and the
clean-up of a leaflet's file when its page is deleted."""

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models.signals import post_delete
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
