"""The same Polish search cases on SQLite (FTS5) and PostgreSQL (tsvector)."""

import pytest

from razem.search import text
from razem.search.models import SearchDocument
from razem.search.selectors import search
from razem.search.services import index_objects
from tests.factories import AreaFactory, GminaFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(db):
    from razem.institutions.search import register_search as institutions
    from razem.organisations.search import register_search as organisations

    organisations()
    institutions()


@pytest.fixture
def corpus(registry, teryt):
    social = AreaFactory(
        code="social_assistance", name_pl="pomoc społeczna", name_en="social assistance"
    )
    lodz = GminaFactory(
        code="1061011",
        name="Łódź",
        subkind="gmina miejska",
        parent__code="1061",
        parent__name="Łódź",
        parent__parent__code="10",
        parent__parent__name="łódzkie",
    )
    orgs = {
        "ngo": OrganisationFactory(
            name="Organizacja Pozarządowa Razem",
            description="Wspieramy organizacje pozarządowe w regionie.",
        ),
        "powiat": OrganisationFactory(
            name="Stowarzyszenie Rozwoju Ziemi",
            description="Działamy w powiecie gostyńskim od 2005 roku.",
        ),
        "lodz": OrganisationFactory(
            name="Fundacja Łódź Kreatywna",
            seat=lodz,
            description="Kultura i sztuka w mieście.",
        ),
        "social": OrganisationFactory(
            name="Caritas Parafii św. Marcina",
            description="Prowadzimy pomoc społeczną dla rodzin.",
        ),
        "resources": OrganisationFactory(
            name="Klub Seniora Jesień",
            description="Spotkania dla seniorów.",
            resources="Udostępniamy salę na 40 osób i rzutnik.",
        ),
    }
    orgs["social"].areas.add(social)
    index_objects(kind="organisation")
    return orgs


def names(results):
    return {hit.title for hit in results.hits}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("organizacjami pozarządowymi", "Organizacja Pozarządowa Razem"),
        ("powiat gostyński", "Stowarzyszenie Rozwoju Ziemi"),
        ("lodz", "Fundacja Łódź Kreatywna"),
        ("LODZ", "Fundacja Łódź Kreatywna"),
        ("pomoc spoleczna", "Caritas Parafii św. Marcina"),
        ("Pomocy Społecznej", "Caritas Parafii św. Marcina"),
        ("sala rzutnik", "Klub Seniora Jesień"),
        ("stowarzysz", "Stowarzyszenie Rozwoju Ziemi"),
    ],
)
def test_inflected_folded_and_prefix_queries_find_the_organisation(
    corpus, query, expected
):
    assert expected in names(search(q=query))


def test_all_words_must_match(corpus):
    assert names(search(q="organizacja seniorów ")) == set()


def test_name_match_ranks_above_description_match(corpus):
    results = search(q="organizacja ")
    assert results.hits[0].title == "Organizacja Pozarządowa Razem"


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "*",
        "OR",
        "'",
        "NEAR(",
        "a OR b",
        '"unclosed',
        "AND NOT",
        "x:*",
        "&|!()",
        "",
        "   ",
        "ą" * 1000,
        "słowo " * 200,
        "%_\\",
        "\x00",
    ],
)
def test_syntax_characters_are_text_and_never_fail(corpus, query):
    results = search(q=query)
    assert results.total >= 0


def test_filters_by_area_and_territory(corpus):
    assert names(search(q="pomoc", areas=("social_assistance",))) == {
        "Caritas Parafii św. Marcina"
    }
    assert names(search(q="fundacja", territory="10")) == {"Fundacja Łódź Kreatywna"}
    assert names(search(q="fundacja", territory="30")) == set()


def test_results_highlight_the_matched_words_escaped(corpus):
    OrganisationFactory(name="<b>Fundacja</b> Pomocy", description="<script>x</script>")
    index_objects(kind="organisation")
    hit = next(h for h in search(q="pomocy").hits if "Fundacja" in h.title)
    assert "<mark>Pomocy</mark>" in hit.title_html
    assert "&lt;b&gt;" in hit.title_html
    assert "<script>" not in hit.snippet_html


def test_index_follows_changes_and_deletes(corpus):
    org = corpus["resources"]
    org.name = "Klub Aktywnego Seniora"
    org.save()
    assert "Klub Aktywnego Seniora" in names(search(q="aktywny"))
    org.delete()
    assert search(q="aktywny").total == 0
    assert not SearchDocument.objects.filter(object_id=org.pk, kind="organisation")


def test_fold_and_lemmas():
    assert text.fold("Łódź Źdźbło") == "lodz zdzblo"
    assert "powiat" in text.word_lemmas("powiecie")


def test_counting_stops_at_the_cap_and_says_there_are_more(corpus, monkeypatch):
    from razem.search import backends

    for i in range(4):
        OrganisationFactory(name=f"Klub Seniora nr {i}")
    index_objects(kind="organisation")
    assert search(q="klub").total == 5 and not search(q="klub").more
    monkeypatch.setattr(backends, "MAX_COUNT", 3)
    results = search(q="klub", limit=10)
    assert (results.total, results.more) == (3, True)


def test_deep_pages_are_ranked_like_the_first(corpus, monkeypatch):
    from razem.search import backends

    for i in range(6):
        OrganisationFactory(name=f"Klub Seniora nr {i}")
    index_objects(kind="organisation")
    first = [h.object_id for h in search(q="klub", limit=7).hits]
    monkeypatch.setattr(backends, "CANDIDATES", 1)  # every page takes the deep path
    deep = [h.object_id for h in search(q="klub", limit=7).hits]
    assert sorted(first) == sorted(deep)


def test_kind_facets_filter_in_the_index(corpus):
    from razem.organisations.models import Organisation
    from razem.organisations.search import organisation_facets
    from razem.search.selectors import RankedResults

    corpus["lodz"].legal_form = "fundacja"
    corpus["lodz"].save()
    found = RankedResults(
        q="fundacja", kind="organisation", queryset=Organisation.objects.all(),
        facets=organisation_facets(legal_form="fundacja"),
    )  # fmt: skip
    assert [o.name for o in found[:10]] == ["Fundacja Łódź Kreatywna"]
    none = RankedResults(
        q="fundacja", kind="organisation", queryset=Organisation.objects.all(),
        facets=organisation_facets(legal_form="fundacja", is_verified=True),
    )  # fmt: skip
    assert none.count() == 0


def test_reindex_command_rebuilds_the_index_in_bulk(corpus, monkeypatch):
    from django.core.management import call_command
    from django.db import connection

    from razem.search import services

    monkeypatch.setattr(services, "BULK_THRESHOLD", 1)  # take the bulk path
    SearchDocument.objects.all().delete()
    call_command("reindex")
    assert "Organizacja Pozarządowa Razem" in names(search(q="organizacjami"))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE tablename = %s",
                ["search_searchdocument"],
            )
            found = {row[0] for row in cursor.fetchall()}
        assert set(services.GIN_INDEXES) <= found


def test_reindex_refuses_unknown_kinds(registry):
    from django.core.management import call_command

    with pytest.raises(SystemExit) as exit_info:
        call_command("reindex", "nonsense")
    assert exit_info.value.code == 2
