"""The two full-text backends behind one interface; both AND the query's OR-groups.

SQLite: FTS5 with bm25 weights per column. PostgreSQL: a weighted tsvector (A name,
B short name, C areas, D description and resources) with a GIN index and ts_rank.
Terms come from razem.search.text and contain only letters and digits, so they are safe
to place in an FTS5 or tsquery expression; they are still passed as one parameter.
"""

from dataclasses import dataclass

from django.db import connection

TABLE = "search_searchdocument"
# name > short name > areas > description > resources
FTS5_WEIGHTS = "10.0, 6.0, 3.0, 1.0, 0.5"


@dataclass(frozen=True)
class Filters:
    kinds: tuple[str, ...] = ()
    territory: str = ""
    areas: tuple[str, ...] = ()
    # A queryset of the objects allowed (e.g. organisations with a legal form); its
    # primary keys become a subquery on object_id.
    within: object | None = None


def _where(filters: Filters, alias: str) -> tuple[list[str], list]:
    clauses, params = [], []
    if filters.kinds:
        clauses.append(f"{alias}.kind IN ({', '.join(['%s'] * len(filters.kinds))})")
        params.extend(filters.kinds)
    if filters.territory:
        clauses.append(f"{alias}.territory_code LIKE %s")
        params.append(filters.territory + "%")
    if filters.areas:
        ors = " OR ".join([f"{alias}.area_codes LIKE %s"] * len(filters.areas))
        clauses.append(f"({ors})")
        params.extend(f"%|{code}|%" for code in filters.areas)
    if filters.within is not None:
        subquery = filters.within.order_by().values("pk")
        sql, sub_params = subquery.query.sql_with_params()
        clauses.append(f"{alias}.object_id IN ({sql})")
        params.extend(sub_params)
    return clauses, params


def fts5_expression(groups: list[tuple[str, ...]], prefix_last: bool) -> str:
    parts = []
    for index, group in enumerate(groups):
        last = prefix_last and index == len(groups) - 1
        terms = [f'"{term}"' for term in group]
        if last:
            terms += [f'"{term}" *' for term in group if len(term) >= 2]
        parts.append("(" + " OR ".join(terms) + ")")
    return " AND ".join(parts)


def tsquery_expression(groups: list[tuple[str, ...]], prefix_last: bool) -> str:
    parts = []
    for index, group in enumerate(groups):
        last = prefix_last and index == len(groups) - 1
        terms = [f"{term}:*" if last and len(term) >= 2 else term for term in group]
        parts.append("(" + " | ".join(terms) + ")")
    return " & ".join(parts)


def search_ids(
    groups: list[tuple[str, ...]],
    filters: Filters,
    *,
    prefix_last: bool,
    limit: int,
    offset: int,
) -> tuple[int, list[tuple[int, float]]]:
    """(total matches, [(document id, score)] best first) for one page."""
    if connection.vendor == "postgresql":
        match = "d.search_vector @@ to_tsquery('simple', %s)"
        score = "ts_rank(d.search_vector, to_tsquery('simple', %s))"
        source = f"{TABLE} d"
        expression = tsquery_expression(groups, prefix_last)
        score_params = [expression]
    else:
        match = "search_fts MATCH %s"
        score = f"-bm25(search_fts, {FTS5_WEIGHTS})"
        source = f"search_fts JOIN {TABLE} d ON d.id = search_fts.rowid"
        expression = fts5_expression(groups, prefix_last)
        score_params = []
    clauses, params = _where(filters, "d")
    where = " AND ".join([match, *clauses])
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM {source} WHERE {where}", [expression, *params]
        )
        total = cursor.fetchone()[0]
        if not total or limit <= 0:
            return total, []
        cursor.execute(
            f"SELECT d.id, {score} AS score FROM {source} WHERE {where} "
            f"ORDER BY score DESC, d.id LIMIT %s OFFSET %s",
            [*score_params, expression, *params, limit, offset],
        )
        return total, [(row[0], float(row[1])) for row in cursor.fetchall()]
