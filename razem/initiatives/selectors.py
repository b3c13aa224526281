"""Reads of initiatives. Lists are querysets of what the person may see; one
initiative is fetched and authorised together (not found = not allowed)."""

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from razem.areas.models import PublicBenefitArea
from razem.initiatives.models import Initiative, Photo
from razem.institutions.models import NATIONAL_KINDS, Institution, InstitutionStaff
from razem.organisations.models import Membership, Organisation
from razem.territories.models import Territory


def _with_relations(initiatives: QuerySet[Initiative]) -> QuerySet[Initiative]:
    return initiatives.select_related(
        "territory__parent__parent", "reviewing_institution"
    ).prefetch_related(
        Prefetch("areas", queryset=PublicBenefitArea.objects.order_by("position")),
        Prefetch("organisations", queryset=Organisation.objects.order_by("name")),
        Prefetch("photos", queryset=Photo.objects.order_by("position", "id")),
    )


def initiative_list(
    *, kind: str = "", area: str = "", territory: str = ""
) -> QuerySet[Initiative]:
    """Published initiatives, newest start first; `territory` is a TERC code of any
    level and includes every unit below it; `area` an area code."""
    initiatives = Initiative.objects.published()
    if kind:
        initiatives = initiatives.filter(kind=kind)
    if area:
        initiatives = initiatives.with_area(area)
    if territory:
        initiatives = initiatives.in_territory(territory)
    return _with_relations(initiatives).order_by("-start_date", "-id")


def initiatives_visible_to(*, user) -> QuerySet[Initiative]:
    """Published ones, plus the person's own and those their institution reviews;
    a platform administrator sees all. The same rule as `initiatives.view_initiative`.
    """
    if not getattr(user, "is_authenticated", False):
        return Initiative.objects.published()
    if user.is_superuser:
        return Initiative.objects.all()
    reviewed = InstitutionStaff.objects.filter(user=user).values("institution_id")
    return Initiative.objects.filter(
        Q(status=Initiative.Status.PUBLISHED)
        | Q(submitted_by=user)
        | Q(reviewing_institution_id__in=reviewed)
    )


def initiative_get_for_user(*, user, pk: int) -> Initiative:
    """The initiative if `user` may see it; Http404 otherwise, whether it is missing
    or hidden from them."""
    initiative = (
        _with_relations(initiatives_visible_to(user=user)).filter(pk=pk).first()
    )
    if initiative is None:
        raise Http404
    return initiative


def review_queue(*, user) -> QuerySet[Initiative]:
    """Submitted initiatives waiting for `user`'s institutions, oldest first. A
    platform administrator also sees those no institution reviews."""
    waiting = Initiative.objects.filter(status=Initiative.Status.SUBMITTED)
    if not getattr(user, "is_authenticated", False):
        return waiting.none()
    if not user.is_superuser:
        waiting = waiting.filter(
            reviewing_institution_id__in=InstitutionStaff.objects.filter(
                user=user
            ).values("institution_id")
        )
    return _with_relations(waiting).order_by("created_at", "id")


def initiatives_submitted_by(*, user) -> QuerySet[Initiative]:
    if not getattr(user, "is_authenticated", False):
        return Initiative.objects.none()
    return _with_relations(Initiative.objects.filter(submitted_by=user)).order_by(
        "-created_at", "-id"
    )


def organisations_of(*, user) -> QuerySet[Organisation]:
    """Organisations the person may name as organisers: approved memberships."""
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user, memberships__status=Membership.Status.APPROVED
    ).order_by("name", "id")


# Among bodies of the same level, self-government reviews before government offices.
_KIND_PREFERENCE = {
    Institution.Kind.GMINA: 0,
    Institution.Kind.POWIAT: 0,
    Institution.Kind.MARSHAL_OFFICE: 0,
    Institution.Kind.VOIVODESHIP_OFFICE: 1,
}


def reviewing_institution_for(territory: Territory) -> Institution | None:
    """The most local public body whose territory contains `territory`.

    A gmina's initiative goes to the gmina office if it is on the platform, else to the
    starostwo, else to the marshal's office (then the voivodeship office). None when no
    body covers it: platform administrators review those.
    """
    codes = [territory.code[:n] for n in (7, 4, 2) if len(territory.code) >= n]
    candidates = (
        Institution.objects.filter(territory__code__in=codes)
        .exclude(kind__in=NATIONAL_KINDS)
        .select_related("territory")
    )
    ranked = sorted(
        candidates,
        key=lambda i: (
            -len(i.territory.code),
            _KIND_PREFERENCE.get(i.kind, 2),
            i.pk,
        ),
    )
    return ranked[0] if ranked else None
