"""The periodic job: waiting-list offers passed on, reminders sent once."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from razem.events.models import Registration
from razem.events.services.registration import registration_cancel, registration_create
from razem.events.services.reminders import reminders_send
from razem.events.tasks import events_tick
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db
S = Registration.Status


def register(event, n):
    return registration_create(
        event=event, actor=None, name=f"Osoba {n}", email=f"osoba{n}@example.org"
    )


@pytest.fixture
def soon():
    """An event starting in 12 hours (within the reminder window)."""
    starts = timezone.now() + timedelta(hours=12)
    return EventFactory(
        capacity=1,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        online_url="https://meet.example.org/x",
    )


def test_reminders_go_once_to_confirmed_participants_of_events_starting_soon(
    soon, django_capture_on_commit_callbacks
):
    confirmed, waiting = register(soon, 1), register(soon, 2)
    later = register(EventFactory(), 3)  # in 30 days
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send() == 1
        assert reminders_send() == 0
    assert [m.to for m in mail.outbox] == [["osoba1@example.org"]]
    body = mail.outbox[0].body
    assert confirmed.token in body and confirmed.code in body
    assert "https://meet.example.org/x" in body
    confirmed.refresh_from_db()
    waiting.refresh_from_db()
    later.refresh_from_db()
    assert confirmed.reminder_sent_at is not None
    assert waiting.reminder_sent_at is None and later.reminder_sent_at is None


def test_no_reminders_for_cancelled_registrations_or_events(soon):
    registration = register(soon, 1)
    registration_cancel(registration=registration)
    cancelled_event = EventFactory(
        status="cancelled",
        starts_at=soon.starts_at,
        ends_at=soon.ends_at,
    )
    Registration.objects.create(
        event=cancelled_event,
        name="Ktoś",
        email="ktos@example.org",
        status=S.CONFIRMED,
    )
    assert reminders_send() == 0


def test_the_reminder_window_follows_the_setting(settings):
    starts = timezone.now() + timedelta(hours=40)
    event = EventFactory(starts_at=starts, ends_at=starts + timedelta(hours=1))
    register(event, 1)
    assert reminders_send() == 0
    settings.RAZEM_EVENT_REMINDER_HOURS = 48
    assert reminders_send() == 1


def test_events_tick_passes_expired_offers_on_and_sends_reminders(
    soon, django_capture_on_commit_callbacks
):
    first, second, third = register(soon, 1), register(soon, 2), register(soon, 3)
    registration_cancel(registration=first)
    Registration.objects.filter(pk=second.pk).update(
        offer_expires_at=timezone.now() - timedelta(minutes=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        result = events_tick.delay().get()
    assert result == {"offers_events": 1, "reminders_sent": 0}
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == S.EXPIRED and third.status == S.OFFERED
    assert events_tick.name == "razem.events.tasks.events_tick"


def test_the_management_command_reports_what_it_did(soon):
    register(soon, 1)
    out = StringIO()
    call_command("events_tick", stdout=out)
    assert "reminders sent: 1" in out.getvalue()
    out = StringIO()
    call_command("events_tick", stdout=out)
    assert "reminders sent: 0" in out.getvalue()
