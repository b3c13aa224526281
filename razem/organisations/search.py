"""How organisations appear in the search index (registered in apps.ready)."""

from django.utils.translation import gettext_lazy as _

from razem.search.registry import Entry, register


def organisation_entry(organisation) -> Entry:
    areas = list(organisation.areas.all())
    return Entry(
        title=organisation.name,
        url=organisation.get_absolute_url(),
        name=organisation.name,
        short_name=organisation.short_name,
        # Both languages, so an English query finds the Polish registry too.
        areas=" ".join(f"{a.name_pl} {a.name_en}" for a in areas),
        description=organisation.description,
        resources=f"{organisation.resources} {organisation.networks}",
        summary=organisation.description,
        territory_code=organisation.seat.code if organisation.seat_id else "",
        area_codes=tuple(a.code for a in areas),
    )


def register_search() -> None:
    from razem.organisations.models import Organisation

    register(
        name="organisation",
        label=_("organisation"),
        model=Organisation,
        adapter=organisation_entry,
        queryset=lambda: Organisation.objects.select_related("seat").prefetch_related(
            "areas"
        ),
        m2m_fields=("areas",),
    )
