"""The organiser's writes: events, series, agenda, attachments, questions, outcomes.

Each service checks the permission itself (through `rules.can`, a refusal is an
EventError with status 403), validates (`full_clean`), runs in `transaction.atomic`
and writes an audit entry; mail to participants is sent after commit.

Capacity and reserved seats change only through
`registration.event_capacity_update`, which locks the event and keeps the waiting
list moving; `event_update` calls it when they change.
"""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from razem.areas.models import PublicBenefitArea
from razem.areas.selectors import areas_resolve
from razem.core.audit import audit_log, changed_fields
from razem.core.mail import absolute_url, schedule_mail
from razem.core.uploads import DOCUMENT_TYPES, document_kind
from razem.events.exceptions import EventError
from razem.events.models import (
    AgendaItem,
    Attachment,
    Event,
    EventSeries,
    FollowUpAction,
    Question,
    Registration,
)
from razem.events.rules import can, is_platform_admin
from razem.events.services.registration import event_capacity_update
from razem.institutions.models import Institution, InstitutionStaff
from razem.organisations.models import Membership, Organisation
from razem.territories.models import Territory

# Poland's extent with a margin: a point outside is a typo (swapped lat/lon, etc.).
POLAND_LAT = (48.9, 55.0)
POLAND_LON = (14.0, 24.2)
MAX_CHOICES = 50
CHOICE_MAX = 200

# Plain fields of an event that `event_create` and `event_update` accept.
SCALAR_FIELDS = frozenset(
    {
        "title",
        "kind",
        "summary",
        "description",
        "audience",
        "starts_at",
        "ends_at",
        "format",
        "venue_name",
        "venue_address",
        "venue_room",
        "lat",
        "lon",
        "online_url",
        "step_free_access",
        "induction_loop",
        "sign_language_on_request",
        "accessibility_notes",
        "contact_name",
        "contact_email",
        "contact_phone",
        "registration_enabled",
        "registration_opens_at",
        "registration_closes_at",
        "approval",
        "per_organisation_limit",
        "max_group_size",
        "offer_hours",
        "waiting_list_enabled",
        "issues_certificates",
    }
)
RELATED_FIELDS = frozenset(
    {"institution", "organisations", "areas", "series", "territory"}
)
SEAT_FIELDS = frozenset({"capacity", "reserved_seats"})
# A change to any of these in a published event is mailed to its participants.
NOTIFIED_FIELDS = (
    "starts_at",
    "ends_at",
    "format",
    "venue_name",
    "venue_address",
    "venue_room",
    "territory_id",
    "online_url",
)
AGENDA_FIELDS = frozenset(
    {"title", "starts_at", "ends_at", "day", "speakers", "description", "position"}
)
QUESTION_FIELDS = frozenset(
    {"kind", "label", "help_text", "choices", "required", "position"}
)
FOLLOW_UP_FIELDS = frozenset({"title", "responsible", "due_date", "status", "url"})
_STRIPPED = (
    "title",
    "summary",
    "description",
    "audience",
    "venue_name",
    "venue_address",
    "venue_room",
    "accessibility_notes",
    "contact_name",
    "contact_email",
    "contact_phone",
    "online_url",
)


# --- helpers ---------------------------------------------------------------------


def _forbidden() -> EventError:
    return EventError(
        _("You are not allowed to do this."), code="forbidden", status_code=403
    )


def _require(actor, permission: str, event: Event | None = None) -> None:
    if not can(actor, permission, event):
        raise _forbidden()


def _require_current(actor, permission: str, event: Event) -> Event:
    """The event as stored now (the caller's copy may predate a cancellation), if
    `actor` has `permission` on it."""
    current = Event.objects.select_related("institution").get(pk=event.pk)
    _require(actor, permission, current)
    return current


def _unique_slug(model, title: str) -> str:
    """The title as an address: Polish letters kept readable, -2, -3 … if taken."""
    base = slugify(title.replace("ł", "l").replace("Ł", "L"))[:100].strip("-")
    base = base or ("cykl" if model is EventSeries else "wydarzenie")
    slug, n = base, 1
    while model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _validation_to_event_error(exc: ValidationError) -> EventError:
    """The first message of a model's ValidationError, on its field."""
    if hasattr(exc, "error_dict"):
        field, errors = next(iter(exc.error_dict.items()))
        messages = [m for e in errors for m in e.messages]
        return EventError(
            " ".join(messages), field=None if field == "__all__" else field
        )
    return EventError(" ".join(exc.messages))


