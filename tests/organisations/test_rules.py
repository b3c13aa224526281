import pytest
from django.contrib.auth.models import AnonymousUser

from razem.organisations.models import Membership
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

PERMS = [
    "organisations.add_organisation",
    "organisations.change_organisation",
    "organisations.manage_members",
    "organisations.request_membership",
    "organisations.verify_organisation",
    "organisations.view_members",
]


@pytest.fixture
def people(organisation, representative, member, other_user, staff, admin_user):
    pending = MembershipFactory(
        organisation=organisation, status=Membership.Status.PENDING
    ).user
    return {
        "anonymous": AnonymousUser(),
        "representative": representative,
        "member": member,
        "pending": pending,
        "other_user": other_user,
        "other_org_representative": MembershipFactory().user,
        "staff": staff,
        "admin": admin_user,
    }


EXPECTED = {
    # add, change, manage, request, verify, view_members
    "anonymous": (False, False, False, False, False, False),
    "representative": (True, True, True, True, False, True),
    "member": (True, False, False, True, False, True),
    "pending": (True, False, False, True, False, False),
    "other_user": (True, False, False, True, False, False),
    "other_org_representative": (True, False, False, True, False, False),
    "staff": (True, False, False, True, True, False),
    "admin": (True, True, True, True, True, True),
}


@pytest.mark.parametrize("who", EXPECTED)
def test_permissions_by_role(people, organisation, who):
    person = people[who]
    granted = tuple(person.has_perm(perm, organisation) for perm in PERMS)
    assert dict(zip(PERMS, granted, strict=True)) == dict(
        zip(PERMS, EXPECTED[who], strict=True)
    )


def test_a_rejected_representative_has_no_rights(organisation, other_user):
    MembershipFactory(
        organisation=organisation, user=other_user, status=Membership.Status.REJECTED
    )
    assert not other_user.has_perm("organisations.change_organisation", organisation)
    assert not other_user.has_perm("organisations.view_members", organisation)
