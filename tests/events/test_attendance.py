"""The organiser's participant work: check-in, messages, the participants page,
exports, the check-in page and the PDF downloads."""

import csv
import io
import re
import zipfile
from datetime import timedelta

import openpyxl
import pytest
import tablib
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from razem.core.models import AuditEntry
from razem.events.exceptions import EventError
from razem.events.models import Event, Participant, Registration
from razem.events.services.attendance import (
    participant_check_in,
    participant_check_in_undo,
    participants_message,
)
from razem.events.services.registration import registration_create
from tests.factories import (
    EventFactory,
    MembershipFactory,
    QuestionFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
S = Registration.Status


def register(event, n, participants=None, **kwargs):
    return registration_create(
        event=event,
        actor=None,
        name=f"Osoba {n}",
        email=f"osoba{n}@example.org",
        participants=participants,
        **kwargs,
    )


@pytest.fixture
def event(institution, organisation):
    event = EventFactory(institution=institution, capacity=10, max_group_size=3)
    event.organisations.add(organisation)
    return event


@pytest.fixture
def group(event):
    """A confirmed registration of three named people."""
    return register(
        event,
        1,
        participants=[
            {"name": "Anna Nowak"},
            {"name": "Jan Kowalski"},
            {"name": "Ewa Łącka"},
        ],
    )


def ids(registration):
    return [p.pk for p in registration.participants.all()]


# --- check-in: services -----------------------------------------------------------------


def test_check_in_marks_every_participant_of_the_registration_and_is_audited(
    event, group, staff
):
    result = participant_check_in(event=event, actor=staff, code=group.code)
    assert len(result.checked_in) == 3 and result.already == []
    assert all(p.checked_in_at for p in group.participants.all())
    entry = AuditEntry.objects.get(action="events.participant.checked_in")
    assert entry.actor == staff and sorted(entry.data["participants"]) == ids(group)


def test_check_in_code_ignores_case_spaces_and_dashes(event, group, staff):
    typed = "-".join([group.code[:5].lower(), " " + group.code[5:]])
    participant_check_in(event=event, actor=staff, code=typed)
    assert Participant.objects.filter(checked_in_at__isnull=False).count() == 3


def test_checking_in_again_keeps_the_first_time(event, group, staff):
    first = timezone.now() - timedelta(minutes=30)
    participant_check_in(event=event, actor=staff, code=group.code, now=first)
    again = participant_check_in(event=event, actor=staff, code=group.code)
    assert again.checked_in == [] and len(again.already) == 3
    assert {p.checked_in_at for p in group.participants.all()} == {first}
    assert (
        AuditEntry.objects.filter(action="events.participant.checked_in").count() == 1
    )


def test_check_in_of_named_participants_leaves_the_others(event, group, staff):
    anna, jan, ewa = group.participants.all()
    participant_check_in(
        event=event, actor=staff, code=group.code, participant_ids=[str(jan.pk)]
    )
    states = {p.name: bool(p.checked_in_at) for p in group.participants.all()}
    assert states == {"Anna Nowak": False, "Jan Kowalski": True, "Ewa Łącka": False}


@pytest.mark.parametrize("code", ["", "   ", "ZZZZZZZZZZ", "not-a-code!"])
def test_a_wrong_code_is_refused_on_the_code_field(event, group, staff, code):
    with pytest.raises(EventError) as exc:
        participant_check_in(event=event, actor=staff, code=code)
    assert exc.value.field == "code"
    assert not Participant.objects.filter(checked_in_at__isnull=False).exists()


def test_a_code_of_another_event_is_just_as_unknown(event, staff):
    other = register(EventFactory(institution=event.institution), 9)
    with pytest.raises(EventError) as exc:
        participant_check_in(event=event, actor=staff, code=other.code)
    assert exc.value.field == "code" and exc.value.code == "unknown_code"
    assert not Participant.objects.filter(checked_in_at__isnull=False).exists()


def test_only_confirmed_registrations_can_be_checked_in(staff, institution):
    event = EventFactory(institution=institution, approval=Event.Approval.ORGANISER)
    pending = register(event, 1)
    assert pending.status == S.PENDING
    with pytest.raises(EventError) as exc:
        participant_check_in(event=event, actor=staff, code=pending.code)
    assert exc.value.field == "code" and exc.value.code == "not_confirmed"
    assert exc.value.status_code == 409


def test_check_in_of_a_participant_of_another_registration_is_refused(
    event, group, staff
):
    other = register(event, 2)
    with pytest.raises(EventError) as exc:
        participant_check_in(
            event=event, actor=staff, code=group.code, participant_ids=ids(other)
        )
    assert exc.value.field == "participants"
    assert not Participant.objects.filter(checked_in_at__isnull=False).exists()


def test_check_in_by_someone_who_does_not_organise_is_forbidden(
    event, group, other_user
):
    with pytest.raises(EventError) as exc:
        participant_check_in(event=event, actor=other_user, code=group.code)
    assert exc.value.status_code == 403


def test_check_in_for_a_cancelled_event_is_refused(event, group, staff):
    Event.objects.filter(pk=event.pk).update(status=Event.Status.CANCELLED)
    event.refresh_from_db()
    with pytest.raises(EventError) as exc:
        participant_check_in(event=event, actor=staff, code=group.code)
    assert exc.value.status_code == 409


def test_undoing_a_check_in_clears_the_time_and_is_audited(event, group, staff):
    participant_check_in(event=event, actor=staff, code=group.code)
    anna = group.participants.first()
    participant_check_in_undo(event=event, actor=staff, participant_id=anna.pk)
    anna.refresh_from_db()
    assert anna.checked_in_at is None
    assert Participant.objects.filter(checked_in_at__isnull=False).count() == 2
    assert AuditEntry.objects.filter(
        action="events.participant.check_in_undone"
    ).exists()
    # Undoing again changes nothing.
    participant_check_in_undo(event=event, actor=staff, participant_id=anna.pk)
    assert (
        AuditEntry.objects.filter(action="events.participant.check_in_undone").count()
        == 1
    )


@pytest.mark.parametrize("raw", ["abc", "", None])
def test_undo_for_an_unknown_participant_names_the_field(event, staff, raw):
    with pytest.raises(EventError) as exc:
        participant_check_in_undo(event=event, actor=staff, participant_id=raw)
    assert exc.value.field == "participant"


def test_undo_for_a_participant_of_another_event_is_refused(event, staff):
    other = register(EventFactory(institution=event.institution), 9)
    with pytest.raises(EventError) as exc:
        participant_check_in_undo(
            event=event, actor=staff, participant_id=ids(other)[0]
        )
    assert exc.value.field == "participant"


# --- messages: services -------------------------------------------------------------------


@pytest.fixture
def mixed(institution):
    """A full event with two confirmed, one pending-free… see the statuses below."""
    event = EventFactory(institution=institution, capacity=2)
    confirmed = [register(event, n) for n in range(2)]
    waiting = register(event, 2)
    cancelled = register(event, 3)
    cancelled.status = S.CANCELLED
    cancelled.save()
    assert waiting.status == S.WAITLISTED
    return event, confirmed, waiting


def test_message_goes_to_confirmed_and_pending_by_default_one_mail_each(
    mixed, staff, django_capture_on_commit_callbacks
):
    event, confirmed, _ = mixed
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sent = participants_message(
            event=event, actor=staff, subject="Zmiana sali", body="Spotykamy się w 12."
        )
    assert sent == 2
    assert sorted(m.to[0] for m in mail.outbox) == [r.email for r in confirmed]
    assert all(m.subject == "Zmiana sali" for m in mail.outbox)
    assert "Spotykamy się w 12." in mail.outbox[0].body
    assert confirmed[0].token in mail.outbox[0].body or confirmed[1].token in (
        mail.outbox[0].body
    )
    entry = AuditEntry.objects.get(action="events.participants.messaged")
    assert entry.data["count"] == 2 and entry.actor == staff


def test_message_to_the_waiting_list_only(
    mixed, staff, django_capture_on_commit_callbacks
):
    event, _, waiting = mixed
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sent = participants_message(
            event=event,
            actor=staff,
            subject="Lista",
            body="Czekamy",
            statuses=[S.WAITLISTED],
        )
    assert sent == 1 and [m.to for m in mail.outbox] == [[waiting.email]]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"subject": ""}, "subject"),
        ({"subject": "x" * 151}, "subject"),
        ({"body": "   "}, "body"),
        ({"body": "x" * 5001}, "body"),
        ({"statuses": []}, "statuses"),
        ({"statuses": ["cancelled"]}, "statuses"),
        ({"statuses": ["nonsense"]}, "statuses"),
    ],
)
def test_bad_message_input_is_refused_on_its_field_and_sends_nothing(
    mixed, staff, kwargs, field, django_capture_on_commit_callbacks
):
    event = mixed[0]
    mail.outbox.clear()
    values = {"subject": "Temat", "body": "Treść"} | kwargs
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(EventError) as exc,
    ):
        participants_message(event=event, actor=staff, **values)
    assert exc.value.field == field
    assert mail.outbox == []
    assert not AuditEntry.objects.filter(action="events.participants.messaged").exists()


