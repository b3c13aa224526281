"""Who may do what with an institution. Views and the API check these names."""

import rules

from razem.institutions.models import InstitutionStaff


def _roles(user, institution):
    if institution is None or not getattr(user, "is_authenticated", False):
        return InstitutionStaff.objects.none()
    return InstitutionStaff.objects.filter(user=user, institution=institution)


@rules.predicate
def is_staff_of_institution(user, institution) -> bool:
    return _roles(user, institution).exists()


@rules.predicate
def is_manager_of_institution(user, institution) -> bool:
    return _roles(user, institution).filter(is_manager=True).exists()


@rules.predicate
def is_liaison_of_institution(user, institution) -> bool:
    return _roles(user, institution).filter(is_liaison=True).exists()


@rules.predicate
def is_any_institution_staff(user) -> bool:
    return bool(
        getattr(user, "is_authenticated", False) and user.institution_roles.exists()
    )


is_platform_admin = rules.is_superuser

rules.add_perm("institutions.add_institution", is_platform_admin)
rules.add_perm(
    "institutions.change_institution", is_manager_of_institution | is_platform_admin
)
rules.add_perm(
    "institutions.manage_staff", is_manager_of_institution | is_platform_admin
)
rules.add_perm("institutions.view_staff", is_staff_of_institution | is_platform_admin)
