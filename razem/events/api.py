"""/api/v1/events: public events, registration, the personal link, and the
organisers' registration list.

Reads and registering work without an account. A token (`Authorization: Token …`)
or a signed-in session (with CSRF for writes) is used when present: it shows drafts
and the online link to organisers, and links a registration to the account. A bad
token is refused (401) rather than ignored. The personal-link operations take the
registration's secret token in the path. Seats are only ever taken and freed by
razem.events.services.registration (under the event lock).
"""

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from razem.areas.models import PublicBenefitArea
from razem.config.api import SignedInSessionAuth, TokenAuth, write_auth
from razem.events import selectors
from razem.events.exceptions import EventError
from razem.events.models import Event, Question, Registration
from razem.events.rules import can
from razem.events.schemas import (
    DecisionIn,
    ErrorOut,
    EventFilters,
    EventListOut,
    EventOut,
    RegistrationAdminOut,
    RegistrationCreatedOut,
    RegistrationFilters,
    RegistrationIn,
    RegistrationOut,
)
from razem.events.services.registration import (
    offer_accept,
    registration_cancel,
    registration_create,
    registration_decide,
)
from razem.institutions.models import Institution
from razem.organisations.models import Organisation
from razem.territories.models import Territory

router = Router(tags=["events"])

ERRORS = {status: ErrorOut for status in (400, 401, 403, 404, 409, 422)}
LINK_ERRORS = {status: ErrorOut for status in (400, 404, 409, 422)}


def _anonymous(request):
    """The last of `optional_auth`: anyone without an Authorization header."""
    return "Authorization" not in request.headers


# Token, else a signed-in session (CSRF-checked on writes), else anonymous.
optional_auth = [TokenAuth(), SignedInSessionAuth(), _anonymous]
# OpenAPI: ninja lists the two schemes; `{}` adds "or none at all".
OPTIONAL_SECURITY = {"security": [{}]}


class Pagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(20, ge=1, le=100, description="Page size, at most 100.")
        offset: int = Field(0, ge=0, description="How many items to skip.")

    def __init__(self, **kwargs):
        super().__init__(max_limit=100, **kwargs)


def _forbidden() -> EventError:
    return EventError(
        _("You are not allowed to do this."), code="forbidden", status_code=403
    )


def _check_filters(filters: EventFilters) -> None:
    if (
        filters.area
        and not PublicBenefitArea.objects.filter(code=filters.area).exists()
    ):
        raise EventError(_("Unknown public benefit area."), field="area")
    if (
        filters.territory
        and not Territory.objects.filter(code=filters.territory).exists()
    ):
        raise EventError(_("Unknown TERC code."), field="territory")
    if (
        filters.institution
        and not Institution.objects.filter(slug=filters.institution).exists()
    ):
        raise EventError(_("Unknown institution."), field="institution")
    if (
        filters.organisation
        and not Organisation.objects.filter(slug=filters.organisation).exists()
    ):
        raise EventError(_("Unknown organisation."), field="organisation")
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        raise EventError(
            _("The first day must not be after the last."), field="date_to"
        )


def _event(request, slug: str) -> Event:
    """The event if the person may see it (drafts only for organisers), else 404."""
    return selectors.event_get_for_user(user=request.user, slug=slug)


def _managed_event(request, slug: str) -> Event:
    event = _event(request, slug)
    if not can(request.user, "events.manage_registrations", event):
        raise _forbidden()
    return event


def _position(registration: Registration) -> int | None:
    """Place on the waiting list, from 1 (by joining time, then id)."""
    if registration.status != Registration.Status.WAITLISTED:
        return None
    ahead = (
        Registration.objects.filter(
            event_id=registration.event_id, status=Registration.Status.WAITLISTED
        )
        .filter(waitlisted_at__lte=registration.waitlisted_at)
        .exclude(waitlisted_at=registration.waitlisted_at, id__gte=registration.pk)
        .count()
    )
    return ahead + 1


def _personal_url(request, registration: Registration) -> str:
    return request.build_absolute_uri(registration.get_absolute_url())


def _personal(request, registration: Registration) -> Registration:
    """The registration with what the personal link shows besides its fields."""
    event = registration.event
    registration.position = _position(registration)
    registration.personal_url = _personal_url(request, registration)
    confirmed = registration.status == Registration.Status.CONFIRMED
    registration.online_url = (
        event.online_url
        if confirmed and event.online_url and not event.is_cancelled
        else None
    )
    return registration


def _by_token(token: str) -> Registration:
    return selectors.registration_by_token(token=token)


# --- events ------------------------------------------------------------------------


@router.get(
    "",
    response={200: list[EventListOut], 400: ErrorOut, 422: ErrorOut},
    summary="List events",
    auth=None,
)
@paginate(Pagination)
def event_list(request, filters: Query[EventFilters]):
    """Published and cancelled events: upcoming ones soonest first, or with
    `past=true` finished ones newest first. Filters combine with AND."""
    _check_filters(filters)
    events = selectors.event_list(
        past=filters.past,
        kind=filters.kind or "",
        date_from=filters.date_from,
        date_to=filters.date_to,
        territory=filters.territory,
        area=filters.area,
    )
    if filters.institution:
        events = events.filter(institution__slug=filters.institution)
    if filters.organisation:
        events = events.filter(
            pk__in=Event.organisations.through.objects.filter(
                organisation__slug=filters.organisation
            ).values("event_id")
        )
    return events


