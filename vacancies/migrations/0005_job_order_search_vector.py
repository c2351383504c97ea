"""A stored tsvector for the public vacancy search (PostgreSQL only).

Before: a GIN index on the expression to_tsvector('simple', COALESCE(search_text, '')) (0002).
Its index scan is fast, but wherever the planner walks the newest-first index and filters, it
computes to_tsvector for every row it passes (~25 ms for a page of "welder" at 100,000
vacancies). Now the vector is stored in `search_vector`, kept by PostgreSQL's built-in
`tsvector_update_trigger` on every insert and update (services, bulk_create, COPY, admin alike),
and GIN-indexed. SQLite gets the plain column, unused: the search falls back to icontains.
"""

import django.contrib.postgres.search
from django.db import migrations

TRIGGER = "jo_search_vector_trigger"
INDEX = "jo_search_vector_gin"
OLD_INDEX = "jo_search_gin"

FORWARD = f"""
CREATE TRIGGER {TRIGGER} BEFORE INSERT OR UPDATE OF search_text, search_vector
    ON vacancies_joborder FOR EACH ROW
    EXECUTE FUNCTION tsvector_update_trigger(search_vector, 'pg_catalog.simple', search_text);
UPDATE vacancies_joborder SET search_vector = to_tsvector('simple', COALESCE(search_text, ''));
CREATE INDEX {INDEX} ON vacancies_joborder USING gin (search_vector);
DROP INDEX IF EXISTS {OLD_INDEX};
"""
BACKWARD = f"""
DROP TRIGGER IF EXISTS {TRIGGER} ON vacancies_joborder;
DROP INDEX IF EXISTS {INDEX};
CREATE INDEX {OLD_INDEX} ON vacancies_joborder
    USING gin (to_tsvector('simple'::regconfig, COALESCE(search_text, ''::text)));
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):

    dependencies = [
        ("vacancies", "0004_job_order_published_order_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="joborder",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True,
                help_text="search_text as a tsvector ('simple'), kept by a database trigger on "
                          "PostgreSQL (migration 0005) and GIN-indexed; unused elsewhere."),
        ),
        migrations.RunPython(forward, backward),
    ]
