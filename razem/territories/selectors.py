"""Reads of the TERC register."""

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from razem.territories.exceptions import TerritoryError
from razem.territories.models import Territory


def territory_list(
    *, kind: str | None = None, parent: str | None = None, q: str | None = None
) -> QuerySet[Territory]:
    """Units of the register, by code; `parent` is the TERC code of the parent unit."""
    territories = Territory.objects.select_related("parent").order_by("code")
    if kind:
        territories = territories.filter(kind=kind)
    if parent:
        if not Territory.objects.filter(code=parent).exists():
            raise TerritoryError(_("Unknown TERC code."), field="parent")
        territories = territories.filter(parent__code=parent)
    if q:
        territories = territories.filter(name__icontains=q.strip())
    return territories


def territory_get(*, code: str) -> Territory:
    """The unit with TERC `code`, with `children_count`; raises Http404 if unknown."""
    return get_object_or_404(
        Territory.objects.select_related("parent__parent").annotate(
            children_count=Count("children")
        ),
        code=code,
    )


def territory_ancestors(territory: Territory) -> list[Territory]:
    """The parent chain from the voivodeship down to the direct parent."""
    chain = []
    unit = territory.parent
    while unit is not None:
        chain.append(unit)
        unit = unit.parent
    return list(reversed(chain))
