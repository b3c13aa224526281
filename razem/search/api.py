from ninja import Field, Query, Router, Schema

from razem.search.registry import KINDS
from razem.search.selectors import search

router = Router(tags=["search"])


class SearchFilters(Schema):
    q: str = Field("", max_length=1000, description="Words to find, in any form.")
    kind: list[str] = Field(
        default_factory=list, description="Kinds to search (repeatable); all if none."
    )
    territory: str = Field(
        "",
        max_length=7,
        pattern=r"^[0-9]*$",
        description="TERC code; includes every unit below it.",
    )
    area: list[str] = Field(default_factory=list, description="Public benefit areas.")
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=10_000)


class HitOut(Schema):
    kind: str
    title: str
    url: str
    score: float
    title_html: str = Field(description="The title, escaped, with <mark> on matches.")
    snippet_html: str = Field(description="A fragment of the text around the match.")
    territory_code: str
    area_codes: list[str]


class SearchOut(Schema):
    query: str
    total: int = Field(description="Matches, counted up to 1,000.")
    more: bool = Field(description="True when there are more than `total` matches.")
    items: list[HitOut]


@router.get("", response=SearchOut, summary="Search everything", auth=None)
def search_everything(request, filters: Query[SearchFilters]):
    """Full-text search in Polish across organisations, institutions and initiatives.

    Inflected forms and words without diacritics match; the last word also matches as
    a prefix. Unknown kinds are ignored.
    """
    results = search(
        q=filters.q,
        kinds=tuple(k for k in filters.kind if k in KINDS),
        territory=filters.territory,
        areas=tuple(filters.area),
        limit=filters.limit,
        offset=filters.offset,
    )
    return {
        "query": results.query,
        "total": results.total,
        "more": results.more,
        "items": results.hits,
    }
