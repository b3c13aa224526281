"""Reads from the NGO registry."""

from collections.abc import Iterable

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from razem.areas.models import PublicBenefitArea
from razem.organisations.models import Membership, Organisation
from razem.organisations.search import organisation_facets
from razem.search.selectors import RankedResults


def organisation_list(
    *,
    q: str = "",
    areas: Iterable[str] = (),
    territory: str = "",
    legal_form: str = "",
    is_public_benefit: bool | None = None,
    is_verified: bool | None = None,
) -> QuerySet[Organisation] | RankedResults:
    """The public directory, filtered, with seat and areas loaded.

    Without `q`, ordered by name. With `q`, a full-text search (razem.search: Polish
    lemmas, no diacritics needed, the last word as a prefix) ordered by relevance,
    returned as a lazy sequence that paginators slice page by page.
    `areas` are area codes (an organisation matches if it has any of them);
    `territory` is a TERC code of any level and includes every unit below it.
    """
    organisations = Organisation.objects.select_related(
        "seat__parent__parent"
    ).prefetch_related(
        Prefetch("areas", queryset=PublicBenefitArea.objects.order_by("position"))
    )
    if legal_form:
        organisations = organisations.filter(legal_form=legal_form)
    if is_public_benefit is not None:
        organisations = organisations.filter(is_public_benefit=is_public_benefit)
    if is_verified is not None:
        organisations = organisations.filter(is_verified=is_verified)
    areas = tuple(code for code in areas if code)
    q = (q or "").strip()
    if q:
        # Every filter is answered by the search index (see organisations/search.py).
        return RankedResults(
            q=q, kind="organisation", queryset=organisations,
            territory=territory, areas=areas,
            facets=organisation_facets(
                legal_form=legal_form, is_public_benefit=is_public_benefit,
                is_verified=is_verified,
            ),
        )  # fmt: skip
    if areas:
        organisations = organisations.filter(
            pk__in=Organisation.objects.filter(areas__code__in=areas).values("pk")
        )
    if territory:
        organisations = organisations.in_territory(territory)
    return organisations.order_by("name", "id")


def organisation_get_public(*, slug: str) -> Organisation:
    """One organisation with everything its public page shows; Http404 if missing."""
    return get_object_or_404(
        Organisation.objects.select_related(
            "seat__parent__parent", "verified_by"
        ).prefetch_related(
            Prefetch("areas", queryset=PublicBenefitArea.objects.order_by("position")),
            "activity_territories",
        ),
        slug=slug,
    )


def organisation_members(*, organisation: Organisation) -> QuerySet[Membership]:
    """Approved memberships, representatives first, then by name."""
    return (
        Membership.objects.filter(
            organisation=organisation, status=Membership.Status.APPROVED
        )
        .select_related("user")
        .order_by("-role", "user__full_name", "pk")
    )


def organisation_pending_requests(
    *, organisation: Organisation
) -> QuerySet[Membership]:
    """Requests waiting for a representative's decision, oldest first."""
    return (
        Membership.objects.filter(
            organisation=organisation, status=Membership.Status.PENDING
        )
        .select_related("user")
        .order_by("created_at", "pk")
    )


def memberships_pending_for(*, user) -> QuerySet[Membership]:
    """Requests `user` may decide: pending in organisations they represent."""
    if not user.is_authenticated:
        return Membership.objects.none()
    represented = Membership.objects.filter(
        user=user,
        role=Membership.Role.REPRESENTATIVE,
        status=Membership.Status.APPROVED,
    ).values("organisation_id")
    return (
        Membership.objects.filter(
            organisation_id__in=represented, status=Membership.Status.PENDING
        )
        .select_related("user", "organisation")
        .order_by("created_at", "pk")
    )


def membership_of(*, user, organisation: Organisation) -> Membership | None:
    """The person's membership (of any status) in the organisation, if any."""
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(user=user, organisation=organisation).first()


def organisations_for_user(*, user) -> QuerySet[Membership]:
    """The person's approved memberships with their organisations, by name."""
    if not user.is_authenticated:
        return Membership.objects.none()
    return (
        Membership.objects.filter(user=user, status=Membership.Status.APPROVED)
        .select_related("organisation__seat")
        .order_by("organisation__name", "pk")
    )
