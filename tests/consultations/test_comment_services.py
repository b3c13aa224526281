"""The comment services beyond test_core.py: participation rules, on behalf of an
organisation, publishing names, moderation, abuse reports, written opinions entered
by staff, and attachments to comments (services/comment_files.py)."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from razem.consultations.exceptions import ConsultationError
from razem.consultations.models import (
    AbuseReport,
    Comment,
    CommentAttachment,
    Consultation,
)
from razem.consultations.services.comment_files import (
    MAX_ATTACHMENTS,
    comment_attachment_add,
    comment_attachment_delete,
)
from razem.consultations.services.comments import (
    abuse_report_create,
    comment_create,
    comment_moderate,
    opinion_enter,
)
from razem.core.models import AuditEntry
from tests.consultations.factories import ConsultationFactory, comment
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
V = Comment.Visibility
P = Consultation.Participation


def pdf(name="pismo.pdf", size=0):
    body = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    return SimpleUploadedFile(name, body + b"0" * max(size - len(body), 0))


def refused(call, **kwargs):
    with pytest.raises(ConsultationError) as error:
        call(**kwargs)
    return error.value


def staff_of(consultation):
    return StaffFactory(institution=consultation.institution).user


# --- participation -------------------------------------------------------------------


def test_anyone_signed_in_comments_when_participation_is_signed_in(user):
    consultation = ConsultationFactory(participation=P.SIGNED_IN)
    for person in (user, MembershipFactory().user, staff_of(consultation)):
        comment_create(consultation=consultation, actor=person, justification="A")
    assert consultation.comments.count() == 3
    error = refused(
        comment_create, consultation=consultation, actor=None, justification="A"
    )
    assert error.status_code == 403


def test_only_organisations_refuses_people_without_an_approved_membership(user):
    consultation = ConsultationFactory(participation=P.ORGANISATIONS)
    pending = MembershipFactory(status="pending").user
    for person in (user, pending):
        error = refused(
            comment_create, consultation=consultation, actor=person, justification="A"
        )
        assert error.status_code == 403
    assert not Comment.objects.exists()


def test_only_organisations_needs_the_organisation_named():
    consultation = ConsultationFactory(participation=P.ORGANISATIONS)
    membership = MembershipFactory()
    error = refused(
        comment_create,
        consultation=consultation,
        actor=membership.user,
        justification="A",
    )
    assert error.field == "organisation"
    made = comment_create(
        consultation=consultation,
        actor=membership.user,
        justification="A",
        organisation=membership.organisation,
    )
    assert made.organisation == membership.organisation


def test_invited_only_admits_invited_people_and_members_of_invited_bodies():
    consultation = ConsultationFactory(participation=P.INVITED)
    invited = UserFactory()
    consultation.invited_people.add(invited)
    member = MembershipFactory()
    consultation.invited_organisations.add(member.organisation)
    for person in (invited, member.user):
        comment_create(consultation=consultation, actor=person, justification="A")
    for person in (UserFactory(), MembershipFactory().user, staff_of(consultation)):
        error = refused(
            comment_create, consultation=consultation, actor=person, justification="A"
        )
        assert error.status_code == 403
    assert consultation.comments.count() == 2


def test_without_online_comments_nobody_comments_online(user):
    consultation = ConsultationFactory(online_comments=False)
    refused(comment_create, consultation=consultation, actor=user, justification="A")
    assert not Comment.objects.exists()


def test_on_behalf_of_an_organisation_one_is_not_a_member_of_is_refused():
    consultation = ConsultationFactory()
    person = MembershipFactory().user
    pending = MembershipFactory(user=person, status="pending").organisation
    for organisation in (OrganisationFactory(), pending):
        error = refused(
            comment_create,
            consultation=consultation,
            actor=person,
            justification="A",
            organisation=organisation,
        )
        assert (error.field, error.status_code) == ("organisation", 403)
    assert not Comment.objects.exists()


def test_the_public_author_is_the_organisation_the_consenting_person_or_nobody():
    consultation = ConsultationFactory()
    membership = MembershipFactory(user=UserFactory(full_name="Ewa Lis"))
    person = membership.user
    kwargs = dict(consultation=consultation, actor=person, justification="A")
    private = comment_create(**kwargs)
    named = comment_create(**kwargs, publish_name=True)
    organised = comment_create(**kwargs, organisation=membership.organisation)
    assert private.author_name == "Ewa Lis"
    assert private.public_author != "Ewa Lis"
    assert named.public_author == "Ewa Lis"
    assert organised.public_author == membership.organisation.name


def test_pre_moderation_keeps_new_comments_pending(user):
    consultation = ConsultationFactory(moderation=Consultation.Moderation.BEFORE)
    made = comment_create(consultation=consultation, actor=user, justification="A")
    assert made.visibility == V.PENDING


# --- moderation ----------------------------------------------------------------------


def test_a_moderator_publishes_a_pending_comment_with_an_audit_entry():
    consultation = ConsultationFactory()
    target = comment(consultation, visibility=V.PENDING)
    staff = staff_of(consultation)
    comment_moderate(comment=target, actor=staff, visible=True)
    target.refresh_from_db()
    assert target.visibility == V.PUBLIC
    entry = AuditEntry.objects.get(action="consultations.comment.published")
    assert entry.actor == staff
    assert entry.data["previous"] == V.PENDING


def test_hiding_needs_a_reason_and_records_it():
    consultation = ConsultationFactory()
    target = comment(consultation)
    staff = staff_of(consultation)
    for reason in ("", "   "):
        error = refused(
            comment_moderate, comment=target, actor=staff, visible=False, reason=reason
        )
        assert error.field == "hidden_reason"
    target.refresh_from_db()
    assert target.visibility == V.PUBLIC
    comment_moderate(comment=target, actor=staff, visible=False, reason="Spam")
    target.refresh_from_db()
    assert (target.visibility, target.hidden_reason) == (V.HIDDEN, "Spam")
    assert AuditEntry.objects.filter(action="consultations.comment.hidden").exists()
    comment_moderate(comment=target, actor=staff, visible=True)
    target.refresh_from_db()
    assert (target.visibility, target.hidden_reason) == (V.PUBLIC, "")


def test_only_the_institutions_staff_and_admins_moderate(user):
    consultation = ConsultationFactory()
    target = comment(consultation, visibility=V.PENDING)
    for person in (None, user, MembershipFactory().user, StaffFactory().user):
        error = refused(comment_moderate, comment=target, actor=person, visible=True)
        assert error.status_code == 403
    target.refresh_from_db()
    assert target.visibility == V.PENDING
    admin = UserFactory(is_superuser=True, is_staff=True)
    comment_moderate(comment=target, actor=admin, visible=True)


def test_keeping_a_comment_visible_resolves_its_open_reports():
    consultation = ConsultationFactory()
    target = comment(consultation)
    staff = staff_of(consultation)
    first = abuse_report_create(comment=target, actor=UserFactory(), reason="Zły")
    second = abuse_report_create(comment=target, actor=UserFactory(), reason="Zły")
    comment_moderate(comment=target, actor=staff, visible=True)
    for report in (first, second):
        report.refresh_from_db()
        assert report.resolved_by == staff and report.resolved_at is not None


# --- abuse reports -------------------------------------------------------------------


def test_reporting_twice_keeps_one_report_and_one_audit_entry(user):
    target = comment(ConsultationFactory())
    first = abuse_report_create(comment=target, actor=user, reason="Obraźliwe")
    again = abuse_report_create(comment=target, actor=user, reason="Inny powód")
    assert first.pk == again.pk
    assert AbuseReport.objects.get().reason == "Obraźliwe"
    assert (
        AuditEntry.objects.filter(action="consultations.comment.reported").count() == 1
    )


def test_a_report_needs_a_short_reason_and_a_signed_in_reporter(user):
    target = comment(ConsultationFactory())
    for reason in ("", "  ", "x" * 2001):
        error = refused(abuse_report_create, comment=target, actor=user, reason=reason)
        assert error.field == "reason"
    error = refused(abuse_report_create, comment=target, actor=None, reason="Zły")
    assert error.status_code == 403
    assert not AbuseReport.objects.exists()


def test_only_public_comments_can_be_reported(user):
    consultation = ConsultationFactory()
    for visibility in (V.PENDING, V.HIDDEN):
        target = comment(consultation, visibility=visibility)
        error = refused(abuse_report_create, comment=target, actor=user, reason="X")
        assert error.status_code == 404
    assert not AbuseReport.objects.exists()


# --- written opinions ----------------------------------------------------------------


def opinion(consultation, actor, **overrides):
    kwargs = dict(
        consultation=consultation,
        actor=actor,
        author_name="Maria Wiśniewska",
        justification="Opinia z pisma.",
        channel=Comment.Channel.EMAIL,
        received_at=timezone.localdate(),
    )
    kwargs.update(overrides)
    return opinion_enter(**kwargs)


def test_staff_enter_an_opinion_with_the_sections_text_and_an_audit_entry():
    consultation = ConsultationFactory()
    staff = staff_of(consultation)
    section = consultation.current_version.sections.get(key="par-3")
    made = opinion(
        consultation, staff, section=section, organisation_name="Rada Seniorów"
    )
    assert made.number == 1
    assert made.current_wording == section.text
    assert (made.author, made.entered_by) == (None, staff)
    assert made.visibility == V.PUBLIC
    assert made.public_author == "Rada Seniorów"
    entry = AuditEntry.objects.get(action="consultations.opinion.entered")
    assert entry.data["channel"] == Comment.Channel.EMAIL


def test_opinions_of_private_people_publish_the_name_only_with_consent():
    consultation = ConsultationFactory()
    staff = staff_of(consultation)
    assert opinion(consultation, staff).public_author != "Maria Wiśniewska"
    assert (
        opinion(consultation, staff, publish_name=True).public_author
        == "Maria Wiśniewska"
    )


def test_opinions_are_numbered_with_online_comments(user):
    consultation = ConsultationFactory()
    comment_create(consultation=consultation, actor=user, justification="A")
    made = opinion(consultation, staff_of(consultation))
    assert made.reference == f"{consultation.reference}/2"


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"channel": Comment.Channel.ONLINE}, "channel"),
        ({"channel": "fax"}, "channel"),
        ({"author_name": ""}, "author_name"),
        ({"author_name": "x" * 201}, "author_name"),
        ({"received_at": None}, "received_at"),
        ({"justification": ""}, "justification"),
        ({"proposed_wording": "x" * 10_001}, "proposed_wording"),
    ],
)
def test_bad_opinion_input_is_refused_by_the_field(changes, field):
    consultation = ConsultationFactory()
    error = refused(
        opinion, consultation=consultation, actor=staff_of(consultation), **changes
    )
    assert error.field == field
    assert not Comment.objects.exists()


def test_an_opinion_received_after_the_end_is_refused():
    consultation = ConsultationFactory(starts_at=timezone.now() - timedelta(days=30))
    late = timezone.localdate(consultation.ends_at) + timedelta(days=1)
    error = refused(
        opinion,
        consultation=consultation,
        actor=staff_of(consultation),
        received_at=late,
    )
    assert error.field == "received_at"


def test_opinions_are_entered_while_open_or_closed_but_not_later(user):
    staff_consultation = ConsultationFactory(
        starts_at=timezone.now() - timedelta(days=30)
    )
    staff = staff_of(staff_consultation)
    opinion(
        staff_consultation,
        staff,
        received_at=timezone.localdate(staff_consultation.ends_at),
    )
    for status in (
        Consultation.Status.DRAFT,
        Consultation.Status.RESPONDING,
        Consultation.Status.REPORTED,
    ):
        later = ConsultationFactory(
            institution=staff_consultation.institution, status=status
        )
        error = refused(opinion, consultation=later, actor=staff)
        assert error.status_code == 403
    scheduled = ConsultationFactory(
        institution=staff_consultation.institution,
        starts_at=timezone.now() + timedelta(days=1),
    )
    refused(opinion, consultation=scheduled, actor=staff)
    assert Comment.objects.count() == 1


def test_only_the_institutions_staff_enter_opinions(user):
    consultation = ConsultationFactory()
    for person in (None, user, MembershipFactory().user, StaffFactory().user):
        error = refused(opinion, consultation=consultation, actor=person)
        assert error.status_code == 403
    assert not Comment.objects.exists()


def test_an_opinion_on_a_section_of_an_old_version_is_refused():
    consultation = ConsultationFactory()
    old = consultation.current_version.sections.first()
    newer = consultation.versions.create(number=2)
    newer.sections.create(key="par-1", text="Nowa treść", position=0)
    error = refused(
        opinion,
        consultation=consultation,
        actor=staff_of(consultation),
        section=old,
    )
    assert error.code == "old_version"


# --- attachments to comments ---------------------------------------------------------


def test_the_author_attaches_up_to_three_documents(user):
    target = comment(ConsultationFactory(), author=user)
    for n in range(MAX_ATTACHMENTS):
        attachment = comment_attachment_add(
            comment=target, actor=user, file=pdf(f"{n}.pdf")
        )
        assert attachment.title == f"{n}.pdf"
        assert attachment.size > 0
    error = refused(comment_attachment_add, comment=target, actor=user, file=pdf())
    assert (error.field, error.code) == ("attachments", "too_many")
    assert target.attachments.count() == MAX_ATTACHMENTS
    assert (
        AuditEntry.objects.filter(
            action="consultations.comment.attachment_added"
        ).count()
        == MAX_ATTACHMENTS
    )


def test_a_wrong_type_or_too_big_file_is_refused(user, settings):
    target = comment(ConsultationFactory(), author=user)
    fake = SimpleUploadedFile("dokument.pdf", b"<html>nie PDF</html>")
    error = refused(comment_attachment_add, comment=target, actor=user, file=fake)
    assert error.field == "attachments"
    settings.RAZEM_MAX_DOCUMENT_BYTES = 1024
    error = refused(
        comment_attachment_add, comment=target, actor=user, file=pdf(size=4096)
    )
    assert error.field == "attachments"
    assert not CommentAttachment.objects.exists()


def test_others_cannot_attach_to_a_comment(user):
    consultation = ConsultationFactory()
    target = comment(consultation, author=user)
    for person in (None, UserFactory(), staff_of(consultation)):
        error = refused(
            comment_attachment_add, comment=target, actor=person, file=pdf()
        )
        assert error.status_code == 403
    assert not CommentAttachment.objects.exists()


def test_after_closing_the_author_cannot_change_attachments(user):
    consultation = ConsultationFactory()
    target = comment(consultation, author=user)
    attachment = comment_attachment_add(comment=target, actor=user, file=pdf())
    Consultation.objects.filter(pk=consultation.pk).update(
        ends_at=timezone.now() - timedelta(minutes=1)
    )
    target = Comment.objects.get(pk=target.pk)
    error = refused(comment_attachment_add, comment=target, actor=user, file=pdf())
    assert error.status_code == 409
    attachment = CommentAttachment.objects.get(pk=attachment.pk)
    error = refused(comment_attachment_delete, attachment=attachment, actor=user)
    assert error.status_code == 409
    assert CommentAttachment.objects.count() == 1


def test_staff_attach_a_scan_to_an_entered_opinion_even_after_closing():
    consultation = ConsultationFactory(starts_at=timezone.now() - timedelta(days=30))
    staff = staff_of(consultation)
    made = opinion(
        consultation, staff, received_at=timezone.localdate(consultation.ends_at)
    )
    comment_attachment_add(comment=made, actor=staff, file=pdf("skan.pdf"))
    online = comment(consultation, author=UserFactory())
    error = refused(comment_attachment_add, comment=online, actor=staff, file=pdf())
    assert error.status_code == 403
    Consultation.objects.filter(pk=consultation.pk).update(
        status=Consultation.Status.RESPONDING
    )
    made = Comment.objects.get(pk=made.pk)
    error = refused(comment_attachment_add, comment=made, actor=staff, file=pdf())
    assert error.status_code == 409
    assert made.attachments.count() == 1


def test_removing_an_attachment_deletes_its_file_after_commit(
    user, django_capture_on_commit_callbacks
):
    from django.core.files.storage import default_storage

    target = comment(ConsultationFactory(), author=user)
    attachment = comment_attachment_add(comment=target, actor=user, file=pdf())
    name = attachment.file.name
    assert default_storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        comment_attachment_delete(attachment=attachment, actor=user)
    assert not default_storage.exists(name)
    assert not CommentAttachment.objects.exists()
    assert AuditEntry.objects.filter(
        action="consultations.comment.attachment_deleted"
    ).exists()
