"""The demo events: loaded by `razem demo` from the seeds, consistent seats, and
idempotent (a second run creates nothing)."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from razem.events.demo import SERIES_SLUG, load_demo_events
from razem.events.models import (
    AgendaItem,
    Event,
    EventSeries,
    FollowUpAction,
    Participant,
    Question,
    Registration,
    StandApplication,
)
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db
S = Registration.Status
MODELS = [
    EventSeries,
    Event,
    AgendaItem,
    Question,
    Registration,
    Participant,
    StandApplication,
    FollowUpAction,
]


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture
def demo(django_capture_on_commit_callbacks):
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("demo", stdout=out)
    return out.getvalue()


def test_the_demo_loads_the_events_of_the_seeds(demo):
    assert "Demo events: 8 in 1 series" in demo
    events = Event.objects.filter(is_demo=True)
    assert events.count() == 8
    series = EventSeries.objects.get(slug=SERIES_SLUG)
    conferences = list(series.events.order_by("starts_at"))
    assert len(conferences) == 4
    assert len({c.territory.parent.parent_id for c in conferences}) == 4
    assert [c.is_past for c in conferences] == [True, True, False, False]
    assert conferences[0].outcomes_published_at is not None
    assert conferences[0].follow_up_actions.count() == 3
    assert all(event.agenda_items.exists() for event in events)


def test_the_demo_events_have_the_promised_settings(demo):
    meeting = Event.objects.get(kind=Event.Kind.OPEN_MEETING, is_demo=True)
    assert meeting.capacity == 60
    assert meeting.institution.slug == "ministerstwo-rozwoju"
    consent = meeting.questions.get(kind="consent")
    assert consent.required
    assert "Ministerstwo Rozwoju" in consent.help_text  # the controller is named

    training = Event.objects.get(kind=Event.Kind.TRAINING, is_demo=True)
    assert training.capacity == 18
    assert training.issues_certificates
    assert training.approval == Event.Approval.ORGANISER
    assert set(
        Registration.objects.filter(event=training).values_list("status", flat=True)
    ) == {S.PENDING}

    fair = Event.objects.get(kind=Event.Kind.FAIR, is_demo=True)
    stands = StandApplication.objects.filter(event=fair)
    assert stands.filter(status=StandApplication.Status.ACCEPTED).count() == 3
    assert stands.filter(status=StandApplication.Status.PENDING).count() == 2


def test_the_full_seminar_has_a_waiting_list_and_seats_are_consistent(demo):
    seminar = Event.objects.get(kind=Event.Kind.SEMINAR, is_demo=True)
    registrations = Registration.objects.filter(event=seminar)
    assert registrations.seats_taken() == seminar.capacity
    assert registrations.waiting().count() == 2
    for event in Event.objects.filter(is_demo=True, capacity__isnull=False):
        taken = Registration.objects.filter(event=event).seats_taken()
        assert taken <= event.public_capacity, event.slug


def test_the_demo_sends_no_mail(demo):
    assert mail.outbox == []


def test_running_the_demo_events_again_creates_nothing(demo):
    first = counts()
    states = dict(Registration.objects.values_list("email", "status").distinct())

    summary = load_demo_events()

    assert counts() == first
    assert summary.registrations == 0 and summary.stands == 0
    assert dict(Registration.objects.values_list("email", "status").distinct()) == (
        states
    )


def test_a_real_event_with_a_demo_slug_is_left_alone(db):
    real = EventFactory(slug="seminarium-idea-partnerstwa-lokalnego-gostyn")

    summary = load_demo_events()

    real.refresh_from_db()
    assert not real.is_demo
    assert real.slug in summary.skipped
