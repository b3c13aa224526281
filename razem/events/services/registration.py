"""Registration: seats, the waiting list, offers, approval and cancellation.

Every function that takes or frees seats locks the event row first
(`select_for_update`), re-reads what it needs and writes in the same transaction, so
two requests for the last seat are served one after the other and the event is never
overbooked (pretix's quota locking). On SQLite the whole database is locked by the
first write of a transaction instead, which serialises the same way.

Seats are held by registrations that are pending approval, confirmed, or offered from
the waiting list until the offer expires. The waiting list is strictly first come,
first served: while anyone waits, newcomers join the list behind them, and a group that
does not fit in the freed seats is not overtaken by smaller ones behind it.
"""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from razem.core.audit import audit_log
from razem.core.mail import absolute_url, schedule_mail
from razem.events.exceptions import EventError
from razem.events.models import Event, Participant, Question, Registration
from razem.events.rules import can
from razem.organisations.models import Membership, Organisation

NAME_MAX = 150
ANSWER_MAX = 2000
Status = Registration.Status


@dataclass(frozen=True)
class ParticipantData:
    name: str
    email: str = ""


def _lock(event: Event) -> Event:
    """The event row, locked until the transaction ends."""
    return Event.objects.select_for_update().get(pk=event.pk)


def _mail(registration: Registration, template: str, **extra: Any) -> None:
    """Mail the person who registered; the confirmation carries an .ics file."""
    from razem.events.ical import calendar_for

    event = registration.event
    attachments = None
    if template == "confirmed":
        attachments = [
            ("wydarzenie.ics", calendar_for([event]).decode(), "text/calendar")
        ]
    schedule_mail(
        to=[registration.email],
        template=f"events/mail/registration_{template}",
        context={
            "registration": registration,
            "event": event,
            "link": absolute_url(registration.get_absolute_url()),
            "event_link": absolute_url(event.get_absolute_url()),
            **extra,
        },
        attachments=attachments,
    )


# --- input checks (before any lock) -------------------------------------------------


def _clean_name(value: str, field: str = "name") -> str:
    value = (value or "").strip()
    if not value:
        raise EventError(_("Enter the name and surname."), field=field)
    if len(value) > NAME_MAX:
        raise EventError(_("At most %(n)s characters.") % {"n": NAME_MAX}, field=field)
    return value


def _clean_email(value: str, field: str = "email", required: bool = True) -> str:
    value = (value or "").strip().lower()
    if not value and not required:
        return ""
    try:
        validate_email(value)
    except ValidationError as exc:
        raise EventError(_("Enter a valid e-mail address."), field=field) from exc
    return value


def clean_answers(event: Event, answers: Mapping[str, Any]) -> dict[str, Any]:
    """Answers keyed by question id (str), checked against the event's questions.

    Text: at most 2,000 characters; choice: one of the choices; yes/no: a boolean;
    consent: must be given when required. Unknown keys are ignored.
    """
    answers = answers or {}
    cleaned: dict[str, Any] = {}
    for question in event.questions.all():
        key = str(question.pk)
        raw = answers.get(key, answers.get(question.field_name))
        field = question.field_name
        if question.kind == Question.Kind.TEXT:
            value = str(raw or "").strip()
            if len(value) > ANSWER_MAX:
                raise EventError(
                    _("At most %(n)s characters.") % {"n": ANSWER_MAX}, field=field
                )
            if question.required and not value:
                raise EventError(_("This question needs an answer."), field=field)
        elif question.kind == Question.Kind.CHOICE:
            value = str(raw or "").strip()
            if value and value not in question.choices:
                raise EventError(_("Choose one of the options."), field=field)
            if question.required and not value:
                raise EventError(_("This question needs an answer."), field=field)
        else:
            value = raw in (True, "true", "on", "1", "yes", 1)
            if raw in (None, "") and question.kind == Question.Kind.YES_NO:
                if question.required:
                    raise EventError(_("This question needs an answer."), field=field)
                value = None
            if question.kind == Question.Kind.CONSENT and question.required:
                if not value:
                    raise EventError(
                        _("This consent is needed to register."), field=field
                    )
        cleaned[key] = value
    return cleaned


def _clean_participants(
    event: Event, name: str, email: str, participants: Iterable | None
) -> list[ParticipantData]:
    people = [
        p if isinstance(p, ParticipantData) else ParticipantData(**p)
        for p in (participants or [])
    ]
    if not people:
        return [ParticipantData(name=name, email=email)]
    if len(people) > event.max_group_size:
        raise EventError(
            _("At most %(n)s participants per registration.")
            % {"n": event.max_group_size},
            field="participants",
        )
    return [
        ParticipantData(
            name=_clean_name(p.name, f"participants.{i}.name"),
            email=_clean_email(p.email, f"participants.{i}.email", required=False),
        )
        for i, p in enumerate(people)
    ]


