"""PostgreSQL: a small tsvector of the name and short name, for cheap first-tier ranking."""

from django.db import migrations

TABLE = "search_searchdocument"

FORWARD = [
    f"""ALTER TABLE {TABLE} ADD COLUMN title_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, name_terms), 'A') ||
        setweight(to_tsvector('simple'::regconfig, short_terms), 'B')
    ) STORED""",
    f"CREATE INDEX search_title_vector_gin ON {TABLE} USING GIN (title_vector)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS search_title_vector_gin",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS title_vector",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
