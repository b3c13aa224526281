import pytest
from allauth.mfa.models import Authenticator

from tests.factories import InstitutionFactory, StaffFactory

PASSWORD = "correct-horse-battery"


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def signed_in(client, user):
    client.force_login(user)
    return client


def add_totp(user) -> Authenticator:
    return Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )


@pytest.fixture
def strict_staff(db):
    """Staff of an institution that requires its staff to use two-factor auth."""
    institution = InstitutionFactory(require_staff_2fa=True)
    return StaffFactory(institution=institution).user
