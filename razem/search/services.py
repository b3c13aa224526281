"""Keeping the index current. Idempotent: an object's document is replaced."""

from collections.abc import Iterable

from django.db import transaction

from razem.search import text
from razem.search.models import SearchDocument
from razem.search.registry import KINDS, Entry


def _document_values(entry: Entry) -> dict:
    return {
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
        "description_terms": text.index_terms(entry.description[:20_000]),
        "resources_terms": text.index_terms(entry.resources[:20_000]),
    }


def index_object(*, kind: str, obj) -> None:
    """Create, replace or remove the document of `obj` (in the caller's transaction)."""
    entry = KINDS[kind].adapter(obj)
    if entry is None:
        unindex_object(kind=kind, object_id=obj.pk)
        return
    SearchDocument.objects.update_or_create(
        kind=kind, object_id=obj.pk, defaults=_document_values(entry)
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
                SearchDocument(kind=kind, object_id=obj.pk, **_document_values(entry))
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


def reindex_all(*, progress=None) -> dict[str, int]:
    return {name: index_objects(kind=name, progress=progress) for name in KINDS}
