"""Full-text index for the public vacancy search, on PostgreSQL only.

The index expression must be exactly what `selectors.published_job_orders()` searches:
to_tsvector('simple', COALESCE(search_text, '')). 'simple' because job orders are written in
several languages (Russian, English, Kazakh …) and no one stemmer fits them all. SQLite has no
GIN indexes; there the search falls back to icontains.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEX_NAME = "jo_search_gin"


def _index():
    return GinIndex(SearchVector("search_text", config="simple"), name=INDEX_NAME)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("vacancies", "JobOrder"), _index())


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("vacancies", "JobOrder"), _index())


class Migration(migrations.Migration):
    dependencies = [("vacancies", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
