"""Reminders before an event, and the personal link sent again on request."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from razem.core.mail import absolute_url, schedule_mail
from razem.events.models import Event, Registration


def _context(registration: Registration) -> dict:
    event = registration.event
    return {
        "registration": registration,
        "event": event,
        "link": absolute_url(registration.get_absolute_url()),
        "event_link": absolute_url(event.get_absolute_url()),
    }


def reminders_send(*, now=None) -> int:
    """E-mail every confirmed participant of a published event that starts within
    the next RAZEM_EVENT_REMINDER_HOURS hours (24 by default); returns how many.

    Idempotent, also when two workers run at once: each registration is claimed by a
    conditional update of `reminder_sent_at` before its mail is scheduled, so nobody
    is reminded twice.
    """
    now = now or timezone.now()
    hours = getattr(settings, "RAZEM_EVENT_REMINDER_HOURS", 24)
    due = (
        Registration.objects.filter(
            status=Registration.Status.CONFIRMED,
            reminder_sent_at__isnull=True,
            event__status=Event.Status.PUBLISHED,
            event__starts_at__gt=now,
            event__starts_at__lte=now + datetime.timedelta(hours=hours),
        )
        .select_related("event")
        .order_by("event_id", "id")
    )
    sent = 0
    for registration in due:
        with transaction.atomic():
            claimed = Registration.objects.filter(
                pk=registration.pk, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=now)
            if not claimed:
                continue
            schedule_mail(
                to=[registration.email],
                template="events/mail/reminder",
                context=_context(registration),
            )
            sent += 1
    return sent


def registration_link_send(*, registration: Registration) -> None:
    """Send the personal link of an existing registration to its own e-mail address
    (someone registered again with that address). Changes nothing; the link goes only
    to the address, never to the person who filled in the form."""
    schedule_mail(
        to=[registration.email],
        template="events/mail/reminder_link",
        context=_context(registration),
    )
