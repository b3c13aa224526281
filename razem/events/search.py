"""How events appear in the search index (registered in apps.ready).

Published and cancelled events are indexed (a cancelled one is still looked for, and
its page says it is cancelled); drafts never are.
"""

from django.utils.translation import gettext_lazy as _

from razem.search.registry import Entry, register


def event_entry(event) -> Entry | None:
    from razem.events.models import Event

    if event.status == Event.Status.DRAFT:
        return None
    areas = list(event.areas.all())
    organisers = [o.name for o in event.organisations.all()]
    if event.institution_id:
        organisers.insert(0, event.institution.name)
    return Entry(
        title=event.title,
        url=event.get_absolute_url(),
        name=event.title,
        short_name=" ".join(organisers),
        areas=" ".join(f"{a.name_pl} {a.name_en}" for a in areas),
        description=" ".join(
            filter(None, [event.summary, event.description, event.venue_name])
        ),
        summary=event.summary or event.description,
        territory_code=event.territory.code if event.territory_id else "",
        area_codes=tuple(a.code for a in areas),
        facets=(f"event_kind:{event.kind}",),
    )


def register_search() -> None:
    from razem.events.models import Event

    register(
        name="event",
        label=_("event"),
        model=Event,
        adapter=event_entry,
        queryset=lambda: Event.objects.select_related(
            "territory", "institution"
        ).prefetch_related("areas", "organisations"),
        m2m_fields=("areas", "organisations"),
    )