def test_limits_of_the_message_are_inclusive(mixed, staff):
    sent = participants_message(
        event=mixed[0], actor=staff, subject="x" * 150, body="y" * 5000
    )
    assert sent == 2


def test_message_for_a_cancelled_event_is_refused(mixed, staff):
    event = mixed[0]
    Event.objects.filter(pk=event.pk).update(status=Event.Status.CANCELLED)
    event.refresh_from_db()
    with pytest.raises(EventError) as exc:
        participants_message(event=event, actor=staff, subject="a", body="b")
    assert exc.value.status_code == 409


def test_message_by_someone_who_does_not_organise_is_forbidden(mixed, other_user):
    with pytest.raises(EventError) as exc:
        participants_message(event=mixed[0], actor=other_user, subject="a", body="b")
    assert exc.value.status_code == 403


# --- permissions on every page ------------------------------------------------------------

PAGES = [
    "events:participants",
    "events:message",
    "events:check_in",
    "events:attendance_pdf",
    "events:certificates_pdf",
    "export",
]


def url_of(name, event):
    if name == "export":
        return reverse(
            "events:participants_export", kwargs={"slug": event.slug, "fmt": "csv"}
        )
    return reverse(name, kwargs={"slug": event.slug})


@pytest.fixture
def certified(event, group, staff):
    Event.objects.filter(pk=event.pk).update(issues_certificates=True)
    event.refresh_from_db()
    participant_check_in(event=event, actor=staff, code=group.code)
    return event


