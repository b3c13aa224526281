import pytest

from razem.territories.models import Territory
from razem.territories.services import territories_load

pytestmark = pytest.mark.django_db


def test_teryt_fixture_loads_wielkopolskie_and_opolskie_with_their_units(teryt):
    assert Territory.objects.filter(kind="voivodeship").count() == 2
    assert Territory.objects.within("30").filter(kind="powiat").count() == 35
    assert Territory.objects.within("30").gminas().count() == 226
    assert Territory.objects.within("16").filter(kind="powiat").count() == 12
    assert Territory.objects.within("16").gminas().count() == 71


def test_units_are_linked_to_their_parents_and_named(teryt):
    gostyn = Territory.objects.get(code="3004023")
    assert gostyn.name == "Gostyń"
    assert gostyn.subkind == "gmina miejsko-wiejska"
    assert gostyn.parent.code == "3004"
    assert gostyn.parent.parent.code == "30"
    assert (gostyn.lat, gostyn.lon) == (gostyn.parent.lat, gostyn.parent.lon)
    opole = Territory.objects.get(code="1661")
    assert opole.subkind == "miasto na prawach powiatu"


def test_loading_again_writes_nothing_and_creates_no_duplicates(teryt):
    count = Territory.objects.count()
    assert territories_load(prefixes=["30", "16"]) == 0
    assert Territory.objects.count() == count


def test_loading_again_repairs_a_changed_name(teryt):
    Territory.objects.filter(code="3004023").update(name="Zmieniona")
    assert territories_load(prefixes=["30"]) == 1
    assert Territory.objects.get(code="3004023").name == "Gostyń"


def test_the_whole_register_has_16_voivodeships_380_powiats_and_2479_gminas():
    assert territories_load() == 16 + 380 + 2479
    assert Territory.objects.filter(kind="voivodeship").count() == 16
    assert Territory.objects.filter(kind="powiat").count() == 380
    assert Territory.objects.gminas().count() == 2479
    assert territories_load() == 0


def test_within_includes_the_unit_and_everything_below_it(teryt):
    codes = set(Territory.objects.within("3004").values_list("code", flat=True))
    assert "3004" in codes and "3004023" in codes
    assert all(code.startswith("3004") for code in codes)


def test_labels_are_translated(teryt):
    from django.utils import translation

    with translation.override("pl"):
        assert (
            str(Territory.objects.get(code="30").label) == "województwo wielkopolskie"
        )
        assert str(Territory.objects.get(code="3004").label) == "powiat gostyński"
    with translation.override("en"):
        assert (
            str(Territory.objects.get(code="30").label) == "wielkopolskie voivodeship"
        )
