import pytest

from tests.factories import InstitutionFactory, StaffFactory, VoivodeshipFactory


@pytest.fixture
def manager(institution):
    return StaffFactory(institution=institution, is_manager=True).user


@pytest.fixture
def other_institution(db):
    return InstitutionFactory(
        name="Urząd Marszałkowski Województwa Wielkopolskiego",
        kind="marshal_office",
        territory=VoivodeshipFactory(),
    )


@pytest.fixture
def manager_elsewhere(other_institution):
    """A manager of another institution."""
    return StaffFactory(institution=other_institution, is_manager=True).user