def _check_organisation(actor, organisation: Organisation | None) -> None:
    if organisation is None:
        return
    member = (
        getattr(actor, "is_authenticated", False)
        and Membership.objects.filter(
            user=actor,
            organisation=organisation,
            status=Membership.Status.APPROVED,
        ).exists()
    )
    if not member:
        raise EventError(
            _("You can register on behalf of an organisation only as its member."),
            field="organisation",
            status_code=403,
        )


# --- the waiting list ----------------------------------------------------------------


def _free_seats(event: Event, now: datetime.datetime) -> int | None:
    if event.public_capacity is None:
        return None
    taken = Registration.objects.filter(event=event).seats_taken(now)
    return max(event.public_capacity - taken, 0)


def _expire_offers(event: Event, now: datetime.datetime) -> list[Registration]:
    """Offers past their time limit become EXPIRED (caller holds the event lock)."""
    expired = list(
        Registration.objects.filter(
            event=event, status=Status.OFFERED, offer_expires_at__lte=now
        ).order_by("offered_at", "id")
    )
    for registration in expired:
        registration.status = Status.EXPIRED
        registration.save(update_fields=["status", "updated_at"])
        audit_log(action="events.registration.offer_expired", target=registration)
        _mail(registration, "offer_expired")
    return expired


def _offer_seats(event: Event, now: datetime.datetime) -> list[Registration]:
    """Offer freed seats to the head of the waiting list (caller holds the lock).

    Exactly as many seats as are free are offered, in waiting-list order; the first
    entry that does not fit stops the round (no overtaking).
    """
    if event.status != Event.Status.PUBLISHED or event.starts_at <= now:
        return []
    free = _free_seats(event, now)
    if free == 0:
        return []  # the common case under a rush: nothing to offer, read nothing
    offered = []
    waiting = Registration.objects.filter(event=event).waiting()
    for registration in waiting.iterator(chunk_size=50):
        if free is not None and registration.seats > free:
            break
        registration.status = Status.OFFERED
        registration.offered_at = now
        registration.offer_expires_at = min(
            now + datetime.timedelta(hours=event.offer_hours), event.starts_at
        )
        registration.save(
            update_fields=["status", "offered_at", "offer_expires_at", "updated_at"]
        )
        audit_log(
            action="events.registration.offered",
            target=registration,
            data={"expires_at": registration.offer_expires_at},
        )
        _mail(registration, "offered")
        offered.append(registration)
        if free is not None:
            free -= registration.seats
    return offered


def waiting_list_process(*, event: Event, now=None) -> list[Registration]:
    """Expire stale offers and offer every free seat, under the event lock.

    Idempotent: run it as often as you like (a periodic task does, and every
    registration service does before it counts seats). Returns the new offers.
    """
    now = now or timezone.now()
    with transaction.atomic():
        event = _lock(event)
        _expire_offers(event, now)
        return _offer_seats(event, now)


# --- services ------------------------------------------------------------------------


