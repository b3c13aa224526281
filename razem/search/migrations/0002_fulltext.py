"""The full-text structures, per database: FTS5 on SQLite, tsvector + GIN on PostgreSQL."""

from django.db import migrations

TABLE = "search_searchdocument"
COLUMNS = (
    "name_terms, short_terms, area_terms, description_terms, resources_terms, facet_terms"
)
NEW_COLUMNS = ", ".join(f"new.{c.strip()}" for c in COLUMNS.split(","))
OLD_COLUMNS = ", ".join(f"old.{c.strip()}" for c in COLUMNS.split(","))

SQLITE_FORWARD = [
    f"""CREATE VIRTUAL TABLE search_fts USING fts5(
        {COLUMNS}, content='{TABLE}', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0', detail='column', prefix='2 3')""",
    f"""CREATE TRIGGER search_fts_ai AFTER INSERT ON {TABLE} BEGIN
        INSERT INTO search_fts(rowid, {COLUMNS}) VALUES (new.id, {NEW_COLUMNS});
    END""",
    f"""CREATE TRIGGER search_fts_ad AFTER DELETE ON {TABLE} BEGIN
        INSERT INTO search_fts(search_fts, rowid, {COLUMNS})
        VALUES ('delete', old.id, {OLD_COLUMNS});
    END""",
    f"""CREATE TRIGGER search_fts_au AFTER UPDATE ON {TABLE} BEGIN
        INSERT INTO search_fts(search_fts, rowid, {COLUMNS})
        VALUES ('delete', old.id, {OLD_COLUMNS});
        INSERT INTO search_fts(rowid, {COLUMNS}) VALUES (new.id, {NEW_COLUMNS});
    END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRES_FORWARD = [
    f"""ALTER TABLE {TABLE} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, name_terms), 'A') ||
        setweight(to_tsvector('simple'::regconfig, short_terms), 'B') ||
        setweight(to_tsvector('simple'::regconfig, area_terms), 'C') ||
        setweight(to_tsvector('simple'::regconfig,
                              description_terms || ' ' || resources_terms), 'D') ||
        to_tsvector('simple'::regconfig, facet_terms)
    ) STORED""",
    f"CREATE INDEX search_vector_gin ON {TABLE} USING GIN (search_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_vector_gin",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_vector",
]


def _run(statements):
    def run(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
