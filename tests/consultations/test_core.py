"""The consultation's life, comments, positions and the report's precondition."""

from datetime import timedelta

import pytest
from django.utils import timezone

from razem.consultations.exceptions import ConsultationError
from razem.consultations.models import Comment, Consultation, Response
from razem.consultations.services.comments import comment_create, comment_update
from razem.consultations.services.consultations import (
    consultation_create,
    report_publish,
    responses_start,
)
from razem.consultations.services.responses import response_set
from razem.core.models import AuditEntry
from tests.consultations.factories import ConsultationFactory, comment
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_staff_create_numbered_drafts_per_institution_and_year(institution, staff):
    start = timezone.now() + timedelta(days=1)
    first, second = (
        consultation_create(
            actor=staff,
            institution=institution,
            title=f"Program {n}",
            kind="programme",
            subject="Przedmiot",
            starts_at=start,
            ends_at=start + timedelta(days=21),
        )
        for n in range(2)
    )
    assert (first.number, second.number) == (1, 2)
    assert second.reference == f"K-{start.year}-002"
    assert first.status == Consultation.Status.DRAFT
    assert (
        AuditEntry.objects.filter(action="consultations.consultation.created").count()
        == 2
    )


def test_a_shorter_period_needs_a_justification(institution, staff):
    start = timezone.now() + timedelta(days=1)
    kwargs = dict(
        actor=staff,
        institution=institution,
        title="Pilny projekt",
        kind="normative_act",
        subject="Przedmiot",
        starts_at=start,
        ends_at=start + timedelta(days=7),
    )
    with pytest.raises(ConsultationError) as error:
        consultation_create(**kwargs)
    assert error.value.field == "shortened_justification"
    assert not Consultation.objects.exists()
    made = consultation_create(**kwargs, shortened_justification="Termin ustawowy.")
    assert made.is_shortened


def test_only_the_institutions_staff_create(institution, user):
    other_staff = StaffFactory().user
    start = timezone.now()
    for actor in (None, user, other_staff):
        with pytest.raises(ConsultationError) as error:
            consultation_create(
                actor=actor,
                institution=institution,
                title="X",
                kind="other",
                subject="Y",
                starts_at=start,
                ends_at=start + timedelta(days=30),
            )
        assert error.value.status_code == 403


def test_comments_are_numbered_and_carry_the_section_text(user):
    consultation = ConsultationFactory()
    section = consultation.current_version.sections.first()
    first = comment_create(
        consultation=consultation,
        actor=user,
        section=section.pk,
        proposed_wording="Nowe brzmienie",
        justification="<script>alert(1)</script>",
    )
    second = comment_create(
        consultation=consultation, actor=user, justification="Ogólna"
    )
    assert (first.number, second.number) == (1, 2)
    assert first.current_wording == section.text
    assert first.reference == f"{consultation.reference}/1"
    assert second.section is None


def test_commenting_outside_the_period_is_refused(user):
    before = ConsultationFactory(starts_at=timezone.now() + timedelta(days=1))
    after = ConsultationFactory(starts_at=timezone.now() - timedelta(days=30))
    for consultation in (before, after):
        with pytest.raises(ConsultationError) as error:
            comment_create(consultation=consultation, actor=user, justification="X")
        assert error.value.code == "not_open"
    assert not Comment.objects.exists()


def test_a_section_of_an_old_version_is_refused(user):
    consultation = ConsultationFactory()
    old_section = consultation.current_version.sections.first()
    newer = consultation.versions.create(number=2)
    newer.sections.create(key="par-1", text="Nowa treść", position=0)
    with pytest.raises(ConsultationError) as error:
        comment_create(
            consultation=consultation,
            actor=user,
            section=old_section.pk,
            justification="X",
        )
    assert error.value.code == "old_version"


def test_empty_or_overlong_comments_are_refused(user):
    consultation = ConsultationFactory()
    for text in ("", "   ", "x" * 10_001):
        with pytest.raises(ConsultationError) as error:
            comment_create(consultation=consultation, actor=user, justification=text)
        assert error.value.field == "justification"
    assert not Comment.objects.exists()


def test_authors_edit_until_the_consultation_closes(user):
    consultation = ConsultationFactory()
    mine = comment_create(consultation=consultation, actor=user, justification="A")
    comment_update(comment=mine, actor=user, justification="B")
    with pytest.raises(ConsultationError):
        comment_update(comment=mine, actor=UserFactory(), justification="C")
    Consultation.objects.filter(pk=consultation.pk).update(
        ends_at=timezone.now() - timedelta(minutes=1)
    )
    mine.refresh_from_db()
    with pytest.raises(ConsultationError) as error:
        comment_update(comment=mine, actor=user, justification="D")
    assert error.value.code == "not_open"


def test_the_report_is_refused_while_comments_have_no_position():
    consultation = ConsultationFactory(starts_at=timezone.now() - timedelta(days=20))
    staff = StaffFactory(institution=consultation.institution).user
    first, second, third = (comment(consultation) for _ in range(3))
    comment(consultation, visibility=Comment.Visibility.HIDDEN, hidden_reason="spam")
    responses_start(consultation=consultation, actor=staff)
    response_set(
        consultation=consultation,
        actor=staff,
        comments=[first, second],
        position=Response.Position.ACCEPTED,
        justification="Uwzględniono.",
    )
    with pytest.raises(ConsultationError) as error:
        report_publish(consultation=consultation, actor=staff)
    assert error.value.code == "unanswered"
    assert error.value.details == [f"{consultation.reference}/3"]
    response_set(
        consultation=consultation,
        actor=staff,
        comments=[third],
        position=Response.Position.REJECTED,
        justification="Niezgodne z ustawą.",
    )
    published = report_publish(consultation=consultation, actor=staff)
    assert published.status == Consultation.Status.REPORTED


def test_answering_again_replaces_the_position_and_drops_empty_responses():
    consultation = ConsultationFactory(starts_at=timezone.now() - timedelta(days=20))
    staff = StaffFactory(institution=consultation.institution).user
    only = comment(consultation)
    kwargs = dict(consultation=consultation, actor=staff, comments=[only])
    response_set(**kwargs, position="accepted", justification="Tak")
    response_set(**kwargs, position="partly", justification="Częściowo")
    only.refresh_from_db()
    assert only.response.position == "partly"
    assert Response.objects.count() == 1


def test_positions_cannot_be_recorded_while_the_consultation_is_open():
    consultation = ConsultationFactory()
    staff = StaffFactory(institution=consultation.institution).user
    with pytest.raises(ConsultationError) as error:
        response_set(
            consultation=consultation,
            actor=staff,
            comments=[comment(consultation)],
            position="accepted",
            justification="x",
        )
    assert error.value.status_code == 409
