"""Vacancy search across languages (PostgreSQL only): the `unaccent` extension and a text
search configuration `karavan_search` = PostgreSQL's `simple` (lower case, no stemming: there
is no stemmer for Kazakh, Kyrgyz, Tajik, Turkmen or Uzbek, and a Russian or English stemmer
would mangle their words) with `unaccent` first, so "Türkiye" matches "turkiye" and "ёлка"
matches "елка". The trigger of 0005 now builds `search_vector` with it; the search queries
with the same configuration (vacancies/selectors.py). SQLite: nothing (icontains)."""

from django.db import migrations

CONFIG = "karavan_search"
TRIGGER = "jo_search_vector_trigger"

FORWARD = f"""
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{CONFIG}') THEN
        CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = pg_catalog.simple);
        ALTER TEXT SEARCH CONFIGURATION {CONFIG}
            ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
            WITH unaccent, simple;
    END IF;
END $$;
DROP TRIGGER IF EXISTS {TRIGGER} ON vacancies_joborder;
CREATE TRIGGER {TRIGGER} BEFORE INSERT OR UPDATE OF search_text, search_vector
    ON vacancies_joborder FOR EACH ROW
    EXECUTE FUNCTION tsvector_update_trigger(search_vector, 'public.{CONFIG}', search_text);
UPDATE vacancies_joborder SET search_vector = to_tsvector('{CONFIG}', COALESCE(search_text, ''));
"""
BACKWARD = f"""
DROP TRIGGER IF EXISTS {TRIGGER} ON vacancies_joborder;
CREATE TRIGGER {TRIGGER} BEFORE INSERT OR UPDATE OF search_text, search_vector
    ON vacancies_joborder FOR EACH ROW
    EXECUTE FUNCTION tsvector_update_trigger(search_vector, 'pg_catalog.simple', search_text);
UPDATE vacancies_joborder SET search_vector = to_tsvector('simple', COALESCE(search_text, ''));
DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG};
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):

    dependencies = [
        ("vacancies", "0009_job_order_content_languages"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
    ]