def registration_create(
    *,
    event: Event,
    actor,
    name: str,
    email: str,
    answers: Mapping[str, Any] | None = None,
    organisation: Organisation | None = None,
    participants: Iterable | None = None,
    now=None,
    notify: bool = True,
) -> Registration:
    """Register for `event`: a seat if one is free, else a place on the waiting list.

    Locks the event row, re-checks the registration window, the per-organisation limit
    and the free seats, and inserts in the same transaction: never overbooked.
    Idempotent: an active registration with the same e-mail is returned unchanged
    (`registration.is_new` is False). `participants` names the people of a group
    (at most `event.max_group_size`); by default the registrant alone. `notify=False`
    sends no mail (demo data of fictional people). The time stamps are read after the
    lock is taken, so the waiting list is in the order the lock was granted.
    """
    given_now = now
    name = _clean_name(name)
    email = _clean_email(email)
    people = _clean_participants(event, name, email, participants)
    cleaned = clean_answers(event, answers or {})
    _check_organisation(actor, organisation)
    outcome = None
    with transaction.atomic():
        event = _lock(event)
        now = given_now or timezone.now()
        if not _window_for(event, now):
            raise EventError(
                _("Registration for this event is not open."),
                code="registration_closed",
                status_code=409,
            )
        existing = (
            Registration.objects.filter(event=event, email=email).active().first()
        )
        if existing is not None:
            existing.is_new = False
            return existing
        _expire_offers(event, now)
        _offer_seats(event, now)
        seats = len(people)
        if organisation is not None and event.per_organisation_limit:
            used = (
                Registration.objects.filter(event=event, organisation=organisation)
                .active()
                .values_list("seats", flat=True)
            )
            if sum(used) + seats > event.per_organisation_limit:
                raise EventError(
                    _(
                        "An organisation may register at most %(n)s participants "
                        "for this event."
                    )
                    % {"n": event.per_organisation_limit},
                    field="organisation",
                    code="organisation_limit",
                    status_code=409,
                )
        free = _free_seats(event, now)
        queue = Registration.objects.filter(event=event).waiting().exists()
        if not queue and (free is None or seats <= free):
            status = (
                Status.PENDING
                if event.approval == Event.Approval.ORGANISER
                else Status.CONFIRMED
            )
        elif event.waiting_list_enabled:
            status = Status.WAITLISTED
        else:
            raise EventError(_("The event is full."), code="full", status_code=409)
        registration = Registration.objects.create(
            event=event,
            user=actor if getattr(actor, "is_authenticated", False) else None,
            name=name,
            email=email,
            organisation=organisation,
            status=status,
            seats=seats,
            answers=cleaned,
            waitlisted_at=now if status == Status.WAITLISTED else None,
            confirmed_at=now if status == Status.CONFIRMED else None,
        )
        Participant.objects.bulk_create(
            Participant(
                registration=registration, name=p.name, email=p.email, position=i
            )
            for i, p in enumerate(people)
        )
        audit_log(
            action="events.registration.created",
            actor=actor,
            target=registration,
            data={"status": status, "seats": seats},
        )
        if notify:
            _mail(registration, status)
        outcome = registration
    outcome.is_new = True
    return outcome


def _window_for(event: Event, now: datetime.datetime) -> bool:
    """The registration-window predicate at `now` (tests and benchmarks pass a time)."""
    return (
        event.status == Event.Status.PUBLISHED
        and event.registration_enabled
        and event.registration_window_open(now)
    )


def _locked_registration(registration: Registration) -> tuple[Event, Registration]:
    event = _lock(registration.event)
    return event, Registration.objects.select_for_update().get(pk=registration.pk)


