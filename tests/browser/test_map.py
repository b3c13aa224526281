"""The map page and the initiatives list in headless Chromium, with axe-core.

There is no network here: tile requests are aborted, as they would fail anyway; the
page must be usable and accessible without them.
"""

import pytest

from razem.initiatives.models import Initiative
from tests.factories import GminaFactory, OrganisationFactory, PowiatFactory
from tests.initiatives.conftest import InitiativeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def places(db):
    gostyn = GminaFactory()
    chodziez = GminaFactory(
        code="3001011",
        name="Chodzież",
        subkind="gmina miejska",
        parent=PowiatFactory(code="3001", name="chodzieski", lat=52.99, lon=16.92),
    )
    OrganisationFactory(name="Stowarzyszenie Gostyńska Kultura", seat=gostyn,
                        lat=51.8801, lon=17.0102)  # fmt: skip
    OrganisationFactory(name="Koło Gospodyń Chodzież", seat=chodziez)
    published = Initiative.Status.PUBLISHED
    InitiativeFactory(
        title="Biblioteka sąsiedzka",
        territory=gostyn,
        status=published,
        lat=51.8781,
        lon=17.0071,
    )
    InitiativeFactory(title="Zbiórka w Chodzieży", territory=chodziez, status=published)
    InitiativeFactory(title="Jeszcze nieopublikowana", territory=gostyn)


def offline_tiles(page):
    page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())


def results(page):
    return page.locator("#map-results .card h3").all_inner_texts()


def test_the_map_page_is_accessible_and_draws_the_places(
    page, places, assert_accessible
):
    offline_tiles(page)
    page.goto("/inicjatywy/mapa/")
    # map.js read the GeoJSON API and drew the four public places.
    page.wait_for_selector("#map[data-loaded='4']")
    assert page.locator(".leaflet-marker-icon").count() >= 1
    assert sorted(results(page)) == [
        "Biblioteka sąsiedzka",
        "Koło Gospodyń Chodzież",
        "Stowarzyszenie Gostyńska Kultura",
        "Zbiórka w Chodzieży",
    ]
    assert_accessible(page)


def test_the_skip_link_jumps_over_the_map_to_the_list(page, places):
    offline_tiles(page)
    page.goto("/inicjatywy/mapa/")
    skip = page.locator("a.skip-map")
    skip.focus()
    assert skip.is_visible()
    skip.press("Enter")
    page.wait_for_function("document.activeElement.id === 'map-results'")


def test_the_list_view_shows_the_filtered_results(page, places, assert_accessible):
    offline_tiles(page)
    page.goto("/inicjatywy/mapa/")
    page.select_option("#id_kind", "initiative")
    page.select_option("#id_territory", "3001")
    page.locator("form.map-filters button[type=submit]").click()
    page.wait_for_url("**kind=initiative**")
    assert results(page) == ["Zbiórka w Chodzieży"]
    assert "approximate" in page.locator("#map-results .card").first.inner_html()
    page.wait_for_selector("#map[data-loaded='1']")
    assert_accessible(page)


def test_the_list_works_without_javascript(chromium, live_server, places):
    context = chromium.new_context(
        base_url=live_server.url, java_script_enabled=False, locale="pl-PL"
    )
    try:
        page = context.new_page()
        page.goto("/inicjatywy/mapa/?kind=organisation")
        assert sorted(results(page)) == [
            "Koło Gospodyń Chodzież",
            "Stowarzyszenie Gostyńska Kultura",
        ]
        assert page.locator(".map-fallback").is_visible()
    finally:
        context.close()


def test_the_initiatives_list_is_accessible(page, places, assert_accessible):
    page.goto("/inicjatywy/")
    titles = page.locator(".cards .card h3").all_inner_texts()
    assert sorted(titles) == ["Biblioteka sąsiedzka", "Zbiórka w Chodzieży"]
    assert_accessible(page)
    page.select_option("#id_territory", "3004")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url("**territory=3004**")
    assert page.locator(".cards .card h3").all_inner_texts() == ["Biblioteka sąsiedzka"]
