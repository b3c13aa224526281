"""/api/v1/events: public reads, registering, the personal link, organisers' lists,
who may and who may not, and bad input that changes nothing."""

import json
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone, translation

from razem.accounts.tokens import api_token_create
from razem.events.models import (
    AgendaItem,
    Attachment,
    Event,
    FollowUpAction,
    Participant,
    Registration,
    StandApplication,
)
from razem.events.services.registration import registration_create
from tests.factories import (
    AreaFactory,
    EventFactory,
    GminaFactory,
    MembershipFactory,
    OrganisationFactory,
    PowiatFactory,
    QuestionFactory,
    StaffFactory,
    UserFactory,
    VoivodeshipFactory,
)

pytestmark = pytest.mark.django_db

BASE = "/api/v1/events"
S = Registration.Status


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def client_for(user=None, **kwargs) -> Client:
    client = Client(**kwargs)
    if user is not None:
        client.force_login(user)
    return client


def call(user, method, path, data=None, **kwargs):
    body = json.dumps(data) if data is not None else None
    if method == "get":
        return client_for(user).get(path, data, **kwargs)
    return getattr(client_for(user), method)(
        path, body, content_type="application/json", **kwargs
    )


def assert_error(response, status, code=None, field=None):
    assert response.status_code == status, response.content
    error = response.json()["error"]
    assert set(error) == {"code", "message", "fields"}
    assert error["message"]
    if code:
        assert error["code"] == code, error
    if field:
        assert field in error["fields"], error


def register(event, n, **kwargs):
    return registration_create(
        event=event,
        actor=kwargs.pop("actor", None),
        name=f"Osoba {n}",
        email=f"osoba{n}@example.org",
        **kwargs,
    )


@pytest.fixture
def event(institution):
    return EventFactory(
        institution=institution,
        capacity=3,
        territory=GminaFactory(),
        online_url="https://meet.example.org/spotkanie",
        contact_name="Anna Nowak",
        contact_email="anna.nowak@example.gov.pl",
        step_free_access=True,
    )


@pytest.fixture
def draft(institution):
    return EventFactory(institution=institution, status=Event.Status.DRAFT)


@pytest.fixture
def people(institution):
    """Everyone who does not organise events of `institution`."""
    return {
        "anonymous": None,
        "resident": UserFactory(),
        "other_staff": StaffFactory().user,
        "other_org": MembershipFactory().user,
    }


# --- the list ------------------------------------------------------------------------


def test_the_list_shows_public_events_with_their_seats_and_never_drafts(event, draft):
    cancelled = EventFactory(status=Event.Status.CANCELLED)
    register(event, 1)
    register(event, 2)

    response = call(None, "get", BASE)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    items = {item["slug"]: item for item in body["items"]}
    assert set(items) == {event.slug, cancelled.slug}
    item = items[event.slug]
    assert item["registration"] == {
        "state": "open",
        "enabled": True,
        "opens_at": None,
        "closes_at": item["registration"]["closes_at"],
        "capacity": 3,
        "seats_left": 1,
        "waiting": 0,
    }
    assert item["venue"] == {
        "name": event.venue_name,
        "address": event.venue_address,
        "room": "",
    }
    assert item["territory"]["code"] == "3004023"
    assert item["organisers"]["institution"]["slug"] == event.institution.slug
    assert item["url"] == event.get_absolute_url()
    assert items[cancelled.slug]["registration"]["state"] == "cancelled"


def test_the_list_reports_the_waiting_list_and_unlimited_events(event):
    unlimited = EventFactory(capacity=None)
    for n in range(5):
        register(event, n)

    items = {i["slug"]: i for i in call(None, "get", BASE).json()["items"]}

    assert items[event.slug]["registration"]["state"] == "full_waiting"
    assert items[event.slug]["registration"]["seats_left"] == 0
    assert items[event.slug]["registration"]["waiting"] == 2
    assert items[unlimited.slug]["registration"]["seats_left"] is None
    assert items[unlimited.slug]["registration"]["capacity"] is None


