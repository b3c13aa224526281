"""Printable PDFs of an event: the attendance list and attendance certificates.

Rendered from HTML templates (events/pdf/) with WeasyPrint, in the active language
(Polish by default). Fonts: DejaVu Sans, which has every Polish letter, with the
system sans-serif as a fallback.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from razem.events.models import Event
from razem.events.services.attendance import attendance_participants


def _pdf(html: str) -> bytes:
    import weasyprint  # heavy: loaded only when a PDF is made

    base_url = getattr(settings, "RAZEM_BASE_URL", "") or None
    return weasyprint.HTML(
        string=html, base_url=base_url, url_fetcher=_no_fetch
    ).write_pdf()


def _no_fetch(url: str, *args, **kwargs):
    """The templates load nothing: refuse every URL, so the server never fetches
    anything while rendering (a link typed by someone stays text)."""
    raise ValueError(f"PDF rendering fetches no URLs: {url}")


def _organisers(event: Event) -> list[str]:
    names = [event.institution.name] if event.institution_id else []
    names += [o.name for o in event.organisations.order_by("name")]
    return names


def _place(event: Event) -> str:
    """Where a certificate is issued: the event's gmina, else the organising
    institution's, else nothing (online events of national bodies)."""
    if event.territory_id:
        return event.territory.name
    if event.institution_id and event.institution.territory_id:
        return event.institution.territory.name
    return ""


def _context(event: Event) -> dict:
    return {
        "event": event,
        "organisers": _organisers(event),
        "same_day": timezone.localtime(event.starts_at).date()
        == timezone.localtime(event.ends_at).date(),
    }


def attendance_list_html(event: Event) -> str:
    """The attendance list: every participant of a confirmed registration, by
    surname, with a column to sign and the check-in time if they were checked in."""
    participants = attendance_participants(event)
    context = _context(event) | {
        "participants": participants,
        "checked_in": sum(1 for p in participants if p.checked_in_at),
        "printed_at": timezone.now(),
    }
    return render_to_string("events/pdf/attendance_list.html", context)


def attendance_list_pdf(event: Event) -> bytes:
    return _pdf(attendance_list_html(event))


def certificate_participants(event: Event) -> list:
    """Who gets a certificate: participants of confirmed registrations who were
    checked in."""
    return [p for p in attendance_participants(event) if p.checked_in_at]


def certificates_html(event: Event) -> str:
    """One certificate page per checked-in participant. Only for an event that
    issues certificates (ValueError otherwise; the view answers 404 before).

    A certificate names the person and nothing else about them."""
    if not event.issues_certificates:
        raise ValueError("this event issues no certificates")
    context = _context(event) | {
        "participants": certificate_participants(event),
        "place": _place(event),
        "issued_on": timezone.localdate(),
    }
    return render_to_string("events/pdf/certificates.html", context)


def certificates_pdf(event: Event) -> bytes:
    return _pdf(certificates_html(event))
