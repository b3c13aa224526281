"""The organiser's services: events, series, agenda, attachments, questions, outcomes."""

import datetime
import io
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from razem.core.models import AuditEntry
from razem.core.uploads import DOCUMENT_TYPES
from razem.events.exceptions import EventError
from razem.events.models import (
    AgendaItem,
    Attachment,
    Event,
    EventSeries,
    FollowUpAction,
    Question,
    Registration,
)
from razem.events.services import events as services
from tests.factories import (
    AreaFactory,
    EventFactory,
    GminaFactory,
    InstitutionFactory,
    MembershipFactory,
    OrganisationFactory,
    PowiatFactory,
    QuestionFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
S = Registration.Status
WARSAW = datetime.timezone(timedelta(hours=2))  # summer time, for readable asserts


# --- helpers ---------------------------------------------------------------------


def pdf(name="program.pdf", size=0):
    body = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    return SimpleUploadedFile(name, body + b"0" * size, "application/pdf")


def docx(name="program.docx"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return SimpleUploadedFile(name, buffer.getvalue(), "application/octet-stream")


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
    b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01"
    b"\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def media_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def when(days=30, hour=10):
    base = (timezone.now() + timedelta(days=days)).replace(
        hour=hour, minute=0, second=0, microsecond=0
    )
    return base


def register(event, n, status=S.CONFIRMED, **extra):
    return Registration.objects.create(
        event=event,
        name=f"Osoba {n}",
        email=f"osoba{n}@example.org",
        status=status,
        waitlisted_at=timezone.now() + timedelta(seconds=n)
        if status == S.WAITLISTED
        else None,
        **extra,
    )


def actions(prefix="events."):
    return list(
        AuditEntry.objects.filter(action__startswith=prefix)
        .order_by("id")
        .values_list("action", flat=True)
    )


@pytest.fixture
def organiser(institution):
    return StaffFactory(institution=institution).user


@pytest.fixture
def event(institution):
    return EventFactory(institution=institution, capacity=2)


def create(actor, **overrides):
    data = {
        "title": "Spotkanie otwarte o planach ministerstwa",
        "kind": Event.Kind.OPEN_MEETING,
        "description": "Ministerstwo przedstawia plany.",
        "starts_at": when(),
        "ends_at": when(hour=13),
    }
    data.update(overrides)
    return services.event_create(actor=actor, **data)


# --- creating --------------------------------------------------------------------


def test_staff_creates_a_draft_for_their_institution_with_unique_slugs(
    organiser, institution
):
    first = create(organiser, institution=institution, capacity=40)
    second = create(organiser, institution=institution)
    assert first.status == Event.Status.DRAFT
    assert first.slug == "spotkanie-otwarte-o-planach-ministerstwa"
    assert second.slug == "spotkanie-otwarte-o-planach-ministerstwa-2"
    assert first.institution == institution and first.capacity == 40
    assert first.created_by == organiser
    assert actions() == ["events.event.created", "events.event.created"]


def test_polish_letters_stay_readable_in_the_slug(organiser, institution):
    event = create(organiser, institution=institution, title="Łódź: żółta ławka")
    assert event.slug == "lodz-zolta-lawka"


def test_representative_creates_a_published_event_of_their_organisation(db):
    membership = MembershipFactory()
    gmina = GminaFactory()
    area = AreaFactory()
    event = create(
        membership.user,
        organisations=[membership.organisation.slug],
        areas=[area.code],
        territory=gmina.code,
        lat=51.88,
        lon=17.01,
        publish=True,
    )
    assert event.status == Event.Status.PUBLISHED
    assert list(event.organisations.all()) == [membership.organisation]
    assert list(event.areas.all()) == [area]
    assert event.territory == gmina


def test_an_event_needs_an_organiser(organiser):
    with pytest.raises(EventError) as exc:
        create(organiser)
    assert exc.value.field == "institution"
    assert not Event.objects.exists()


def test_staff_cannot_name_an_institution_they_do_not_work_for(organiser):
    with pytest.raises(EventError) as exc:
        create(organiser, institution=InstitutionFactory())
    assert exc.value.field == "institution"
    assert not Event.objects.exists()


def test_only_representatives_may_name_an_organisation(organiser, institution):
    member = MembershipFactory(role="member")
    StaffFactory(institution=institution, user=member.user)
    with pytest.raises(EventError) as exc:
        create(
            member.user, institution=institution, organisations=[member.organisation]
        )
    assert exc.value.field == "organisations"
    with pytest.raises(EventError) as exc:
        create(
            organiser, institution=institution, organisations=[OrganisationFactory()]
        )
    assert exc.value.field == "organisations"
    assert not Event.objects.exists()


def test_a_resident_may_not_create_events(user):
    with pytest.raises(EventError) as exc:
        create(user, institution=InstitutionFactory())
    assert exc.value.status_code == 403


def test_a_platform_admin_may_name_any_institution(admin_user, institution):
    assert create(admin_user, institution=institution).institution == institution


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"ends_at": when(hour=9)}, "ends_at"),
        ({"ends_at": when(hour=10)}, "ends_at"),
        (
            {
                "registration_opens_at": when(days=5),
                "registration_closes_at": when(days=4),
            },
            "registration_closes_at",
        ),
        ({"registration_closes_at": when(days=31)}, "registration_closes_at"),
        ({"capacity": 5, "reserved_seats": 6}, "reserved_seats"),
        ({"lat": 40.0, "lon": 17.0}, "lat"),
        ({"lat": 52.0, "lon": 30.0}, "lon"),
        ({"lat": 52.0}, "lon"),
        ({"title": "x" * 201}, "title"),
        ({"description": ""}, "description"),
        ({"kind": "party"}, "kind"),
        ({"territory": "9999999"}, "territory"),
        ({"territory": "3004"}, "territory"),
        ({"areas": ["no-such-area"]}, "areas"),
    ],
)
def test_bad_input_is_refused_on_its_field(organiser, institution, overrides, field):
    PowiatFactory()
    with pytest.raises(EventError) as exc:
        create(organiser, institution=institution, **overrides)
    assert exc.value.field == field
    assert exc.value.status_code == 400
    assert not Event.objects.exists()


