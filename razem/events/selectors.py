"""Reads of events. Lists are querysets of what the person may see; one event is
fetched and authorised together (not found = not allowed)."""

import calendar
import datetime
from dataclasses import dataclass, replace

from django.db.models import (
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from razem.areas.models import PublicBenefitArea
from razem.events.models import Event, EventSeries, Registration
from razem.events.rules import organiser_filter
from razem.institutions.models import Institution
from razem.organisations.models import Organisation


def with_relations(events: QuerySet[Event]) -> QuerySet[Event]:
    return events.select_related(
        "territory__parent__parent", "institution", "series"
    ).prefetch_related(
        Prefetch("areas", queryset=PublicBenefitArea.objects.order_by("position")),
        Prefetch("organisations", queryset=Organisation.objects.order_by("name")),
    )


def events_visible_to(*, user) -> QuerySet[Event]:
    """Published and cancelled events, plus drafts the person organises; a platform
    administrator sees all. The same rule as `events.view_event`."""
    public = Event.objects.public()
    if not getattr(user, "is_authenticated", False):
        return public
    if user.is_superuser:
        return Event.objects.all()
    return Event.objects.filter(
        Q(status__in=[Event.Status.PUBLISHED, Event.Status.CANCELLED])
        | organiser_filter(user)
    )


def event_get_for_user(*, user, slug: str) -> Event:
    """The event if `user` may see it; Http404 whether it is missing or hidden."""
    event = with_relations(events_visible_to(user=user)).filter(slug=slug).first()
    if event is None:
        raise Http404
    return event


def events_organised_by(*, user) -> QuerySet[Event]:
    """Events the person organises (all states), newest first."""
    if not getattr(user, "is_authenticated", False):
        return Event.objects.none()
    events = Event.objects.all()
    if not user.is_superuser:
        events = events.filter(organiser_filter(user))
    return with_relations(events).order_by("-starts_at", "-id")


def registration_by_token(*, token: str) -> Registration:
    """The registration behind a personal link; Http404 for an unknown token."""
    registration = (
        Registration.objects.select_related("event", "organisation")
        .filter(token=token)
        .first()
    )
    if registration is None or not token:
        raise Http404
    return registration


# Public lists, the calendar and feeds


FEED_PAST_DAYS = 90


def with_seat_counts(events: QuerySet[Event], now=None) -> QuerySet[Event]:
    """Annotate `seats_held` and `waiting_count` (one subquery each, no per-row
    queries): what a list needs to say "3 seats left" or "waiting list"."""
    now = now or timezone.now()
    held = (
        Registration.objects.filter(event=OuterRef("pk"))
        .holding_seats(now)
        .order_by()
        .values("event")
        .annotate(n=Sum("seats"))
        .values("n")
    )
    waiting = (
        Registration.objects.filter(
            event=OuterRef("pk"), status=Registration.Status.WAITLISTED
        )
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return events.annotate(
        seats_held=Coalesce(Subquery(held, output_field=IntegerField()), 0),
        waiting_count=Coalesce(Subquery(waiting, output_field=IntegerField()), 0),
    )


def _search_within(q: str, events: QuerySet[Event], now):
    """Full-text matches of `q` among `events`, best first (razem.search)."""
    from razem.search.selectors import RankedResults

    results = RankedResults(
        q=q, kind="event", queryset=with_seat_counts(with_relations(events), now)
    )
    # Filters the index does not know (dates, organiser) go in as a subquery.
    results.filters = replace(results.filters, within=events)
    return results


def event_list(
    *,
    past: bool = False,
    kind: str = "",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    territory: str = "",
    area: str = "",
    organiser: str = "",
    q: str = "",
    now=None,
):
    """Published and cancelled events, filtered: upcoming ones soonest first, or
    (`past`) finished ones newest first. Drafts never appear.

    `territory` is a TERC code of any level and includes every unit below it;
    `organiser` is an institution's or an organisation's slug; dates are days in
    the site's time zone (both ends included). With `q`, a full-text search ordered
    by relevance (a lazy sequence for the paginator).
    """
    now = now or timezone.now()
    events = Event.objects.public()
    events = events.past(now) if past else events.upcoming(now)
    if kind:
        events = events.filter(kind=kind)
    if date_from:
        events = events.filter(ends_at__gte=_day_start(date_from))
    if date_to:
        events = events.filter(
            starts_at__lt=_day_start(date_to + datetime.timedelta(days=1))
        )
    if territory:
        events = events.in_territory(territory)
    if area:
        events = events.with_area(area)
    if organiser:
        events = events.filter(
            Q(institution__slug=organiser)
            | Q(
                pk__in=Event.organisations.through.objects.filter(
                    organisation__slug=organiser
                ).values("event_id")
            )
        )
    q = (q or "").strip()
    if q:
        return _search_within(q, events, now)
    ordering = ["-starts_at", "-id"] if past else ["starts_at", "id"]
    return with_seat_counts(with_relations(events), now).order_by(*ordering)


def organiser_choices() -> tuple[list, list]:
    """Institutions and organisations with public events, for the organiser filter:
    ([(slug, name), ...] of institutions, the same of organisations)."""
    public = Event.objects.public()
    institutions = list(
        Institution.objects.filter(pk__in=public.values("institution_id")).values_list(
            "slug", "name"
        )
    )
    organisations = list(
        Organisation.objects.filter(
            pk__in=Event.organisations.through.objects.filter(event__in=public).values(
                "organisation_id"
            )
        ).values_list("slug", "name")
    )
    return institutions, organisations


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@dataclass
class MonthDay:
    date: datetime.date
    in_month: bool
    is_today: bool
    events: list


@dataclass
class Month:
    year: int
    month: int
    first: datetime.date
    weeks: list  # of lists of MonthDay, Monday first
    events: list  # every event of the month, by start
    previous: datetime.date
    next: datetime.date


def event_month(*, year: int, month: int, today=None) -> Month:
    """The month grid (Monday first) with the public events on each day they cover.

    ValueError for a month that does not exist (the view answers 404)."""
    if not (1 <= month <= 12 and 1900 <= year <= 2200):
        raise ValueError("no such month")
    today = today or timezone.localdate()
    first = datetime.date(year, month, 1)
    days_in_month = calendar.monthrange(year, month)[1]
    last = datetime.date(year, month, days_in_month)
    weeks_dates = calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(
        year, month
    )
    grid_start, grid_end = weeks_dates[0][0], weeks_dates[-1][-1]
    events = list(
        with_seat_counts(
            with_relations(
                Event.objects.public().filter(
                    starts_at__lt=_day_start(last + datetime.timedelta(days=1)),
                    ends_at__gte=_day_start(first),
                )
            )
        ).order_by("starts_at", "id")
    )
    by_day: dict[datetime.date, list] = {}
    for event in events:
        start = max(timezone.localtime(event.starts_at).date(), grid_start)
        # An event ending at midnight does not cover the next day.
        end = timezone.localtime(event.ends_at - datetime.timedelta(seconds=1))
        end = min(end.date(), grid_end)
        day = start
        while day <= end:
            by_day.setdefault(day, []).append(event)
            day += datetime.timedelta(days=1)
    weeks = [
        [
            MonthDay(
                date=day,
                in_month=day.month == month,
                is_today=day == today,
                events=by_day.get(day, []) if day.month == month else [],
            )
            for day in week
        ]
        for week in weeks_dates
    ]
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = last + datetime.timedelta(days=1)
    return Month(
        year=year,
        month=month,
        first=first,
        weeks=weeks,
        events=events,
        previous=previous,
        next=following,
    )


@dataclass(frozen=True)
class RegistrationState:
    """What the registration box and list items say about taking part."""

    code: str  # not_required, cancelled, finished, not_yet_open, open, full_waiting,
    # full, closed
    opens_at: datetime.datetime | None = None
    closes_at: datetime.datetime | None = None
    seats_left: int | None = None
    waiting: int = 0


def registration_state(
    event: Event, *, seats_held: int, waiting: int = 0, now=None
) -> RegistrationState:
    now = now or timezone.now()
    if event.is_cancelled:
        return RegistrationState("cancelled")
    if event.ends_at < now:
        return RegistrationState("finished")
    if not event.registration_enabled:
        return RegistrationState("not_required")
    closes_at = event.registration_closes_at or event.starts_at
    if event.registration_opens_at and now < event.registration_opens_at:
        return RegistrationState(
            "not_yet_open", opens_at=event.registration_opens_at, closes_at=closes_at
        )
    if now >= closes_at:
        return RegistrationState("closed", closes_at=closes_at)
    capacity = event.public_capacity
    if capacity is None:
        return RegistrationState("open", closes_at=closes_at)
    left = max(capacity - seats_held, 0)
    if left > 0 and not waiting:
        return RegistrationState(
            "open", closes_at=closes_at, seats_left=left, waiting=waiting
        )
    if event.waiting_list_enabled:
        return RegistrationState(
            "full_waiting", closes_at=closes_at, seats_left=left, waiting=waiting
        )
    return RegistrationState("full", closes_at=closes_at, seats_left=0)


def with_registration_states(events, now=None) -> list:
    """Events annotated by `with_seat_counts`, each given `.registration_state`."""
    now = now or timezone.now()
    events = list(events)
    for event in events:
        event.registration_state = registration_state(
            event,
            seats_held=getattr(event, "seats_held", 0) or 0,
            waiting=getattr(event, "waiting_count", 0) or 0,
            now=now,
        )
    return events


def series_get(*, slug: str) -> EventSeries:
    series = (
        EventSeries.objects.select_related("institution", "organisation")
        .filter(slug=slug)
        .first()
    )
    if series is None:
        raise Http404
    return series


def events_of_series(*, series: EventSeries) -> QuerySet[Event]:
    """The series' public events, by start."""
    return with_relations(Event.objects.public().filter(series=series)).order_by(
        "starts_at", "id"
    )


def events_of_institution(*, institution, upcoming: bool = True, now=None):
    """The institution's public events: upcoming soonest first, or past newest
    first."""
    events = Event.objects.public().organised_by_institution(institution.pk)
    return _timed(events, upcoming=upcoming, now=now)


def events_of_organisation(*, organisation, upcoming: bool = True, now=None):
    """Public events the organisation (co-)organises, as `events_of_institution`."""
    events = Event.objects.public().organised_by_organisation(organisation.pk)
    return _timed(events, upcoming=upcoming, now=now)


def _timed(events: QuerySet[Event], *, upcoming: bool, now=None) -> QuerySet[Event]:
    # No related rows: the pages of institutions and organisations show the title,
    # the time and whether it is cancelled (one query; wrap in with_relations for
    # more).
    now = now or timezone.now()
    if upcoming:
        return events.upcoming(now).order_by("starts_at", "id")
    return events.past(now).order_by("-starts_at", "-id")


def events_for_feed(
    *, series=None, institution=None, organisation=None, now=None
) -> QuerySet[Event]:
    """Public events for an iCalendar feed: upcoming ones and those of the last
    FEED_PAST_DAYS days; drafts never."""
    now = now or timezone.now()
    events = Event.objects.public().filter(
        ends_at__gte=now - datetime.timedelta(days=FEED_PAST_DAYS)
    )
    if series is not None:
        events = events.filter(series=series)
    if institution is not None:
        events = events.organised_by_institution(institution.pk)
    if organisation is not None:
        events = events.organised_by_organisation(organisation.pk)
    return events.order_by("starts_at", "id")