def _full_clean(instance, exclude: Iterable[str] = ()) -> None:
    try:
        instance.full_clean(exclude=list(exclude))
    except ValidationError as exc:
        raise _validation_to_event_error(exc) from None


def _own_institutions(actor):
    return Institution.objects.filter(
        pk__in=InstitutionStaff.objects.filter(user=actor).values("institution_id")
    )


def _own_organisations(actor):
    return Organisation.objects.filter(
        pk__in=Membership.objects.filter(
            user=actor,
            role=Membership.Role.REPRESENTATIVE,
            status=Membership.Status.APPROVED,
        ).values("organisation_id")
    )


def _resolve_institution(value) -> Institution | None:
    if value in (None, ""):
        return None
    if isinstance(value, Institution):
        return value
    found = Institution.objects.filter(slug=str(value)).first()
    if found is None:
        raise EventError(_("Unknown institution."), field="institution")
    return found


def _resolve_organisations(values: Iterable) -> list[Organisation]:
    values = list(values or [])
    slugs = {v for v in values if isinstance(v, str)}
    found = {o.slug: o for o in Organisation.objects.filter(slug__in=slugs)}
    if slugs - set(found):
        raise EventError(_("Unknown organisation."), field="organisations")
    return [found[v] if isinstance(v, str) else v for v in values]


def _check_organisers(
    actor,
    institution: Institution | None,
    organisations: list[Organisation],
    *,
    current_institution_id: int | None = None,
    current_organisation_ids: Iterable[int] = (),
) -> None:
    """At least one organiser; the person may add only an institution they work for
    and organisations they represent (those already organising may stay)."""
    if institution is None and not organisations:
        raise EventError(
            _("Name the organising institution or at least one organisation."),
            field="institution",
        )
    if is_platform_admin(actor):
        return
    if (
        institution is not None
        and institution.pk != current_institution_id
        and not _own_institutions(actor).filter(pk=institution.pk).exists()
    ):
        raise EventError(
            _("You can name only an institution you work for."), field="institution"
        )
    added = {o.pk for o in organisations} - set(current_organisation_ids)
    if added and _own_organisations(actor).filter(pk__in=added).count() != len(added):
        raise EventError(
            _("You can name only organisations you represent."),
            field="organisations",
        )


def _check_series(
    series: EventSeries | None,
    institution: Institution | None,
    organisations: list[Organisation],
) -> None:
    if series is None:
        return
    same = (
        series.institution_id is not None
        and institution is not None
        and series.institution_id == institution.pk
    ) or (
        series.organisation_id is not None
        and series.organisation_id in {o.pk for o in organisations}
    )
    if not same:
        raise EventError(_("Choose a series of the same organiser."), field="series")


def _territory(value) -> Territory | None:
    if value in (None, ""):
        return None
    if isinstance(value, Territory):
        territory = value
    else:
        territory = Territory.objects.filter(code=str(value).strip()).first()
        if territory is None:
            raise EventError(
                _("There is no territorial unit with TERC code %(code)s.")
                % {"code": value},
                field="territory",
            )
    if territory.kind != Territory.Kind.GMINA:
        raise EventError(_("Choose a gmina."), field="territory")
    return territory


def _check_point(lat: float | None, lon: float | None) -> None:
    if (lat is None) != (lon is None):
        raise EventError(
            _("Give both the latitude and the longitude, or neither."),
            field="lat" if lat is None else "lon",
        )
    if lat is not None and not POLAND_LAT[0] <= lat <= POLAND_LAT[1]:
        raise EventError(_("The point must lie in Poland."), field="lat")
    if lon is not None and not POLAND_LON[0] <= lon <= POLAND_LON[1]:
        raise EventError(_("The point must lie in Poland."), field="lon")