def test_the_list_paginates(db):
    for _ in range(3):
        EventFactory()

    body = call(None, "get", BASE, {"limit": 2, "offset": 2}).json()

    assert body["count"] == 3
    assert len(body["items"]) == 1


def test_the_list_filters_combine(event):
    area = AreaFactory()
    event.areas.add(area)
    organisation = OrganisationFactory()
    by_ngo = EventFactory(
        kind=Event.Kind.TRAINING,
        institution=None,
        territory=GminaFactory(
            code="1661011",
            name="Opole",
            parent=PowiatFactory(
                code="1661",
                name="Opole",
                parent=VoivodeshipFactory(code="16", name="opolskie"),
            ),
        ),
    )
    by_ngo.organisations.add(organisation)
    past = EventFactory(
        institution=event.institution,
        starts_at=timezone.now() - timedelta(days=10),
        ends_at=timezone.now() - timedelta(days=10, hours=-2),
    )

    def slugs(**params):
        response = call(None, "get", BASE, params)
        assert response.status_code == 200, response.content
        return {item["slug"] for item in response.json()["items"]}

    assert slugs() == {event.slug, by_ngo.slug}
    assert slugs(past="true") == {past.slug}
    assert slugs(kind="training") == {by_ngo.slug}
    assert slugs(territory="30") == {event.slug}
    assert slugs(territory="1661011") == {by_ngo.slug}
    assert slugs(area=area.code) == {event.slug}
    assert slugs(institution=event.institution.slug) == {event.slug}
    assert slugs(institution=event.institution.slug, past="true") == {past.slug}
    assert slugs(organisation=organisation.slug) == {by_ngo.slug}
    day = timezone.localdate(event.starts_at)
    assert event.slug in slugs(date_from=day.isoformat(), date_to=day.isoformat())
    assert (
        slugs(date_to=(timezone.localdate() + timedelta(days=1)).isoformat()) == set()
    )


@pytest.mark.parametrize(
    ("params", "status", "field"),
    [
        ({"area": "no-such-area"}, 400, "area"),
        ({"territory": "99"}, 400, "territory"),
        ({"institution": "no-such"}, 400, "institution"),
        ({"organisation": "no-such"}, 400, "organisation"),
        ({"kind": "party"}, 422, "kind"),
        ({"date_from": "yesterday"}, 422, "date_from"),
        ({"date_from": "2026-05-02", "date_to": "2026-05-01"}, 400, "date_to"),
        ({"limit": 500}, 422, "limit"),
    ],
)
def test_bad_list_filters_name_the_field(db, params, status, field):
    assert_error(call(None, "get", BASE, params), status, field=field)


def test_the_list_takes_a_fixed_number_of_queries(event, django_assert_max_num_queries):
    for _ in range(5):
        other = EventFactory()
        other.areas.add(AreaFactory())
        other.organisations.add(OrganisationFactory())
    with django_assert_max_num_queries(6):
        assert call(None, "get", BASE).status_code == 200


# --- one event -----------------------------------------------------------------------


def test_the_detail_shows_agenda_attachments_accessibility_contact_and_questions(
    event,
):
    AgendaItem.objects.create(event=event, title="Otwarcie", speakers="Dyrektor")
    Attachment.objects.create(
        event=event,
        title="Program",
        file=SimpleUploadedFile("program.pdf", b"%PDF-1.4 program"),
        size=16,
        content_type="application/pdf",
    )
    Attachment.objects.create(
        event=event,
        title="Protokół",
        kind=Attachment.Kind.OUTCOME,
        file=SimpleUploadedFile("protokol.pdf", b"%PDF-1.4"),
        size=8,
    )
    consent = QuestionFactory(event=event, kind="consent", required=True)

    response = call(None, "get", f"{BASE}/{event.slug}")

    assert response.status_code == 200
    body = response.json()
    assert [a["title"] for a in body["agenda"]] == ["Otwarcie"]
    # Outcome files appear with the published outcomes, not before.
    assert [(a["title"], a["size"]) for a in body["attachments"]] == [("Program", 16)]
    assert body["attachments"][0]["url"].endswith(".pdf")
    assert body["accessibility"]["step_free_access"] is True
    assert body["contact"]["email"] == "anna.nowak@example.gov.pl"
    assert body["rules"]["questions"][0]["id"] == consent.pk
    assert body["rules"]["questions"][0]["required"] is True
    assert body["outcomes"] is None
    assert body["exhibitors"] == []
    assert body["online_url"] is None


