"""The audit log: every state change leaves an entry with a stable dotted name."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from razem.core.models import AuditEntry


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if isinstance(value, models.Model):
        return value.pk
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def audit_log(
    *, action: str, actor=None, target: models.Model | None = None, data=None
) -> AuditEntry:
    """Record `action` (e.g. `organisations.organisation.verified`) done by `actor`.

    Call it inside the service's transaction so the entry and the change commit together.
    """
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEntry.objects.create(
        action=action,
        actor=actor,
        content_type=ContentType.objects.get_for_model(target) if target else None,
        object_id=str(target.pk) if target is not None else "",
        object_repr=str(target)[:300] if target is not None else "",
        data=_jsonable(data or {}),
    )


def changed_fields(instance: models.Model, before: dict[str, Any]) -> dict[str, Any]:
    """The fields whose values differ from `before`, as {field: [old, new]}."""
    changes = {}
    for name, old in before.items():
        new = getattr(instance, name)
        if old != new:
            changes[name] = [_jsonable(old), _jsonable(new)]
    return changes
