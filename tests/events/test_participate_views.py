"""Participants' pages: the registration form, the personal registration page (change,
cancel, accept an offer) and "my registrations"."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from razem.core.models import AuditEntry
from razem.events.models import Registration
from razem.events.services.registration import registration_cancel, registration_create
from tests.factories import (
    EventFactory,
    MembershipFactory,
    OrganisationFactory,
    QuestionFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    """The assertions read the English wording; the interface defaults to Polish."""
    client.cookies["django_language"] = "en"


S = Registration.Status


def register_url(event):
    return reverse("events:register", kwargs={"slug": event.slug})


def page_url(registration, name="registration"):
    return reverse(f"events:{name}", kwargs={"token": registration.token})


def data(**overrides):
    values = {"name": "Anna Kowalska", "email": "anna@example.org"}
    values.update(overrides)
    return values


def register(event, n):
    return registration_create(
        event=event, actor=None, name=f"Osoba {n}", email=f"osoba{n}@example.org"
    )


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def event():
    return EventFactory()


# --- registering ---------------------------------------------------------------------


def test_anonymous_person_registers_and_lands_on_the_personal_page(
    client, event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(register_url(event), data())
    registration = Registration.objects.get(event=event)
    assert response.status_code == 302
    assert response["Location"] == page_url(registration)
    assert registration.status == S.CONFIRMED and registration.user is None
    assert [p.name for p in registration.participants.all()] == ["Anna Kowalska"]
    # The confirmation, with the event as an .ics file and the personal link.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna@example.org"]
    assert message.attachments[0][0].endswith(".ics")
    assert registration.token in message.body
    page = client.get(response["Location"])
    assert "anna@example.org" in " ".join(messages_of(page))


def test_the_form_explains_why_the_data_is_collected_and_shows_no_other_people(
    client, event
):
    register(event, 1)
    response = client.get(register_url(event))
    assert response.status_code == 200
    content = response.content.decode()
    assert event.institution.name in content  # the controller
    assert 'class="rodo-clause"' in content
    assert "osoba1@example.org" not in content and "Osoba 1" not in content
    assert 'name="organisation"' not in content
    assert 'name="participant_1_name"' not in content


def test_signed_in_person_finds_name_and_email_prefilled_and_the_account_linked(
    client, event
):
    user = UserFactory(full_name="Jan Nowak", email="jan@example.org")
    client.force_login(user)
    response = client.get(register_url(event))
    form = response.context["form"]
    assert form["name"].value() == "Jan Nowak"
    assert form["email"].value() == "jan@example.org"
    client.post(register_url(event), data(name="Jan Nowak", email="jan@example.org"))
    assert Registration.objects.get(event=event).user == user


def test_only_members_see_the_organisation_select_with_their_organisations(
    client, event
):
    member = MembershipFactory(role="member").user
    MembershipFactory(user=member, status="pending")
    client.force_login(member)
    response = client.get(register_url(event))
    choices = list(response.context["form"].fields["organisation"].queryset)
    assert len(choices) == 1
    assert 'name="organisation"' in response.content.decode()
    client.force_login(UserFactory())
    response = client.get(register_url(event))
    assert 'name="organisation"' not in response.content.decode()


def test_a_member_registers_on_behalf_of_the_organisation(client, event):
    membership = MembershipFactory(role="member")
    client.force_login(membership.user)
    client.post(register_url(event), data(organisation=membership.organisation.pk))
    registration = Registration.objects.get(event=event)
    assert registration.organisation == membership.organisation


@pytest.mark.parametrize("signed_in", [True, False])
def test_registering_for_an_organisation_one_does_not_belong_to_is_refused(
    client, event, signed_in
):
    if signed_in:
        MembershipFactory(user=UserFactory(), status="approved")
        client.force_login(UserFactory())
    other = OrganisationFactory()
    response = client.post(register_url(event), data(organisation=other.pk))
    assert response.status_code == 400
    assert response.context["form"].errors["organisation"]
    assert not Registration.objects.exists()


def test_the_per_organisation_limit_is_shown_on_the_organisation_field(client):
    event = EventFactory(per_organisation_limit=1)
    first = MembershipFactory()
    second = MembershipFactory(organisation=first.organisation, role="member")
    registration_create(
        event=event,
        actor=first.user,
        name="Pierwsza",
        email="p@example.org",
        organisation=first.organisation,
    )
    client.force_login(second.user)
    response = client.post(
        register_url(event), data(organisation=first.organisation.pk)
    )
    assert response.status_code == 409
    assert response.context["form"].errors["organisation"]
    assert Registration.objects.count() == 1


def test_group_registration_names_each_participant_and_skips_empty_rows(client):
    event = EventFactory(max_group_size=4)
    response = client.get(register_url(event))
    content = response.content.decode()
    assert 'name="participant_3_name"' in content
    assert 'name="participant_4_name"' not in content  # the registrant is row 1
    response = client.post(
        register_url(event),
        data(
            participant_1_name="Bartosz Wiśniewski",
            participant_1_email="",
            participant_2_name="",
            participant_3_name="Celina Zając",
            participant_3_email="celina@example.org",
        ),
    )
    registration = Registration.objects.get(event=event)
    assert registration.seats == 3
    assert [(p.name, p.email) for p in registration.participants.all()] == [
        ("Anna Kowalska", "anna@example.org"),
        ("Bartosz Wiśniewski", ""),
        ("Celina Zając", "celina@example.org"),
    ]


def test_a_group_row_with_an_email_but_no_name_is_refused(client):
    event = EventFactory(max_group_size=3)
    response = client.post(
        register_url(event), data(participant_2_email="ktos@example.org")
    )
    assert response.status_code == 400
    assert response.context["form"].errors["participant_2_name"]
    assert not Registration.objects.exists()


def test_group_rows_are_capped_at_twenty(client):
    event = EventFactory(max_group_size=50, capacity=100)
    form = client.get(register_url(event)).context["form"]
    assert form.group_rows == 20 and len(form.rows) == 19


def test_each_kind_of_question_is_rendered_and_its_answer_stored(client, event):
    text = QuestionFactory(event=event, kind="text", label="Dieta")
    choice = QuestionFactory(
        event=event, kind="choice", label="Warsztat", choices=["A", "B"]
    )
    yes_no = QuestionFactory(event=event, kind="yes_no", label="Nocleg?")
    consent = QuestionFactory(
        event=event,
        kind="consent",
        label="Zgoda na wizerunek",
        help_text="Administratorem danych jest Urząd Gminy.",
        required=True,
    )
    content = client.get(register_url(event)).content.decode()
    assert f'<textarea name="q_{text.pk}"' in content
    assert f'type="radio" name="q_{choice.pk}"' in content
    assert f'type="radio" name="q_{yes_no.pk}"' in content
    assert "<legend>Warsztat" in content
    assert f'type="checkbox" name="q_{consent.pk}"' in content
    assert "Administratorem danych jest Urząd Gminy." in content
    client.post(
        register_url(event),
        data(
            **{
                text.field_name: "wegańska",
                choice.field_name: "B",
                yes_no.field_name: "no",
                consent.field_name: "on",
            }
        ),
    )
    answers = Registration.objects.get(event=event).answers
    assert answers == {
        str(text.pk): "wegańska",
        str(choice.pk): "B",
        str(yes_no.pk): False,
        str(consent.pk): True,
    }


def test_a_missing_required_consent_is_refused_and_nothing_is_written(client, event):
    consent = QuestionFactory(
        event=event, kind="consent", required=True, help_text="Klauzula RODO."
    )
    response = client.post(register_url(event), data())
    assert response.status_code == 400
    errors = response.context["form"].errors[consent.field_name]
    assert errors
    content = response.content.decode()
    assert f'id="id_{consent.field_name}_error"' in content
    assert f"id_{consent.field_name}_helptext id_{consent.field_name}_error" in content
    assert not Registration.objects.exists()
    assert len(mail.outbox) == 0


@pytest.mark.parametrize(
    "kind,value", [("choice", "Z"), ("yes_no", "maybe"), ("text", "x" * 2001)]
)
def test_a_bad_answer_is_refused_on_its_question(client, event, kind, value):
    question = QuestionFactory(event=event, kind=kind, choices=["A", "B"])
    response = client.post(register_url(event), data(**{question.field_name: value}))
    assert response.status_code == 400
    assert response.context["form"].errors[question.field_name]
    assert not Registration.objects.exists()


def test_a_script_in_an_answer_is_stored_as_text_and_shown_escaped(client, event):
    question = QuestionFactory(event=event, kind="text")
    script = "<script>alert('x')</script>"
    response = client.post(
        register_url(event), data(name=script, **{question.field_name: script})
    )
    registration = Registration.objects.get(event=event)
    assert registration.answers[str(question.pk)] == script
    content = client.get(response["Location"]).content.decode()
    assert script not in content
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in content


def test_registering_twice_when_signed_in_shows_the_same_registration(client, event):
    user = UserFactory(email="jan@example.org")
    client.force_login(user)
    first = client.post(register_url(event), data(email="jan@example.org"))
    again = client.post(register_url(event), data(email="JAN@example.org"))
    registration = Registration.objects.get(event=event)
    assert again["Location"] == first["Location"] == page_url(registration)
    page = client.get(again["Location"])
    assert any("already registered" in m for m in messages_of(page))
    form_page = client.get(register_url(event))
    assert form_page.context["mine"] == registration
    assert page_url(registration) in form_page.content.decode()


def test_registering_twice_anonymously_resends_the_link_without_revealing_it(
    client, event, django_capture_on_commit_callbacks
):
    registration = register(event, 1)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(register_url(event), data(email="osoba1@example.org"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "already registered" in content
    assert registration.token not in content
    assert Registration.objects.count() == 1
    assert [m.to for m in mail.outbox] == [["osoba1@example.org"]]
    assert registration.token in mail.outbox[0].body


def test_before_registration_opens_the_page_says_when_and_shows_no_form(client):
    opens = timezone.now() + timedelta(days=2)
    event = EventFactory(registration_opens_at=opens)
    response = client.get(register_url(event))
    assert response.status_code == 200
    assert "form" not in response.context
    assert "Registration opens on" in response.context["reason"]
    response = client.post(register_url(event), data())
    assert response.status_code == 409
    assert not Registration.objects.exists()


def test_after_registration_closes_the_page_says_so(client):
    event = EventFactory(registration_closes_at=timezone.now() + timedelta(days=1))
    with freeze_time(timezone.now() + timedelta(days=2)):
        response = client.get(register_url(event))
        assert response.context["reason"] == "Registration is closed."
        assert client.post(register_url(event), data()).status_code == 409
    assert not Registration.objects.exists()


def test_a_window_that_closes_between_the_form_and_the_post_gives_a_form_error(
    client, event
):
    from unittest import mock

    with mock.patch("razem.events.views.participate._closed_reason", return_value=None):
        event.registration_closes_at = timezone.now() - timedelta(minutes=1)
        event.registration_opens_at = timezone.now() - timedelta(days=1)
        event.save()
        response = client.post(register_url(event), data())
    assert response.status_code == 409
    assert response.context["form"].non_field_errors()
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    "changes,reason",
    [
        ({"registration_enabled": False}, "does not take registrations"),
        ({"status": "cancelled"}, "has been cancelled"),
    ],
)
def test_events_without_open_registration_explain_why(client, changes, reason):
    event = EventFactory(**changes)
    response = client.get(register_url(event))
    assert response.status_code == 200
    assert reason in response.context["reason"]
    assert 'name="email"' not in response.content.decode()


def test_a_draft_is_hidden_from_outsiders_and_explained_to_its_organisers(client):
    event = EventFactory(status="draft")
    assert client.get(register_url(event)).status_code == 404
    client.force_login(UserFactory())
    assert client.get(register_url(event)).status_code == 404
    client.force_login(StaffFactory(institution=event.institution).user)
    response = client.get(register_url(event))
    assert response.status_code == 200 and "draft" in response.context["reason"]


def test_a_full_event_puts_the_next_person_on_the_waiting_list_with_position(client):
    event = EventFactory(capacity=1)
    register(event, 1)
    register(event, 2)
    content = client.get(register_url(event)).content.decode()
    assert "waiting list" in content
    response = client.post(register_url(event), data(), follow=True)
    assert Registration.objects.get(email="anna@example.org").status == S.WAITLISTED
    assert any("number 2 on the waiting" in m for m in messages_of(response))
    assert "number 2 on the waiting list" in response.content.decode()


def test_a_full_event_without_a_waiting_list_refuses(client):
    event = EventFactory(capacity=1, waiting_list_enabled=False)
    register(event, 1)
    response = client.get(register_url(event))
    assert response.context["reason"] == "All seats are taken."
    assert client.post(register_url(event), data()).status_code == 409
    assert Registration.objects.count() == 1


def test_with_organiser_approval_the_message_says_it_waits(client):
    event = EventFactory(approval="organiser")
    response = client.post(register_url(event), data(), follow=True)
    assert Registration.objects.get().status == S.PENDING
    assert any("organiser will confirm" in m for m in messages_of(response))


def test_unknown_slug_is_404(client):
    assert client.get("/wydarzenia/nie-ma/zapisy/").status_code == 404


# --- the personal page ---------------------------------------------------------------


def test_an_unknown_token_is_404(client):
    for name in ("registration", "registration_cancel"):
        url = reverse(f"events:{name}", kwargs={"token": "nie-ma-takiego"})
        assert client.get(url).status_code == 404
    url = reverse("events:offer_accept", kwargs={"token": "nie-ma-takiego"})
    assert client.post(url).status_code == 404


def test_the_personal_page_is_not_indexed_nor_leaked_to_other_sites(client, event):
    registration = register(event, 1)
    response = client.get(page_url(registration))
    assert response.status_code == 200
    assert response["Referrer-Policy"] == "same-origin"
    assert '<meta name="robots" content="noindex">' in response.content.decode()
    cancel = client.get(page_url(registration, "registration_cancel"))
    assert cancel["Referrer-Policy"] == "same-origin"


def test_the_online_link_and_check_in_code_are_shown_only_when_confirmed(client):
    event = EventFactory(
        capacity=1, format="online", online_url="https://meet.example.org/abc"
    )
    confirmed, waiting = register(event, 1), register(event, 2)
    content = client.get(page_url(confirmed)).content.decode()
    assert "https://meet.example.org/abc" in content
    assert confirmed.code in content
    content = client.get(page_url(waiting)).content.decode()
    assert "https://meet.example.org/abc" not in content
    assert waiting.code not in content
    assert "number 1 on the waiting list" in content


def test_the_confirmed_page_shows_a_qr_code_of_the_check_in_code(client, event):
    from razem.events import qr

    registration = register(event, 1)
    content = client.get(page_url(registration)).content.decode()
    assert qr.qr_svg(registration.code) in content


def test_changing_answers_and_participant_names(client):
    event = EventFactory(max_group_size=2)
    question = QuestionFactory(event=event, kind="yes_no", label="Nocleg?")
    registration = registration_create(
        event=event,
        actor=None,
        name="Anna",
        email="anna@example.org",
        answers={str(question.pk): True},
        participants=[{"name": "Anna"}, {"name": "Bartek"}],
    )
    response = client.get(page_url(registration))
    form = response.context["answers_form"]
    assert form[question.field_name].value() == "yes"
    response = client.post(
        page_url(registration),
        {
            question.field_name: "no",
            "participant_0_name": "Anna",
            "participant_1_name": "Bartosz",
        },
    )
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.answers == {str(question.pk): False}
    assert [p.name for p in registration.participants.all()] == ["Anna", "Bartosz"]
    assert AuditEntry.objects.filter(
        action="events.registration.answers_changed"
    ).exists()


def test_bad_changed_answers_are_refused_and_change_nothing(client, event):
    question = QuestionFactory(event=event, kind="choice", choices=["A", "B"])
    registration = registration_create(
        event=event,
        actor=None,
        name="Anna",
        email="anna@example.org",
        answers={str(question.pk): "A"},
    )
    response = client.post(page_url(registration), {question.field_name: "Z"})
    assert response.status_code == 400
    assert response.context["answers_form"].errors[question.field_name]
    registration.refresh_from_db()
    assert registration.answers == {str(question.pk): "A"}


def test_a_cancelled_registration_cannot_change_answers(client, event):
    question = QuestionFactory(event=event, kind="text")
    registration = register(event, 1)
    registration_cancel(registration=registration)
    response = client.get(page_url(registration))
    assert response.context["answers_form"] is None
    response = client.post(page_url(registration), {question.field_name: "nowa"})
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.answers == {str(question.pk): ""}


def test_cancelling_asks_first_then_cancels_and_twice_is_harmless(client, event):
    registration = register(event, 1)
    cancel = page_url(registration, "registration_cancel")
    response = client.get(cancel)
    assert "Are you sure?" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == S.CONFIRMED  # a GET changes nothing
    response = client.post(cancel, follow=True)
    registration.refresh_from_db()
    assert registration.status == S.CANCELLED
    assert any("has been cancelled" in m for m in messages_of(response))
    response = client.post(cancel, follow=True)
    assert response.status_code == 200
    assert any("no longer active" in m for m in messages_of(response))
    assert (
        AuditEntry.objects.filter(action="events.registration.cancelled").count() == 1
    )
    assert "Are you sure?" not in client.get(cancel).content.decode()


def test_cancelling_offers_the_seat_and_the_offer_can_be_accepted_in_time(
    client, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=1)
    first, second = register(event, 1), register(event, 2)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(page_url(first, "registration_cancel"))
    second.refresh_from_db()
    assert second.status == S.OFFERED
    assert any(second.token in m.body for m in mail.outbox)
    content = client.get(page_url(second)).content.decode()
    assert page_url(second, "offer_accept") in content
    assert "Accept the seat" in content
    response = client.post(page_url(second, "offer_accept"), follow=True)
    second.refresh_from_db()
    assert second.status == S.CONFIRMED
    assert any("The seat is yours" in m for m in messages_of(response))


def test_an_offer_accepted_after_it_expired_is_refused_and_the_page_says_expired(
    client,
):
    event = EventFactory(capacity=1)
    first, second, third = register(event, 1), register(event, 2), register(event, 3)
    registration_cancel(registration=first)
    Registration.objects.filter(pk=second.pk).update(
        offer_expires_at=timezone.now() - timedelta(minutes=1)
    )
    content = client.get(page_url(second)).content.decode()
    assert "Accept the seat" not in content
    assert "not accepted in time" in content
    response = client.post(page_url(second, "offer_accept"))
    assert response.status_code == 302 and response["Location"] == page_url(second)
    page = client.get(response["Location"])
    assert any("has expired" in m for m in messages_of(page))
    assert "not accepted in time" in page.content.decode()
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == S.EXPIRED and third.status == S.OFFERED


def test_accepting_an_offer_needs_a_post(client, event):
    registration = register(event, 1)
    assert client.get(page_url(registration, "offer_accept")).status_code == 405


# --- my registrations ----------------------------------------------------------------


def test_my_registrations_needs_signing_in(client):
    response = client.get(reverse("events:mine"))
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


def test_my_registrations_lists_only_mine_upcoming_and_past(client, event):
    user = UserFactory()
    mine = registration_create(
        event=event, actor=user, name="Ja", email="ja@example.org"
    )
    past_event = EventFactory(title="Zeszłoroczne forum")
    past = registration_create(
        event=past_event, actor=user, name="Ja", email="ja@example.org"
    )
    past_event.starts_at = timezone.now() - timedelta(days=3)
    past_event.ends_at = timezone.now() - timedelta(days=3, hours=-2)
    past_event.save()
    someone_else = register(event, 9)
    client.force_login(user)
    response = client.get(reverse("events:mine"))
    assert response.context["upcoming"] == [mine]
    assert response.context["past"] == [past]
    content = response.content.decode()
    assert page_url(mine) in content and page_url(past) in content
    assert page_url(someone_else) not in content
    assert response["Referrer-Policy"] == "same-origin"