@pytest.fixture
def people(staff, representative, admin_user, other_user, organisation):
    return {
        "resident": other_user,
        "member": MembershipFactory(
            organisation=organisation, role="member", status="approved"
        ).user,
        "other_staff": StaffFactory().user,
        "staff": staff,
        "representative": representative,
        "admin": admin_user,
    }


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_people_are_sent_to_sign_in(client, certified, page):
    response = client.get(url_of(page, certified))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("resident", 403),
        ("member", 403),
        ("other_staff", 403),
        ("staff", 200),
        ("representative", 200),
        ("admin", 200),
    ],
)
def test_only_organisers_and_admins_may_open_the_pages_of_a_public_event(
    client, certified, people, page, who, expected
):
    client.force_login(people[who])
    assert client.get(url_of(page, certified)).status_code == expected


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(
    ("who", "expected"),
    [("resident", 404), ("member", 404), ("other_staff", 404), ("staff", 200)],
)
def test_a_draft_is_not_found_by_people_who_do_not_organise_it(
    client, certified, people, page, who, expected
):
    Event.objects.filter(pk=certified.pk).update(status=Event.Status.DRAFT)
    client.force_login(people[who])
    assert client.get(url_of(page, certified)).status_code == expected


def test_posting_without_csrf_token_is_refused(event, group, staff):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(staff)
    response = csrf_client.post(
        reverse("events:check_in", kwargs={"slug": event.slug}),
        {"op": "check_in", "code": group.code, "participant": ids(group)},
    )
    assert response.status_code == 403
    assert not Participant.objects.filter(checked_in_at__isnull=False).exists()


def test_non_organisers_cannot_post_decisions(client, institution, people):
    event = EventFactory(institution=institution, approval=Event.Approval.ORGANISER)
    pending = register(event, 1)
    client.force_login(people["resident"])
    response = client.post(
        reverse("events:participants", kwargs={"slug": event.slug}),
        {"op": "approve", "registration": pending.pk},
    )
    assert response.status_code == 403
    pending.refresh_from_db()
    assert pending.status == S.PENDING


