"""Keeping the index current. Idempotent: an object's document is replaced."""

from collections.abc import Iterable
from contextlib import contextmanager

from django.db import connection, transaction

from razem.search import backends, text
from razem.search.models import SearchDocument
from razem.search.registry import KINDS, Entry


def _document_values(kind: str, entry: Entry) -> dict:
    facets = backends.document_facets(
        kind, entry.territory_code or "", entry.area_codes, entry.facets
    )
    return {
        "facet_terms": " ".join(facets),
        "title": entry.title[:300],
        "url": entry.url[:300],
        "summary": entry.summary[:2000],
        "territory_code": entry.territory_code or "",
        "area_codes": ("|" + "|".join(entry.area_codes) + "|")
        if entry.area_codes
        else "",
        "name_terms": text.index_terms(entry.name),
        "short_terms": text.index_terms(entry.short_name),
        "area_terms": text.index_terms(entry.areas),
        "description_terms": text.index_terms(entry.description[:20_000], forms=False),
        "resources_terms": text.index_terms(entry.resources[:20_000], forms=False),
    }


def index_object(*, kind: str, obj) -> None:
    """Create, replace or remove the document of `obj` (in the caller's transaction)."""
    entry = KINDS[kind].adapter(obj)
    if entry is None:
        unindex_object(kind=kind, object_id=obj.pk)
        return
    SearchDocument.objects.update_or_create(
        kind=kind, object_id=obj.pk, defaults=_document_values(kind, entry)
    )


def unindex_object(*, kind: str, object_id: int) -> None:
    SearchDocument.objects.filter(kind=kind, object_id=object_id).delete()


@transaction.atomic
def index_objects(
    *,
    kind: str,
    ids: Iterable[int] | None = None,
    progress=None,
    batch_size: int = 1000,
) -> int:
    """(Re)index many objects of `kind` in batches: all of them when `ids` is None.

    Replaces their documents with bulk writes; `progress(n)` is called per batch.
    Returns the number of documents written.
    """
    registered = KINDS[kind]
    queryset = registered.queryset()
    if ids is not None:
        ids = list(ids)
        queryset = queryset.filter(pk__in=ids)
        SearchDocument.objects.filter(kind=kind, object_id__in=ids).delete()
    else:
        SearchDocument.objects.filter(kind=kind).delete()
    written = 0
    batch: list[SearchDocument] = []
    for obj in queryset.order_by("pk").iterator(chunk_size=batch_size):
        entry = registered.adapter(obj)
        if entry is not None:
            batch.append(
                SearchDocument(
                    kind=kind, object_id=obj.pk, **_document_values(kind, entry)
                )
            )
        if len(batch) >= batch_size:
            SearchDocument.objects.bulk_create(batch)
            written += len(batch)
            if progress:
                progress(len(batch))
            batch = []
    if batch:
        SearchDocument.objects.bulk_create(batch)
        written += len(batch)
        if progress:
            progress(len(batch))
    return written


# PostgreSQL's full-text indexes (migrations 0002 and 0003); see bulk_indexing().
GIN_INDEXES = {
    "search_vector_gin": "search_vector",
    "search_title_vector_gin": "title_vector",
}
BULK_THRESHOLD = 20_000


@contextmanager
def bulk_indexing(expected: int):
    """Index many documents faster: on PostgreSQL, with at least BULK_THRESHOLD of
    them, drop the GIN indexes and build them again at the end (a build is several
    times faster than as many inserts). Run inside the caller's transaction: the table
    is locked for writes until it commits, and a failure rolls the indexes back too.
    """
    if connection.vendor != "postgresql" or expected < BULK_THRESHOLD:
        yield
        return
    table = SearchDocument._meta.db_table
    with connection.cursor() as cursor:
        for name in GIN_INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")
    yield
    with connection.cursor() as cursor:
        for name, column in GIN_INDEXES.items():
            cursor.execute(f"CREATE INDEX {name} ON {table} USING GIN ({column})")
        # Fresh statistics, or the planner may scan the whole table for a search.
        cursor.execute(f"ANALYZE {table}")
