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


def _reindex_parent(sender, instance, raw=False, **kwargs):
    """Units and thematic groups are part of their institution's document."""
    from razem.search.services import index_object

    if not raw:
        institution = (
            type(instance)
            .institution.get_queryset()
            .filter(pk=instance.institution_id)
            .first()
        )
        if institution is not None:
            index_object(kind="institution", obj=institution)


def register_search() -> None:
    from django.db.models.signals import post_delete, post_save

    from razem.institutions.models import Institution, ThematicGroup, Unit

    for model in (Unit, ThematicGroup):
        uid = f"search:institution:{model.__name__}"
        post_save.connect(_reindex_parent, sender=model, dispatch_uid=uid)
        post_delete.connect(_reindex_parent, sender=model, dispatch_uid=uid)

    register(
        name="institution",
        label=_("institution"),
        model=Institution,
        adapter=institution_entry,
        queryset=lambda: Institution.objects.select_related(
            "territory"
        ).prefetch_related("units", "thematic_groups__areas"),
    )
