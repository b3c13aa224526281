"""Searching every kind in one call; results show the matched terms highlighted."""

from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from razem.search import backends, text
from razem.search.models import SearchDocument
from razem.search.registry import KINDS


@dataclass
class Hit:
    kind: str
    kind_label: str
    object_id: int
    title: str
    url: str
    score: float
    title_html: SafeString
    snippet_html: SafeString
    territory_code: str
    area_codes: list[str] = field(default_factory=list)


@dataclass
class Results:
    query: str
    total: int
    hits: list[Hit]
    more: bool = False  # more than backends.MAX_COUNT matches; total says MAX_COUNT


def highlight(
    value: str,
    wanted: set[str],
    prefixes: frozenset[str] | set[str] = frozenset(),
    *,
    window: int | None = None,
) -> SafeString:
    """Escape `value` and wrap in <mark> the words whose terms are among `wanted` or
    start with one of `prefixes`.

    With `window`, cut the text to about that many characters around the first match.
    """
    if not value:
        return mark_safe("")
    spans = []
    for match in text.WORD_RE.finditer(value):
        word = match.group()
        terms = set(text.word_lemmas(word)) | {text.fold(word)}
        if terms & wanted or any(t.startswith(p) for p in prefixes for t in terms):
            spans.append(match.span())
    start, end = 0, len(value)
    if window and len(value) > window:
        first = spans[0][0] if spans else 0
        start = max(0, first - window // 3)
        end = min(len(value), start + window)
    out, position = [], start
    for span_start, span_end in spans:
        if span_start < start or span_end > end:
            continue
        out.append(escape(value[position:span_start]))
        out.append(f"<mark>{escape(value[span_start:span_end])}</mark>")
        position = span_end
    out.append(escape(value[position:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(value) else ""
    return mark_safe(prefix + "".join(out) + suffix)  # noqa: S308 - every part escaped


def search(
    *,
    q: str,
    kinds: tuple[str, ...] = (),
    territory: str = "",
    areas: tuple[str, ...] = (),
    facets: tuple[str, ...] = (),
    within=None,
    limit: int = 20,
    offset: int = 0,
    prefix: bool = True,
) -> Results:
    """Full-text search over the registered kinds, best matches first.

    `prefix`: the last word also matches as a prefix (search as you type), unless the
    query ends with a space. Any text is accepted: words are taken as words, never as
    FTS or tsquery syntax. An empty query returns no results.
    """
    groups = text.query_groups(q or "")
    if not groups:
        return Results(query=q, total=0, hits=[])
    prefix_last = prefix and not q.endswith(" ")
    filters = backends.Filters(
        kinds=tuple(k for k in kinds if k in KINDS) or tuple(KINDS),
        territory=territory,
        areas=tuple(areas),
        facets=tuple(facets),
        within=within,
    )
    total, ranked = backends.search_ids(
        groups, filters, prefix_last=prefix_last, limit=limit, offset=offset
    )
    more = total > backends.MAX_COUNT
    total = min(total, backends.MAX_COUNT)
    documents = SearchDocument.objects.in_bulk([doc_id for doc_id, _ in ranked])
    wanted = {term for group in groups for term in group}
    # Prefix matches of the last word are highlighted too ("organiz" → organizacja).
    prefixes = {t for t in groups[-1] if len(t) >= 2} if prefix_last else set()
    hits = []
    for doc_id, score in ranked:
        doc = documents[doc_id]
        kind = KINDS.get(doc.kind)
        hits.append(
            Hit(
                kind=doc.kind,
                kind_label=str(kind.label) if kind else doc.kind,
                object_id=doc.object_id,
                title=doc.title,
                url=doc.url,
                score=score,
                title_html=highlight(doc.title, wanted, prefixes),
                snippet_html=highlight(doc.summary, wanted, prefixes, window=240),
                territory_code=doc.territory_code,
                area_codes=[c for c in doc.area_codes.split("|") if c],
            )
        )
    return Results(query=q, total=total, hits=hits, more=more)


class RankedResults:
    """The objects of one kind matching `q`, best first, as a lazy sequence.

    Filters go to the index as `territory`, `areas` and `facets` (the kind's adapter
    lists its facets, e.g. "legal_form:fundacja"); `queryset` only loads the objects of
    a page, with their related rows. Paginators (Django's and the API's) call count()
    and slice it; each slice is one ranked query for that page plus one query for its
    objects, so a page costs the same with 100 or 100,000 matches.
    """

    def __init__(
        self,
        *,
        q: str,
        kind: str,
        queryset,
        territory: str = "",
        areas: tuple[str, ...] = (),
        facets: tuple[str, ...] = (),
    ):
        self.q = q
        self.queryset = queryset
        self.filters = backends.Filters(
            kinds=(kind,), territory=territory, areas=tuple(areas), facets=tuple(facets)
        )
        self._count: int | None = None
        self.more = False  # more matches than the count says (it stops at MAX_COUNT)

    def _page(self, limit: int, offset: int) -> tuple[int, list]:
        groups = text.query_groups(self.q or "")
        if not groups:
            return 0, []
        total, ranked = backends.search_ids(
            groups, self.filters, prefix_last=not self.q.endswith(" "),
            limit=limit, offset=offset,
        )  # fmt: skip
        documents = SearchDocument.objects.in_bulk([doc_id for doc_id, _ in ranked])
        ids = [documents[doc_id].object_id for doc_id, _ in ranked]
        objects = self.queryset.in_bulk(ids)
        self.more = total > backends.MAX_COUNT
        return min(total, backends.MAX_COUNT), [objects[i] for i in ids if i in objects]

    def count(self) -> int:
        if self._count is None:
            self._count, _ = self._page(0, 0)
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item):
        if isinstance(item, int):
            page = self[item : item + 1]
            if not page:
                raise IndexError(item)
            return page[0]
        start = item.start or 0
        stop = item.stop if item.stop is not None else self.count()
        if stop <= start:
            return []
        total, objects = self._page(stop - start, start)
        self._count = total
        return objects

    def __iter__(self):
        return iter(self[: self.count()])


class SearchHits:
    """`search()` as a lazy sequence of hits, for Django's Paginator."""

    def __init__(self, **criteria):
        self.criteria = criteria
        self._count: int | None = None
        self.more = False

    def count(self) -> int:
        if self._count is None:
            results = search(**self.criteria, limit=0)
            self._count, self.more = results.total, results.more
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item: slice) -> list[Hit]:
        start, stop = item.start or 0, item.stop
        results = search(**self.criteria, limit=max(0, stop - start), offset=start)
        self._count, self.more = results.total, results.more
        return results.hits
