"""The organiser's work with participants: check-in and messages to everyone.

Also the reads the participants, check-in and PDF pages share (the participants of
confirmed registrations in list order, answers in words), so those pages and the
exports say the same thing.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from razem.core.audit import audit_log
from razem.core.mail import absolute_url, schedule_mail
from razem.events.exceptions import EventError
from razem.events.models import Event, Participant, Question, Registration
from razem.events.rules import can

SUBJECT_MAX = 150
BODY_MAX = 5000
DEFAULT_MESSAGE_STATUSES = (
    Registration.Status.CONFIRMED,
    Registration.Status.PENDING,
)
Status = Registration.Status


def normalise_code(code: str) -> str:
    """A check-in code as stored: upper case, without spaces and dashes (people
    read codes out in groups, and QR reader apps may add a line break)."""
    return re.sub(r"[\s\-\u2010-\u2015]+", "", str(code or "")).upper()


def _forbid_unless(actor, permission: str, event: Event) -> None:
    if not can(actor, permission, event):
        raise EventError(
            _("You are not allowed to do this."), code="forbidden", status_code=403
        )


# --- check-in -------------------------------------------------------------------------


@dataclass
class CheckIn:
    """The outcome of a check-in: who was checked in now, who was already."""

    registration: Registration
    checked_in: list[Participant] = field(default_factory=list)
    already: list[Participant] = field(default_factory=list)


def registration_for_code(*, event: Event, code: str) -> Registration:
    """The confirmed registration of `event` with check-in `code` (any case, spaces
    and dashes ignored), with its participants.

    EventError on field "code" for an empty or unknown code (a code of another event
    is just as unknown) and for a registration that is not confirmed.
    """
    normalised = normalise_code(code)
    if not normalised:
        raise EventError(_("Enter the check-in code."), field="code", code="required")
    registration = (
        Registration.objects.filter(event=event, code=normalised)
        .select_related("organisation")
        .prefetch_related("participants")
        .first()
    )
    if registration is None:
        raise EventError(
            _("Unknown check-in code. Check it and try again."),
            field="code",
            code="unknown_code",
        )
    if registration.status != Status.CONFIRMED:
        raise EventError(
            _(
                "This registration is not confirmed (%(status)s): its participants "
                "cannot be checked in."
            )
            % {"status": registration.get_status_display()},
            field="code",
            code="not_confirmed",
            status_code=409,
        )
    return registration


def participant_check_in(
    *,
    event: Event,
    actor,
    code: str,
    participant_ids: Iterable[int | str] | None = None,
    now=None,
) -> CheckIn:
    """Check in the participants of the confirmed registration with `code`.

    `participant_ids` names some of its participants; by default all of them.
    Idempotent: a participant checked in before keeps the first time. The
    registration row is locked, so two staff scanning the same code at once record
    one time. Needs `events.check_in`; refused for a cancelled event.
    """
    now = now or timezone.now()
    _forbid_unless(actor, "events.check_in", event)
    if event.is_cancelled:
        raise EventError(
            _("The event has been cancelled."), code="cancelled", status_code=409
        )
    wanted = _ids(participant_ids)
    with transaction.atomic():
        registration = registration_for_code(event=event, code=code)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        participants = list(registration.participants.all())
        if wanted is not None:
            known = {p.pk for p in participants}
            if not wanted or not wanted <= known:
                raise EventError(
                    _("Choose at least one participant of this registration."),
                    field="participants",
                    code="participants",
                )
            participants = [p for p in participants if p.pk in wanted]
        result = CheckIn(registration=registration)
        for participant in participants:
            if participant.checked_in_at is not None:
                result.already.append(participant)
                continue
            participant.checked_in_at = now
            participant.save(update_fields=["checked_in_at"])
            result.checked_in.append(participant)
        if result.checked_in:
            audit_log(
                action="events.participant.checked_in",
                actor=actor,
                target=registration,
                data={"participants": [p.pk for p in result.checked_in]},
            )
    return result


def participant_check_in_undo(*, event: Event, actor, participant_id) -> Participant:
    """Take back the check-in of one participant of `event` (a mistaken click).

    Idempotent; EventError on field "participant" for a participant of another
    event. Needs `events.check_in`.
    """
    _forbid_unless(actor, "events.check_in", event)
    with transaction.atomic():
        participant = participant_of_event(event=event, participant_id=participant_id)
        participant = Participant.objects.select_for_update().get(pk=participant.pk)
        if participant.checked_in_at is None:
            return participant
        before = participant.checked_in_at
        participant.checked_in_at = None
        participant.save(update_fields=["checked_in_at"])
        audit_log(
            action="events.participant.check_in_undone",
            actor=actor,
            target=participant.registration,
            data={"participant": participant.pk, "checked_in_at": before},
        )
    return participant


def participant_of_event(*, event: Event, participant_id) -> Participant:
    """One participant of `event` by id; EventError on field "participant" else."""
    text = str(participant_id or "").strip()
    participant = None
    if text.isdigit():
        participant = (
            Participant.objects.select_related("registration")
            .filter(pk=int(text), registration__event=event)
            .first()
        )
    if participant is None:
        raise EventError(
            _("No such participant of this event."),
            field="participant",
            code="unknown_participant",
        )
    return participant


def _ids(values: Iterable[int | str] | None) -> set[int] | None:
    if values is None:
        return None
    ids = set()
    for value in values:
        text = str(value).strip()
        if not text.isdigit():
            raise EventError(
                _("Choose at least one participant of this registration."),
                field="participants",
                code="participants",
            )
        ids.add(int(text))
    return ids


# --- messages ---------------------------------------------------------------------------


def participants_message(
    *,
    event: Event,
    actor,
    subject: str,
    body: str,
    statuses: Sequence[str] | None = None,
) -> int:
    """E-mail everyone whose active registration has one of `statuses` (by default
    confirmed and pending): one mail per registration, to the person who
    registered, sent after the transaction commits. Returns how many were sent.

    Refused for a cancelled event (its participants were told when it was
    cancelled) and without `events.message_participants`.
    """
    subject = " ".join((subject or "").split())
    body = (body or "").strip()
    if not subject:
        raise EventError(_("Enter a subject."), field="subject", code="required")
    if len(subject) > SUBJECT_MAX:
        raise EventError(
            _("At most %(n)s characters.") % {"n": SUBJECT_MAX}, field="subject"
        )
    if not body:
        raise EventError(_("Enter the message."), field="body", code="required")
    if len(body) > BODY_MAX:
        raise EventError(_("At most %(n)s characters.") % {"n": BODY_MAX}, field="body")
    chosen = list(DEFAULT_MESSAGE_STATUSES if statuses is None else statuses)
    if not chosen or any(s not in Registration.ACTIVE_STATUSES for s in chosen):
        raise EventError(_("Choose who should receive the message."), field="statuses")
    if event.is_cancelled:
        raise EventError(
            _("The event has been cancelled: its participants cannot be messaged."),
            code="cancelled",
            status_code=409,
        )
    _forbid_unless(actor, "events.message_participants", event)
    with transaction.atomic():
        registrations = list(
            Registration.objects.filter(event=event, status__in=chosen).order_by(
                "created_at", "id"
            )
        )
        event_link = absolute_url(event.get_absolute_url())
        for registration in registrations:
            schedule_mail(
                to=[registration.email],
                template="events/mail/organiser_message",
                context={
                    "event": event,
                    "registration": registration,
                    "subject": subject,
                    "message": body,
                    "link": absolute_url(registration.get_absolute_url()),
                    "event_link": event_link,
                },
            )
        audit_log(
            action="events.participants.messaged",
            actor=actor,
            target=event,
            data={
                "count": len(registrations),
                "statuses": sorted(chosen),
                "subject": subject,
            },
        )
    return len(registrations)


# --- reads shared by the pages, exports and PDFs -------------------------------------


_POLISH_ORDER = str.maketrans(
    {
        "ą": "a~",
        "ć": "c~",
        "ę": "e~",
        "ł": "l~",
        "ń": "n~",
        "ó": "o~",
        "ś": "s~",
        "ź": "z~",
        "ż": "z~~",
    }
)


def name_sort_key(name: str) -> tuple[str, str]:
    """Surname first, in Polish alphabetical order (ą after a, ł after l, …)."""
    folded = " ".join(name.split()).casefold().translate(_POLISH_ORDER)
    surname = folded.rsplit(" ", 1)[-1]
    return surname, folded


def attendance_participants(event: Event) -> list[Participant]:
    """Participants of the event's confirmed registrations, by surname, each with
    its registration (and organisation) loaded: the attendance list."""
    participants = list(
        Participant.objects.filter(
            registration__event=event, registration__status=Status.CONFIRMED
        ).select_related("registration__organisation")
    )
    participants.sort(key=lambda p: (name_sort_key(p.name), p.pk))
    return participants


def answer_text(question: Question, value: Any) -> str:
    """An answer in words: yes/no, consent given or not, else the text."""
    if question.kind == Question.Kind.YES_NO:
        if value is None or value == "":
            return ""
        return _("yes") if value else _("no")
    if question.kind == Question.Kind.CONSENT:
        return _("consent given") if value else _("no consent")
    return "" if value is None else str(value)


def answers_in_order(
    registration: Registration, questions: Sequence[Question]
) -> list[str]:
    answers = registration.answers or {}
    return [answer_text(q, answers.get(str(q.pk))) for q in questions]
