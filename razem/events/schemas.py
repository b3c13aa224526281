"""Input and output shapes of /api/v1/events (documented in OpenAPI).

Public outputs never carry a registrant's e-mail address or the online meeting link;
the link is filled in by the endpoint only for organisers and confirmed registrants.
"""

import datetime
from typing import Any, Literal

from ninja import Field, Schema
from pydantic import ConfigDict

from razem.events.models import (
    Attachment,
    Event,
    FollowUpAction,
    Question,
    Registration,
    StandApplication,
)
from razem.events.selectors import registration_state
from razem.organisations.schemas import AreaRef, ErrorOut, TerritoryRef

__all__ = ["ErrorOut"]

RegistrationStateCode = Literal[
    "not_required",
    "cancelled",
    "finished",
    "not_yet_open",
    "open",
    "full_waiting",
    "full",
    "closed",
]


# --- filters -------------------------------------------------------------------------


class EventFilters(Schema):
    kind: Event.Kind | None = None
    date_from: datetime.date | None = Field(
        None, description="Events still running on or after this day."
    )
    date_to: datetime.date | None = Field(
        None, description="Events starting on or before this day."
    )
    territory: str = Field(
        "", description="TERC code of any level: the unit and everything below it."
    )
    area: str = Field("", description="A public benefit area code.")
    institution: str = Field("", description="Slug of the organising institution.")
    organisation: str = Field("", description="Slug of a (co-)organising NGO.")
    past: bool = Field(False, description="The archive: finished events, newest first.")


class RegistrationFilters(Schema):
    status: Registration.Status | None = None


# --- outputs -------------------------------------------------------------------------


class VenueOut(Schema):
    name: str
    address: str
    room: str


class OrganiserRef(Schema):
    slug: str
    name: str


class OrganisersOut(Schema):
    institution: OrganiserRef | None
    organisations: list[OrganiserRef]


class SeriesRef(Schema):
    slug: str
    title: str


class RegistrationInfoOut(Schema):
    state: RegistrationStateCode = Field(
        description="open, full_waiting (new registrations join the waiting list), "
        "full, not_yet_open, closed, not_required, finished or cancelled."
    )
    enabled: bool = Field(description="False: no registration needed.")
    opens_at: datetime.datetime | None
    closes_at: datetime.datetime | None
    capacity: int | None = Field(
        description="Seats open to registration (reserved seats excluded); "
        "null for no limit."
    )
    seats_left: int | None = Field(description="null for no limit.")
    waiting: int = Field(description="People on the waiting list.")


class EventListOut(Schema):
    slug: str = Field(description="Identifies the event in URLs.")
    title: str
    kind: Event.Kind
    status: Event.Status
    summary: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    format: Event.Format
    venue: VenueOut
    territory: TerritoryRef | None = Field(description="The gmina of the venue.")
    lat: float | None
    lon: float | None
    organisers: OrganisersOut
    areas: list[AreaRef]
    series: SeriesRef | None
    registration: RegistrationInfoOut
    url: str = Field(description="The event's page.")

    @staticmethod
    def resolve_venue(obj) -> dict:
        return {
            "name": obj.venue_name,
            "address": obj.venue_address,
            "room": obj.venue_room,
        }

    @staticmethod
    def resolve_organisers(obj) -> dict:
        return {
            "institution": obj.institution if obj.institution_id else None,
            "organisations": list(obj.organisations.all()),
        }

    @staticmethod
    def resolve_areas(obj) -> list:
        return list(obj.areas.all())

    @staticmethod
    def resolve_series(obj):
        return obj.series if obj.series_id else None

    @staticmethod
    def resolve_registration(obj) -> dict:
        # `seats_held` and `waiting_count` come from selectors.with_seat_counts.
        held = getattr(obj, "seats_held", 0) or 0
        waiting = getattr(obj, "waiting_count", 0) or 0
        state = registration_state(obj, seats_held=held, waiting=waiting)
        capacity = obj.public_capacity
        return {
            "state": state.code,
            "enabled": obj.registration_enabled,
            "opens_at": obj.registration_opens_at,
            "closes_at": obj.registration_closes_at or obj.starts_at,
            "capacity": capacity,
            "seats_left": None if capacity is None else max(capacity - held, 0),
            "waiting": waiting,
        }

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()


class AgendaItemOut(Schema):
    day: datetime.date | None
    starts_at: datetime.time | None
    ends_at: datetime.time | None
    title: str
    speakers: str
    description: str


class AttachmentOut(Schema):
    title: str
    kind: Attachment.Kind
    size: int = Field(description="In bytes.")
    content_type: str
    url: str

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.file.url


class AccessibilityOut(Schema):
    step_free_access: bool
    induction_loop: bool
    sign_language_on_request: bool
    notes: str


class ContactOut(Schema):
    name: str
    email: str
    phone: str


class FollowUpActionOut(Schema):
    title: str
    responsible: str
    due_date: datetime.date | None
    status: FollowUpAction.Status
    url: str


class OutcomesOut(Schema):
    published_at: datetime.datetime
    minutes: str
    conclusions: str
    recommendations: str
    follow_up_actions: list[FollowUpActionOut]


class ExhibitorOut(Schema):
    organisation: OrganiserRef
    presentation: str


class QuestionOut(Schema):
    id: int = Field(description="Key of the answer in `answers` when registering.")
    kind: Question.Kind
    label: str
    help_text: str = Field(description="For a consent: the RODO information clause.")
    choices: list[str]
    required: bool


class RegistrationRulesOut(Schema):
    approval: Event.Approval
    max_group_size: int = Field(description="Participants per registration.")
    per_organisation_limit: int | None
    waiting_list_enabled: bool
    issues_certificates: bool
    questions: list[QuestionOut]


