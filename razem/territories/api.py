"""GET /api/v1/territories: the TERC register (voivodeships, powiats, gminas)."""

from ninja import Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from razem.territories import selectors
from razem.territories.models import Territory

router = Router(tags=["territories"])


class TerritoryOut(Schema):
    code: str
    name: str
    label: str
    kind: Territory.Kind
    subkind: str
    parent: str | None
    lat: float | None
    lon: float | None

    @staticmethod
    def resolve_label(obj) -> str:
        return str(obj.label)

    @staticmethod
    def resolve_parent(obj) -> str | None:
        return obj.parent.code if obj.parent_id else None


class TerritoryRef(Schema):
    code: str
    name: str
    label: str
    kind: Territory.Kind

    @staticmethod
    def resolve_label(obj) -> str:
        return str(obj.label)


class TerritoryDetailOut(TerritoryOut):
    parents: list[TerritoryRef]
    children_count: int

    @staticmethod
    def resolve_parents(obj) -> list:
        return selectors.territory_ancestors(obj)


class TerritoryFilters(Schema):
    kind: Territory.Kind | None = None
    parent: str | None = None
    q: str | None = None


@router.get("", response=list[TerritoryOut], summary="List territorial units")
@paginate(LimitOffsetPagination)
def territory_list(request, filters: Query[TerritoryFilters]):
    """Filter by `kind`, `parent` (the TERC code of the parent unit) and `q` (name)."""
    return selectors.territory_list(
        kind=filters.kind, parent=filters.parent, q=filters.q
    )


@router.get("/{code}", response=TerritoryDetailOut, summary="One territorial unit")
def territory_detail(request, code: str):
    """The unit with its parent chain (voivodeship first) and number of children."""
    return selectors.territory_get(code=code)