def test_published_outcomes_come_with_their_files_and_follow_up_actions(event):
    event.minutes = "Protokół spotkania."
    event.conclusions = "Wnioski."
    event.recommendations = "Rekomendacje."
    event.outcomes_published_at = timezone.now()
    event.save()
    FollowUpAction.objects.create(event=event, title="Przygotować ankietę")
    Attachment.objects.create(
        event=event,
        title="Protokół",
        kind=Attachment.Kind.OUTCOME,
        file=SimpleUploadedFile("protokol.pdf", b"%PDF-1.4"),
        size=8,
    )

    body = call(None, "get", f"{BASE}/{event.slug}").json()

    assert body["outcomes"]["conclusions"] == "Wnioski."
    assert body["outcomes"]["follow_up_actions"][0]["title"] == "Przygotować ankietę"
    assert [a["kind"] for a in body["attachments"]] == ["outcome"]


def test_a_fair_lists_only_accepted_stands(institution):
    fair = EventFactory(institution=institution, kind=Event.Kind.FAIR)
    accepted, pending = OrganisationFactory(), OrganisationFactory()
    StandApplication.objects.create(
        event=fair,
        organisation=accepted,
        presentation="Wystawa prac",
        status=StandApplication.Status.ACCEPTED,
    )
    StandApplication.objects.create(
        event=fair, organisation=pending, presentation="Warsztaty"
    )

    body = call(None, "get", f"{BASE}/{fair.slug}").json()

    assert body["exhibitors"] == [
        {
            "organisation": {"slug": accepted.slug, "name": accepted.name},
            "presentation": "Wystawa prac",
        }
    ]


@pytest.mark.parametrize("who", ["anonymous", "resident", "other_staff", "other_org"])
def test_a_draft_is_not_found_except_by_its_organisers(draft, people, who):
    assert_error(call(people[who], "get", f"{BASE}/{draft.slug}"), 404, "not_found")


def test_organisers_and_administrators_see_a_draft(draft, staff, admin_user):
    assert call(staff, "get", f"{BASE}/{draft.slug}").status_code == 200
    assert call(admin_user, "get", f"{BASE}/{draft.slug}").status_code == 200


def test_an_unknown_event_is_a_404(db):
    assert_error(call(None, "get", f"{BASE}/no-such-event"), 404, "not_found")


def test_the_online_link_is_for_organisers_and_confirmed_registrants(
    event, staff, people
):
    confirmed, waiting = UserFactory(), UserFactory()
    register(event, 1, actor=confirmed)
    register(event, 2)
    register(event, 3)
    register(event, 4, actor=waiting)
    assert Registration.objects.get(user=waiting).status == S.WAITLISTED

    def link(user):
        return call(user, "get", f"{BASE}/{event.slug}").json()["online_url"]

    assert link(staff) == event.online_url
    assert link(confirmed) == event.online_url
    for user in [waiting, *people.values()]:
        assert link(user) is None


def test_a_token_user_sees_the_online_link_of_a_confirmed_registration(event):
    user = UserFactory()
    register(event, 1, actor=user)
    _, raw = api_token_create(user=user, name="script")

    response = Client().get(
        f"{BASE}/{event.slug}", headers={"Authorization": f"Token {raw}"}
    )

    assert response.json()["online_url"] == event.online_url


def test_a_bad_token_is_refused_not_ignored(event):
    response = Client().get(
        f"{BASE}/{event.slug}", headers={"Authorization": "Token rzm_0_made_up"}
    )

    assert_error(response, 401, "unauthorised")


