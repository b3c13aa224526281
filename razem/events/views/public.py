"""Public event pages: the lists, the month calendar, one event, a series, and the
iCalendar feeds. Thin adapters over selectors; drafts appear only to organisers."""

import datetime

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from razem.core.pagination import paginate
from razem.events import selectors
from razem.events.forms.public import EventFilterForm
from razem.events.ical import calendar_for
from razem.events.models import (
    Attachment,
    Event,
    FollowUpAction,
    Registration,
    StandApplication,
)
from razem.events.rules import can
from razem.institutions.models import Institution
from razem.organisations.models import Organisation

FILE_TYPES = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
    "application/vnd.oasis.opendocument.text": "ODT",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
    "application/vnd.oasis.opendocument.spreadsheet": "ODS",
}


def _listing(request, *, past: bool):
    form = EventFilterForm(request.GET)
    form.is_valid()
    events = selectors.event_list(past=past, **form.selector_kwargs())
    page_obj = paginate(request, events)
    page_obj.object_list = selectors.with_registration_states(page_obj.object_list)
    return render(
        request,
        "events/public/list.html",
        {
            "form": form,
            "page_obj": page_obj,
            "past": past,
            "can_create": can(request.user, "events.add_event"),
        },
    )


@require_GET
def event_list(request):
    return _listing(request, past=False)


@require_GET
def event_archive(request):
    return _listing(request, past=True)


@require_GET
def event_month(request, year: int | None = None, month: int | None = None):
    today = timezone.localdate()
    if year is None or month is None:
        year, month = today.year, today.month
    try:
        grid = selectors.event_month(year=year, month=month, today=today)
    except ValueError:
        raise Http404 from None
    grid.events = selectors.with_registration_states(grid.events)
    return render(
        request,
        "events/public/month.html",
        {
            "grid": grid,
            "weekdays": [
                datetime.date(2024, 1, d) for d in range(1, 8)
            ],  # 1 January 2024 was a Monday
        },
    )


def _file_type(attachment: Attachment) -> str:
    if attachment.content_type in FILE_TYPES:
        return FILE_TYPES[attachment.content_type]
    name = attachment.file.name or ""
    return name.rsplit(".", 1)[-1].upper() if "." in name else ""


def _registration_of(user, event: Event) -> Registration | None:
    if not user.is_authenticated:
        return None
    return (
        Registration.objects.filter(event=event, user=user)
        .order_by("-created_at", "-id")
        .first()
    )


@require_GET
def event_detail(request, slug):
    event = selectors.event_get_for_user(user=request.user, slug=slug)
    user = request.user
    registrations = Registration.objects.filter(event=event)
    state = selectors.registration_state(
        event,
        seats_held=registrations.seats_taken(),
        waiting=registrations.waiting().count(),
    )
    mine = _registration_of(user, event)
    can_manage = can(user, "events.manage_registrations", event)
    attachments = [
        (attachment, _file_type(attachment)) for attachment in event.attachments.all()
    ]
    context = {
        "event": event,
        "state": state,
        "my_registration": mine,
        "show_online_link": bool(event.online_url)
        and (
            can_manage
            or (mine is not None and mine.status == Registration.Status.CONFIRMED)
        ),
        "agenda": list(event.agenda_items.all()),
        "materials": [a for a in attachments if a[0].kind == Attachment.Kind.MATERIAL],
        "can_register": can(user, "events.register_event", event),
        "is_fair": event.kind == Event.Kind.FAIR,
        "can_change": can(user, "events.change_event", event),
        "can_cancel": can(user, "events.cancel_event", event),
        "can_manage": can_manage,
        "can_check_in": can(user, "events.check_in", event),
        "can_message": can(user, "events.message_participants", event),
        "can_publish_outcomes": can(user, "events.publish_outcomes", event),
        "can_decide_stands": can(user, "events.decide_stands", event),
    }
    if event.kind == Event.Kind.FAIR:
        context["exhibitors"] = list(
            StandApplication.objects.filter(
                event=event, status=StandApplication.Status.ACCEPTED
            )
            .select_related("organisation")
            .order_by("organisation__name")
        )
    if event.outcomes_published_at:
        context["outcome_files"] = [
            a for a in attachments if a[0].kind == Attachment.Kind.OUTCOME
        ]
        context["follow_up_actions"] = list(FollowUpAction.objects.filter(event=event))
    return render(request, "events/public/detail.html", context)


@require_GET
def series_detail(request, slug):
    series = selectors.series_get(slug=slug)
    now = timezone.now()
    events = selectors.with_registration_states(
        selectors.with_seat_counts(selectors.events_of_series(series=series), now),
        now,
    )
    return render(
        request,
        "events/public/series.html",
        {
            "series": series,
            "upcoming": [e for e in events if e.ends_at >= now],
            "past": [e for e in reversed(events) if e.ends_at < now],
        },
    )


# iCalendar feeds


def _ical(events, name: str, filename: str) -> HttpResponse:
    response = HttpResponse(
        calendar_for(events, name=name), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    return response


@require_GET
def feed_all(request):
    return _ical(selectors.events_for_feed(), _("Razem events"), "wydarzenia")


@require_GET
def feed_event(request, slug):
    # Feeds are fetched by calendar programs without a session: public events only.
    event = get_object_or_404(Event.objects.public(), slug=slug)
    return _ical([event], event.title, event.slug)


@require_GET
def feed_series(request, slug):
    series = selectors.series_get(slug=slug)
    return _ical(selectors.events_for_feed(series=series), series.title, series.slug)


@require_GET
def feed_institution(request, slug):
    institution = get_object_or_404(Institution, slug=slug)
    return _ical(
        selectors.events_for_feed(institution=institution),
        institution.name,
        institution.slug,
    )


@require_GET
def feed_organisation(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    return _ical(
        selectors.events_for_feed(organisation=organisation),
        organisation.name,
        organisation.slug,
    )
