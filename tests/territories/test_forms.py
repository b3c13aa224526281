import pytest
from django import forms

from razem.territories.forms import TerritoryCodeField, TerritoryFilterField

pytestmark = pytest.mark.django_db


class CodeForm(forms.Form):
    territory = TerritoryCodeField(required=False)


def test_code_field_gives_the_territory_of_a_known_code(teryt):
    form = CodeForm({"territory": " 3004023 "})
    assert form.is_valid()
    assert form.cleaned_data["territory"].name == "Gostyń"


def test_code_field_refuses_an_unknown_code_naming_it(teryt):
    form = CodeForm({"territory": "9999999"})
    assert not form.is_valid()
    assert "9999999" in form.errors["territory"][0]


def test_code_field_may_be_left_empty(teryt):
    form = CodeForm({"territory": ""})
    assert form.is_valid()
    assert form.cleaned_data["territory"] is None


def test_code_field_renders_the_code_of_an_initial_territory(teryt):
    from razem.territories.models import Territory

    form = CodeForm(initial={"territory": Territory.objects.get(code="16")})
    assert 'value="16"' in str(form["territory"])


def test_filter_field_offers_whole_voivodeships_and_accepts_gmina_codes(teryt):
    from django.core.cache import cache

    cache.clear()
    field = TerritoryFilterField()
    values = [value for _group, options in field.choices[1:] for value, _ in options]
    assert "30" in values and "3004" in values and "3004023" not in values
    assert field.clean("3004023") == "3004023"
    with pytest.raises(forms.ValidationError):
        field.clean("3099999")