# --- the participants page ----------------------------------------------------------------


@pytest.fixture
def signed_in(client, staff):
    client.force_login(staff)
    return client


def participants_url(event, **query):
    url = reverse("events:participants", kwargs={"slug": event.slug})
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return url


def test_participants_page_shows_counts_answers_and_the_waiting_list_in_order(
    signed_in, institution
):
    event = EventFactory(institution=institution, capacity=1, reserved_seats=0)
    food = QuestionFactory(event=event, kind="yes_no", label="Posiłek wegański?")
    rodo = QuestionFactory(event=event, kind="consent", label="Zgoda na zdjęcia")
    register(event, 1, answers={str(food.pk): True, str(rodo.pk): False})
    register(event, 2, answers={str(food.pk): False, str(rodo.pk): True})
    register(event, 3)
    response = signed_in.get(participants_url(event))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<th scope="col">Posiłek wegański?</th>' in html
    assert '<th scope="col">Zgoda na zdjęcia</th>' in html
    assert "osoba1@example.org" in html
    waiting = html[html.index('id="group-waitlisted"') :]
    assert re.search(r"<td>1\.</td>\s*<th scope=\"row\">Osoba 2</th>", waiting)
    assert re.search(r"<td>2\.</td>\s*<th scope=\"row\">Osoba 3</th>", waiting)
    assert response.context["counts"]["free"] == 0
    assert response.context["counts"]["taken"] == 1
    confirmed = response.context["groups"][0]["registrations"][0]
    assert confirmed.answer_list[0] in ("yes", "tak")
    assert confirmed.answer_list[1] in ("no consent", "brak zgody")


def test_participants_page_filters_by_status(signed_in, institution):
    event = EventFactory(institution=institution, capacity=1)
    register(event, 1)
    register(event, 2)
    response = signed_in.get(participants_url(event, status="waitlisted"))
    assert [g["status"] for g in response.context["groups"]] == ["waitlisted"]
    assert "Osoba 1</th>" not in response.content.decode()


def test_participants_page_with_an_unknown_status_answers_400(signed_in, event):
    response = signed_in.get(participants_url(event, status="bogus"))
    assert response.status_code == 400
    assert response.context["filter_form"].errors["status"]


def test_participants_page_queries_are_bounded(
    signed_in, institution, django_assert_max_num_queries
):
    event = EventFactory(institution=institution, capacity=20, max_group_size=2)
    QuestionFactory(event=event, kind="text")
    QuestionFactory(event=event, kind="yes_no")
    for n in range(30):
        register(event, n, participants=[{"name": f"A {n}"}, {"name": f"B {n}"}])
    with django_assert_max_num_queries(30):
        response = signed_in.get(participants_url(event))
    assert response.status_code == 200
    assert sum(len(g["registrations"]) for g in response.context["groups"]) == 30


def test_organiser_confirms_and_declines_pending_registrations(signed_in, institution):
    event = EventFactory(institution=institution, approval=Event.Approval.ORGANISER)
    first, second = register(event, 1), register(event, 2)
    url = participants_url(event)
    response = signed_in.post(url, {"op": "approve", "registration": first.pk})
    assert response.status_code == 302
    response = signed_in.post(
        url,
        {"op": "decline", "registration": second.pk, "status_filter": "pending"},
    )
    assert response["Location"].endswith("?status=pending")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (S.CONFIRMED, S.DECLINED)


def test_deciding_a_registration_that_is_not_pending_shows_an_error(
    signed_in, event, group
):
    response = signed_in.post(
        participants_url(event),
        {"op": "decline", "registration": group.pk},
        follow=True,
    )
    assert response.status_code == 200
    group.refresh_from_db()
    assert group.status == S.CONFIRMED
    assert list(response.context["messages"])[0].level_tag == "error"


