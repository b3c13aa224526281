"""The organiser's pages: who may, who may not, and bad input."""

import datetime
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from razem.events.models import (
    AgendaItem,
    Attachment,
    Event,
    EventSeries,
    FollowUpAction,
    Question,
    Registration,
)
from tests.factories import (
    EventFactory,
    GminaFactory,
    InstitutionFactory,
    MembershipFactory,
    OrganisationFactory,
    QuestionFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
S = Registration.Status
CREATE = reverse("events:create")
ORGANISED = reverse("events:organised")
SERIES_CREATE = reverse("events:series_create")
MANAGE_PAGES = ["edit", "cancel", "agenda", "attachments", "questions", "outcomes"]


def url(name, event):
    return reverse(f"events:{name}", kwargs={"slug": event.slug})


def is_login_redirect(response):
    return response.status_code == 302 and "/konto/login/" in response["Location"]


def pdf(name="program.pdf"):
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n", "application/pdf"
    )


@pytest.fixture
def organiser(institution):
    return StaffFactory(institution=institution).user


@pytest.fixture
def co_organisation():
    return OrganisationFactory()


@pytest.fixture
def event(institution, co_organisation):
    event = EventFactory(institution=institution, capacity=3)
    event.organisations.add(co_organisation)
    return event


@pytest.fixture
def draft(institution):
    return EventFactory(institution=institution, status=Event.Status.DRAFT)


@pytest.fixture
def people(organiser, co_organisation, admin_user):
    """Everyone the permission tests try, by role."""
    return {
        "anonymous": None,
        "resident": UserFactory(),
        "member of a co-organiser": MembershipFactory(
            organisation=co_organisation, role="member"
        ).user,
        "staff of another institution": StaffFactory().user,
        "organiser staff": organiser,
        "representative of a co-organiser": MembershipFactory(
            organisation=co_organisation
        ).user,
        "platform admin": admin_user,
    }


def client_for(person) -> Client:
    client = Client()
    if person is not None:
        client.force_login(person)
    return client


def local(dt: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(dt).replace(
        tzinfo=timezone.get_current_timezone()
    )


def form_data(**overrides):
    data = {
        "op": "save",
        "title": "Konferencja regionalna",
        "kind": "conference",
        "summary": "",
        "description": "Pierwsza z czterech konferencji.",
        "audience": "",
        "starts_at": "2030-07-01T10:00",
        "ends_at": "2030-07-01T15:30",
        "format": "in_person",
        "venue_name": "Aula",
        "venue_address": "ul. Długa 1, Gostyń",
        "venue_room": "",
        "territory": "",
        "lat": "",
        "lon": "",
        "online_url": "",
        "accessibility_notes": "",
        "contact_name": "",
        "contact_email": "",
        "contact_phone": "",
        "registration_enabled": "on",
        "registration_opens_at": "",
        "registration_closes_at": "",
        "capacity": "50",
        "reserved_seats": "0",
        "approval": "automatic",
        "per_organisation_limit": "",
        "max_group_size": "1",
        "offer_hours": "48",
        "waiting_list_enabled": "on",
    }
    data.update(overrides)
    return data


def edit_data(event, **overrides):
    local_start = timezone.localtime(event.starts_at).strftime("%Y-%m-%dT%H:%M")
    local_end = timezone.localtime(event.ends_at).strftime("%Y-%m-%dT%H:%M")
    data = form_data(
        title=event.title,
        kind=event.kind,
        description=event.description,
        starts_at=local_start,
        ends_at=local_end,
        venue_name=event.venue_name,
        venue_address=event.venue_address,
        capacity=str(event.capacity),
        institution=event.institution.slug,
        organisations=[o.slug for o in event.organisations.all()],
    )
    data.update(overrides)
    return data


# --- who may ---------------------------------------------------------------------


@pytest.mark.parametrize("page", MANAGE_PAGES)
def test_anonymous_people_are_sent_to_sign_in(client, event, page):
    assert is_login_redirect(client.get(url(page, event)))
    assert is_login_redirect(client.post(url(page, event), {"title": "x"}))


@pytest.mark.parametrize("target", [CREATE, ORGANISED, SERIES_CREATE])
def test_anonymous_people_are_sent_to_sign_in_from_the_organiser_lists(client, target):
    assert is_login_redirect(client.get(target))


EXPECTED = {
    "anonymous": "login",
    "resident": 403,
    "member of a co-organiser": 403,
    "staff of another institution": 403,
    "organiser staff": 200,
    "representative of a co-organiser": 200,
    "platform admin": 200,
}


@pytest.mark.parametrize("role", list(EXPECTED))
@pytest.mark.parametrize("page", MANAGE_PAGES)
def test_only_organisers_and_admins_open_the_management_pages(
    people, event, role, page
):
    response = client_for(people[role]).get(url(page, event))
    if EXPECTED[role] == "login":
        assert is_login_redirect(response)
    else:
        assert response.status_code == EXPECTED[role]


@pytest.mark.parametrize(
    "role", ["resident", "member of a co-organiser", "staff of another institution"]
)
def test_a_draft_of_someone_else_is_not_found(people, draft, role):
    for page in MANAGE_PAGES:
        assert client_for(people[role]).get(url(page, draft)).status_code == 404


@pytest.mark.parametrize("role", list(EXPECTED))
def test_outsiders_cannot_change_the_event_by_posting(people, event, role):
    client = client_for(people[role])
    response = client.post(url("edit", event), edit_data(event, title="Przejęte"))
    event.refresh_from_db()
    if EXPECTED[role] == 200:
        assert response.status_code == 302
        assert event.title == "Przejęte"
    else:
        assert response.status_code in (302, 403)
        assert event.title != "Przejęte"


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("resident", 403),
        ("member of a co-organiser", 403),
        ("organiser staff", 200),
        ("representative of a co-organiser", 200),
        ("platform admin", 200),
    ],
)
def test_the_create_page_is_for_staff_and_representatives(people, role, status):
    assert client_for(people[role]).get(CREATE).status_code == status
    assert client_for(people[role]).get(SERIES_CREATE).status_code == status