# --- registering ---------------------------------------------------------------------


def test_anyone_registers_without_an_account(event):
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        f"{BASE}/{event.slug}/registrations",
        json.dumps({"name": "Jan Kowalski", "email": "Jan@Example.org"}),
        content_type="application/json",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    registration = Registration.objects.get()
    assert body == {
        "token": registration.token,
        "status": "confirmed",
        "seats": 1,
        "position": None,
        "personal_url": "http://testserver" + registration.get_absolute_url(),
        "is_new": True,
    }
    assert registration.email == "jan@example.org"
    assert registration.user is None


def test_registering_again_returns_the_same_registration(event):
    first = call(None, "post", f"{BASE}/{event.slug}/registrations",
                 {"name": "Jan Kowalski", "email": "jan@example.org"})  # fmt: skip
    again = call(None, "post", f"{BASE}/{event.slug}/registrations",
                 {"name": "Jan K.", "email": "JAN@example.org"})  # fmt: skip

    assert first.status_code == 201
    assert again.status_code == 200
    assert again.json()["token"] == first.json()["token"]
    assert again.json()["is_new"] is False
    assert Registration.objects.count() == 1


def test_a_full_event_puts_newcomers_on_the_waiting_list_with_their_place(event):
    for n in range(4):
        register(event, n)

    response = call(None, "post", f"{BASE}/{event.slug}/registrations",
                    {"name": "Ostatnia Osoba", "email": "ostatnia@example.org"})  # fmt: skip

    assert response.status_code == 201
    assert response.json()["status"] == "waitlisted"
    assert response.json()["position"] == 2


def test_a_signed_in_person_is_linked_to_the_registration(event, user):
    client = client_for(user)
    client.get("/")  # sets the csrftoken cookie
    csrf = client.cookies["csrftoken"].value

    response = client.post(
        f"{BASE}/{event.slug}/registrations",
        json.dumps({"name": "Ja", "email": user.email}),
        content_type="application/json",
        headers={"X-CSRFToken": csrf},
    )

    assert response.status_code == 201, response.content
    assert Registration.objects.get().user == user


def test_a_session_without_csrf_token_cannot_register(event, user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)

    response = client.post(
        f"{BASE}/{event.slug}/registrations",
        json.dumps({"name": "Ja", "email": user.email}),
        content_type="application/json",
    )

    assert response.status_code == 403
    assert not Registration.objects.exists()


def test_a_token_registers_on_behalf_of_an_organisation(event):
    membership = MembershipFactory(role="member")
    _, raw = api_token_create(user=membership.user, name="script")

    response = Client(enforce_csrf_checks=True).post(
        f"{BASE}/{event.slug}/registrations",
        json.dumps(
            {
                "name": "Członek",
                "email": "czlonek@example.org",
                "organisation": membership.organisation.slug,
            }
        ),
        content_type="application/json",
        headers={"Authorization": f"Token {raw}"},
    )

    assert response.status_code == 201, response.content
    registration = Registration.objects.get()
    assert registration.user == membership.user
    assert registration.organisation == membership.organisation


def test_a_group_registers_named_participants(event):
    event.max_group_size = 3
    event.save()

    response = call(None, "post", f"{BASE}/{event.slug}/registrations", {
        "name": "Anna Lider", "email": "anna@example.org",
        "participants": [{"name": "Anna Lider", "email": "anna@example.org"},
                         {"name": "Bartek Uczestnik"}],
    })  # fmt: skip

    assert response.status_code == 201, response.content
    assert response.json()["seats"] == 2
    assert list(Participant.objects.values_list("name", flat=True)) == [
        "Anna Lider",
        "Bartek Uczestnik",
    ]


@pytest.fixture
def strict_event(event):
    """Groups of at most 2, a required consent and a choice."""
    event.max_group_size = 2
    event.save()
    consent = QuestionFactory(event=event, kind="consent", required=True)
    choice = QuestionFactory(
        event=event, kind="choice", choices=["wegetariański", "tradycyjny"]
    )
    return event, consent, choice


