"""Searchable kinds register here with an adapter (see organisations/search.py).

An adapter turns an object into the weighted texts of a SearchDocument. Registering
connects post_save/post_delete (and m2m_changed for the fields named) so the index
follows changes in the same transaction; bulk writes call services.index_objects.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save


@dataclass(frozen=True)
class Entry:
    """What an adapter returns for one object."""

    title: str
    url: str
    name: str
    short_name: str = ""
    areas: str = ""
    description: str = ""
    resources: str = ""
    summary: str = ""
    territory_code: str = ""
    area_codes: tuple[str, ...] = ()
    # Extra filter values of this kind, e.g. ("legal_form:fundacja", "verified:1").
    facets: tuple[str, ...] = ()


@dataclass
class Kind:
    name: str
    label: object
    model: type[models.Model]
    adapter: Callable[[models.Model], Entry | None]
    queryset: Callable[[], models.QuerySet]
    m2m_fields: tuple[str, ...] = field(default_factory=tuple)


KINDS: dict[str, Kind] = {}


def register(
    *,
    name: str,
    label,
    model: type[models.Model],
    adapter: Callable[[models.Model], Entry | None],
    queryset: Callable[[], models.QuerySet] | None = None,
    m2m_fields: Iterable[str] = (),
) -> None:
    """Make `model` searchable as kind `name`; `adapter` returns None to unlist one
    (e.g. an initiative not yet published). `queryset` prefetches for bulk indexing."""
    kind = Kind(
        name,
        label,
        model,
        adapter,
        queryset or model._default_manager.all,
        tuple(m2m_fields),
    )
    KINDS[name] = kind

    def saved(sender, instance, raw=False, **kwargs):
        if not raw:
            from razem.search.services import index_object

            index_object(kind=name, obj=instance)

    def deleted(sender, instance, **kwargs):
        from razem.search.services import unindex_object

        unindex_object(kind=name, object_id=instance.pk)

    def m2m(sender, instance, action, **kwargs):
        if action in ("post_add", "post_remove", "post_clear") and isinstance(
            instance, model
        ):
            saved(sender, instance)

    uid = f"search:{name}"
    post_save.connect(saved, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=uid)
    for field_name in kind.m2m_fields:
        through = model._meta.get_field(field_name).remote_field.through
        m2m_changed.connect(
            m2m, sender=through, weak=False, dispatch_uid=f"{uid}:{field_name}"
        )


def kind_for_model(model) -> Kind | None:
    return next((k for k in KINDS.values() if k.model is model), None)