def test_a_cancelled_event_cannot_be_edited(organiser, event):
    event.status = Event.Status.CANCELLED
    event.save()
    client = client_for(organiser)
    assert client.get(url("edit", event)).status_code == 403
    assert client.get(url("cancel", event)).status_code == 403
    assert client.get(url("outcomes", event)).status_code == 200


def test_state_changes_need_the_csrf_token(organiser, event):
    client = Client(enforce_csrf_checks=True)
    client.force_login(organiser)
    response = client.post(url("cancel", event), {"reason": "Bez tokenu."})
    assert response.status_code == 403
    assert Event.objects.get(pk=event.pk).status == Event.Status.PUBLISHED


# --- creating and editing --------------------------------------------------------


def test_staff_create_an_event_in_polish_time(organiser, institution):
    gmina = GminaFactory()
    client = client_for(organiser)
    response = client.post(
        CREATE,
        form_data(
            institution=institution.slug,
            territory=gmina.code,
            lat="51.88",
            lon="17.01",
        ),
    )
    event = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("edit", event)
    assert event.slug == "konferencja-regionalna"
    assert event.status == Event.Status.DRAFT
    assert event.starts_at == local("2030-07-01T10:00")
    assert event.starts_at.astimezone(datetime.UTC).hour == 8
    assert event.territory == gmina and event.capacity == 50
    page = client.get(url("edit", event)).text
    assert 'value="2030-07-01T10:00"' in page


def test_the_create_form_offers_only_own_institution_and_organisations(
    organiser, institution
):
    foreign = InstitutionFactory(name="Urząd Obcy")
    page = client_for(organiser).get(CREATE).text
    assert institution.name in page and foreign.name not in page
    response = client_for(organiser).post(CREATE, form_data(institution=foreign.slug))
    assert response.status_code == 400
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"ends_at": "2030-07-01T09:00"}, "ends_at"),
        ({"starts_at": "1 lipca"}, "starts_at"),
        ({"territory": "9999999"}, "territory"),
        ({"title": "x" * 201}, "title"),
        ({"capacity": "5", "reserved_seats": "6"}, "reserved_seats"),
        ({"lat": "60", "lon": "17"}, "lat"),
        ({"lat": "52"}, "lon"),
        ({"institution": ""}, "institution"),
        ({"registration_closes_at": "2030-07-02T10:00"}, "registration_closes_at"),
        ({"online_url": "javascript:alert(1)"}, "online_url"),
    ],
)
def test_bad_input_redisplays_the_form_with_the_error_on_its_field(
    organiser, institution, overrides, field
):
    GminaFactory()
    data = form_data(institution=institution.slug)
    data.update(overrides)
    response = client_for(organiser).post(CREATE, data)
    assert response.status_code == 400
    assert response.context["form"].errors.get(field), response.context["form"].errors
    assert f'id="id_{field}_error"' in response.text
    assert not Event.objects.exists()