@router.get(
    "/registrations/{token}",
    response={200: RegistrationOut, 404: ErrorOut},
    summary="A registration by its personal link",
    auth=None,
)
def registration_detail(request, token: str):
    """The token is the secret of the personal link sent by e-mail."""
    return _personal(request, _by_token(token))


@router.post(
    "/registrations/{token}/cancel",
    response={200: RegistrationOut, **LINK_ERRORS},
    summary="Cancel a registration by its personal link",
    auth=None,
)
def registration_cancel_by_token(request, token: str):
    """Frees the seats for the waiting list. Cancelling twice changes nothing."""
    registration = _by_token(token)
    actor = request.user if request.user.is_authenticated else None
    registration_cancel(registration=registration, actor=actor)
    return _personal(request, _by_token(token))


@router.post(
    "/registrations/{token}/accept",
    response={200: RegistrationOut, **LINK_ERRORS},
    summary="Take a seat offered from the waiting list",
    auth=None,
)
def registration_accept_by_token(request, token: str):
    """Before the offer expires (409 `offer_expired` after; 409 `no_offer` when no
    seat is offered). Accepting twice changes nothing."""
    registration = _by_token(token)
    actor = request.user if request.user.is_authenticated else None
    offer_accept(registration=registration, actor=actor)
    return _personal(request, _by_token(token))


@router.get(
    "/{slug}",
    response={200: EventOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="One event",
    auth=optional_auth,
    openapi_extra=OPTIONAL_SECURITY,
)
def event_detail(request, slug: str):
    """Public events for everybody, drafts for their organisers (404 for anybody
    else). `online_url` is given to organisers and to the signed-in person whose
    registration is confirmed."""
    event = (
        selectors.with_seat_counts(
            selectors.with_relations(
                selectors.events_visible_to(user=request.user)
            ).prefetch_related(
                "agenda_items",
                "attachments",
                "follow_up_actions",
                Prefetch("questions", queryset=Question.objects.order_by("position")),
            )
        )
        .filter(slug=slug)
        .first()
    )
    if event is None:
        raise Http404
    user = request.user
    event.show_online_link = bool(event.online_url) and (
        can(user, "events.manage_registrations", event)
        or (
            user.is_authenticated
            and Registration.objects.filter(
                event=event, user=user, status=Registration.Status.CONFIRMED
            ).exists()
        )
    )
    return event


@router.post(
    "/{slug}/registrations",
    response={200: RegistrationCreatedOut, 201: RegistrationCreatedOut, **ERRORS},
    summary="Register for an event",
    auth=optional_auth,
    openapi_extra=OPTIONAL_SECURITY,
)
def registration_create_endpoint(request, slug: str, payload: RegistrationIn):
    """A seat if one is free (confirmed, or pending when the organiser confirms each
    registration), else a place on the waiting list. No account needed; with a token
    or a session the registration is linked to the account. Registering the same
    e-mail again returns the existing registration with status 200 and
    `is_new: false`. Registration closed or the event full without a waiting list:
    409."""
    event = _event(request, slug)
    if event.status == Event.Status.DRAFT:
        # Organisers may see a draft, nobody may register for it yet.
        raise EventError(
            _("Registration for this event is not open."),
            code="registration_closed",
            status_code=409,
        )
    organisation = None
    if payload.organisation:
        organisation = Organisation.objects.filter(slug=payload.organisation).first()
        if organisation is None:
            raise EventError(_("Unknown organisation."), field="organisation")
    registration = registration_create(
        event=event,
        actor=request.user,
        name=payload.name,
        email=payload.email,
        answers=payload.answers,
        organisation=organisation,
        participants=[p.dict() for p in payload.participants],
    )
    body = {
        "token": registration.token,
        "status": registration.status,
        "seats": registration.seats,
        "position": _position(registration),
        "personal_url": _personal_url(request, registration),
        "is_new": registration.is_new,
    }
    return Status(201 if registration.is_new else 200, body)


# --- organisers --------------------------------------------------------------------


@router.get(
    "/{slug}/registrations",
    response={200: list[RegistrationAdminOut], **ERRORS},
    summary="The event's registrations (organisers)",
    auth=write_auth,
)
@paginate(Pagination)
def registration_list(request, slug: str, filters: Query[RegistrationFilters]):
    """Organisers of the event and platform administrators; in the order they came,
    with the answers and the participants. Filter by `status`."""
    event = _managed_event(request, slug)
    registrations = (
        Registration.objects.filter(event=event)
        .select_related("organisation")
        .prefetch_related("participants")
        .order_by("created_at", "id")
    )
    if filters.status:
        registrations = registrations.filter(status=filters.status)
    return registrations


@router.post(
    "/{slug}/registrations/{registration_id}/decision",
    response={200: RegistrationAdminOut, **ERRORS},
    summary="Confirm or decline a pending registration (organisers)",
    auth=write_auth,
)
def registration_decision(
    request, slug: str, registration_id: int, payload: DecisionIn
):
    """Only registrations waiting for the organiser's confirmation (else 409); a
    decline frees the seats for the waiting list."""
    event = _managed_event(request, slug)
    registration = get_object_or_404(Registration, pk=registration_id, event=event)
    registration_decide(
        registration=registration, actor=request.user, approve=payload.approve
    )
    return (
        Registration.objects.select_related("organisation")
        .prefetch_related("participants")
        .get(pk=registration.pk)
    )