def test_a_series_must_belong_to_the_same_organiser(organiser, institution):
    own = services.series_create(
        actor=organiser, title="Cykl konferencji", institution=institution
    )
    other = EventSeries.objects.create(
        title="Cudzy cykl", slug="cudzy", institution=InstitutionFactory()
    )
    assert create(organiser, institution=institution, series=own).series == own
    with pytest.raises(EventError) as exc:
        create(organiser, institution=institution, series=other)
    assert exc.value.field == "series"


def test_series_are_created_only_for_own_organisers(organiser, institution):
    series = services.series_create(
        actor=organiser, title="Cykl konferencji", institution=institution
    )
    assert series.slug == "cykl-konferencji"
    assert actions() == ["events.series.created"]
    with pytest.raises(EventError) as exc:
        services.series_create(
            actor=organiser, title="Cudzy", institution=InstitutionFactory()
        )
    assert exc.value.field == "institution"
    with pytest.raises(EventError):
        services.series_create(actor=organiser, title="Bez organizatora")
    with pytest.raises(EventError) as exc:
        services.series_create(actor=UserFactory(), title="X", institution=institution)
    assert exc.value.status_code == 403


# --- updating --------------------------------------------------------------------


def test_update_changes_the_fields_and_records_what_changed(organiser, event):
    updated = services.event_update(
        actor=organiser, event=event, title="Nowy tytuł", audience="organizacje"
    )
    assert updated.title == "Nowy tytuł" and updated.audience == "organizacje"
    entry = AuditEntry.objects.get(action="events.event.updated")
    assert entry.data["changes"]["title"][1] == "Nowy tytuł"
    assert entry.actor == organiser


def test_only_organisers_may_update(event, user):
    other_staff = StaffFactory().user
    for person in (user, other_staff):
        with pytest.raises(EventError) as exc:
            services.event_update(actor=person, event=event, title="Przejęte")
        assert exc.value.status_code == 403
    event.refresh_from_db()
    assert event.title != "Przejęte"


def test_a_representative_edits_an_institution_event_keeping_the_institution(
    event,
):
    membership = MembershipFactory()
    event.organisations.add(membership.organisation)
    updated = services.event_update(
        actor=membership.user,
        event=event,
        institution=event.institution,
        organisations=[membership.organisation],
        title="Wspólne spotkanie",
    )
    assert updated.title == "Wspólne spotkanie"
    with pytest.raises(EventError) as exc:
        services.event_update(
            actor=membership.user, event=event, institution=InstitutionFactory()
        )
    assert exc.value.field == "institution"