def test_a_script_in_the_description_is_stored_as_text_and_shown_escaped(
    organiser, institution
):
    script = "<script>alert('x')</script>"
    client = client_for(organiser)
    client.post(CREATE, form_data(institution=institution.slug, description=script))
    event = Event.objects.get()
    assert event.description == script
    page = client.get(url("edit", event)).text
    assert script not in page
    assert "&lt;script&gt;" in page


def test_lowering_the_capacity_below_the_taken_seats_shows_a_form_error(
    organiser, event
):
    for n in range(3):
        Registration.objects.create(
            event=event, name=f"O {n}", email=f"o{n}@example.org", status=S.CONFIRMED
        )
    response = client_for(organiser).post(
        url("edit", event), edit_data(event, capacity="2")
    )
    assert response.status_code == 400
    assert "3" in response.context["form"].errors["capacity"][0]
    assert Event.objects.get(pk=event.pk).capacity == 3


def test_changing_the_time_through_the_page_tells_the_participants(
    organiser, event, mailoutbox, django_capture_on_commit_callbacks
):
    Registration.objects.create(
        event=event, name="Jan", email="jan@example.org", status=S.CONFIRMED
    )
    new_start = timezone.localtime(event.starts_at) + timedelta(days=2)
    data = edit_data(
        event,
        starts_at=new_start.strftime("%Y-%m-%dT%H:%M"),
        ends_at=(new_start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(organiser).post(url("edit", event), data)
    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [["jan@example.org"]]


def test_a_draft_is_published_from_the_edit_page(organiser, draft):
    client = client_for(organiser)
    assert 'name="op" value="publish"' in client.get(url("edit", draft)).text
    response = client.post(url("edit", draft), {"op": "publish"})
    assert response.status_code == 302
    assert Event.objects.get(pk=draft.pk).status == Event.Status.PUBLISHED
    client.post(url("edit", draft), {"op": "publish"})
    assert Event.objects.get(pk=draft.pk).status == Event.Status.PUBLISHED


def test_the_pages_accept_only_get_and_post(organiser, event):
    client = client_for(organiser)
    assert client.put(url("edit", event)).status_code == 405
    assert client.post(ORGANISED).status_code == 405


# --- cancelling and deleting -----------------------------------------------------


def test_cancelling_through_the_page_needs_a_reason(organiser, event):
    client = client_for(organiser)
    response = client.post(url("cancel", event), {"reason": ""})
    assert response.status_code == 400
    assert response.context["form"].errors["reason"]
    assert Event.objects.get(pk=event.pk).status == Event.Status.PUBLISHED


def test_cancelling_through_the_page_cancels_and_informs(
    organiser, event, mailoutbox, django_capture_on_commit_callbacks
):
    Registration.objects.create(
        event=event, name="Jan", email="jan@example.org", status=S.WAITLISTED
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(organiser).post(
            url("cancel", event), {"reason": "Remont sali."}
        )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED
    assert event.cancellation_reason == "Remont sali."
    assert len(mailoutbox) == 1


def test_a_draft_without_registrations_is_deleted_from_the_page(organiser, draft):
    response = client_for(organiser).post(url("cancel", draft), {"reason": ""})
    assert response.status_code == 302
    assert response["Location"] == ORGANISED
    assert not Event.objects.filter(pk=draft.pk).exists()


def test_outsiders_cannot_cancel(people, event):
    for role in ("resident", "member of a co-organiser"):
        response = client_for(people[role]).post(
            url("cancel", event), {"reason": "Sabotaż."}
        )
        assert response.status_code == 403
    assert Event.objects.get(pk=event.pk).status == Event.Status.PUBLISHED


# --- agenda, attachments, questions, outcomes ------------------------------------


def test_agenda_items_are_added_edited_and_removed(organiser, event):
    client = client_for(organiser)
    page = url("agenda", event)
    response = client.post(
        page,
        {
            "op": "add",
            "item-title": "Powitanie",
            "item-starts_at": "10:00",
            "item-ends_at": "10:15",
            "item-speakers": "Anna Nowak",
        },
    )
    assert response.status_code == 302
    item = AgendaItem.objects.get()
    assert "Powitanie" in client.get(page).text
    assert client.get(page, {"edit": item.pk}).status_code == 200
    client.post(page, {"op": "update", "id": item.pk, "item-title": "Otwarcie"})
    assert AgendaItem.objects.get().title == "Otwarcie"
    bad = client.post(
        page,
        {
            "op": "add",
            "item-title": "Wstecz",
            "item-starts_at": "11:00",
            "item-ends_at": "10:00",
        },
    )
    assert bad.status_code == 400
    assert client.post(page, {"op": "delete", "id": "abc"}).status_code == 404
    client.post(page, {"op": "delete", "id": item.pk})
    assert not AgendaItem.objects.exists()


def test_an_agenda_item_of_another_event_is_not_found(organiser, event, institution):
    other = EventFactory(institution=institution)
    item = AgendaItem.objects.create(event=other, title="Cudzy")
    response = client_for(organiser).post(
        url("agenda", event), {"op": "delete", "id": item.pk}
    )
    assert response.status_code == 404
    assert AgendaItem.objects.filter(pk=item.pk).exists()


def test_an_attachment_is_uploaded_and_removed(organiser, event):
    client = client_for(organiser)
    response = client.post(
        url("attachments", event),
        {"op": "add", "title": "Program warsztatów", "kind": "material", "file": pdf()},
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.content_type == "application/pdf"
    assert "Program warsztatów" in client.get(url("attachments", event)).text
    client.post(url("attachments", event), {"op": "delete", "id": attachment.pk})
    assert not Attachment.objects.exists()


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("program.pdf", b"\x89PNG\r\n\x1a\nxxxx", "application/pdf"),
        SimpleUploadedFile("program.docx", b"PK\x03\x04broken", "application/zip"),
    ],
    ids=["png-named-pdf", "broken-docx"],
)
def test_an_attachment_of_the_wrong_type_gets_a_form_error(organiser, event, upload):
    response = client_for(organiser).post(
        url("attachments", event),
        {"op": "add", "title": "Program", "kind": "material", "file": upload},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["file"]
    assert not Attachment.objects.exists()


def test_an_attachment_over_the_limit_gets_a_form_error(organiser, event, settings):
    settings.RAZEM_MAX_DOCUMENT_BYTES = 10
    response = client_for(organiser).post(
        url("attachments", event),
        {"op": "add", "title": "Program", "kind": "material", "file": pdf()},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["file"]
    assert not Attachment.objects.exists()


def test_questions_are_added_and_an_answered_one_is_kept(organiser, event):
    client = client_for(organiser)
    page = url("questions", event)
    response = client.post(
        page,
        {
            "op": "add",
            "question-kind": "choice",
            "question-label": "Dieta",
            "question-choices": "standardowa\nwegetariańska",
            "question-required": "on",
        },
    )
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.choices == ["standardowa", "wegetariańska"]
    bad = client.post(
        page,
        {"op": "add", "question-kind": "choice", "question-label": "Pusta"},
    )
    assert bad.status_code == 400
    assert bad.context["form"].errors["choices"]
    Registration.objects.create(
        event=event,
        name="Jan",
        email="jan@example.org",
        status=S.CONFIRMED,
        answers={str(question.pk): "standardowa"},
    )
    response = client.post(page, {"op": "delete", "id": question.pk}, follow=True)
    assert Question.objects.filter(pk=question.pk).exists()
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    changed = client.post(
        page,
        {
            "op": "update",
            "id": question.pk,
            "question-kind": "text",
            "question-label": "Dieta",
        },
    )
    assert changed.status_code == 400
    assert changed.context["form"].errors["kind"]


def test_a_consent_question_gets_the_default_clause(organiser, event, institution):
    client_for(organiser).post(
        url("questions", event),
        {
            "op": "add",
            "question-kind": "consent",
            "question-label": "Zgoda na przetwarzanie danych",
            "question-required": "on",
        },
    )
    assert institution.name in Question.objects.get().help_text


def test_outcomes_and_follow_up_actions_are_saved_and_published(organiser, event):
    client = client_for(organiser)
    page = url("outcomes", event)
    response = client.post(
        page,
        {
            "op": "outcomes",
            "minutes": "Protokół ze spotkania.",
            "conclusions": "Wnioski.",
            "recommendations": "",
            "publish": "on",
        },
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.minutes == "Protokół ze spotkania."
    assert event.outcomes_published_at is not None
    client.post(
        page,
        {
            "op": "add",
            "action-title": "Projekt uchwały",
            "action-status": "planned",
            "action-due_date": "2031-01-31",
        },
    )
    action = FollowUpAction.objects.get()
    client.post(
        page,
        {
            "op": "update",
            "id": action.pk,
            "action-title": "Projekt uchwały",
            "action-status": "done",
        },
    )
    assert FollowUpAction.objects.get().status == "done"
    bad = client.post(page, {"op": "add", "action-title": "", "action-status": "x"})
    assert bad.status_code == 400
    client.post(page, {"op": "delete", "id": action.pk})
    assert not FollowUpAction.objects.exists()


def test_outsiders_cannot_publish_outcomes(people, event):
    response = client_for(people["member of a co-organiser"]).post(
        url("outcomes", event),
        {"op": "outcomes", "minutes": "Fałsz", "publish": "on"},
    )
    assert response.status_code == 403
    assert Event.objects.get(pk=event.pk).minutes == ""


# --- lists and series ------------------------------------------------------------


def test_the_organised_list_shows_own_events_with_counts(
    organiser, event, institution, django_assert_max_num_queries
):
    for n, status in enumerate([S.CONFIRMED, S.CONFIRMED, S.PENDING, S.WAITLISTED]):
        Registration.objects.create(
            event=event,
            name=f"O {n}",
            email=f"o{n}@example.org",
            status=status,
            waitlisted_at=timezone.now() if status == S.WAITLISTED else None,
        )
    for _n in range(5):
        EventFactory(institution=institution)
    foreign = EventFactory(institution=InstitutionFactory())
    client = client_for(organiser)
    with django_assert_max_num_queries(12):
        response = client.get(ORGANISED)
    assert response.status_code == 200
    assert event.title in response.text and foreign.title not in response.text
    row = next(e for e in response.context["page_obj"] if e.pk == event.pk)
    assert (row.confirmed_count, row.pending_count, row.waitlisted_count) == (2, 1, 1)
    assert CREATE in response.text


def test_the_organised_list_of_a_resident_is_empty(client):
    client.force_login(UserFactory())
    response = client.get(ORGANISED)
    assert response.status_code == 200
    assert CREATE not in response.text


def test_a_series_is_created_for_own_institution(organiser, institution):
    client = client_for(organiser)
    response = client.post(
        SERIES_CREATE, {"title": "Cykl konferencji", "institution": institution.slug}
    )
    assert response.status_code == 302
    series = EventSeries.objects.get()
    assert series.institution == institution
    page = client.get(CREATE).text
    assert "Cykl konferencji" in page
    foreign = client.post(
        SERIES_CREATE, {"title": "Cudzy", "institution": InstitutionFactory().slug}
    )
    assert foreign.status_code == 400
    none = client.post(SERIES_CREATE, {"title": "Bez organizatora"})
    assert none.status_code == 400
    assert EventSeries.objects.count() == 1


def test_an_event_is_added_to_an_own_series(organiser, institution):
    series = EventSeries.objects.create(
        title="Cykl", slug="cykl", institution=institution
    )
    response = client_for(organiser).post(
        CREATE, form_data(institution=institution.slug, series=series.slug)
    )
    assert response.status_code == 302
    assert Event.objects.get().series == series


def test_questions_page_lists_existing_questions(organiser, event):
    QuestionFactory(event=event, label="Skąd wiesz o spotkaniu?")
    page = client_for(organiser).get(url("questions", event)).text
    assert "Skąd wiesz o spotkaniu?" in page


def test_a_representative_creates_an_event_of_their_organisation(co_organisation):
    representative = MembershipFactory(organisation=co_organisation).user
    client = client_for(representative)
    assert 'name="institution"' not in client.get(CREATE).text
    foreign = OrganisationFactory()
    refused = client.post(CREATE, form_data(organisations=[foreign.slug]))
    assert refused.status_code == 400
    assert refused.context["form"].errors["organisations"]
    assert not Event.objects.exists()
    response = client.post(
        CREATE, form_data(organisations=[co_organisation.slug], publish="on")
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert list(event.organisations.all()) == [co_organisation]
    assert event.institution is None and event.status == Event.Status.PUBLISHED
    assert event.title in client.get(ORGANISED).text


def test_after_cancelling_only_outcome_documents_can_be_uploaded(organiser, event):
    event.status = Event.Status.CANCELLED
    event.save()
    client = client_for(organiser)
    page = url("attachments", event)
    assert client.get(page).status_code == 200
    refused = client.post(
        page, {"op": "add", "title": "Program", "kind": "material", "file": pdf()}
    )
    assert refused.status_code == 400
    assert refused.context["form"].errors["kind"]
    response = client.post(
        page, {"op": "add", "title": "Notatka", "kind": "outcome", "file": pdf()}
    )
    assert response.status_code == 302
    assert Attachment.objects.get().kind == "outcome"
