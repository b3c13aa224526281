"""Attachments, invitations and subscriptions to consultation notices."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from razem.consultations.exceptions import ConsultationError
from razem.consultations.models import Attachment, Consultation, Subscription
from razem.consultations.services.manage import (
    attachment_add,
    attachment_delete,
    invitations_set,
    subscription_update,
)
from razem.core.models import AuditEntry
from razem.organisations.models import Membership
from tests.consultations.factories import ConsultationFactory
from tests.factories import (
    AreaFactory,
    MembershipFactory,
    OrganisationFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def pdf(name="uzasadnienie.pdf", size=0):
    body = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    return SimpleUploadedFile(name, body + b"0" * size, "application/pdf")


@pytest.fixture
def consultation(institution):
    return ConsultationFactory(institution=institution)


# --- attachments -----------------------------------------------------------------


def test_staff_attach_a_document_with_its_size_and_type_checked_by_content(
    consultation, staff
):
    attachment = attachment_add(
        actor=staff,
        consultation=consultation,
        title=" Uzasadnienie ",
        kind=Attachment.Kind.JUSTIFICATION,
        file=pdf(),
    )
    assert attachment.title == "Uzasadnienie"
    assert attachment.content_type == "application/pdf"
    assert attachment.size == pdf().size
    assert AuditEntry.objects.filter(action="consultations.attachment.added").exists()


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("ocena.pdf", b"just some text", "application/pdf"),
        SimpleUploadedFile("ocena.docx", b"PK\x03\x04broken zip", "application/zip"),
    ],
)
def test_a_file_that_is_not_a_document_is_refused_and_nothing_stored(
    consultation, staff, upload
):
    with pytest.raises(ConsultationError) as error:
        attachment_add(actor=staff, consultation=consultation, title="X", file=upload)
    assert error.value.field == "file"
    assert not Attachment.objects.exists()


def test_a_too_big_file_is_refused(consultation, staff, settings):
    settings.RAZEM_MAX_DOCUMENT_BYTES = 1024 * 1024
    with pytest.raises(ConsultationError) as error:
        attachment_add(
            actor=staff,
            consultation=consultation,
            title="X",
            file=pdf(size=1024 * 1024),
        )
    assert error.value.field == "file"
    assert not Attachment.objects.exists()


def test_an_unknown_attachment_kind_is_refused(consultation, staff):
    with pytest.raises(ConsultationError) as error:
        attachment_add(
            actor=staff, consultation=consultation, title="X", kind="map", file=pdf()
        )
    assert error.value.field == "kind"


def test_only_managers_attach_and_only_until_the_report(consultation, staff, user):
    for actor in (None, user, StaffFactory().user):
        with pytest.raises(ConsultationError) as error:
            attachment_add(
                actor=actor, consultation=consultation, title="X", file=pdf()
            )
        assert error.value.status_code == 403
    consultation.status = Consultation.Status.REPORTED
    consultation.save()
    with pytest.raises(ConsultationError):
        attachment_add(actor=staff, consultation=consultation, title="X", file=pdf())
    assert not Attachment.objects.exists()


def test_staff_delete_an_attachment_and_its_file_after_commit(
    consultation, staff, django_capture_on_commit_callbacks
):
    attachment = attachment_add(
        actor=staff, consultation=consultation, title="X", file=pdf()
    )
    storage = attachment.file.storage
    name = attachment.file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        attachment_delete(actor=staff, attachment=attachment)
    assert not Attachment.objects.exists()
    assert not storage.exists(name)
    assert AuditEntry.objects.filter(action="consultations.attachment.deleted").exists()


def test_others_cannot_delete_an_attachment(consultation, staff, user):
    attachment = attachment_add(
        actor=staff, consultation=consultation, title="X", file=pdf()
    )
    with pytest.raises(ConsultationError):
        attachment_delete(actor=user, attachment=attachment)
    assert Attachment.objects.count() == 1


# --- invitations -----------------------------------------------------------------


def test_staff_replace_the_invited_organisations_and_people(consultation, staff):
    organisation, person = OrganisationFactory(), UserFactory()
    invitations_set(
        actor=staff,
        consultation=consultation,
        organisations=[organisation],
        people=[person],
    )
    assert list(consultation.invited_organisations.all()) == [organisation]
    assert list(consultation.invited_people.all()) == [person]
    assert AuditEntry.objects.filter(
        action="consultations.invitations.changed"
    ).exists()
    invitations_set(actor=staff, consultation=consultation, organisations=[], people=[])
    assert not consultation.invited_organisations.exists()


def test_others_cannot_invite(consultation, user):
    with pytest.raises(ConsultationError) as error:
        invitations_set(
            actor=user,
            consultation=consultation,
            organisations=[OrganisationFactory()],
            people=[],
        )
    assert error.value.status_code == 403
    assert not consultation.invited_organisations.exists()


# --- subscriptions ---------------------------------------------------------------


def test_a_representative_sets_areas_territories_and_an_address(
    organisation, representative, teryt
):
    area = AreaFactory()
    subscription = subscription_update(
        organisation=organisation,
        actor=representative,
        areas=[area.code],
        territories=["30", "3004023"],
        email="konsultacje@example.org",
    )
    assert list(subscription.areas.all()) == [area]
    assert sorted(t.code for t in subscription.territories.all()) == ["30", "3004023"]
    assert subscription.email == "konsultacje@example.org"
    assert AuditEntry.objects.filter(
        action="consultations.subscription.updated"
    ).exists()
    # A second call changes the same row.
    subscription_update(organisation=organisation, actor=representative)
    assert Subscription.objects.count() == 1
    assert not Subscription.objects.get().territories.exists()


def test_an_unknown_terc_code_is_refused_and_nothing_written(
    organisation, representative, teryt
):
    with pytest.raises(ConsultationError) as error:
        subscription_update(
            organisation=organisation, actor=representative, territories=["99"]
        )
    assert error.value.field == "territories"
    assert not Subscription.objects.exists()


def test_a_bad_address_or_unknown_area_is_refused(organisation, representative):
    with pytest.raises(ConsultationError) as error:
        subscription_update(
            organisation=organisation, actor=representative, email="not-an-address"
        )
    assert error.value.field == "email"
    with pytest.raises(ConsultationError) as error:
        subscription_update(
            organisation=organisation, actor=representative, areas=["no-such-area"]
        )
    assert error.value.field == "areas"
    assert not Subscription.objects.exists()


def test_only_approved_representatives_subscribe(organisation, user, admin_user):
    member = MembershipFactory(
        organisation=organisation, role=Membership.Role.MEMBER
    ).user
    pending = MembershipFactory(
        organisation=organisation, status=Membership.Status.PENDING
    ).user
    other = MembershipFactory().user
    for actor in (None, user, member, pending, other, admin_user):
        with pytest.raises(ConsultationError) as error:
            subscription_update(organisation=organisation, actor=actor)
        assert error.value.status_code == 403
    assert not Subscription.objects.exists()
