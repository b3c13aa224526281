"""The registration services: seats, waiting list, offers, approval, cancellation."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from razem.core.models import AuditEntry
from razem.events.exceptions import EventError
from razem.events.models import Event, Registration
from razem.events.services.registration import (
    event_capacity_update,
    expire_offers_everywhere,
    offer_accept,
    registration_cancel,
    registration_create,
    registration_decide,
    registration_update_answers,
    waiting_list_process,
)
from tests.factories import (
    EventFactory,
    MembershipFactory,
    OrganisationFactory,
    QuestionFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db(transaction=False)
S = Registration.Status


def register(event, n, **kwargs):
    return registration_create(
        event=event,
        actor=None,
        name=f"Osoba {n}",
        email=f"osoba{n}@example.org",
        **kwargs,
    )


@pytest.fixture
def event():
    return EventFactory(capacity=2)


def test_registrations_fill_the_seats_then_the_waiting_list_in_order(
    event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        statuses = [register(event, n).status for n in range(4)]
    assert statuses == [S.CONFIRMED, S.CONFIRMED, S.WAITLISTED, S.WAITLISTED]
    waiting = list(Registration.objects.filter(event=event).waiting())
    assert [r.email for r in waiting] == ["osoba2@example.org", "osoba3@example.org"]
    # Only confirmations carry the .ics file; everyone got one mail.
    assert len(mail.outbox) == 4
    assert sum(bool(m.attachments) for m in mail.outbox) == 2
    confirmation = mail.outbox[0]
    assert confirmation.attachments[0][0].endswith(".ics")
    assert "BEGIN:VEVENT" in confirmation.attachments[0][1]
    assert AuditEntry.objects.filter(action="events.registration.created").count() == 4


def test_registering_twice_with_the_same_email_is_idempotent(event):
    first = register(event, 1)
    again = registration_create(
        event=event, actor=None, name="Ktoś", email="OSOBA1@example.org "
    )
    assert again.pk == first.pk and again.is_new is False
    assert Registration.objects.filter(event=event).count() == 1


def test_cancelling_frees_the_seat_and_offers_it_to_the_first_waiting(event):
    first, _, third, fourth = (register(event, n) for n in range(4))
    registration_cancel(registration=first)
    third.refresh_from_db()
    fourth.refresh_from_db()
    assert third.status == S.OFFERED and third.offer_expires_at > timezone.now()
    assert fourth.status == S.WAITLISTED


def test_cancelling_twice_changes_nothing(event):
    first, _, third = (register(event, n) for n in range(3))
    registration_cancel(registration=first)
    registration_cancel(registration=first)
    assert (
        AuditEntry.objects.filter(action="events.registration.cancelled").count() == 1
    )
    assert Registration.objects.filter(status=S.OFFERED).count() == 1


def test_freeing_three_seats_offers_exactly_three_places():
    event = EventFactory(capacity=5)
    regs = [register(event, n) for n in range(10)]
    for registration in regs[:3]:
        registration_cancel(registration=registration)
    statuses = [r.status for r in Registration.objects.filter(event=event)]
    assert statuses.count(S.OFFERED) == 3
    offered = Registration.objects.filter(event=event, status=S.OFFERED)
    assert sorted(r.email for r in offered) == [
        f"osoba{n}@example.org" for n in (5, 6, 7)
    ]


def test_newcomers_queue_behind_people_already_waiting(event):
    regs = [register(event, n) for n in range(3)]
    registration_cancel(registration=regs[0])  # offers the seat to n=2
    late = register(event, 9)
    assert late.status == S.WAITLISTED


def test_accepting_an_offer_confirms_the_seat(event):
    regs = [register(event, n) for n in range(3)]
    registration_cancel(registration=regs[0])
    accepted = offer_accept(registration=regs[2])
    assert accepted.status == S.CONFIRMED
    assert offer_accept(registration=regs[2]).status == S.CONFIRMED  # idempotent


def test_an_offer_accepted_after_it_expired_is_refused_and_passes_on(event):
    regs = [register(event, n) for n in range(4)]
    registration_cancel(registration=regs[0])
    later = timezone.now() + timedelta(hours=event.offer_hours + 1)
    with pytest.raises(EventError) as error:
        offer_accept(registration=regs[2], now=later)
    assert error.value.code == "offer_expired"
    regs[2].refresh_from_db()
    regs[3].refresh_from_db()
    assert regs[2].status == S.EXPIRED
    assert regs[3].status == S.OFFERED


def test_the_periodic_job_expires_offers_and_offers_the_next(event):
    regs = [register(event, n) for n in range(4)]
    registration_cancel(registration=regs[0])
    assert expire_offers_everywhere() == 0
    later = timezone.now() + timedelta(hours=event.offer_hours + 1)
    assert expire_offers_everywhere(now=later) == 1
    regs[3].refresh_from_db()
    assert regs[3].status == S.OFFERED


def test_offers_never_run_past_the_start_of_the_event():
    event = EventFactory(
        capacity=1, starts_at=timezone.now() + timedelta(hours=5), offer_hours=48
    )
    regs = [register(event, n) for n in range(2)]
    registration_cancel(registration=regs[0])
    regs[1].refresh_from_db()
    assert regs[1].offer_expires_at == event.starts_at


def test_registration_before_opening_or_after_closing_is_refused():
    now = timezone.now()
    early = EventFactory(registration_opens_at=now + timedelta(days=1))
    late = EventFactory(
        registration_closes_at=now - timedelta(minutes=1),
        registration_opens_at=now - timedelta(days=3),
    )
    draft = EventFactory(status=Event.Status.DRAFT)
    for event in (early, late, draft):
        with pytest.raises(EventError) as error:
            register(event, 1)
        assert error.value.code == "registration_closed"
    assert not Registration.objects.exists()


def test_a_full_event_without_a_waiting_list_refuses():
    event = EventFactory(capacity=1, waiting_list_enabled=False)
    register(event, 1)
    with pytest.raises(EventError) as error:
        register(event, 2)
    assert error.value.code == "full"


def test_reserved_seats_are_not_open_to_registration():
    event = EventFactory(capacity=3, reserved_seats=2)
    assert [register(event, n).status for n in range(2)] == [S.CONFIRMED, S.WAITLISTED]


def test_unlimited_events_confirm_everyone():
    event = EventFactory(capacity=None)
    assert {register(event, n).status for n in range(20)} == {S.CONFIRMED}


def test_approval_mode_holds_the_seat_until_the_organiser_decides():
    event = EventFactory(capacity=1, approval=Event.Approval.ORGANISER)
    staff = StaffFactory(institution=event.institution).user
    first = register(event, 1)
    second = register(event, 2)
    assert (first.status, second.status) == (S.PENDING, S.WAITLISTED)
    declined = registration_decide(registration=first, actor=staff, approve=False)
    assert declined.status == S.DECLINED
    second.refresh_from_db()
    assert second.status == S.OFFERED
    accepted = offer_accept(registration=second)
    assert accepted.status == S.PENDING
    approved = registration_decide(registration=second, actor=staff, approve=True)
    assert approved.status == S.CONFIRMED


def test_only_organisers_decide_registrations(user):
    event = EventFactory(approval=Event.Approval.ORGANISER)
    pending = register(event, 1)
    other_staff = StaffFactory().user
    for actor in (None, user, other_staff):
        with pytest.raises(EventError) as error:
            registration_decide(registration=pending, actor=actor, approve=True)
        assert error.value.status_code == 403
    pending.refresh_from_db()
    assert pending.status == S.PENDING


def test_group_registration_takes_a_seat_per_participant():
    event = EventFactory(capacity=3, max_group_size=3)
    group = register(
        event,
        1,
        participants=[{"name": "Anna Nowak"}, {"name": "Jan Kowalski"}],
    )
    assert group.seats == 2
    assert [p.name for p in group.participants.all()] == ["Anna Nowak", "Jan Kowalski"]
    too_big = register(event, 2, participants=[{"name": "A B"}, {"name": "C D"}])
    assert too_big.status == S.WAITLISTED


def test_a_group_larger_than_allowed_is_refused():
    event = EventFactory(max_group_size=2)
    with pytest.raises(EventError) as error:
        register(event, 1, participants=[{"name": f"P {i}"} for i in range(3)])
    assert error.value.field == "participants"
    assert not Registration.objects.exists()


def test_a_group_does_not_get_overtaken_by_smaller_registrations():
    event = EventFactory(capacity=2, max_group_size=3)
    first = register(event, 1)
    register(event, 2)
    group = register(event, 3, participants=[{"name": f"P {i}"} for i in range(2)])
    single = register(event, 4)
    registration_cancel(registration=first)  # one seat free; the group needs two
    group.refresh_from_db()
    single.refresh_from_db()
    assert (group.status, single.status) == (S.WAITLISTED, S.WAITLISTED)


def test_registering_on_behalf_of_an_organisation_needs_membership(user):
    event = EventFactory(per_organisation_limit=2, max_group_size=2)
    organisation = OrganisationFactory()
    with pytest.raises(EventError) as error:
        registration_create(
            event=event,
            actor=user,
            name="Jan Kowalski",
            email=user.email,
            organisation=organisation,
        )
    assert error.value.status_code == 403
    MembershipFactory(organisation=organisation, user=user, status="approved")
    registration = registration_create(
        event=event,
        actor=user,
        name="Jan Kowalski",
        email=user.email,
        organisation=organisation,
        participants=[{"name": "Jan Kowalski"}, {"name": "Ewa Nowak"}],
    )
    assert registration.organisation == organisation and registration.user == user


def test_the_per_organisation_limit_is_enforced(user):
    event = EventFactory(per_organisation_limit=1)
    organisation = OrganisationFactory()
    other = MembershipFactory(organisation=organisation, status="approved").user
    MembershipFactory(organisation=organisation, user=user, status="approved")
    registration_create(
        event=event, actor=user, name="A B", email=user.email, organisation=organisation
    )
    with pytest.raises(EventError) as error:
        registration_create(
            event=event,
            actor=other,
            name="C D",
            email=other.email,
            organisation=organisation,
        )
    assert error.value.code == "organisation_limit"


def test_answers_are_checked_against_the_questions():
    event = EventFactory()
    text = QuestionFactory(event=event, kind="text", required=True)
    choice = QuestionFactory(event=event, kind="choice", choices=["wege", "mięsne"])
    consent = QuestionFactory(event=event, kind="consent", required=True)
    bad = [
        {},
        {str(text.pk): "x" * 2001, str(consent.pk): True},
        {str(text.pk): "ok", str(choice.pk): "ryba", str(consent.pk): True},
        {str(text.pk): "ok"},
    ]
    for answers in bad:
        with pytest.raises(EventError):
            register(event, 1, answers=answers)
    assert not Registration.objects.exists()
    good = register(
        event,
        1,
        answers={
            str(text.pk): "<b>ok</b>",
            str(choice.pk): "wege",
            str(consent.pk): "on",
        },
    )
    assert good.answers == {
        str(text.pk): "<b>ok</b>",
        str(choice.pk): "wege",
        str(consent.pk): True,
    }


def test_answers_can_be_changed_while_the_registration_is_active():
    event = EventFactory()
    question = QuestionFactory(event=event, kind="text")
    registration = register(event, 1, answers={str(question.pk): "a"})
    registration_update_answers(
        registration=registration,
        answers={str(question.pk): "b"},
        participant_names=["Nowe Nazwisko"],
    )
    registration.refresh_from_db()
    assert registration.answers == {str(question.pk): "b"}
    assert registration.participants.get().name == "Nowe Nazwisko"
    registration_cancel(registration=registration)
    with pytest.raises(EventError):
        registration_update_answers(
            registration=registration, answers={str(question.pk): "c"}
        )


def test_bad_names_and_emails_are_refused():
    event = EventFactory()
    for name, email, field in [
        ("", "a@example.org", "name"),
        ("x" * 151, "a@example.org", "name"),
        ("Jan", "not-an-email", "email"),
    ]:
        with pytest.raises(EventError) as error:
            registration_create(event=event, actor=None, name=name, email=email)
        assert error.value.field == field
    assert not Registration.objects.exists()


def test_lowering_the_capacity_below_the_taken_seats_is_refused():
    event = EventFactory(capacity=5)
    staff = StaffFactory(institution=event.institution).user
    for n in range(4):
        register(event, n)
    with pytest.raises(EventError) as error:
        event_capacity_update(event=event, actor=staff, capacity=3)
    assert error.value.code == "below_taken"
    with pytest.raises(EventError):
        event_capacity_update(event=event, actor=staff, capacity=5, reserved_seats=2)
    event.refresh_from_db()
    assert (event.capacity, event.reserved_seats) == (5, 0)
    event_capacity_update(event=event, actor=staff, capacity=4)
    event.refresh_from_db()
    assert event.capacity == 4


def test_raising_the_capacity_offers_the_new_seats():
    event = EventFactory(capacity=1)
    staff = StaffFactory(institution=event.institution).user
    regs = [register(event, n) for n in range(4)]
    event_capacity_update(event=event, actor=staff, capacity=3)
    statuses = [Registration.objects.get(pk=r.pk).status for r in regs]
    assert statuses == [S.CONFIRMED, S.OFFERED, S.OFFERED, S.WAITLISTED]


def test_only_organisers_change_the_capacity(user):
    event = EventFactory(capacity=5)
    with pytest.raises(EventError) as error:
        event_capacity_update(event=event, actor=user, capacity=50)
    assert error.value.status_code == 403


def test_processing_the_waiting_list_is_idempotent(event):
    regs = [register(event, n) for n in range(4)]
    registration_cancel(registration=regs[0])
    assert waiting_list_process(event=event) == []
    assert Registration.objects.filter(status=S.OFFERED).count() == 1
