"""Who may do what with consultations (django-rules), time windows included.

Predicates take `(user, consultation)`; those about a comment take `(user, comment)`.
Managers are the staff of the consulting institution and platform administrators.
Views, the API and the services check these names through `can()` (rules only).
"""

import rules

from razem.consultations.models import Comment, Consultation
from razem.institutions.models import InstitutionStaff
from razem.organisations.models import Membership

Phase = Consultation.Phase


def _signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


@rules.predicate
def is_platform_admin(user) -> bool:
    return _signed_in(user) and user.is_superuser


@rules.predicate
def is_institution_staff(user, consultation) -> bool:
    return (
        _signed_in(user)
        and consultation is not None
        and InstitutionStaff.objects.filter(
            user=user, institution_id=consultation.institution_id
        ).exists()
    )


@rules.predicate
def is_any_institution_staff(user) -> bool:
    return _signed_in(user) and InstitutionStaff.objects.filter(user=user).exists()


is_manager = is_institution_staff | is_platform_admin


@rules.predicate
def is_visible(user, consultation) -> bool:
    return consultation is not None and consultation.status != Consultation.Status.DRAFT


@rules.predicate
def is_draft(user, consultation) -> bool:
    return consultation is not None and consultation.status == Consultation.Status.DRAFT


@rules.predicate
def is_open(user, consultation) -> bool:
    """Published and within its period (the time window for comments)."""
    return consultation is not None and consultation.phase == Phase.OPEN


@rules.predicate
def is_closed(user, consultation) -> bool:
    return consultation is not None and consultation.phase == Phase.CLOSED


@rules.predicate
def is_responding(user, consultation) -> bool:
    return consultation is not None and consultation.phase == Phase.RESPONDING


@rules.predicate
def is_reported(user, consultation) -> bool:
    return consultation is not None and consultation.phase == Phase.REPORTED


def approved_organisation_ids(user) -> list[int]:
    if not _signed_in(user):
        return []
    return list(
        Membership.objects.filter(
            user=user, status=Membership.Status.APPROVED
        ).values_list("organisation_id", flat=True)
    )


@rules.predicate
def may_take_part(user, consultation) -> bool:
    """The consultation's participation rule: organisations only (an approved member
    of any organisation, or of an invited one), anyone signed in, or invited only."""
    if not _signed_in(user) or consultation is None:
        return False
    rule = consultation.participation
    if rule == Consultation.Participation.SIGNED_IN:
        return True
    organisations = approved_organisation_ids(user)
    if rule == Consultation.Participation.ORGANISATIONS:
        return bool(organisations)
    return (
        consultation.invited_people.filter(pk=user.pk).exists()
        or consultation.invited_organisations.filter(pk__in=organisations).exists()
    )


@rules.predicate
def online_comments_enabled(user, consultation) -> bool:
    return consultation is not None and consultation.online_comments


@rules.predicate
def is_comment_author(user, comment) -> bool:
    return _signed_in(user) and comment is not None and comment.author_id == user.pk


@rules.predicate
def comment_consultation_open(user, comment) -> bool:
    return comment is not None and comment.consultation.phase == Phase.OPEN


@rules.predicate
def manages_comment(user, comment) -> bool:
    return comment is not None and is_manager(user, comment.consultation)


@rules.predicate
def comment_is_entered_opinion(user, comment) -> bool:
    return comment is not None and comment.channel != Comment.Channel.ONLINE


rules.add_perm("consultations.add_consultation", is_any_institution_staff)
rules.add_perm("consultations.view_consultation", is_visible | is_manager)
rules.add_perm("consultations.change_consultation", is_manager & ~is_reported)
rules.add_perm("consultations.publish_consultation", is_manager & is_draft)
rules.add_perm(
    "consultations.publish_version", is_manager & (is_visible | is_draft) & ~is_reported
)
rules.add_perm(
    "consultations.comment",
    is_open & online_comments_enabled & may_take_part,
)
# Staff enter written opinions (e-mail, post, meeting) until the responses start.
rules.add_perm("consultations.enter_opinion", is_manager & (is_open | is_closed))
rules.add_perm(
    "consultations.change_comment",
    (is_comment_author & comment_consultation_open)
    | (manages_comment & comment_is_entered_opinion & comment_consultation_open),
)
rules.add_perm("consultations.report_comment", rules.is_authenticated)
rules.add_perm("consultations.moderate", is_manager)
rules.add_perm("consultations.start_responses", is_manager & is_closed)
rules.add_perm("consultations.respond", is_manager & (is_closed | is_responding))
rules.add_perm("consultations.publish_report", is_manager & is_responding)
rules.add_perm("consultations.view_report", is_reported | is_manager)


def can(user, permission: str, obj=None) -> bool:
    """`permission` by the rules above only."""
    return rules.has_perm(permission, user, obj)
