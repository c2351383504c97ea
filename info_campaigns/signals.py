"""Wagtail's publish hook, forwarded to the service that queues the leaflet build."""

from django.dispatch import receiver
from wagtail.signals import page_published


@receiver(page_published, dispatch_uid="info_campaigns_leaflet_on_publish")
def leaflet_on_publish(sender, instance, revision=None, **kwargs):
    from .models import LeafletPageMixin
    from .services import leaflet_schedule

    if isinstance(instance, LeafletPageMixin):
        leaflet_schedule(page=instance)