def _check_times(event: Event) -> None:
    if event.starts_at and event.ends_at and event.starts_at >= event.ends_at:
        raise EventError(_("The event must end after it starts."), field="ends_at")
    opens, closes = event.registration_opens_at, event.registration_closes_at
    if opens and closes and opens >= closes:
        raise EventError(
            _("Registration must close after it opens."),
            field="registration_closes_at",
        )
    if closes and event.ends_at and closes > event.ends_at:
        raise EventError(
            _("Registration must close before the event ends."),
            field="registration_closes_at",
        )


def _check_seats(capacity: int | None, reserved: int) -> None:
    if capacity is not None and capacity < 0 or reserved < 0:
        raise EventError(_("Enter a number of at least 0."), field="capacity")
    if capacity is not None and reserved > capacity:
        raise EventError(
            _("Reserved seats cannot exceed the capacity."), field="reserved_seats"
        )


def _apply_scalars(event: Event, values: dict[str, Any]) -> None:
    unknown = set(values) - SCALAR_FIELDS
    if unknown:
        raise TypeError(f"Unknown event fields: {', '.join(sorted(unknown))}")
    for name, value in values.items():
        if name in _STRIPPED:
            value = (value or "").strip()
        setattr(event, name, value)


def _active_registrations(event: Event) -> list[Registration]:
    return list(Registration.objects.filter(event=event).active().order_by("id"))


def _mail_participants(
    event: Event, registrations: list[Registration], template: str, **extra: Any
) -> None:
    for registration in registrations:
        schedule_mail(
            to=[registration.email],
            template=f"events/mail/{template}",
            context={
                "event": event,
                "registration": registration,
                "link": absolute_url(registration.get_absolute_url()),
                "event_link": absolute_url(event.get_absolute_url()),
                **extra,
            },
        )


def _delete_files_on_commit(names: list[str]) -> None:
    from django.core.files.storage import default_storage

    def delete() -> None:
        for name in names:
            if name:
                default_storage.delete(name)

    transaction.on_commit(delete)


# --- events ----------------------------------------------------------------------


