"""/api/v1/ — filled in by the regional data exchange issue."""

urlpatterns: list = []