def test_raising_the_capacity_offers_the_new_seats_to_the_waiting_list(
    organiser, event, django_capture_on_commit_callbacks
):
    register(event, 1)
    register(event, 2)
    waiting = [register(event, n, S.WAITLISTED) for n in (3, 4, 5)]
    with django_capture_on_commit_callbacks(execute=True):
        services.event_update(actor=organiser, event=event, capacity=4)
    statuses = [Registration.objects.get(pk=r.pk).status for r in waiting]
    assert statuses == [S.OFFERED, S.OFFERED, S.WAITLISTED]
    assert "events.event.capacity_changed" in actions()


def test_lowering_the_capacity_below_the_taken_seats_is_refused(organiser, event):
    register(event, 1)
    register(event, 2)
    with pytest.raises(EventError) as exc:
        services.event_update(
            actor=organiser, event=event, capacity=1, title="Zmieniony"
        )
    assert exc.value.code == "below_taken"
    assert exc.value.field == "capacity"
    event.refresh_from_db()
    assert event.capacity == 2 and event.title != "Zmieniony"
    with pytest.raises(EventError) as exc:
        services.event_update(actor=organiser, event=event, reserved_seats=1)
    assert exc.value.code == "below_taken"


def test_changing_the_event_time_tells_the_participants(
    organiser, event, django_capture_on_commit_callbacks
):
    old_start = event.starts_at
    for n, status in enumerate([S.CONFIRMED, S.PENDING, S.WAITLISTED]):
        register(event, n, status)
    register(event, 9, S.CANCELLED)
    new_start = old_start + timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.event_update(
            actor=organiser,
            event=event,
            starts_at=new_start,
            ends_at=new_start + timedelta(hours=2),
        )
    assert sorted(m.to[0] for m in mail.outbox) == [
        "osoba0@example.org",
        "osoba1@example.org",
        "osoba2@example.org",
    ]
    body = mail.outbox[0].body
    local_old = timezone.localtime(old_start)
    local_new = timezone.localtime(new_start)
    assert local_old.strftime("%H:%M") in body
    assert f"{local_old.day} " in body and f"{local_new.day} " in body
    assert event.title in mail.outbox[0].subject
    entry = AuditEntry.objects.get(action="events.event.participants_notified")
    assert entry.data["registrations"] == 3


def test_moving_the_venue_tells_the_participants_old_and_new_place(
    organiser, event, django_capture_on_commit_callbacks
):
    register(event, 1)
    with django_capture_on_commit_callbacks(execute=True):
        services.event_update(
            actor=organiser, event=event, venue_name="Aula Urzędu Wojewódzkiego"
        )
    body = mail.outbox[0].body
    assert "Sala konferencyjna urzędu" in body
    assert "Aula Urzędu Wojewódzkiego" in body


