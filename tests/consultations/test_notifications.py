"""Organisations following an area or a territory are told, after commit, when a
consultation in it opens and when its report is published."""

import pytest
from django.core import mail

from razem.consultations.exceptions import ConsultationError
from razem.consultations.models import Consultation, Subscription
from razem.consultations.services.consultations import (
    consultation_publish,
    report_publish,
)
from razem.consultations.tasks import subscribers
from tests.consultations.factories import ConsultationFactory
from tests.factories import (
    AreaFactory,
    GminaFactory,
    OrganisationFactory,
    VoivodeshipFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def area():
    return AreaFactory()


@pytest.fixture
def gmina():
    return GminaFactory()  # 3004023 in powiat 3004 in voivodeship 30


def follow(*, areas=(), territories=(), email=""):
    organisation = OrganisationFactory()
    subscription = Subscription.objects.create(organisation=organisation, email=email)
    subscription.areas.set(areas)
    subscription.territories.set(territories)
    return organisation


def draft(institution, **kwargs):
    return ConsultationFactory(
        institution=institution, status=Consultation.Status.DRAFT, **kwargs
    )


def publish(consultation, actor, capture):
    with capture(execute=True):
        consultation_publish(consultation=consultation, actor=actor)


def publish_report(consultation, actor, capture):
    consultation.status = Consultation.Status.RESPONDING
    consultation.save()
    with capture(execute=True):
        report_publish(consultation=consultation, actor=actor, summary="Podsumowanie")


def test_an_area_follower_gets_one_mail_when_it_opens_and_one_for_the_report(
    institution, staff, area, django_capture_on_commit_callbacks
):
    organisation = follow(areas=[area])
    consultation = draft(institution)
    consultation.areas.set([area])
    publish(consultation, staff, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [organisation.email]
    assert consultation.title in mail.outbox[0].subject
    assert consultation.get_absolute_url() in mail.outbox[0].body

    publish_report(consultation, staff, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2
    assert mail.outbox[1].to == [organisation.email]
    assert consultation.title in mail.outbox[1].subject


def test_a_voivodeship_follower_hears_of_a_consultation_in_its_gmina(
    institution, staff, gmina, django_capture_on_commit_callbacks
):
    follow(territories=[gmina.parent.parent], email="powiadomienia@example.org")
    consultation = draft(institution, territory=gmina)
    publish(consultation, staff, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["powiadomienia@example.org"]]
    publish_report(consultation, staff, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2


def test_followers_of_other_areas_and_territories_hear_nothing(
    institution, staff, area, gmina, django_capture_on_commit_callbacks
):
    opolskie = VoivodeshipFactory(code="16", name="opolskie")
    follow(territories=[opolskie])
    follow(areas=[AreaFactory()])
    consultation = draft(institution, territory=gmina)
    consultation.areas.set([area])
    publish(consultation, staff, django_capture_on_commit_callbacks)
    publish_report(consultation, staff, django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_a_national_consultation_reaches_the_area_followers(
    institution, staff, area, django_capture_on_commit_callbacks
):
    organisation = follow(areas=[area])
    follow(areas=[AreaFactory()])
    consultation = draft(institution, territory=None)
    consultation.areas.set([area])
    publish(consultation, staff, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [[organisation.email]]


def test_an_organisation_following_both_the_area_and_the_territory_gets_one_mail(
    institution, staff, area, gmina, django_capture_on_commit_callbacks
):
    organisation = follow(areas=[area], territories=[gmina.parent, gmina])
    consultation = draft(institution, territory=gmina)
    consultation.areas.set([area])
    assert subscribers(consultation) == [organisation.email]
    publish(consultation, staff, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1


def test_no_mail_is_sent_when_the_publication_is_refused(
    institution, staff, area, django_capture_on_commit_callbacks
):
    follow(areas=[area])
    consultation = ConsultationFactory(
        institution=institution, status=Consultation.Status.DRAFT, sections=0
    )
    consultation.areas.set([area])
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(ConsultationError):
            consultation_publish(consultation=consultation, actor=staff)
    assert mail.outbox == []
