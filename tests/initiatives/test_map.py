"""The map: the GeoJSON API, the page that works without JavaScript, the boundaries."""

import json

import pytest
from django.urls import reverse

from razem.initiatives import geo
from razem.initiatives.models import Initiative
from razem.initiatives.views import map_page
from tests.factories import OrganisationFactory
from tests.initiatives.conftest import InitiativeFactory

pytestmark = pytest.mark.django_db

GEOJSON = "/api/v1/initiatives/geojson"
MAP = reverse("initiatives:map")


def assert_valid_feature_collection(body):
    assert body["type"] == "FeatureCollection"
    assert isinstance(body["features"], list)
    for feature in body["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        # RFC 7946: [longitude, latitude]; Poland is 14–24.2 E, 49–54.9 N.
        assert 14.1 <= lon <= 24.2 and 49.0 <= lat <= 54.9
        properties = feature["properties"]
        assert properties["kind"] in {"organisation", "initiative"}
        assert properties["name"]
        assert properties["url"].startswith("/")
        assert isinstance(properties["approximate"], bool)
        assert properties["territory"]


@pytest.fixture
def places(published, submitted, org, gmina, other_gmina, ecology):
    """Organisations with and without a point, and initiatives in two powiats."""
    org.lat, org.lon = 51.8801, 17.0102
    org.save()
    approximate_org = OrganisationFactory(
        name="Koło Gospodyń Chodzież", seat=other_gmina
    )
    approximate_org.areas.set([ecology])
    approximate_initiative = InitiativeFactory(
        title="Zbiórka w Chodzieży",
        territory=other_gmina,
        status=Initiative.Status.PUBLISHED,
    )
    approximate_initiative.areas.set([ecology])
    return {"org": org, "approximate_org": approximate_org,
            "approximate_initiative": approximate_initiative}  # fmt: skip


def by_name(body):
    return {f["properties"]["name"]: f for f in body["features"]}


def test_geojson_is_a_valid_feature_collection_of_public_places(
    client, places, submitted
):
    response = client.get(GEOJSON)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/geo+json")
    body = response.json()
    assert_valid_feature_collection(body)
    names = set(by_name(body))
    assert names == {
        "Biblioteka sąsiedzka",
        "Zbiórka w Chodzieży",
        "Stowarzyszenie Gostyńska Kultura",
        "Koło Gospodyń Chodzież",
    }
    assert submitted.title not in names
    assert body["truncated"] is False


def test_own_points_are_exact_in_lon_lat_order(client, places, published):
    features = by_name(client.get(GEOJSON).json())
    initiative = features["Biblioteka sąsiedzka"]
    assert initiative["geometry"]["coordinates"] == [17.0071, 51.8781]
    assert initiative["properties"]["approximate"] is False
    assert initiative["properties"]["url"] == published.get_absolute_url()
    organisation = features["Stowarzyszenie Gostyńska Kultura"]
    assert organisation["geometry"]["coordinates"] == [17.0102, 51.8801]
    assert organisation["properties"]["url"] == places["org"].get_absolute_url()


def test_places_without_a_point_stand_at_the_powiat_centroid(
    client, places, other_gmina
):
    features = by_name(client.get(GEOJSON).json())
    powiat = other_gmina.parent
    for name in ("Zbiórka w Chodzieży", "Koło Gospodyń Chodzież"):
        feature = features[name]
        assert feature["properties"]["approximate"] is True
        assert feature["geometry"]["coordinates"] == [powiat.lon, powiat.lat]
        assert feature["properties"]["territory"] == "Chodzież"
        assert feature["properties"]["territory_code"] == "3001011"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": "initiative"}, {"Biblioteka sąsiedzka", "Zbiórka w Chodzieży"}),
        (
            {"kind": "organisation"},
            {"Stowarzyszenie Gostyńska Kultura", "Koło Gospodyń Chodzież"},
        ),
        ({"area": "ekologia"}, {"Zbiórka w Chodzieży", "Koło Gospodyń Chodzież"}),
        ({"territory": "3001"}, {"Zbiórka w Chodzieży", "Koło Gospodyń Chodzież"}),
        ({"territory": "3004023", "kind": "initiative"}, {"Biblioteka sąsiedzka"}),
    ],
)
def test_geojson_filters(client, places, query, expected):
    assert set(by_name(client.get(GEOJSON, query).json())) == expected


@pytest.mark.parametrize(
    ("query", "field", "status"),
    [
        ({"kind": "meeting"}, "kind", 422),
        ({"area": "<script>"}, "area", 400),
        ({"territory": "0000"}, "territory", 400),
    ],
)
def test_geojson_bad_filters_name_the_field(client, places, query, field, status):
    response = client.get(GEOJSON, query)
    assert response.status_code == status
    assert field in response.json()["error"]["fields"]


