import pytest

from razem.initiatives import services
from razem.initiatives.models import Initiative
from razem.search.models import SearchDocument
from razem.search.registry import KINDS
from razem.search.selectors import search
from razem.search.services import index_objects

pytestmark = pytest.mark.django_db


def documents():
    return SearchDocument.objects.filter(kind="initiative")


def test_initiatives_are_registered_when_the_app_is_ready():
    assert KINDS["initiative"].model is Initiative


def test_only_published_initiatives_are_indexed(submitted, reviewer):
    assert not documents().exists()
    services.initiative_publish(actor=reviewer, initiative=submitted)
    document = documents().get()
    assert document.object_id == submitted.pk
    assert document.url == submitted.get_absolute_url()
    assert document.territory_code == "3004023"
    assert document.area_codes == "|kultura|"
    hits = search(q="sprzątanie parku", kinds=("initiative",)).hits
    assert [hit.object_id for hit in hits] == [submitted.pk]


def test_a_rejected_initiative_is_not_found(submitted, reviewer):
    services.initiative_reject(actor=reviewer, initiative=submitted, note="Nie")
    assert not documents().exists()
    assert search(q="sprzątanie", kinds=("initiative",)).hits == []


def test_reindexing_skips_unpublished_ones(published, submitted):
    documents().delete()
    assert index_objects(kind="initiative") == 1
    assert list(documents().values_list("object_id", flat=True)) == [published.pk]
