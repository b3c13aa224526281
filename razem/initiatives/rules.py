"""Who may do what with initiatives (django-rules). Views, the API and the services
check these names through `can()`, which asks the rules alone: Django's ModelBackend
would otherwise grant a superuser every permission whatever the initiative's state.

Predicates take `(user, initiative)`; those about the person alone take `(user)`.
"""

import rules

from razem.initiatives.models import Initiative
from razem.institutions.models import InstitutionStaff


@rules.predicate
def is_platform_admin(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_superuser)


@rules.predicate
def is_submitter(user, initiative) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and initiative is not None
        and initiative.submitted_by_id == user.pk
    )


@rules.predicate
def is_reviewer(user, initiative) -> bool:
    """Works for the institution that reviews `initiative`."""
    if not getattr(user, "is_authenticated", False) or initiative is None:
        return False
    if initiative.reviewing_institution_id is None:
        return False
    return InstitutionStaff.objects.filter(
        user=user, institution_id=initiative.reviewing_institution_id
    ).exists()


@rules.predicate
def is_any_institution_staff(user) -> bool:
    return bool(
        getattr(user, "is_authenticated", False) and user.institution_roles.exists()
    )


@rules.predicate
def is_published(user, initiative) -> bool:
    return initiative is not None and initiative.status == Initiative.Status.PUBLISHED


@rules.predicate
def is_submitted(user, initiative) -> bool:
    return initiative is not None and initiative.status == Initiative.Status.SUBMITTED


rules.add_perm("initiatives.add_initiative", rules.is_authenticated)
rules.add_perm(
    "initiatives.view_initiative",
    is_published | is_submitter | is_reviewer | is_platform_admin,
)
rules.add_perm("initiatives.change_initiative", is_submitter & is_submitted)
rules.add_perm(
    "initiatives.review_initiative", (is_reviewer | is_platform_admin) & is_submitted
)
rules.add_perm(
    "initiatives.view_review_queue", is_any_institution_staff | is_platform_admin
)


def can(user, permission: str, initiative=None) -> bool:
    """`permission` by the rules above only (see the module docstring)."""
    return rules.has_perm(permission, user, initiative)