def _good(consent) -> dict:
    return {
        "name": "Jan Kowalski",
        "email": "jan@example.org",
        "answers": {str(consent.pk): True},
    }


BAD_INPUT = [
    # (change to good input, status, field)
    (lambda d, c, q: d.pop("name"), 422, "name"),
    (lambda d, c, q: d.update(name="   "), 400, "name"),
    (lambda d, c, q: d.update(email="not-an-address"), 400, "email"),
    (lambda d, c, q: d.pop("email"), 422, "email"),
    (lambda d, c, q: d.update(organisation="no-such-ngo"), 400, "organisation"),
    (lambda d, c, q: d.update(answers={}), 400, "q_{consent}"),
    (lambda d, c, q: d["answers"].update({str(c.pk): False}), 400, "q_{consent}"),
    (lambda d, c, q: d["answers"].update({str(q.pk): "ryba"}), 400, "q_{choice}"),
    (
        lambda d, c, q: d.update(participants=[{"name": f"P{i}"} for i in range(3)]),
        400,
        "participants",
    ),
    (
        lambda d, c, q: d.update(participants=[{"name": "A", "email": "zły"}]),
        400,
        "participants.0.email",
    ),
    (lambda d, c, q: d.update(participants="everyone"), 422, "participants"),
]


@pytest.mark.parametrize(("spoil", "status", "field"), BAD_INPUT)
def test_bad_registrations_name_the_field_and_write_nothing(
    strict_event, spoil, status, field
):
    event, consent, choice = strict_event
    data = _good(consent)
    spoil(data, consent, choice)

    response = call(None, "post", f"{BASE}/{event.slug}/registrations", data)

    assert_error(
        response, status, field=field.format(consent=consent.pk, choice=choice.pk)
    )
    assert not Registration.objects.exists()
    assert not Participant.objects.exists()


def test_the_good_input_of_the_bad_input_tests_is_accepted(strict_event):
    event, consent, _ = strict_event

    response = call(None, "post", f"{BASE}/{event.slug}/registrations", _good(consent))

    assert response.status_code == 201, response.content
    assert Registration.objects.get().answers[str(consent.pk)] is True


def test_only_members_register_on_behalf_of_an_organisation(event, user):
    organisation = OrganisationFactory()
    _, raw = api_token_create(user=user, name="script")

    response = Client().post(
        f"{BASE}/{event.slug}/registrations",
        json.dumps({"name": "Ja", "email": "ja@example.org",
                    "organisation": organisation.slug}),
        content_type="application/json",
        headers={"Authorization": f"Token {raw}"},
    )  # fmt: skip

    assert_error(response, 403, field="organisation")
    assert not Registration.objects.exists()


def test_registering_for_a_draft_is_not_found_for_outsiders(draft, people):
    for user in people.values():
        response = call(user, "post", f"{BASE}/{draft.slug}/registrations",
                        {"name": "Ja", "email": "ja@example.org"})  # fmt: skip
        assert_error(response, 404)
    assert not Registration.objects.exists()


def test_registering_for_a_draft_is_refused_to_its_organisers(draft, staff):
    response = call(staff, "post", f"{BASE}/{draft.slug}/registrations",
                    {"name": "Ja", "email": "ja@example.org"})  # fmt: skip

    assert_error(response, 409, "registration_closed")


def test_registering_after_registration_closed_is_a_409(event):
    event.registration_closes_at = timezone.now() - timedelta(hours=1)
    event.save()

    response = call(None, "post", f"{BASE}/{event.slug}/registrations",
                    {"name": "Ja", "email": "ja@example.org"})  # fmt: skip

    assert_error(response, 409, "registration_closed")
    assert not Registration.objects.exists()


