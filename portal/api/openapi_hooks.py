"""drf-spectacular hooks: the published schema covers only Karavan's own /api/v1/ paths."""


def only_project_paths(endpoints, **kwargs):
    """Drop Wagtail's admin API and anything else outside /api/v1/ from the schema."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
