"""Who may do what in the NGO registry (django-rules).

Predicates take `(user, organisation)`; those about the person alone take `(user)`.
"""

import rules

from razem.organisations.models import Membership


@rules.predicate
def is_platform_admin(user) -> bool:
    return bool(user and user.is_authenticated and user.is_superuser)


@rules.predicate
def is_institution_staff(user) -> bool:
    """Works for any institution (officials verify organisations)."""
    return bool(user and user.is_authenticated and user.institution_roles.exists())


@rules.predicate
def is_representative(user, organisation) -> bool:
    """An approved representative of `organisation`."""
    if not (user and user.is_authenticated and organisation is not None):
        return False
    return Membership.objects.filter(
        organisation=organisation,
        user=user,
        role=Membership.Role.REPRESENTATIVE,
        status=Membership.Status.APPROVED,
    ).exists()


@rules.predicate
def is_member(user, organisation) -> bool:
    """An approved member of `organisation` in any role (representatives included)."""
    if not (user and user.is_authenticated and organisation is not None):
        return False
    return Membership.objects.filter(
        organisation=organisation, user=user, status=Membership.Status.APPROVED
    ).exists()


can_manage = is_representative | is_platform_admin

rules.add_perm("organisations.add_organisation", rules.is_authenticated)
rules.add_perm("organisations.change_organisation", can_manage)
rules.add_perm("organisations.manage_members", can_manage)
rules.add_perm("organisations.request_membership", rules.is_authenticated)
rules.add_perm(
    "organisations.verify_organisation", is_institution_staff | is_platform_admin
)
rules.add_perm("organisations.view_members", is_member | is_platform_admin)
