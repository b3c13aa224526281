"""How organisations appear in the search index (registered in apps.ready)."""

from functools import lru_cache

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from razem.search.registry import Entry, register


@lru_cache(maxsize=1)
def _url_pattern() -> str:
    # reverse() once: bulk indexing would otherwise spend ~15% of its time in it.
    return reverse("organisations:detail", kwargs={"slug": "SLUG"})


def organisation_entry(organisation) -> Entry:
    areas = list(organisation.areas.all())
    return Entry(
        title=organisation.name,
        url=_url_pattern().replace("SLUG", organisation.slug),
        name=organisation.name,
        short_name=organisation.short_name,
        # Both languages, so an English query finds the Polish registry too.
        areas=" ".join(f"{a.name_pl} {a.name_en}" for a in areas),
        description=organisation.description,
        resources=f"{organisation.resources} {organisation.networks}",
        summary=organisation.description,
        territory_code=organisation.seat.code if organisation.seat_id else "",
        area_codes=tuple(a.code for a in areas),
        facets=organisation_facets(
            legal_form=organisation.legal_form,
            is_public_benefit=organisation.is_public_benefit,
            is_verified=organisation.is_verified,
        ),
    )


def organisation_facets(*, legal_form="", is_public_benefit=None, is_verified=None):
    """The directory's filters as search facets (for documents and for queries)."""
    facets = []
    if legal_form:
        facets.append(f"legal_form:{legal_form}")
    if is_public_benefit is not None:
        facets.append(f"opp:{int(is_public_benefit)}")
    if is_verified is not None:
        facets.append(f"verified:{int(is_verified)}")
    return tuple(facets)


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
