"""Who may do what with events (django-rules). Views, the API and the services check
these names through `can()`, which asks the rules alone (see razem.initiatives.rules).

Organisers of an event are the staff of its institution and the approved
representatives of its co-organising organisations; platform administrators may do
what organisers may.
"""

import rules
from django.utils import timezone

from razem.events.models import Event
from razem.institutions.models import InstitutionStaff
from razem.organisations.models import Membership


def _signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


@rules.predicate
def is_platform_admin(user) -> bool:
    return _signed_in(user) and user.is_superuser


def organiser_filter(user):
    """Q of the events `user` organises (for querysets; mirrors `is_organiser`)."""
    from django.db.models import Q

    institutions = InstitutionStaff.objects.filter(user=user).values("institution_id")
    organisations = Membership.objects.filter(
        user=user,
        role=Membership.Role.REPRESENTATIVE,
        status=Membership.Status.APPROVED,
    ).values("organisation_id")
    return Q(institution_id__in=institutions) | Q(
        pk__in=Event.organisations.through.objects.filter(
            organisation_id__in=organisations
        ).values("event_id")
    )


@rules.predicate
def is_organiser(user, event) -> bool:
    if not _signed_in(user) or event is None:
        return False
    if (
        event.institution_id
        and InstitutionStaff.objects.filter(
            user=user, institution_id=event.institution_id
        ).exists()
    ):
        return True
    return Membership.objects.filter(
        user=user,
        role=Membership.Role.REPRESENTATIVE,
        status=Membership.Status.APPROVED,
        organisation__in=event.organisations.all(),
    ).exists()


@rules.predicate
def can_organise_any(user) -> bool:
    """Works for an institution or represents an organisation."""
    if not _signed_in(user):
        return False
    return (
        user.is_superuser
        or InstitutionStaff.objects.filter(user=user).exists()
        or Membership.objects.filter(
            user=user,
            role=Membership.Role.REPRESENTATIVE,
            status=Membership.Status.APPROVED,
        ).exists()
    )


@rules.predicate
def is_published(user, event) -> bool:
    return event is not None and event.status == Event.Status.PUBLISHED


@rules.predicate
def is_public(user, event) -> bool:
    return event is not None and event.status in (
        Event.Status.PUBLISHED,
        Event.Status.CANCELLED,
    )


@rules.predicate
def is_not_cancelled(user, event) -> bool:
    return event is not None and event.status != Event.Status.CANCELLED


@rules.predicate
def registration_is_open(user, event) -> bool:
    """Published, taking registrations, and within the registration window."""
    return (
        event is not None
        and event.status == Event.Status.PUBLISHED
        and event.registration_enabled
        and event.registration_window_open(timezone.now())
    )


@rules.predicate
def is_fair(user, event) -> bool:
    return event is not None and event.kind == Event.Kind.FAIR


@rules.predicate
def represents_an_organisation(user) -> bool:
    return (
        _signed_in(user)
        and Membership.objects.filter(
            user=user,
            role=Membership.Role.REPRESENTATIVE,
            status=Membership.Status.APPROVED,
        ).exists()
    )


is_manager = is_organiser | is_platform_admin

rules.add_perm("events.add_event", can_organise_any)
rules.add_perm("events.view_event", is_public | is_manager)
rules.add_perm("events.change_event", is_manager & is_not_cancelled)
rules.add_perm("events.cancel_event", is_manager & is_not_cancelled)
rules.add_perm("events.register_event", registration_is_open)
rules.add_perm("events.manage_registrations", is_manager)
rules.add_perm("events.check_in", is_manager)
rules.add_perm("events.message_participants", is_manager & is_not_cancelled)
rules.add_perm("events.publish_outcomes", is_manager)
rules.add_perm(
    "events.apply_for_stand",
    represents_an_organisation & is_fair & is_published,
)
rules.add_perm("events.decide_stands", is_manager & is_fair)


def can(user, permission: str, event=None) -> bool:
    """`permission` by the rules above only (see the module docstring)."""
    return rules.has_perm(permission, user, event)