def test_geojson_is_capped_and_says_so(places):
    body = geo.map_features(limit=3)
    assert len(body["features"]) == 3
    assert body["truncated"] is True
    # Initiatives come first: they are fewer and what the map is about.
    kinds = [f["properties"]["kind"] for f in body["features"]]
    assert kinds[:2] == ["initiative", "initiative"]
    assert geo.map_features(limit=2, kind="initiative")["truncated"] is False
    assert geo.map_features(limit=2)["truncated"] is True


def test_geojson_uses_a_fixed_number_of_queries(
    client, places, gmina, django_assert_max_num_queries
):
    for n in range(30):
        OrganisationFactory(name=f"Fundacja {n}", seat=gmina)
    with django_assert_max_num_queries(4):
        body = client.get(GEOJSON).json()
    assert len(body["features"]) == 34


# The page


def test_the_map_page_works_without_javascript(client, places, submitted):
    response = client.get(MAP)
    assert response.status_code == 200
    page = response.text
    # The skip link jumps over the map to the list, which holds every result.
    assert 'href="#map-results"' in page
    assert 'id="map-results"' in page
    assert page.index('href="#map-results"') < page.index('id="map"')
    assert page.index('id="map"') < page.index('id="map-results"')
    for name in (
        "Biblioteka sąsiedzka",
        "Zbiórka w Chodzieży",
        "Stowarzyszenie Gostyńska Kultura",
        "Koło Gospodyń Chodzież",
    ):
        assert name in page
    assert submitted.title not in page
    assert "4 miejsca" in page or "4 places" in page
    assert "vendor/leaflet/leaflet.js" in page
    assert "initiatives/map.js" in page
    assert f'data-geojson-url="{GEOJSON}"' in page


def test_the_list_marks_approximate_places(client, places):
    page = client.get(MAP, {"territory": "3001"}).text
    assert page.count('class="approximate"') == 2
    page = client.get(MAP, {"territory": "3004"}).text
    assert 'class="approximate"' not in page


def test_the_map_page_passes_its_filters_to_the_geojson_api(client, places):
    response = client.get(MAP, {"kind": "initiative", "area": "ekologia", "page": "1"})
    page = response.text
    assert f'data-geojson-url="{GEOJSON}?kind=initiative&amp;area=ekologia"' in page
    assert "Zbiórka w Chodzieży" in page
    assert "Koło Gospodyń Chodzież" not in page
    assert "Biblioteka sąsiedzka" not in page


def test_the_map_list_is_paginated(client, places, gmina, settings):
    settings.RAZEM_PAGE_SIZE = 2
    first = client.get(MAP).text
    second = client.get(MAP, {"page": 2}).text
    assert 'rel="next"' in first
    # Ordered by name: Biblioteka, Koło | Stowarzyszenie, Zbiórka
    assert "Biblioteka sąsiedzka" in first and "Zbiórka w Chodzieży" not in first
    assert "Zbiórka w Chodzieży" in second and "Biblioteka sąsiedzka" not in second


def test_bad_map_filters_are_reported_and_ignored(client, places):
    response = client.get(MAP, {"kind": "<b>x</b>", "territory": "xx"})
    assert response.status_code == 200
    assert "<b>x</b>" not in response.text
    assert "Biblioteka sąsiedzka" in response.text


def test_html_in_names_is_escaped_on_the_map_page(client, gmina):
    OrganisationFactory(name="<script>alert('o')</script>", seat=gmina)
    page = client.get(MAP).text
    assert "<script>alert('o')</script>" not in page
    assert "&lt;script&gt;" in page


def test_the_tiles_come_from_the_settings(client, settings, db):
    settings.RAZEM_MAP_TILES_URL = "https://tiles.example.gov.pl/{z}/{x}/{y}.png"
    settings.RAZEM_MAP_TILES_ATTRIBUTION = "© Przykład"
    page = client.get(MAP).text
    assert 'data-tiles-url="https://tiles.example.gov.pl/{z}/{x}/{y}.png"' in page
    assert "© Przykład" in page


def test_map_page_is_the_view_the_lead_routes_to_mapa(rf, db):
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/mapa/")
    request.user = AnonymousUser()
    response = map_page(request)
    assert response.status_code == 200
    assert b'action="/mapa/"' in response.content


# The boundaries


@pytest.mark.parametrize(("level", "count"), [("wojewodztwa", 16), ("powiaty", 380)])
def test_boundaries_are_served_with_caching_headers(client, level, count):
    address = reverse("initiatives:boundaries", kwargs={"level": level})
    response = client.get(address)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    assert "max-age=86400" in response["Cache-Control"]
    body = json.loads(response.content)
    assert body["type"] == "FeatureCollection" and len(body["features"]) == count
    again = client.get(address, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_unknown_boundaries_are_not_found(client):
    address = reverse("initiatives:boundaries", kwargs={"level": "gminy"})
    assert client.get(address).status_code == 404