def test_a_full_event_without_a_waiting_list_is_a_409(event):
    event.waiting_list_enabled = False
    event.save()
    for n in range(3):
        register(event, n)

    response = call(None, "post", f"{BASE}/{event.slug}/registrations",
                    {"name": "Ja", "email": "ja@example.org"})  # fmt: skip

    assert_error(response, 409, "full")
    assert Registration.objects.count() == 3


# --- the personal link ---------------------------------------------------------------


def test_the_personal_link_shows_the_registration(event):
    registration = register(event, 1)

    response = call(None, "get", f"{BASE}/registrations/{registration.token}")

    assert response.status_code == 200
    body = response.json()
    assert body["event"]["slug"] == event.slug
    assert body["status"] == "confirmed"
    assert body["email"] == "osoba1@example.org"
    assert body["participants"][0]["name"] == "Osoba 1"
    assert body["online_url"] == event.online_url
    assert body["code"] == registration.code


def test_an_unknown_personal_link_is_a_404(db):
    assert_error(call(None, "get", f"{BASE}/registrations/nonsense"), 404)
    assert_error(call(None, "post", f"{BASE}/registrations/nonsense/cancel"), 404)
    assert_error(call(None, "post", f"{BASE}/registrations/nonsense/accept"), 404)


def test_the_waiting_list_shows_no_online_link_and_its_place(event):
    for n in range(5):
        last = register(event, n)

    body = call(None, "get", f"{BASE}/registrations/{last.token}").json()

    assert body["status"] == "waitlisted"
    assert body["position"] == 2
    assert body["online_url"] is None


def test_cancelling_by_the_link_offers_the_seat_and_the_offer_can_be_taken(event):
    confirmed = [register(event, n) for n in range(3)]
    waiting = register(event, 3)

    response = Client(enforce_csrf_checks=True).post(
        f"{BASE}/registrations/{confirmed[0].token}/cancel"
    )

    assert response.status_code == 200, response.content
    assert response.json()["status"] == "cancelled"
    waiting.refresh_from_db()
    assert waiting.status == S.OFFERED
    again = call(None, "post", f"{BASE}/registrations/{confirmed[0].token}/cancel")
    assert again.status_code == 200

    accepted = call(None, "post", f"{BASE}/registrations/{waiting.token}/accept")

    assert accepted.status_code == 200, accepted.content
    assert accepted.json()["status"] == "confirmed"
    assert Registration.objects.filter(event=event).seats_taken() == 3


def test_accepting_without_an_offer_is_a_409(event):
    registration = register(event, 1)
    waiting = [register(event, n) for n in range(2, 5)][-1]

    assert call(None, "post", f"{BASE}/registrations/{registration.token}/accept"
                ).status_code == 200  # fmt: skip
    assert_error(
        call(None, "post", f"{BASE}/registrations/{waiting.token}/accept"),
        409,
        "no_offer",
    )


# --- organisers ----------------------------------------------------------------------


@pytest.fixture
def approval_event(event):
    event.approval = Event.Approval.ORGANISER
    event.max_group_size = 2
    event.save()
    return event


def test_organisers_list_registrations_with_answers_and_participants(
    approval_event, staff
):
    question = QuestionFactory(event=approval_event)
    register(approval_event, 1, answers={str(question.pk): "Bez glutenu"},
             participants=[{"name": "Osoba 1"}, {"name": "Gość"}])  # fmt: skip
    register(approval_event, 2)

    response = call(staff, "get", f"{BASE}/{approval_event.slug}/registrations")

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] == 2
    first = body["items"][0]
    assert first["status"] == "pending"
    assert first["answers"] == {str(question.pk): "Bez glutenu"}
    assert [p["name"] for p in first["participants"]] == ["Osoba 1", "Gość"]
    assert first["email"] == "osoba1@example.org"


def test_the_registration_list_filters_by_status(event, admin_user):
    for n in range(5):
        register(event, n)

    response = call(admin_user, "get", f"{BASE}/{event.slug}/registrations",
                    {"status": "waitlisted"})  # fmt: skip

    assert [r["email"] for r in response.json()["items"]] == [
        "osoba3@example.org",
        "osoba4@example.org",
    ]


