"""Reads of institutions: lists with filters, the public page, the staff list."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from razem.institutions.models import Institution, InstitutionStaff, ThematicGroup, Unit


def institution_list(
    *, kind: str | None = None, territory: str | None = None, q: str | None = None
) -> QuerySet[Institution]:
    """Institutions filtered by kind, by a TERC code at any level (the unit and
    everything below it) and by name; the territory is joined, not fetched per row."""
    institutions = Institution.objects.select_related("territory").order_by(
        "name", "id"
    )
    if kind:
        institutions = institutions.filter(kind=kind)
    if territory:
        institutions = institutions.in_territory(territory)
    if q:
        q = q.strip()
        institutions = institutions.filter(
            Q(name__icontains=q) | Q(short_name__icontains=q)
        )
    return institutions


def liaison_list(
    *, kind: str | None = None, territory: str | None = None
) -> QuerySet[Institution]:
    """Institutions that published an NGO liaison contact."""
    return institution_list(kind=kind, territory=territory).exclude(
        liaison_name="", liaison_email="", liaison_phone=""
    )


def thematic_groups_with_counts() -> QuerySet[ThematicGroup]:
    """Groups with their areas, unit and `organisation_count`: the organisations
    working in any of the group's areas, counted in the same query for all groups."""
    return (
        ThematicGroup.objects.select_related("unit")
        .prefetch_related("areas")
        .annotate(organisation_count=Count("areas__organisations", distinct=True))
        .order_by("name")
    )


def institution_get(*, slug: str) -> Institution:
    """The institution with its territory chain; Http404 if there is none."""
    return get_object_or_404(
        Institution.objects.select_related("territory__parent__parent"), slug=slug
    )


def institution_detail(*, slug: str) -> Institution:
    """The public page's data: units and thematic groups (with organisation counts)
    prefetched in a fixed number of queries. Http404 if there is none."""
    return get_object_or_404(
        Institution.objects.select_related(
            "territory__parent__parent"
        ).prefetch_related(
            Prefetch("units", queryset=Unit.objects.order_by("name")),
            Prefetch("thematic_groups", queryset=thematic_groups_with_counts()),
        ),
        slug=slug,
    )


def unit_get(*, institution: Institution, pk: int) -> Unit:
    return get_object_or_404(Unit, institution=institution, pk=pk)


def thematic_group_get(*, institution: Institution, pk: int) -> ThematicGroup:
    return get_object_or_404(
        ThematicGroup.objects.prefetch_related("areas"), institution=institution, pk=pk
    )


def staff_list(*, institution: Institution) -> QuerySet[InstitutionStaff]:
    return (
        InstitutionStaff.objects.filter(institution=institution)
        .select_related("user", "unit")
        .order_by("-is_manager", "user__full_name", "id")
    )


def staff_get(*, institution: Institution, pk: int) -> InstitutionStaff:
    return get_object_or_404(
        InstitutionStaff.objects.select_related("user", "unit"),
        institution=institution,
        pk=pk,
    )
