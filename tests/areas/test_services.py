import pytest

from razem.areas.models import PublicBenefitArea
from razem.areas.services import areas_load

pytestmark = pytest.mark.django_db


def test_areas_load_creates_the_40_statutory_areas_in_order():
    assert areas_load() == 40
    assert PublicBenefitArea.objects.count() == 40
    first = PublicBenefitArea.objects.first()
    assert first.code == "social_assistance"
    assert first.name_pl.startswith("pomoc społeczna")


def test_areas_load_is_idempotent_and_repairs_names():
    areas_load()
    PublicBenefitArea.objects.filter(code="housing").update(name_en="changed")
    areas_load()
    assert PublicBenefitArea.objects.count() == 40
    assert PublicBenefitArea.objects.get(code="housing").name_en.startswith(
        "conditions for meeting"
    )


def test_area_name_follows_the_language(areas):
    from django.utils import translation

    area = PublicBenefitArea.objects.get(code="housing")
    with translation.override("en"):
        assert area.name == area.name_en
    with translation.override("pl"):
        assert area.name == area.name_pl