def test_changing_the_description_or_a_draft_sends_no_mail(
    organiser, event, institution, django_capture_on_commit_callbacks
):
    register(event, 1)
    draft = EventFactory(institution=institution, status=Event.Status.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        services.event_update(actor=organiser, event=event, description="Więcej.")
        services.event_update(
            actor=organiser, event=draft, starts_at=draft.starts_at + timedelta(hours=1)
        )
    assert mail.outbox == []


# --- publishing, cancelling, deleting --------------------------------------------


def test_publishing_a_draft(organiser, institution):
    draft = EventFactory(institution=institution, status=Event.Status.DRAFT)
    assert services.event_publish(actor=organiser, event=draft).status == "published"
    assert actions() == ["events.event.published"]
    with pytest.raises(EventError) as exc:
        services.event_publish(actor=organiser, event=draft)
    assert exc.value.status_code == 409


def test_cancelling_cancels_every_active_registration_and_mails_them(
    organiser, event, django_capture_on_commit_callbacks
):
    active = [
        register(event, n, status)
        for n, status in enumerate([S.CONFIRMED, S.PENDING, S.WAITLISTED])
    ]
    register(event, 5, S.OFFERED, offer_expires_at=timezone.now() + timedelta(days=1))
    declined = register(event, 6, S.DECLINED)
    with django_capture_on_commit_callbacks(execute=True):
        cancelled = services.event_cancel(
            actor=organiser, event=event, reason="Choroba prelegenta."
        )
    assert cancelled.status == Event.Status.CANCELLED
    assert cancelled.cancelled_at is not None
    assert cancelled.cancellation_reason == "Choroba prelegenta."
    assert set(
        Registration.objects.filter(pk__in=[r.pk for r in active]).values_list(
            "status", flat=True
        )
    ) == {S.CANCELLED}
    assert Registration.objects.get(pk=declined.pk).status == S.DECLINED
    assert len(mail.outbox) == 4
    assert all("Choroba prelegenta." in m.body for m in mail.outbox)
    assert "events.event.cancelled" in actions()
    assert Event.objects.public().filter(pk=event.pk).exists()


def test_a_cancelled_event_cannot_be_cancelled_again_or_edited(organiser, event):
    services.event_cancel(actor=organiser, event=event, reason="Powódź.")
    with pytest.raises(EventError) as exc:
        services.event_cancel(actor=organiser, event=event, reason="Znowu.")
    assert exc.value.status_code == 409
    with pytest.raises(EventError) as exc:
        services.event_update(actor=organiser, event=event, title="Jednak")
    assert exc.value.status_code == 403


def test_cancelling_needs_a_reason_and_permission(organiser, event, user):
    with pytest.raises(EventError) as exc:
        services.event_cancel(actor=organiser, event=event, reason="  ")
    assert exc.value.field == "reason"
    with pytest.raises(EventError) as exc:
        services.event_cancel(actor=user, event=event, reason="Bo tak.")
    assert exc.value.status_code == 403
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED


def test_deleting_a_draft_without_registrations_really_deletes_it(
    organiser, institution, settings, django_capture_on_commit_callbacks
):
    draft = EventFactory(institution=institution, status=Event.Status.DRAFT)
    services.attachment_add(actor=organiser, event=draft, title="Program", file=pdf())
    assert len(media_files(settings)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert services.event_delete(actor=organiser, event=draft) is None
    assert not Event.objects.filter(pk=draft.pk).exists()
    assert media_files(settings) == []
    assert AuditEntry.objects.get(action="events.event.deleted").data["slug"] == (
        draft.slug
    )


def test_deleting_an_event_with_registrations_cancels_it_with_notice(
    organiser, event, django_capture_on_commit_callbacks
):
    registration = register(event, 1)
    with django_capture_on_commit_callbacks(execute=True):
        result = services.event_delete(
            actor=organiser, event=event, reason="Brak sali."
        )
    assert result.pk == event.pk and result.status == Event.Status.CANCELLED
    assert Registration.objects.get(pk=registration.pk).status == S.CANCELLED
    assert [m.to for m in mail.outbox] == [["osoba1@example.org"]]
    with pytest.raises(EventError) as exc:
        services.event_delete(actor=organiser, event=EventFactory(institution=None))
    assert exc.value.status_code == 403


def test_deleting_a_published_event_needs_a_reason(organiser, event):
    with pytest.raises(EventError) as exc:
        services.event_delete(actor=organiser, event=event)
    assert exc.value.field == "reason"
    assert Event.objects.get(pk=event.pk).status == Event.Status.PUBLISHED


# --- agenda ----------------------------------------------------------------------


def test_agenda_items_are_added_changed_and_removed(organiser, event):
    item = services.agenda_item_add(
        actor=organiser,
        event=event,
        title="Powitanie",
        starts_at=datetime.time(10, 0),
        ends_at=datetime.time(10, 15),
        speakers="Anna Nowak",
    )
    second = services.agenda_item_add(actor=organiser, event=event, title="Dyskusja")
    assert (item.position, second.position) == (0, 1)
    services.agenda_item_update(actor=organiser, item=item, title="Otwarcie")
    assert AgendaItem.objects.get(pk=item.pk).title == "Otwarcie"
    services.agenda_item_delete(actor=organiser, item=second)
    assert list(event.agenda_items.values_list("title", flat=True)) == ["Otwarcie"]
    assert actions() == [
        "events.agenda.item_added",
        "events.agenda.item_added",
        "events.agenda.item_changed",
        "events.agenda.item_deleted",
    ]


def test_agenda_refuses_bad_times_days_and_strangers(organiser, event, user):
    with pytest.raises(EventError) as exc:
        services.agenda_item_add(
            actor=organiser,
            event=event,
            title="Wstecz",
            starts_at=datetime.time(11, 0),
            ends_at=datetime.time(10, 0),
        )
    assert exc.value.field == "ends_at"
    with pytest.raises(EventError) as exc:
        services.agenda_item_add(
            actor=organiser,
            event=event,
            title="Za wcześnie",
            day=timezone.localdate() - timedelta(days=1),
        )
    assert exc.value.field == "day"
    with pytest.raises(EventError) as exc:
        services.agenda_item_add(actor=user, event=event, title="Obcy")
    assert exc.value.status_code == 403
    assert not AgendaItem.objects.exists()


# --- attachments -----------------------------------------------------------------


def test_a_pdf_and_a_docx_are_attached_with_size_and_type(organiser, event):
    first = services.attachment_add(
        actor=organiser, event=event, title="Program", file=pdf()
    )
    second = services.attachment_add(
        actor=organiser,
        event=event,
        title="Protokół",
        file=docx(),
        kind=Attachment.Kind.OUTCOME,
    )
    assert first.content_type == DOCUMENT_TYPES["pdf"] and first.size > 0
    assert second.content_type == DOCUMENT_TYPES["docx"]
    assert actions() == ["events.attachment.added", "events.attachment.added"]


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("program.pdf", PNG, "application/pdf"),
        SimpleUploadedFile("program.pdf", b"just some text", "application/pdf"),
        SimpleUploadedFile("program.docx", b"PK\x03\x04broken zip", "application/zip"),
    ],
    ids=["png-named-pdf", "text-named-pdf", "broken-zip-named-docx"],
)
def test_a_file_of_the_wrong_type_is_refused_and_nothing_is_saved(
    organiser, event, settings, upload
):
    with pytest.raises(EventError) as exc:
        services.attachment_add(
            actor=organiser, event=event, title="Program", file=upload
        )
    assert exc.value.field == "file"
    assert not Attachment.objects.exists()
    assert media_files(settings) == []