def registration_cancel(
    *, registration: Registration, actor=None, now=None
) -> Registration:
    """Cancel a registration (by its personal link, or by an organiser) and offer the
    freed seats to the waiting list. Idempotent: cancelling twice changes nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        event, registration = _locked_registration(registration)
        if registration.status not in Registration.ACTIVE_STATUSES:
            return registration
        held = registration.holds_seat
        previous = registration.status
        registration.status = Status.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at", "updated_at"])
        audit_log(
            action="events.registration.cancelled",
            actor=actor,
            target=registration,
            data={"previous": previous},
        )
        _mail(registration, "cancelled")
        if held:
            _expire_offers(event, now)
            _offer_seats(event, now)
    return registration


def offer_accept(*, registration: Registration, actor=None, now=None) -> Registration:
    """Take the seat offered from the waiting list before the offer expires.

    Idempotent for an offer already taken. An expired offer is refused (409) and its
    seat passes to the next person in the same transaction as the refusal is recorded.
    """
    now = now or timezone.now()
    expired = False
    with transaction.atomic():
        event, registration = _locked_registration(registration)
        if registration.status in Registration.SEAT_STATUSES:
            return registration
        if (
            registration.status == Status.OFFERED
            and registration.offer_expires_at > now
        ):
            manual = event.approval == Event.Approval.ORGANISER
            registration.status = Status.PENDING if manual else Status.CONFIRMED
            registration.confirmed_at = None if manual else now
            registration.save(update_fields=["status", "confirmed_at", "updated_at"])
            audit_log(
                action="events.registration.offer_accepted",
                actor=actor,
                target=registration,
            )
            _mail(registration, registration.status)
            return registration
        if registration.status == Status.OFFERED:
            _expire_offers(event, now)
            _offer_seats(event, now)
        expired = registration.status in (Status.OFFERED, Status.EXPIRED)
    if expired:
        raise EventError(
            _("This offer has expired and the seat went to the next person waiting."),
            code="offer_expired",
            status_code=409,
        )
    raise EventError(
        _("There is no seat offered to this registration."),
        code="no_offer",
        status_code=409,
    )


def registration_decide(
    *, registration: Registration, actor, approve: bool, now=None
) -> Registration:
    """The organiser confirms or declines a pending registration; a decline frees
    its seats for the waiting list."""
    now = now or timezone.now()
    with transaction.atomic():
        event, registration = _locked_registration(registration)
        if not can(actor, "events.manage_registrations", event):
            raise EventError(
                _("You are not allowed to do this."), code="forbidden", status_code=403
            )
        if registration.status != Status.PENDING:
            raise EventError(
                _("Only registrations waiting for confirmation can be decided."),
                code="not_pending",
                status_code=409,
            )
        registration.status = Status.CONFIRMED if approve else Status.DECLINED
        registration.confirmed_at = now if approve else None
        registration.save(update_fields=["status", "confirmed_at", "updated_at"])
        audit_log(
            action="events.registration." + ("approved" if approve else "declined"),
            actor=actor,
            target=registration,
        )
        _mail(registration, registration.status)
        if not approve:
            _offer_seats(event, now)
    return registration


def registration_update_answers(
    *,
    registration: Registration,
    answers: Mapping[str, Any],
    participant_names: list[str] | None = None,
    actor=None,
) -> Registration:
    """Change the answers (and the participants' names) through the personal link,
    while the registration is active and the event has not started."""
    registration = Registration.objects.select_related("event").get(pk=registration.pk)
    event = registration.event
    if registration.status not in Registration.ACTIVE_STATUSES or event.is_past:
        raise EventError(
            _("This registration can no longer be changed."),
            code="not_active",
            status_code=409,
        )
    cleaned = clean_answers(event, answers)
    participants = list(registration.participants.all())
    names = None
    if participant_names is not None:
        if len(participant_names) != len(participants):
            raise EventError(
                _("Give a name for each participant."), field="participants"
            )
        names = [
            _clean_name(n, f"participants.{i}.name")
            for i, n in enumerate(participant_names)
        ]
    with transaction.atomic():
        before = registration.answers
        registration.answers = cleaned
        registration.save(update_fields=["answers", "updated_at"])
        if names is not None:
            for participant, new in zip(participants, names, strict=True):
                if participant.name != new:
                    participant.name = new
                    participant.save(update_fields=["name"])
        audit_log(
            action="events.registration.answers_changed",
            actor=actor,
            target=registration,
            data={"before": before, "after": cleaned},
        )
    return registration


def event_capacity_update(
    *,
    event: Event,
    actor,
    capacity: int | None,
    reserved_seats: int = 0,
    now=None,
) -> Event:
    """Change the capacity or the reserved seats under the event lock.

    Refused when fewer seats would remain than are already held (confirmed, pending
    or offered); more seats are offered to the waiting list at once.
    """
    now = now or timezone.now()
    if capacity is not None and capacity < 0 or reserved_seats < 0:
        raise EventError(_("Enter a number of at least 0."), field="capacity")
    if capacity is not None and reserved_seats > capacity:
        raise EventError(
            _("Reserved seats cannot exceed the capacity."), field="reserved_seats"
        )
    with transaction.atomic():
        event = _lock(event)
        if not can(actor, "events.change_event", event):
            raise EventError(
                _("You are not allowed to do this."), code="forbidden", status_code=403
            )
        taken = Registration.objects.filter(event=event).seats_taken(now)
        if capacity is not None and capacity - reserved_seats < taken:
            raise EventError(
                _(
                    "%(taken)s seats are already taken: the capacity less the "
                    "reserved seats cannot be lower. Cancel registrations first."
                )
                % {"taken": taken},
                field="capacity",
                code="below_taken",
                status_code=409,
            )
        before = {"capacity": event.capacity, "reserved_seats": event.reserved_seats}
        event.capacity = capacity
        event.reserved_seats = reserved_seats
        event.save(update_fields=["capacity", "reserved_seats", "updated_at"])
        audit_log(
            action="events.event.capacity_changed",
            actor=actor,
            target=event,
            data={"before": before, "after": [capacity, reserved_seats]},
        )
        _offer_seats(event, now)
    return event


def expire_offers_everywhere(*, now=None) -> int:
    """For the periodic task: process every event with an offer past its limit."""
    now = now or timezone.now()
    ids = (
        Registration.objects.filter(status=Status.OFFERED, offer_expires_at__lte=now)
        .values_list("event_id", flat=True)
        .distinct()
    )
    count = 0
    for event in Event.objects.filter(pk__in=list(ids)):
        waiting_list_process(event=event, now=now)
        count += 1
    return count