class EventOut(EventListOut):
    description: str
    audience: str
    online_url: str | None = Field(
        description="Only for organisers and people whose registration is confirmed."
    )
    accessibility: AccessibilityOut
    contact: ContactOut
    agenda: list[AgendaItemOut]
    attachments: list[AttachmentOut]
    rules: RegistrationRulesOut
    outcomes: OutcomesOut | None = Field(description="Once they are published.")
    exhibitors: list[ExhibitorOut] = Field(
        description="Accepted stands (fairs only; otherwise empty)."
    )
    cancellation_reason: str

    @staticmethod
    def resolve_online_url(obj) -> str | None:
        # The endpoint decides who may see it (`show_online_link`).
        if getattr(obj, "show_online_link", False) and obj.online_url:
            return obj.online_url
        return None

    @staticmethod
    def resolve_accessibility(obj) -> dict:
        return {
            "step_free_access": obj.step_free_access,
            "induction_loop": obj.induction_loop,
            "sign_language_on_request": obj.sign_language_on_request,
            "notes": obj.accessibility_notes,
        }

    @staticmethod
    def resolve_contact(obj) -> dict:
        return {
            "name": obj.contact_name,
            "email": obj.contact_email,
            "phone": obj.contact_phone,
        }

    @staticmethod
    def resolve_agenda(obj) -> list:
        return list(obj.agenda_items.all())

    @staticmethod
    def resolve_attachments(obj) -> list:
        """Materials; outcome files once the outcomes are published."""
        return [
            attachment
            for attachment in obj.attachments.all()
            if attachment.kind == Attachment.Kind.MATERIAL or obj.outcomes_published_at
        ]

    @staticmethod
    def resolve_rules(obj) -> dict:
        return {
            "approval": obj.approval,
            "max_group_size": obj.max_group_size,
            "per_organisation_limit": obj.per_organisation_limit,
            "waiting_list_enabled": obj.waiting_list_enabled,
            "issues_certificates": obj.issues_certificates,
            "questions": list(obj.questions.all()),
        }

    @staticmethod
    def resolve_outcomes(obj) -> dict | None:
        if not obj.outcomes_published_at:
            return None
        return {
            "published_at": obj.outcomes_published_at,
            "minutes": obj.minutes,
            "conclusions": obj.conclusions,
            "recommendations": obj.recommendations,
            "follow_up_actions": list(obj.follow_up_actions.all()),
        }

    @staticmethod
    def resolve_exhibitors(obj) -> list:
        if obj.kind != Event.Kind.FAIR:
            return []
        stands = (
            StandApplication.objects.filter(
                event=obj, status=StandApplication.Status.ACCEPTED
            )
            .select_related("organisation")
            .order_by("organisation__name")
        )
        return [
            {"organisation": stand.organisation, "presentation": stand.presentation}
            for stand in stands
        ]


class ParticipantOut(Schema):
    name: str
    email: str
    checked_in_at: datetime.datetime | None


class EventRef(Schema):
    slug: str
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    status: Event.Status
    url: str

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()


class RegistrationCreatedOut(Schema):
    token: str = Field(description="The secret of the personal link: keep it.")
    status: Registration.Status
    seats: int
    position: int | None = Field(description="Place on the waiting list (from 1).")
    personal_url: str = Field(description="Page to check, change or cancel.")
    is_new: bool = Field(description="False: this e-mail was already registered.")


class RegistrationOut(Schema):
    """What the personal link shows (the token holder is the registrant)."""

    event: EventRef
    name: str
    email: str
    status: Registration.Status
    seats: int
    position: int | None
    offer_expires_at: datetime.datetime | None
    code: str = Field(description="Check-in code.")
    participants: list[ParticipantOut]
    answers: dict[str, Any]
    online_url: str | None = Field(description="Once the registration is confirmed.")
    personal_url: str

    @staticmethod
    def resolve_participants(obj) -> list:
        return list(obj.participants.all())


class RegistrationAdminOut(Schema):
    """A registration as the organisers see it."""

    id: int
    name: str
    email: str
    organisation: OrganiserRef | None
    status: Registration.Status
    seats: int
    answers: dict[str, Any] = Field(description="Keyed by question id.")
    participants: list[ParticipantOut]
    code: str
    created_at: datetime.datetime
    confirmed_at: datetime.datetime | None
    waitlisted_at: datetime.datetime | None
    offer_expires_at: datetime.datetime | None
    cancelled_at: datetime.datetime | None

    @staticmethod
    def resolve_organisation(obj):
        return obj.organisation if obj.organisation_id else None

    @staticmethod
    def resolve_participants(obj) -> list:
        return list(obj.participants.all())


# --- inputs --------------------------------------------------------------------------


class ParticipantIn(Schema):
    model_config = ConfigDict(str_strip_whitespace=True)

    name: str = Field(max_length=150)
    email: str = Field("", max_length=254)


class RegistrationIn(Schema):
    model_config = ConfigDict(str_strip_whitespace=True)

    name: str = Field(max_length=150, description="Name and surname.")
    email: str = Field(max_length=254)
    organisation: str | None = Field(
        None, description="Slug of an organisation you are a member of."
    )
    participants: list[ParticipantIn] = Field(
        [],
        description="Named people of a group (at most the event's max_group_size); "
        "by default the registrant alone.",
    )
    answers: dict[str, Any] = Field(
        {}, description="Answers keyed by question id (see the event's questions)."
    )


class DecisionIn(Schema):
    approve: bool = Field(description="true confirms, false declines.")
