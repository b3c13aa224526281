"""iCalendar (RFC 5545) for events: the .ics sent with a confirmation and the feeds."""

from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

from razem.core.mail import absolute_url
from razem.events.models import Event


def _location(event: Event) -> str:
    parts = [event.venue_name, event.venue_room, event.venue_address]
    if event.format == Event.Format.ONLINE:
        parts.append("online")
    return ", ".join(p for p in parts if p)


def calendar_for(events: Iterable[Event], name: str = "Razem") -> bytes:
    """A VCALENDAR with one VEVENT per event; cancelled events say so (STATUS)."""
    calendar = Calendar()
    calendar.add("prodid", "-//Razem//razem//PL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Warsaw")
    host = getattr(settings, "RAZEM_BASE_URL", "") or "razem.local"
    host = host.split("//")[-1].strip("/") or "razem.local"
    for event in events:
        entry = VEvent()
        entry.add("uid", f"event-{event.pk}@{host}")
        entry.add("dtstamp", timezone.now())
        entry.add("last-modified", event.updated_at)
        entry.add("dtstart", event.starts_at)
        entry.add("dtend", event.ends_at)
        entry.add("summary", event.title)
        entry.add("description", event.summary or event.description[:1000])
        entry.add("url", absolute_url(event.get_absolute_url()))
        location = _location(event)
        if location:
            entry.add("location", location)
        if event.lat is not None and event.lon is not None:
            entry.add("geo", (event.lat, event.lon))
        entry.add(
            "status",
            "CANCELLED" if event.status == Event.Status.CANCELLED else "CONFIRMED",
        )
        calendar.add_component(entry)
    return calendar.to_ical()