def test_the_registration_list_takes_a_fixed_number_of_queries(event, staff):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(staff)

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(f"{BASE}/{event.slug}/registrations").status_code == 200
        return len(context)

    register(event, 0)
    queries()  # the first request of a session also loads and saves the session
    one = queries()
    for n in range(1, 10):
        register(event, n)
    assert queries() == one


def test_the_registration_list_is_for_organisers_only(event, people):
    register(event, 1)
    for user in people.values():
        response = call(user, "get", f"{BASE}/{event.slug}/registrations")
        assert_error(response, 401 if user is None else 403)


def test_the_registrations_of_a_hidden_draft_are_not_found(draft, people):
    response = call(people["other_staff"], "get", f"{BASE}/{draft.slug}/registrations")

    assert_error(response, 404)


def test_an_organiser_confirms_a_pending_registration(approval_event, liaison):
    registration = register(approval_event, 1)
    path = f"{BASE}/{approval_event.slug}/registrations/{registration.pk}/decision"

    response = call(liaison, "post", path, {"approve": True})

    assert response.status_code == 200, response.content
    assert response.json()["status"] == "confirmed"
    registration.refresh_from_db()
    assert registration.status == S.CONFIRMED

    assert_error(call(liaison, "post", path, {"approve": False}), 409, "not_pending")


def test_declining_frees_the_seats_for_the_waiting_list(approval_event, staff):
    pending = [register(approval_event, n) for n in range(3)]
    waiting = register(approval_event, 3)
    path = f"{BASE}/{approval_event.slug}/registrations/{pending[0].pk}/decision"

    response = call(staff, "post", path, {"approve": False})

    assert response.json()["status"] == "declined"
    waiting.refresh_from_db()
    assert waiting.status == S.OFFERED


def test_only_organisers_decide(approval_event, people):
    registration = register(approval_event, 1)
    path = f"{BASE}/{approval_event.slug}/registrations/{registration.pk}/decision"
    for user in people.values():
        assert_error(
            call(user, "post", path, {"approve": True}), 401 if user is None else 403
        )
    registration.refresh_from_db()
    assert registration.status == S.PENDING


def test_a_decision_needs_approve_and_a_registration_of_this_event(
    approval_event, staff
):
    registration = register(approval_event, 1)
    other = register(EventFactory(institution=approval_event.institution), 2)
    base = f"{BASE}/{approval_event.slug}/registrations"

    assert_error(
        call(staff, "post", f"{base}/{registration.pk}/decision", {}),
        422,
        field="approve",
    )
    assert_error(
        call(staff, "post", f"{base}/{other.pk}/decision", {"approve": True}), 404
    )


# --- the OpenAPI description ---------------------------------------------------------

EVENT_OPERATIONS = {
    ("/api/v1/events", "get"),
    ("/api/v1/events/{slug}", "get"),
    ("/api/v1/events/{slug}/registrations", "post"),
    ("/api/v1/events/{slug}/registrations", "get"),
    ("/api/v1/events/{slug}/registrations/{registration_id}/decision", "post"),
    ("/api/v1/events/registrations/{token}", "get"),
    ("/api/v1/events/registrations/{token}/cancel", "post"),
    ("/api/v1/events/registrations/{token}/accept", "post"),
}


def test_the_openapi_description_has_every_event_operation_and_stays_valid(db):
    from openapi_spec_validator import validate

    schema = Client().get("/api/v1/openapi.json").json()
    validate(schema)
    paths = schema["paths"]
    assert EVENT_OPERATIONS <= {(p, m) for p, item in paths.items() for m in item}
    for path, method in EVENT_OPERATIONS:
        assert paths[path][method].get("summary"), (path, method)
    # Registering works with a token, a session, or no authentication at all.
    security = paths["/api/v1/events/{slug}/registrations"]["post"]["security"]
    assert {} in security and {"TokenAuth": []} in security
    organiser = paths["/api/v1/events/{slug}/registrations"]["get"]["security"]
    assert {} not in organiser