def event_create(
    *,
    actor,
    title: str,
    kind: str,
    description: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    institution: Institution | str | None = None,
    organisations: Iterable[Organisation | str] = (),
    areas: Iterable[PublicBenefitArea | str] = (),
    series: EventSeries | None = None,
    territory: Territory | str | None = None,
    capacity: int | None = None,
    reserved_seats: int = 0,
    publish: bool = False,
    **details: Any,
) -> Event:
    """Create an event as a draft (or published at once with `publish=True`).

    Needs `events.add_event`. The organisers are an institution the person works for
    and/or organisations they represent (at least one). `details` are the other
    plain fields of the event (venue, accessibility, contact, registration settings;
    see SCALAR_FIELDS). The address slug is made unique from the title.
    """
    _require(actor, "events.add_event")
    institution = _resolve_institution(institution)
    organisers = _resolve_organisations(organisations)
    _check_organisers(actor, institution, organisers)
    _check_series(series, institution, organisers)
    chosen_areas = areas_resolve(areas, error=EventError)
    place = _territory(territory)
    _check_point(details.get("lat"), details.get("lon"))
    _check_seats(capacity, reserved_seats or 0)
    event = Event(
        institution=institution,
        series=series,
        territory=place,
        capacity=capacity,
        reserved_seats=reserved_seats or 0,
        status=Event.Status.PUBLISHED if publish else Event.Status.DRAFT,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _apply_scalars(
        event,
        {
            "title": title,
            "kind": kind,
            "description": description,
            "starts_at": starts_at,
            "ends_at": ends_at,
            **details,
        },
    )
    _check_times(event)
    with transaction.atomic():
        event.slug = _unique_slug(Event, event.title or "")
        _full_clean(event, exclude=["created_by"])
        event.save()
        event.organisations.set(organisers)
        event.areas.set(chosen_areas)
        audit_log(
            action="events.event.created",
            actor=actor,
            target=event,
            data={
                "status": event.status,
                "institution": institution,
                "organisations": [o.pk for o in organisers],
            },
        )
    return event


def event_update(*, actor, event: Event, **changes: Any) -> Event:
    """Change an event that is not cancelled (`events.change_event`).

    `changes` are any of SCALAR_FIELDS, RELATED_FIELDS and SEAT_FIELDS; fields not
    given stay as they are. Capacity and reserved seats go through
    `event_capacity_update` (refused with code "below_taken" below the seats held).
    When a published event's time, place or format changes, everyone with an active
    registration is told by e-mail after commit.
    """
    unknown = set(changes) - SCALAR_FIELDS - RELATED_FIELDS - SEAT_FIELDS
    if unknown:
        raise TypeError(f"Unknown event fields: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        _require(actor, "events.change_event", event)
        current_orgs = list(event.organisations.all())
        current_areas = list(event.areas.all())
        before = {
            name: getattr(event, name)
            for name in (SCALAR_FIELDS | {"institution_id", "series_id"})
            | {"territory_id"}
        }
        institution = (
            _resolve_institution(changes["institution"])
            if "institution" in changes
            else event.institution
        )
        organisers = (
            _resolve_organisations(changes["organisations"])
            if "organisations" in changes
            else current_orgs
        )
        _check_organisers(
            actor,
            institution,
            organisers,
            current_institution_id=event.institution_id,
            current_organisation_ids=[o.pk for o in current_orgs],
        )
        series = changes.get("series", event.series)
        _check_series(series, institution, organisers)
        chosen_areas = (
            areas_resolve(changes["areas"], error=EventError)
            if "areas" in changes
            else current_areas
        )
        if "territory" in changes:
            event.territory = _territory(changes["territory"])
        event.institution = institution
        event.series = series
        _apply_scalars(event, {k: v for k, v in changes.items() if k in SCALAR_FIELDS})
        _check_point(event.lat, event.lon)
        _check_times(event)
        capacity = changes.get("capacity", event.capacity)
        reserved = changes.get("reserved_seats", event.reserved_seats)
        reserved = reserved or 0
        _check_seats(capacity, reserved)
        seats_changed = (capacity, reserved) != (event.capacity, event.reserved_seats)
        # Validate with the new seats; they are written by event_capacity_update.
        event.capacity, event.reserved_seats = capacity, reserved
        _full_clean(event, exclude=["created_by"])
        fields = [
            f.name
            for f in Event._meta.concrete_fields
            if f.name not in ("id", "capacity", "reserved_seats", "created_at")
        ]
        event.save(update_fields=fields)
        if seats_changed:
            event_capacity_update(
                event=event, actor=actor, capacity=capacity, reserved_seats=reserved
            )
        event.organisations.set(organisers)
        event.areas.set(chosen_areas)
        changes_made = changed_fields(event, before)
        if {o.pk for o in organisers} != {o.pk for o in current_orgs}:
            changes_made["organisations"] = [
                sorted(o.pk for o in current_orgs),
                sorted(o.pk for o in organisers),
            ]
        if {a.pk for a in chosen_areas} != {a.pk for a in current_areas}:
            changes_made["areas"] = [
                sorted(a.code for a in current_areas),
                sorted(a.code for a in chosen_areas),
            ]
        if changes_made:
            audit_log(
                action="events.event.updated",
                actor=actor,
                target=event,
                data={"changes": changes_made},
            )
        notified = [
            name for name in NOTIFIED_FIELDS if before[name] != getattr(event, name)
        ]
        if notified and event.status == Event.Status.PUBLISHED:
            old_territory = (
                Territory.objects.filter(pk=before["territory_id"]).first()
                if before["territory_id"]
                else None
            )
            registrations = _active_registrations(event)
            _mail_participants(
                event,
                registrations,
                "event_changed",
                before={**before, "territory": old_territory},
                time_changed=bool({"starts_at", "ends_at"} & set(notified)),
                place_changed=bool(
                    {"venue_name", "venue_address", "venue_room", "territory_id"}
                    & set(notified)
                ),
                format_changed="format" in notified,
                link_changed="online_url" in notified,
            )
            audit_log(
                action="events.event.participants_notified",
                actor=actor,
                target=event,
                data={"fields": notified, "registrations": len(registrations)},
            )
    event.refresh_from_db()
    return event


def event_publish(*, actor, event: Event) -> Event:
    """Publish a draft (`events.change_event`); 409 for an event not in draft."""
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        _require(actor, "events.change_event", event)
        if event.status != Event.Status.DRAFT:
            raise EventError(
                _("Only a draft can be published."),
                code="not_draft",
                status_code=409,
            )
        event.status = Event.Status.PUBLISHED
        event.save(update_fields=["status", "updated_at"])
        audit_log(action="events.event.published", actor=actor, target=event)
    return event


def _cancel_locked(event: Event, actor, reason: str, now) -> Event:
    registrations = _active_registrations(event)
    event.status = Event.Status.CANCELLED
    event.cancelled_at = now
    event.cancellation_reason = reason
    event.save(
        update_fields=["status", "cancelled_at", "cancellation_reason", "updated_at"]
    )
    for registration in registrations:
        previous = registration.status
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at", "updated_at"])
        audit_log(
            action="events.registration.cancelled",
            actor=actor,
            target=registration,
            data={"previous": previous, "because": "event_cancelled"},
        )
    _mail_participants(event, registrations, "event_cancelled", reason=reason)
    audit_log(
        action="events.event.cancelled",
        actor=actor,
        target=event,
        data={"reason": reason, "registrations": len(registrations)},
    )
    return event


def _clean_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise EventError(
            _("Tell the participants why the event is cancelled."), field="reason"
        )
    if len(reason) > 2000:
        raise EventError(_("At most %(n)s characters.") % {"n": 2000}, field="reason")
    return reason


def event_cancel(*, actor, event: Event, reason: str, now=None) -> Event:
    """Cancel a published event (`events.cancel_event`) with a reason.

    Every active registration (pending, confirmed, waitlisted, offered) is cancelled
    and told by e-mail after commit; the event stays visible with the notice. A
    draft cannot be cancelled (delete it instead); cancelling twice is refused (409).
    """
    now = now or timezone.now()
    reason = _clean_reason(reason)
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if event.status == Event.Status.CANCELLED:
            raise EventError(
                _("The event has already been cancelled."),
                code="already_cancelled",
                status_code=409,
            )
        _require(actor, "events.cancel_event", event)
        if event.status == Event.Status.DRAFT:
            raise EventError(
                _("A draft is not public: delete it instead."),
                code="draft",
                status_code=409,
            )
        return _cancel_locked(event, actor, reason, now)


def event_delete(*, actor, event: Event, reason: str = "", now=None) -> Event | None:
    """Delete a draft without registrations; cancel anything else with notice.

    A draft nobody registered for is really deleted (with its files; returns None).
    An event that is public or has any registration is cancelled instead (as
    `event_cancel`; `reason` is then required) and returned, so no participant is
    left uninformed.
    """
    now = now or timezone.now()
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if event.status == Event.Status.CANCELLED:
            raise EventError(
                _("The event has already been cancelled."),
                code="already_cancelled",
                status_code=409,
            )
        _require(actor, "events.cancel_event", event)
        has_registrations = Registration.objects.filter(event=event).exists()
        if event.status == Event.Status.DRAFT and not has_registrations:
            files = list(event.attachments.values_list("file", flat=True))
            audit_log(
                action="events.event.deleted",
                actor=actor,
                target=None,
                data={"event": event.pk, "slug": event.slug, "title": event.title},
            )
            event.delete()
            _delete_files_on_commit(files)
            return None
        return _cancel_locked(event, actor, _clean_reason(reason), now)


def series_create(
    *,
    actor,
    title: str,
    description: str = "",
    institution: Institution | str | None = None,
    organisation: Organisation | str | None = None,
) -> EventSeries:
    """Create a series of events (`events.add_event`) organised by an institution the
    person works for and/or an organisation they represent."""
    _require(actor, "events.add_event")
    institution = _resolve_institution(institution)
    organisations = _resolve_organisations([organisation] if organisation else [])
    _check_organisers(actor, institution, organisations)
    series = EventSeries(
        title=(title or "").strip(),
        description=(description or "").strip(),
        institution=institution,
        organisation=organisations[0] if organisations else None,
    )
    with transaction.atomic():
        series.slug = _unique_slug(EventSeries, series.title)
        _full_clean(series)
        series.save()
        audit_log(action="events.series.created", actor=actor, target=series)
    return series


# --- agenda ----------------------------------------------------------------------


def _check_agenda(item: AgendaItem, event: Event) -> None:
    if item.starts_at and item.ends_at and item.starts_at >= item.ends_at:
        raise EventError(_("An item must end after it starts."), field="ends_at")
    if item.day is not None:
        first = timezone.localtime(event.starts_at).date()
        last = timezone.localtime(event.ends_at).date()
        if not first <= item.day <= last:
            raise EventError(_("The day must fall within the event."), field="day")


def _set_fields(instance, values: dict[str, Any], allowed: frozenset) -> None:
    unknown = set(values) - allowed
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    for name, value in values.items():
        if isinstance(value, str) and name not in ("kind", "status"):
            value = value.strip()
        setattr(instance, name, value)


def agenda_item_add(*, actor, event: Event, title: str, **fields: Any) -> AgendaItem:
    """Add an agenda item (`events.change_event`); `fields`: starts_at, ends_at
    (times), day, speakers, description, position (default: last)."""
    event = _require_current(actor, "events.change_event", event)
    item = AgendaItem(event=event)
    if fields.get("position") is None:
        fields["position"] = event.agenda_items.count()
    _set_fields(item, {"title": title, **fields}, AGENDA_FIELDS)
    _check_agenda(item, event)
    _full_clean(item, exclude=["event"])
    with transaction.atomic():
        item.save()
        audit_log(
            action="events.agenda.item_added",
            actor=actor,
            target=event,
            data={"item": item.pk, "title": item.title},
        )
    return item


def _save_child(
    *, actor, obj, perm: str, fields, changes, action: str, key: str, check=None
):
    """Change an agenda item or follow-up action of its event: permission on the
    current event, fields set and checked, saved with an audit entry of the changes."""
    event = _require_current(actor, perm, obj.event)
    before = {name: getattr(obj, name) for name in fields}
    _set_fields(obj, changes, fields)
    if check is not None:
        check(obj, event)
    _full_clean(obj, exclude=["event"])
    with transaction.atomic():
        obj.save()
        audit_log(
            action=action,
            actor=actor,
            target=event,
            data={key: obj.pk, "changes": changed_fields(obj, before)},
        )
    return obj


def _delete_child(*, actor, obj, perm: str, action: str, key: str) -> None:
    """Remove an agenda item or follow-up action, recording what it was."""
    event = _require_current(actor, perm, obj.event)
    with transaction.atomic():
        audit_log(
            action=action,
            actor=actor,
            target=event,
            data={key: obj.pk, "title": obj.title},
        )
        obj.delete()


def agenda_item_update(*, actor, item: AgendaItem, **changes: Any) -> AgendaItem:
    """Change an agenda item (`events.change_event`)."""
    if "position" in changes and changes["position"] is None:
        changes["position"] = item.position
    return _save_child(
        actor=actor,
        obj=item,
        perm="events.change_event",
        fields=AGENDA_FIELDS,
        changes=changes,
        action="events.agenda.item_changed",
        key="item",
        check=_check_agenda,
    )


def agenda_item_delete(*, actor, item: AgendaItem) -> None:
    """Remove an agenda item (`events.change_event`)."""
    _delete_child(
        actor=actor,
        obj=item,
        perm="events.change_event",
        action="events.agenda.item_deleted",
        key="item",
    )


# --- attachments -----------------------------------------------------------------


def _attachment_permission(kind: str) -> str:
    # Outcome documents belong to the outcomes, which stay editable after the event.
    if kind == Attachment.Kind.OUTCOME:
        return "events.publish_outcomes"
    return "events.change_event"


def attachment_add(
    *, actor, event: Event, title: str, file, kind: str = Attachment.Kind.MATERIAL
) -> Attachment:
    """Attach a PDF, DOCX, ODT, XLSX or ODS document, checked by content and size
    (RAZEM_MAX_DOCUMENT_BYTES). Nothing is stored when the check fails."""
    event = _require_current(actor, _attachment_permission(kind), event)
    attachment = Attachment(
        event=event,
        title=(title or "").strip(),
        kind=kind,
        file=file,
        size=getattr(file, "size", 0) or 0,
    )
    _full_clean(attachment, exclude=["event"])
    attachment.content_type = DOCUMENT_TYPES[document_kind(file)]
    with transaction.atomic():
        attachment.save()
        audit_log(
            action="events.attachment.added",
            actor=actor,
            target=event,
            data={
                "attachment": attachment.pk,
                "title": attachment.title,
                "kind": kind,
                "size": attachment.size,
                "content_type": attachment.content_type,
            },
        )
    return attachment


def attachment_delete(*, actor, attachment: Attachment) -> None:
    """Remove an attachment; its file is deleted from storage after commit."""
    event = attachment.event
    event = _require_current(actor, _attachment_permission(attachment.kind), event)
    with transaction.atomic():
        name = attachment.file.name
        audit_log(
            action="events.attachment.deleted",
            actor=actor,
            target=event,
            data={"attachment": attachment.pk, "title": attachment.title},
        )
        attachment.delete()
        _delete_files_on_commit([name])


# --- questions -------------------------------------------------------------------


def default_consent_clause(event: Event) -> str:
    """The RODO information clause for a consent question, naming the organisers."""
    names = []
    if event.institution_id:
        names.append(event.institution.name)
    names.extend(o.name for o in event.organisations.all())
    return _(
        "The controller of your personal data is %(controller)s. Your data are "
        "processed for the purpose of registration for the event „%(title)s” on the "
        "basis of your consent (Article 6(1)(a) GDPR) and kept no longer than needed "
        "to organise and account for the event. You have the right to access and "
        "correct your data, to have them erased, and to withdraw your consent at any "
        "time; withdrawing it does not affect the lawfulness of processing before the "
        "withdrawal. You may lodge a complaint with the President of the Personal "
        "Data Protection Office."
    ) % {"controller": ", ".join(names) or _("the organiser"), "title": event.title}


def _clean_choices(choices) -> list[str]:
    if isinstance(choices, str):
        choices = choices.splitlines()
    cleaned: list[str] = []
    for choice in choices or []:
        choice = str(choice).strip()
        if choice and choice not in cleaned:
            cleaned.append(choice)
    if any(len(c) > CHOICE_MAX for c in cleaned):
        raise EventError(
            _("A choice may have at most %(n)s characters.") % {"n": CHOICE_MAX},
            field="choices",
        )
    if len(cleaned) > MAX_CHOICES:
        raise EventError(
            _("At most %(n)s choices.") % {"n": MAX_CHOICES}, field="choices"
        )
    return cleaned


def _prepare_question(question: Question) -> None:
    if question.kind == Question.Kind.CHOICE:
        question.choices = _clean_choices(question.choices)
        if len(question.choices) < 2:
            raise EventError(
                _("Give at least two choices, one per line."), field="choices"
            )
    else:
        question.choices = []
    if question.kind == Question.Kind.CONSENT and not question.help_text.strip():
        question.help_text = default_consent_clause(question.event)


def _has_answers(question: Question) -> bool:
    return Registration.objects.filter(
        event_id=question.event_id, answers__has_key=str(question.pk)
    ).exists()


def question_add(
    *, actor, event: Event, kind: str, label: str, **fields: Any
) -> Question:
    """Add a registration question (`events.change_event`); `fields`: help_text,
    choices (a list or one per line; two or more for a choice), required, position.
    A consent without an explanation gets the default RODO information clause."""
    event = _require_current(actor, "events.change_event", event)
    question = Question(event=event, help_text="")
    if fields.get("position") is None:
        fields["position"] = event.questions.count()
    _set_fields(question, {"kind": kind, "label": label, **fields}, QUESTION_FIELDS)
    _prepare_question(question)
    _full_clean(question, exclude=["event"])
    with transaction.atomic():
        question.save()
        audit_log(
            action="events.question.added",
            actor=actor,
            target=event,
            data={"question": question.pk, "kind": question.kind},
        )
    return question


def question_update(*, actor, question: Question, **changes: Any) -> Question:
    """Change a question (`events.change_event`). Its kind cannot change once
    registrations answered it: the answers are keyed by the question's id."""
    event = question.event
    event = _require_current(actor, "events.change_event", event)
    if (
        "kind" in changes
        and changes["kind"] != question.kind
        and _has_answers(question)
    ):
        raise EventError(
            _(
                "People have already answered this question, so its kind cannot "
                "change. Add a new question instead."
            ),
            field="kind",
            code="answered",
            status_code=409,
        )
    before = {name: getattr(question, name) for name in QUESTION_FIELDS}
    if "position" in changes and changes["position"] is None:
        changes["position"] = question.position
    _set_fields(question, changes, QUESTION_FIELDS)
    _prepare_question(question)
    _full_clean(question, exclude=["event"])
    with transaction.atomic():
        question.save()
        audit_log(
            action="events.question.changed",
            actor=actor,
            target=event,
            data={"question": question.pk, "changes": changed_fields(question, before)},
        )
    return question


def question_delete(*, actor, question: Question) -> None:
    """Remove a question (`events.change_event`) nobody has answered yet."""
    event = question.event
    event = _require_current(actor, "events.change_event", event)
    if _has_answers(question):
        raise EventError(
            _("People have already answered this question, so it cannot be deleted."),
            code="answered",
            status_code=409,
        )
    with transaction.atomic():
        audit_log(
            action="events.question.deleted",
            actor=actor,
            target=event,
            data={"question": question.pk, "label": question.label},
        )
        question.delete()


# --- outcomes --------------------------------------------------------------------


def outcomes_update(
    *,
    actor,
    event: Event,
    minutes: str,
    conclusions: str,
    recommendations: str,
    publish: bool | None = None,
    now=None,
) -> Event:
    """Save the minutes, conclusions and recommendations (`events.publish_outcomes`);
    `publish=True` shows them on the event page (from the first publication time),
    False hides them again, None leaves it as it is."""
    now = now or timezone.now()
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        _require(actor, "events.publish_outcomes", event)
        before = {
            "minutes": event.minutes,
            "conclusions": event.conclusions,
            "recommendations": event.recommendations,
            "outcomes_published_at": event.outcomes_published_at,
        }
        event.minutes = (minutes or "").strip()
        event.conclusions = (conclusions or "").strip()
        event.recommendations = (recommendations or "").strip()
        if publish and event.outcomes_published_at is None:
            event.outcomes_published_at = now
        elif publish is False:
            event.outcomes_published_at = None
        _full_clean(event, exclude=["created_by"])
        event.save(
            update_fields=[
                "minutes",
                "conclusions",
                "recommendations",
                "outcomes_published_at",
                "updated_at",
            ]
        )
        changes = changed_fields(event, before)
        if changes:
            # The texts can be long: the audit records which changed, not their text.
            audit_log(
                action="events.outcomes.updated",
                actor=actor,
                target=event,
                data={"fields": sorted(changes)},
            )
        if "outcomes_published_at" in changes:
            audit_log(
                action="events.outcomes."
                + ("published" if event.outcomes_published_at else "unpublished"),
                actor=actor,
                target=event,
            )
    return event


def follow_up_action_add(
    *, actor, event: Event, title: str, **fields: Any
) -> FollowUpAction:
    """Add a follow-up action (`events.publish_outcomes`); `fields`: responsible,
    due_date, status, url."""
    event = _require_current(actor, "events.publish_outcomes", event)
    action = FollowUpAction(event=event)
    _set_fields(action, {"title": title, **fields}, FOLLOW_UP_FIELDS)
    _full_clean(action, exclude=["event"])
    with transaction.atomic():
        action.save()
        audit_log(
            action="events.follow_up.added",
            actor=actor,
            target=event,
            data={"follow_up": action.pk, "title": action.title},
        )
    return action


def follow_up_action_update(
    *, actor, action: FollowUpAction, **changes: Any
) -> FollowUpAction:
    """Change a follow-up action, e.g. its status (`events.publish_outcomes`)."""
    return _save_child(
        actor=actor,
        obj=action,
        perm="events.publish_outcomes",
        fields=FOLLOW_UP_FIELDS,
        changes=changes,
        action="events.follow_up.changed",
        key="follow_up",
    )


def follow_up_action_delete(*, actor, action: FollowUpAction) -> None:
    """Remove a follow-up action (`events.publish_outcomes`)."""
    _delete_child(
        actor=actor,
        obj=action,
        perm="events.publish_outcomes",
        action="events.follow_up.deleted",
        key="follow_up",
    )
