"""Background work of the campaigns app (immediate in dev and tests, a worker in production)."""

from portal.durable_tasks import durable_task


@durable_task
def leaflet_build_task(*, page_id: int) -> str:
    """Build the printable leaflet of a freshly published page. Returns the stored file name."""
    from .services import leaflet_build

    leaflet = leaflet_build(page_id=page_id)
    return leaflet.file.name if leaflet else ""
