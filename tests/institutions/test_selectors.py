import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from razem.institutions import selectors
from razem.territories.models import Territory
from tests.factories import (
    AreaFactory,
    InstitutionFactory,
    OrganisationFactory,
    ThematicGroupFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def bodies(teryt):
    t = {
        code: Territory.objects.get(code=code)
        for code in ("30", "3004", "3004023", "3004033", "16", "1661011")
    }
    return {
        "marshal": InstitutionFactory(
            name="UM Wielkopolski", kind="marshal_office", territory=t["30"]
        ),
        "starostwo": InstitutionFactory(
            name="Starostwo Gostyń", kind="powiat", territory=t["3004"]
        ),
        "gostyn": InstitutionFactory(name="UG Gostyń", territory=t["3004023"]),
        "krobia": InstitutionFactory(name="UG Krobia", territory=t["3004033"]),
        "opole": InstitutionFactory(name="UM Opole", territory=t["1661011"]),
        "ministry": InstitutionFactory(
            name="Ministerstwo Rodziny",
            kind="ministry",
            territory=None,
            short_name="MRPiPS",
        ),
    }


def _names(queryset):
    return {institution.name for institution in queryset}


def test_voivodeship_filter_includes_its_powiats_and_gminas(bodies):
    assert _names(selectors.institution_list(territory="30")) == {
        "UM Wielkopolski",
        "Starostwo Gostyń",
        "UG Gostyń",
        "UG Krobia",
    }


def test_powiat_filter_includes_its_gminas_only(bodies):
    assert _names(selectors.institution_list(territory="3004")) == {
        "Starostwo Gostyń",
        "UG Gostyń",
        "UG Krobia",
    }


def test_gmina_filter_gives_the_gmina_only(bodies):
    assert _names(selectors.institution_list(territory="3004023")) == {"UG Gostyń"}


def test_kind_and_name_filters(bodies):
    assert _names(selectors.institution_list(kind="gmina", territory="16")) == {
        "UM Opole"
    }
    assert _names(selectors.institution_list(q="mrpips")) == {"Ministerstwo Rodziny"}
    assert _names(selectors.institution_list(q="krob")) == {"UG Krobia"}


def test_list_fetches_territories_in_the_same_query(bodies):
    with CaptureQueriesContext(connection) as queries:
        labels = [str(i.territory) for i in selectors.institution_list()]
    assert len(labels) == 6
    assert len(queries) == 1


def test_liaison_list_leaves_out_institutions_without_a_liaison_contact(bodies):
    InstitutionFactory(name="Bez pełnomocnika", liaison_name="", liaison_email="")
    InstitutionFactory(
        name="Tylko telefon",
        liaison_name="",
        liaison_email="",
        liaison_phone="61 000 00 00",
    )
    names = _names(selectors.liaison_list())
    assert "Bez pełnomocnika" not in names
    assert "Tylko telefon" in names


def test_detail_counts_organisations_per_group_in_a_fixed_number_of_queries(
    institution,
):
    housing, culture, sport = (
        AreaFactory(code=c) for c in ("housing", "culture", "sport")
    )
    OrganisationFactory().areas.set([housing, culture])
    OrganisationFactory().areas.set([culture])
    OrganisationFactory().areas.set([sport])
    ThematicGroupFactory(institution=institution, name="A").areas.set(
        [housing, culture]
    )
    ThematicGroupFactory(institution=institution, name="B").areas.set([sport])
    ThematicGroupFactory(institution=institution, name="C")
    for _ in range(3):
        UnitFactory(institution=institution)
    reverse("organisations:list")  # load the URLconf outside the measured block
    with CaptureQueriesContext(connection) as queries:
        detail = selectors.institution_detail(slug=institution.slug)
        groups = list(detail.thematic_groups.all())
        counts = {g.name: g.organisation_count for g in groups}
        urls = [g.directory_url() for g in groups]
        units = list(detail.units.all())
    assert counts == {"A": 2, "B": 1, "C": 0}
    assert sorted(urls[0].split("?")[1].split("&")) == ["area=culture", "area=housing"]
    assert urls[0].startswith("/organizacje/?")
    assert len(units) == 3
    # institution, units, groups with counts, the groups' areas
    assert len(queries) == 4, [q["sql"][:150] for q in queries]
