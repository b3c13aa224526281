"""How institutions appear in the search index (registered in apps.ready)."""

from django.utils.translation import gettext_lazy as _

from razem.search.registry import Entry, register


def institution_entry(institution) -> Entry:
    units = list(institution.units.all())
    groups = list(institution.thematic_groups.all())
    areas = {a.code: a for group in groups for a in group.areas.all()}
    return Entry(
        title=institution.name,
        url=institution.get_absolute_url(),
        name=institution.name,
        short_name=institution.short_name,
        areas=" ".join(
            [g.name for g in groups]
            + [f"{a.name_pl} {a.name_en}" for a in areas.values()]
        ),
        description=institution.description,
        resources=" ".join(f"{u.name} {u.responsibilities}" for u in units),
        summary=institution.description,
        territory_code=institution.territory.code if institution.territory_id else "",
        area_codes=tuple(areas),
    )


def register_search() -> None:
    from razem.institutions.models import Institution

    register(
        name="institution",
        label=_("institution"),
        model=Institution,
        adapter=institution_entry,
        queryset=lambda: Institution.objects.select_related(
            "territory"
        ).prefetch_related("units", "thematic_groups__areas"),
    )
