"""The search page, the search API and full-text search in the directory."""

import pytest

from tests.factories import InstitutionFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(teryt):
    return {
        "org": OrganisationFactory(
            name="Stowarzyszenie Przyjaciół Seniorów",
            description="Pomagamy seniorom w powiecie gostyńskim.",
        ),
        "other": OrganisationFactory(name="Fundacja Kultury", description="Teatr."),
        "institution": InstitutionFactory(
            name="Starostwo Powiatowe w Gostyniu", description="Wspieramy seniorów."
        ),
    }


def test_search_page_finds_every_kind_with_highlights(client, content):
    response = client.get("/szukaj/", {"q": "seniorami"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Stowarzyszenie Przyjaciół <mark>Seniorów</mark>" in body
    assert "Starostwo Powiatowe w Gostyniu" in body
    assert "Fundacja Kultury" not in body


def test_search_page_filters_by_kind(client, content):
    body = client.get("/szukaj/", {"q": "seniorzy", "kind": "institution"}).content
    assert b"Starostwo Powiatowe" in body
    assert b"Stowarzyszenie Przyjaci" not in body


def test_search_page_without_a_query_shows_the_form_only(client, content):
    response = client.get("/szukaj/")
    assert response.status_code == 200
    assert b"<mark>" not in response.content


@pytest.mark.parametrize(
    "params",
    [{"q": "x" * 1001}, {"q": "a", "kind": "nonsense"}, {"q": "a", "area": "nope"}],
)
def test_search_page_bad_input_is_a_400_naming_the_field(client, content, params):
    response = client.get("/szukaj/", params)
    assert response.status_code == 400
    assert response.context["form"].errors


@pytest.mark.parametrize("query", ['"', "NEAR(", "*", "a OR b", "'"])
def test_search_page_treats_syntax_as_text(client, content, query):
    assert client.get("/szukaj/", {"q": query}).status_code == 200


def test_search_api_returns_hits_and_total(client, content):
    response = client.get(
        "/api/v1/search", {"q": "pomagać seniorom", "kind": "organisation"}
    )
    data = response.json()
    assert response.status_code == 200
    assert data["total"] == 1
    assert data["items"][0]["title"] == "Stowarzyszenie Przyjaciół Seniorów"
    assert "<mark>" in data["items"][0]["snippet_html"]


def test_search_api_names_the_bad_field(client, content):
    response = client.get("/api/v1/search", {"q": "a", "limit": 1000})
    assert response.status_code == 422
    assert "limit" in response.json()["error"]["fields"]


def test_directory_query_uses_full_text_search_ordered_by_relevance(client, content):
    response = client.get("/organizacje/", {"q": "seniorzy gostyński"})
    body = response.content.decode()
    assert "Stowarzyszenie Przyjaciół Seniorów" in body
    assert "Fundacja Kultury" not in body


def test_directory_search_combines_with_filters(client, content):
    response = client.get("/organizacje/", {"q": "seniorów", "legal_form": "fundacja"})
    assert "Stowarzyszenie Przyjaciół Seniorów" not in response.content.decode()
    response = client.get("/organizacje/", {"q": "seniorów", "territory": "3004"})
    assert "Stowarzyszenie Przyjaciół Seniorów" in response.content.decode()


def test_organisations_api_search_paginates(client, content):
    for i in range(5):
        OrganisationFactory(name=f"Klub Seniora nr {i}")
    data = client.get("/api/v1/organisations", {"q": "senior", "limit": 2}).json()
    assert data["count"] == 6
    assert len(data["items"]) == 2


def test_directory_search_query_count_does_not_grow_with_results(
    client, content, django_assert_max_num_queries
):
    for i in range(30):
        OrganisationFactory(name=f"Klub Seniora nr {i}")
    with django_assert_max_num_queries(12):
        client.get("/organizacje/", {"q": "senior"})