def test_a_file_over_the_size_limit_is_refused(organiser, event, settings):
    settings.RAZEM_MAX_DOCUMENT_BYTES = 100
    with pytest.raises(EventError) as exc:
        services.attachment_add(
            actor=organiser, event=event, title="Duży", file=pdf(size=200)
        )
    assert exc.value.field == "file"
    assert not Attachment.objects.exists()
    assert media_files(settings) == []


def test_removing_an_attachment_deletes_its_file(
    organiser, event, settings, django_capture_on_commit_callbacks
):
    attachment = services.attachment_add(
        actor=organiser, event=event, title="Program", file=pdf()
    )
    assert len(media_files(settings)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.attachment_delete(actor=organiser, attachment=attachment)
    assert not Attachment.objects.exists()
    assert media_files(settings) == []
    assert actions()[-1] == "events.attachment.deleted"


def test_outcome_documents_may_be_added_after_cancelling(organiser, event):
    services.event_cancel(actor=organiser, event=event, reason="Odwołane.")
    with pytest.raises(EventError):
        services.attachment_add(
            actor=organiser, event=event, title="Program", file=pdf()
        )
    attachment = services.attachment_add(
        actor=organiser,
        event=event,
        title="Notatka",
        file=pdf(),
        kind=Attachment.Kind.OUTCOME,
    )
    assert attachment.pk


# --- questions -------------------------------------------------------------------


def test_a_choice_question_needs_two_choices(organiser, event):
    question = services.question_add(
        actor=organiser,
        event=event,
        kind=Question.Kind.CHOICE,
        label="Dieta",
        choices="wegetariańska\n\n standardowa \nwegetariańska",
        required=True,
    )
    assert question.choices == ["wegetariańska", "standardowa"]
    with pytest.raises(EventError) as exc:
        services.question_add(
            actor=organiser, event=event, kind="choice", label="Pusta", choices=["a"]
        )
    assert exc.value.field == "choices"
    text = services.question_add(
        actor=organiser, event=event, kind="text", label="Uwagi", choices=["x"]
    )
    assert text.choices == [] and text.position == 1
    assert actions() == ["events.question.added", "events.question.added"]


def test_a_consent_gets_the_rodo_clause_naming_the_organiser(
    organiser, event, institution
):
    question = services.question_add(
        actor=organiser, event=event, kind="consent", label="Zgoda", required=True
    )
    assert institution.name in question.help_text
    assert event.title in question.help_text
    own = services.question_add(
        actor=organiser,
        event=event,
        kind="consent",
        label="Zgoda na zdjęcia",
        help_text="Własna klauzula.",
    )
    assert own.help_text == "Własna klauzula."


def test_an_answered_question_cannot_be_deleted_or_change_its_kind(organiser, event):
    question = QuestionFactory(event=event, kind="text")
    register(event, 1, answers={str(question.pk): "wegańska"})
    with pytest.raises(EventError) as exc:
        services.question_delete(actor=organiser, question=question)
    assert exc.value.code == "answered"
    with pytest.raises(EventError) as exc:
        services.question_update(actor=organiser, question=question, kind="yes_no")
    assert exc.value.field == "kind"
    question.refresh_from_db()
    assert question.kind == "text"
    services.question_update(actor=organiser, question=question, label="Dieta?")
    assert Question.objects.get(pk=question.pk).label == "Dieta?"


def test_an_unanswered_question_is_deleted(organiser, event, user):
    question = QuestionFactory(event=event)
    with pytest.raises(EventError) as exc:
        services.question_delete(actor=user, question=question)
    assert exc.value.status_code == 403
    services.question_delete(actor=organiser, question=question)
    assert not Question.objects.exists()
    assert actions() == ["events.question.deleted"]


# --- outcomes --------------------------------------------------------------------


def test_outcomes_are_saved_published_and_unpublished(organiser, event):
    services.outcomes_update(
        actor=organiser,
        event=event,
        minutes="Protokół.",
        conclusions="Wnioski.",
        recommendations="Rekomendacje.",
        publish=True,
    )
    event.refresh_from_db()
    published_at = event.outcomes_published_at
    assert event.minutes == "Protokół." and published_at is not None
    services.outcomes_update(
        actor=organiser,
        event=event,
        minutes="Protokół poprawiony.",
        conclusions="Wnioski.",
        recommendations="Rekomendacje.",
        publish=True,
    )
    event.refresh_from_db()
    assert event.outcomes_published_at == published_at
    services.outcomes_update(
        actor=organiser,
        event=event,
        minutes="",
        conclusions="",
        recommendations="",
        publish=False,
    )
    event.refresh_from_db()
    assert event.outcomes_published_at is None
    assert actions() == [
        "events.outcomes.updated",
        "events.outcomes.published",
        "events.outcomes.updated",
        "events.outcomes.updated",
        "events.outcomes.unpublished",
    ]


def test_only_organisers_publish_outcomes(event, user):
    member = MembershipFactory(role="member")
    event.organisations.add(member.organisation)
    for person in (user, member.user):
        with pytest.raises(EventError) as exc:
            services.outcomes_update(
                actor=person,
                event=event,
                minutes="Fałszywy protokół",
                conclusions="",
                recommendations="",
                publish=True,
            )
        assert exc.value.status_code == 403
    event.refresh_from_db()
    assert event.minutes == "" and event.outcomes_published_at is None


def test_follow_up_actions_are_added_changed_and_removed(organiser, event, user):
    action = services.follow_up_action_add(
        actor=organiser,
        event=event,
        title="Przygotować projekt uchwały",
        responsible="Wydział Spraw Społecznych",
        due_date=datetime.date(2031, 1, 31),
        url="https://bip.example.gov.pl/uchwala",
    )
    services.follow_up_action_update(
        actor=organiser, action=action, status=FollowUpAction.Status.DONE
    )
    assert FollowUpAction.objects.get(pk=action.pk).status == "done"
    with pytest.raises(EventError) as exc:
        services.follow_up_action_add(actor=organiser, event=event, title="")
    assert exc.value.field == "title"
    with pytest.raises(EventError) as exc:
        services.follow_up_action_delete(actor=user, action=action)
    assert exc.value.status_code == 403
    services.follow_up_action_delete(actor=organiser, action=action)
    assert not FollowUpAction.objects.exists()
    assert actions() == [
        "events.follow_up.added",
        "events.follow_up.changed",
        "events.follow_up.deleted",
    ]