def test_organiser_cancels_a_registration_after_confirming(signed_in, event, group):
    page = signed_in.get(participants_url(event, cancel=group.pk))
    assert page.context["confirm_cancel"] == group
    assert 'name="op" value="cancel"' in page.content.decode()
    signed_in.post(participants_url(event), {"op": "cancel", "registration": group.pk})
    group.refresh_from_db()
    assert group.status == S.CANCELLED
    assert (
        AuditEntry.objects.get(action="events.registration.cancelled").actor.pk
        == page.wsgi_request.user.pk
    )


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ({"op": "explode", "registration": "1"}, 400),
        ({"op": "approve", "registration": "abc"}, 404),
        ({"op": "approve", "registration": "999999"}, 404),
    ],
)
def test_bad_posts_on_the_participants_page_change_nothing(
    signed_in, event, group, data, status
):
    assert signed_in.post(participants_url(event), data).status_code == status
    group.refresh_from_db()
    assert group.status == S.CONFIRMED


def test_a_registration_of_another_event_cannot_be_cancelled_here(
    signed_in, event, institution
):
    other = register(EventFactory(institution=institution), 5)
    response = signed_in.post(
        participants_url(event), {"op": "cancel", "registration": other.pk}
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.status == S.CONFIRMED


# --- exports --------------------------------------------------------------------------------


@pytest.fixture
def exported(event, staff):
    text = QuestionFactory(event=event, kind="text", label="Dieta", position=1)
    yes_no = QuestionFactory(event=event, kind="yes_no", label="Nocleg?", position=2)
    QuestionFactory(event=event, kind="consent", label="RODO", position=3)
    registration = registration_create(
        event=event,
        actor=None,
        name="Zofia Żak",
        email="zofia@example.org",
        answers={str(text.pk): "=HYPERLINK(1)", str(yes_no.pk): True},
        participants=[
            {"name": "Zofia Żak"},
            {"name": "Łukasz Ćwik", "email": "l@ex.pl"},
        ],
    )
    participant_check_in(
        event=event, actor=staff, code=registration.code,
        participant_ids=[registration.participants.first().pk],
    )  # fmt: skip
    return registration


def export_url(event, fmt):
    return reverse(
        "events:participants_export", kwargs={"slug": event.slug, "fmt": fmt}
    )


def test_csv_export_has_one_row_per_participant_with_answers_in_words(
    signed_in, event, exported
):
    response = signed_in.get(export_url(event, "csv"))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, first, second = rows
    assert header[-3:] == ["Dieta", "Nocleg?", "RODO"]
    assert len(header) == 13
    assert first[0] == exported.code
    assert first[2] == "Zofia Żak" and second[2] == "Łukasz Ćwik"
    assert second[3] == "l@ex.pl" and second[4] == "Zofia Żak"
    assert first[7] == "2"
    local = timezone.localtime(exported.created_at, timezone=_warsaw())
    assert first[8] == local.strftime("%Y-%m-%d %H:%M")
    assert first[9] and not second[9]
    # A formula typed by the public stays text; yes/no and consent are words.
    assert first[10] == "'=HYPERLINK(1)"
    assert first[11] in ("yes", "tak")
    assert first[12] in ("no consent", "brak zgody")


def _warsaw():
    import zoneinfo

    return zoneinfo.ZoneInfo("Europe/Warsaw")


def test_xlsx_export_opens_in_openpyxl(signed_in, event, exported):
    response = signed_in.get(export_url(event, "xlsx"))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(book.active.iter_rows(values_only=True))
    assert len(rows) == 3
    assert rows[1][2] == "Zofia Żak" and rows[2][2] == "Łukasz Ćwik"
    assert rows[0][-1] == "RODO"


def test_ods_export_is_a_real_spreadsheet(signed_in, event, exported):
    response = signed_in.get(export_url(event, "ods"))
    assert response["Content-Type"] == "application/vnd.oasis.opendocument.spreadsheet"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        content = archive.read("content.xml").decode()
    assert "Łukasz Ćwik" in content and "Dieta" in content
    dataset = tablib.Dataset().load(response.content, format="ods")
    assert dataset.height == 2


def test_export_follows_the_status_filter(signed_in, institution):
    event = EventFactory(institution=institution, capacity=1)
    register(event, 1)
    register(event, 2)
    response = signed_in.get(export_url(event, "csv") + "?status=waitlisted")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [r[2] for r in rows[1:]] == ["Osoba 2"]
    bad = signed_in.get(export_url(event, "csv") + "?status=bogus")
    assert bad.status_code == 400 and b"status" in bad.content


@pytest.mark.parametrize("fmt", ["pdf", "xls", "json", "CSV"])
def test_other_export_formats_are_not_found(signed_in, event, fmt):
    assert signed_in.get(export_url(event, fmt)).status_code == 404


# --- the message page ------------------------------------------------------------------------


def message_url(event):
    return reverse("events:message", kwargs={"slug": event.slug})


def test_message_page_says_how_many_people_it_will_reach(signed_in, mixed):
    response = signed_in.get(message_url(mixed[0]))
    assert response.status_code == 200
    assert response.context["reach"] == 2
    html = response.content.decode()
    assert 'name="statuses"' in html and "(2)" in html and "(1)" in html


def test_message_page_sends_and_returns_to_the_participants(
    signed_in, mixed, django_capture_on_commit_callbacks
):
    event = mixed[0]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(
            message_url(event),
            {
                "subject": "Przypomnienie",
                "body": "Do zobaczenia",
                "statuses": ["confirmed", "waitlisted"],
            },
        )
    assert response.status_code == 302
    assert response["Location"] == participants_url(event)
    assert len(mail.outbox) == 3


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"subject": "", "body": "b", "statuses": ["confirmed"]}, "subject"),
        ({"subject": "x" * 151, "body": "b", "statuses": ["confirmed"]}, "subject"),
        ({"subject": "a", "body": "", "statuses": ["confirmed"]}, "body"),
        ({"subject": "a", "body": "b"}, "statuses"),
        ({"subject": "a", "body": "b", "statuses": ["cancelled"]}, "statuses"),
    ],
)
def test_bad_message_form_shows_the_error_on_its_field(
    signed_in, mixed, data, field, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(message_url(mixed[0]), data)
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert mail.outbox == []


def test_message_page_of_a_cancelled_event_offers_no_form(signed_in, mixed):
    event = mixed[0]
    Event.objects.filter(pk=event.pk).update(status=Event.Status.CANCELLED)
    page = signed_in.get(message_url(event))
    assert page.status_code == 200 and b'name="subject"' not in page.content
    response = signed_in.post(
        message_url(event), {"subject": "a", "body": "b", "statuses": ["confirmed"]}
    )
    assert response.status_code == 400
    assert response.context["form"].non_field_errors()
    assert not AuditEntry.objects.filter(action="events.participants.messaged").exists()


# --- the check-in page -------------------------------------------------------------------------


def check_in_url(event, code=None):
    url = reverse("events:check_in", kwargs={"slug": event.slug})
    return url + (f"?code={code}" if code is not None else "")


def test_check_in_page_finds_a_registration_by_a_loosely_typed_code(
    signed_in, event, group
):
    typed = group.code[:4].lower() + "-" + group.code[4:] + "%20"
    response = signed_in.get(check_in_url(event, typed))
    assert response.status_code == 200
    assert response.context["registration"] == group
    html = response.content.decode()
    assert html.count('name="participant" value=') == 3 + 3  # found + everyone list
    assert "Checked in: 0 of 3" in html or "0 z 3" in html


def test_check_in_page_with_an_unknown_code_shows_the_error_on_the_field(
    signed_in, event, group
):
    response = signed_in.get(check_in_url(event, "NOPE"))
    assert response.status_code == 400
    assert response.context["form"].errors["code"]
    assert 'id="id_code_error"' in response.content.decode()


def test_check_in_page_with_an_empty_code_answers_400(signed_in, event):
    response = signed_in.get(check_in_url(event, ""))
    assert response.status_code == 400


def test_check_in_page_checks_in_the_chosen_participants(signed_in, event, group):
    anna, jan, _ = group.participants.all()
    response = signed_in.post(
        check_in_url(event),
        {
            "op": "check_in",
            "code": group.code.lower(),
            "participant": [anna.pk, jan.pk],
        },
        follow=True,
    )
    assert response.status_code == 200
    assert response.context["checked_in"] == 2
    messages = [str(m) for m in response.context["messages"]]
    assert any("Anna Nowak" in m and "Jan Kowalski" in m for m in messages)


def test_check_in_page_with_nothing_chosen_shows_an_error(signed_in, event, group):
    response = signed_in.post(
        check_in_url(event), {"op": "check_in", "code": group.code}
    )
    assert response.status_code == 400
    assert response.context["participants_error"]
    assert response.context["registration"] == group
    assert not Participant.objects.filter(checked_in_at__isnull=False).exists()


def test_check_in_page_with_a_wrong_code_in_post_shows_the_field_error(
    signed_in, event, group
):
    response = signed_in.post(
        check_in_url(event), {"op": "check_in", "code": "WRONG", "participant": "1"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["code"]


def test_check_in_one_and_undo_from_the_list(signed_in, event, group):
    ewa = group.participants.get(name="Ewa Łącka")
    signed_in.post(check_in_url(event), {"op": "check_in_one", "participant": ewa.pk})
    ewa.refresh_from_db()
    assert ewa.checked_in_at is not None
    page = signed_in.get(check_in_url(event))
    row = page.content.decode().split(f'value="{ewa.pk}"')[1]
    assert row.split("</form>")[0].count('name="op" value="undo"') == 1
    signed_in.post(check_in_url(event), {"op": "undo", "participant": ewa.pk})
    ewa.refresh_from_db()
    assert ewa.checked_in_at is None


@pytest.mark.parametrize(
    "data",
    [
        {"op": "undo", "participant": "x"},
        {"op": "check_in_one", "participant": "999999"},
    ],
)
def test_bad_check_in_posts_redirect_with_an_error_and_change_nothing(
    signed_in, event, group, data
):
    response = signed_in.post(check_in_url(event), data, follow=True)
    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert not Participant.objects.filter(checked_in_at__isnull=False).exists()


def test_check_in_page_with_an_unknown_operation_answers_400(signed_in, event):
    assert signed_in.post(check_in_url(event), {"op": "x"}).status_code == 400


def test_everyone_list_is_by_surname_and_only_confirmed(signed_in, institution):
    event = EventFactory(institution=institution, capacity=3)
    for n, name in enumerate(["Zenon Łukasik", "Adam Lis", "Ewa Zając", "Piotr Nowak"]):
        registration_create(event=event, actor=None, name=name, email=f"p{n}@ex.pl")
    response = signed_in.get(check_in_url(event))
    names = [p.name for p in response.context["everyone"]]
    assert names == ["Adam Lis", "Zenon Łukasik", "Ewa Zając"]  # Nowak waits


# --- PDF downloads -------------------------------------------------------------------------------


def test_attendance_list_is_a_pdf_attachment(signed_in, event, group):
    response = signed_in.get(
        reverse("events:attendance_pdf", kwargs={"slug": event.slug})
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content.startswith(b"%PDF")


def test_certificates_are_one_page_per_checked_in_participant(signed_in, certified):
    from tests.events.test_pdf import page_count

    anna = Participant.objects.filter(registration__event=certified).first()
    participant_check_in_undo(
        event=certified, actor=UserFactory(is_superuser=True), participant_id=anna.pk
    )
    response = signed_in.get(
        reverse("events:certificates_pdf", kwargs={"slug": certified.slug})
    )
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert page_count(response.content) == 2


def test_certificates_of_an_event_without_them_are_not_found(signed_in, event, group):
    url = reverse("events:certificates_pdf", kwargs={"slug": event.slug})
    assert signed_in.get(url).status_code == 404


def test_certificates_before_anyone_checked_in_send_back_with_a_message(
    signed_in, event, group
):
    Event.objects.filter(pk=event.pk).update(issues_certificates=True)
    url = reverse("events:certificates_pdf", kwargs={"slug": event.slug})
    response = signed_in.get(url)
    assert response.status_code == 302
    assert response["Location"] == participants_url(event)


# --- the QR code ----------------------------------------------------------------------------


def test_qr_code_is_inline_svg_with_an_accessible_name():
    from django.utils.safestring import SafeString

    from razem.events.qr import qr_svg

    svg = qr_svg("ABCDEFGH23")
    assert isinstance(svg, SafeString)
    assert svg.startswith('<svg role="img" aria-label="')
    assert "ABCDEFGH23</title>" in svg and "viewBox=" in svg
    assert "<?xml" not in svg


def test_qr_code_label_is_escaped():
    from razem.events.qr import qr_svg

    svg = qr_svg("X", label='<script>"')
    assert "<script>" not in svg
    assert 'aria-label="&lt;script&gt;&quot;"' in svg
