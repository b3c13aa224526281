import pytest

from razem.institutions import rules as predicates
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


def test_predicates_tell_roles_apart(institution, manager, staff, liaison, other_user):
    assert predicates.is_manager_of_institution(manager, institution)
    assert not predicates.is_manager_of_institution(staff, institution)
    assert predicates.is_staff_of_institution(staff, institution)
    assert not predicates.is_staff_of_institution(other_user, institution)
    assert predicates.is_liaison_of_institution(liaison, institution)
    assert not predicates.is_liaison_of_institution(staff, institution)
    assert predicates.is_any_institution_staff(staff)
    assert not predicates.is_any_institution_staff(other_user)


def test_anonymous_has_no_role(institution):
    from django.contrib.auth.models import AnonymousUser

    anonymous = AnonymousUser()
    assert not predicates.is_staff_of_institution(anonymous, institution)
    assert not predicates.is_any_institution_staff(anonymous)
    assert not anonymous.has_perm("institutions.view_staff", institution)


def test_managers_and_admins_change_and_manage_only_their_institution(
    institution, manager, admin_user, other_institution
):
    for perm in ("institutions.change_institution", "institutions.manage_staff"):
        assert manager.has_perm(perm, institution)
        assert admin_user.has_perm(perm, institution)
        assert not manager.has_perm(perm, other_institution)


def test_staff_see_the_staff_list_but_cannot_manage_it(institution, staff, other_user):
    assert staff.has_perm("institutions.view_staff", institution)
    assert not staff.has_perm("institutions.manage_staff", institution)
    assert not staff.has_perm("institutions.change_institution", institution)
    assert not other_user.has_perm("institutions.view_staff", institution)


def test_only_platform_admins_add_institutions(admin_user, institution):
    manager = StaffFactory(institution=institution, is_manager=True).user
    assert admin_user.has_perm("institutions.add_institution")
    assert not manager.has_perm("institutions.add_institution")
