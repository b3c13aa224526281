"""The two full-text backends behind one interface; both AND the query's OR-groups.

SQLite: FTS5 with bm25 weights per column. PostgreSQL: a weighted tsvector (A name,
B short name, C areas, D description and resources) with a GIN index and ts_rank.
Terms come from razem.search.text and contain only letters and digits, so they are safe
to place in an FTS5 or tsquery expression; they are still passed as one parameter.
"""

import re
from dataclasses import dataclass

from django.db import connection

TABLE = "search_searchdocument"
# name > short name > areas > description > resources
FTS5_WEIGHTS = "10.0, 6.0, 3.0, 1.0, 0.5, 0.0"  # the last column holds facets


@dataclass(frozen=True)
class Filters:
    kinds: tuple[str, ...] = ()
    territory: str = ""
    areas: tuple[str, ...] = ()
    # The kind's own facets that must all hold, e.g. ("legal_form:fundacja",).
    facets: tuple[str, ...] = ()
    # A queryset of the objects allowed; its primary keys become a subquery on
    # object_id. Slower than facets: for filters the index does not know.
    within: object | None = None


FACET_PREFIX = "zz"
TEXT_COLUMNS = "name_terms short_terms area_terms description_terms resources_terms"


def facet(name: str, value: str) -> str:
    """A filter value as one index term, e.g. facet("t", "3004") → "zzt3004"."""
    return FACET_PREFIX + re.sub(r"[^a-z0-9]", "", f"{name}{value}".lower())


def document_facets(kind: str, territory_code: str, area_codes, extra) -> list[str]:
    """The facet terms of a document: its kind, every level of its territory (TERC
    codes nest: 2, 4 and 7 characters), its areas and the kind's own facets."""
    terms = [facet("k", kind)]
    terms += [
        facet("t", territory_code[:n]) for n in (2, 4, 7) if len(territory_code) >= n
    ]
    terms += [facet("a", code) for code in area_codes]
    terms += [facet("f", value) for value in extra]
    return terms


def facet_groups(filters: Filters) -> list[tuple[str, ...]]:
    """Filters as OR-groups of facet terms, AND-ed like the query's words."""
    groups = []
    if filters.kinds:
        groups.append(tuple(facet("k", kind) for kind in filters.kinds))
    if filters.territory:
        groups.append((facet("t", filters.territory),))
    if filters.areas:
        groups.append(tuple(facet("a", code) for code in filters.areas))
    groups += [(facet("f", value),) for value in filters.facets]
    return groups


def _where(filters: Filters, alias: str) -> tuple[list[str], list]:
    if filters.within is None:
        return [], []
    subquery = filters.within.order_by().values("pk")
    sql, params = subquery.query.sql_with_params()
    return [f"{alias}.object_id IN ({sql})"], list(params)


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


# Counting stops here: "more than 1,000 results" is as useful as the exact number and
# costs a bounded amount of work on any corpus.
MAX_COUNT = 1000
# On PostgreSQL the first pages are ranked among at most this many matches of the name
# (first tier) and of the whole text (second tier), so a page costs the same whether
# 300 or 30,000 documents match; deeper pages rank every match.
CANDIDATES = 200


def search_ids(
    groups: list[tuple[str, ...]],
    filters: Filters,
    *,
    prefix_last: bool,
    limit: int,
    offset: int,
) -> tuple[int, list[tuple[int, float]]]:
    """(matches counted up to MAX_COUNT + 1, [(document id, score)] best first)."""
    clauses, params = _where(filters, "d")
    facets = facet_groups(filters)
    if connection.vendor == "postgresql":
        title_expression = tsquery_expression(groups, prefix_last)
        expression = title_expression
        if facets:
            expression += " & " + tsquery_expression(facets, prefix_last=False)
        query = "to_tsquery('simple', %s)"
        where = " AND ".join([f"d.search_vector @@ {query}", *clauses])
        count_sql = f"SELECT d.id FROM {TABLE} d WHERE {where}"
        count_params = [expression, *params]
        if offset + limit <= CANDIDATES:
            # The name must hold every word; the filters are checked on the full vector.
            title_where = " AND ".join(
                [f"d.title_vector @@ {query}", f"d.search_vector @@ {query}", *clauses]
            )
            page_sql = f"""
                WITH t1 AS MATERIALIZED (
                    SELECT d.id FROM {TABLE} d WHERE {title_where} LIMIT {CANDIDATES}
                ), t2 AS MATERIALIZED (
                    SELECT d.id FROM {TABLE} d WHERE {where} LIMIT {CANDIDATES}
                )
                SELECT d.id, ts_rank(d.search_vector, {query})
                       + CASE WHEN d.id IN (SELECT id FROM t1) THEN 1 ELSE 0 END AS score
                FROM {TABLE} d
                WHERE d.id IN (SELECT id FROM t1 UNION SELECT id FROM t2)
                ORDER BY score DESC, d.id LIMIT %s OFFSET %s"""
            page_params = [
                title_expression,
                expression,
                *params,
                expression,
                *params,
                expression,
            ]
        else:
            page_sql = (
                f"SELECT d.id, ts_rank(d.search_vector, {query}) AS score "
                f"FROM {TABLE} d WHERE {where} ORDER BY score DESC, d.id "
                "LIMIT %s OFFSET %s"
            )
            page_params = [expression, expression, *params]
    else:
        expression = f"{{{TEXT_COLUMNS}}} : ({fts5_expression(groups, prefix_last)})"
        if facets:
            expression += f" AND facet_terms : ({fts5_expression(facets, False)})"
        source = f"search_fts JOIN {TABLE} d ON d.id = search_fts.rowid"
        where = " AND ".join(["search_fts MATCH %s", *clauses])
        count_sql = f"SELECT d.id FROM {source} WHERE {where}"
        count_params = [expression, *params]
        page_sql = (
            f"SELECT d.id, -bm25(search_fts, {FTS5_WEIGHTS}) AS score FROM {source} "
            f"WHERE {where} ORDER BY score DESC, d.id LIMIT %s OFFSET %s"
        )
        page_params = [expression, *params]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM ({count_sql} LIMIT {MAX_COUNT + 1}) matches",
            count_params,
        )
        total = cursor.fetchone()[0]
        if not total or limit <= 0:
            return total, []
        cursor.execute(page_sql, [*page_params, limit, offset])
        return total, [(row[0], float(row[1])) for row in cursor.fetchall()]
