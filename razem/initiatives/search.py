"""How initiatives appear in the search index (registered in apps.ready).

Only published initiatives are indexed: the adapter returns None for the others, so
publishing adds one and nothing else ever shows a submitted or rejected one.
"""

from django.utils.translation import gettext_lazy as _

from razem.search.registry import Entry, register


def initiative_entry(initiative) -> Entry | None:
    from razem.initiatives.models import Initiative

    if initiative.status != Initiative.Status.PUBLISHED:
        return None
    areas = list(initiative.areas.all())
    organisers = [o.name for o in initiative.organisations.all()]
    if initiative.informal_group:
        organisers.append(initiative.informal_group)
    return Entry(
        title=initiative.title,
        url=initiative.get_absolute_url(),
        name=initiative.title,
        short_name=" ".join(organisers),
        # Both languages, so an English query finds Polish content too.
        areas=" ".join(f"{a.name_pl} {a.name_en}" for a in areas),
        description=initiative.description,
        summary=initiative.description,
        territory_code=initiative.territory.code if initiative.territory_id else "",
        area_codes=tuple(a.code for a in areas),
    )


def register_search() -> None:
    from razem.initiatives.models import Initiative

    register(
        name="initiative",
        label=_("initiative"),
        model=Initiative,
        adapter=initiative_entry,
        queryset=lambda: Initiative.objects.select_related(
            "territory"
        ).prefetch_related("areas", "organisations"),
        m2m_fields=("areas", "organisations"),
    )
