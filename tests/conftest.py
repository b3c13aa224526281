import pytest

from tests.factories import (
    InstitutionFactory,
    MembershipFactory,
    OrganisationFactory,
    StaffFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Cached choices (e.g. territories) must not leak between tests' databases."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def teryt(db):
    """The real TERC data for two voivodeships: wielkopolskie (30) and opolskie (16)."""
    from razem.territories.services import territories_load

    territories_load(prefixes=["30", "16"])


@pytest.fixture
def areas(db):
    from razem.areas.services import areas_load

    areas_load()


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def admin_user(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def institution(db):
    return InstitutionFactory()


@pytest.fixture
def staff(institution):
    return StaffFactory(institution=institution).user


@pytest.fixture
def liaison(institution):
    return StaffFactory(institution=institution, is_liaison=True).user


@pytest.fixture
def organisation(db):
    return OrganisationFactory()


@pytest.fixture
def representative(organisation):
    return MembershipFactory(organisation=organisation).user


@pytest.fixture
def other_user(db):
    """A signed-up person with no role anywhere."""
    return UserFactory()
