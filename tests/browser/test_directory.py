"""The organisation directory in a real browser: filters, paging, an organisation page,
and axe-core's WCAG 2.1 AA scan of both pages."""

import re

import pytest
from django.core.cache import cache

from razem.areas.models import PublicBenefitArea
from razem.territories.models import Territory
from tests.factories import OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Seats cycle with period 5 and areas with period 3, so the filters cut across them.
SEATS = ["3004023", "3004042", "1661011", "1607053", "3064011"]  # Gostyń, Pępowo,
# Opole, Nysa, Poznań
AREAS = ["sport", "culture", "ecology"]
PREFIXES = [
    "Fundacja Dobra Wspolnego",
    "Klub Sportowy Start",
    "Stowarzyszenie Aktywni Razem",
]
COUNT = 30


@pytest.fixture
def directory(teryt, areas):
    # The territory choices are cached; other tests may have cached another register.
    cache.clear()
    seats = {t.code: t for t in Territory.objects.filter(code__in=SEATS)}
    areas_by_code = {
        a.code: a for a in PublicBenefitArea.objects.filter(code__in=AREAS)
    }
    organisations = []
    for n in range(COUNT):
        organisation = OrganisationFactory(
            name=f"{PREFIXES[n % 3]} {n:02d}",
            seat=seats[SEATS[n % 5]],
            description=f"Opis organizacji numer {n}.",
        )
        organisation.areas.set([areas_by_code[AREAS[n % 3]]])
        organisations.append(organisation)
    yield organisations
    cache.clear()


def card_names(page) -> list[str]:
    return page.locator("ul.cards > li.card h3").all_inner_texts()


def test_directory_filters_by_area_and_territory_pages_and_opens_an_organisation(
    page, assert_accessible, directory
):
    by_name = sorted(directory, key=lambda o: o.name)
    page.goto("/organizacje/")
    assert page.locator("h1").inner_text() == "Organizacje"
    assert card_names(page) == [o.name for o in by_name[:20]]
    assert_accessible(page)

    # A public benefit area, chosen in the (collapsed) list of checkboxes.
    sport = PublicBenefitArea.objects.get(code="sport")
    page.get_by_text("Pokaż sfery").click()
    page.get_by_label(sport.name_pl, exact=True).check()
    page.get_by_role("button", name="Zastosuj filtry").click()
    page.wait_for_url(re.compile(r"area=sport"))
    in_sport = [o.name for o in by_name if "sport" in {a.code for a in o.areas.all()}]
    assert len(in_sport) == 10
    assert card_names(page) == in_sport

    # Then a territory as well: powiat gostyński (Gostyń and Pępowo).
    page.get_by_label("Siedziba w").select_option("3004")
    page.get_by_role("button", name="Zastosuj filtry").click()
    page.wait_for_url(re.compile(r"territory=3004"))
    expected = [
        o.name for o in by_name if o.name in in_sport and o.seat.code.startswith("3004")
    ]
    assert len(expected) == 4
    assert card_names(page) == expected
    assert page.get_by_label(sport.name_pl, exact=True).is_checked()
    assert page.get_by_label("Siedziba w").input_value() == "3004"

    # A territory alone, from the filter's voivodeship option.
    page.goto("/organizacje/")
    page.get_by_label("Siedziba w").select_option("16")
    page.get_by_role("button", name="Zastosuj filtry").click()
    page.wait_for_url(re.compile(r"territory=16"))
    in_opolskie = [o.name for o in by_name if o.seat.code.startswith("16")]
    assert card_names(page) == in_opolskie and len(in_opolskie) == 12

    # Paging through the unfiltered directory.
    page.goto("/organizacje/")
    pagination = page.get_by_role("navigation", name="Strony")
    assert pagination.get_by_text("Strona 1 z 2").is_visible()
    pagination.get_by_role("link", name="Następna").click()
    page.wait_for_url(re.compile(r"page=2"))
    assert card_names(page) == [o.name for o in by_name[20:]]
    assert pagination.get_by_text("Strona 2 z 2").is_visible()

    # An organisation's own page, from page 2.
    chosen = by_name[25]
    page.get_by_role("link", name=chosen.name, exact=True).click()
    page.wait_for_url(f"**{chosen.get_absolute_url()}")
    assert page.locator("h1").inner_text() == chosen.name
    assert page.get_by_text(chosen.description).is_visible()
    assert page.get_by_text(chosen.seat.name).first.is_visible()
    assert_accessible(page)


def test_directory_without_matches_says_so_and_stays_accessible(
    page, assert_accessible, directory
):
    page.goto("/organizacje/?q=nieistniejaca&territory=3004")
    assert card_names(page) == []
    assert page.get_by_text("Żadna organizacja nie spełnia tych kryteriów").is_visible()
    assert_accessible(page)
