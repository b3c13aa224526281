"""Stands at fairs: the services and the pages for applicants and organisers."""

import pytest
from django.core import mail
from django.urls import reverse

from razem.core.models import AuditEntry
from razem.events.exceptions import EventError
from razem.events.models import StandApplication
from razem.events.services.stands import stand_apply, stand_decide, stand_withdraw
from tests.factories import (
    EventFactory,
    MembershipFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    """The assertions read the English wording; the interface defaults to Polish."""
    client.cookies["django_language"] = "en"


A = StandApplication.Status


@pytest.fixture
def fair():
    return EventFactory(kind="fair", title="Targi organizacji pozarządowych")


@pytest.fixture
def membership():
    return MembershipFactory(role="representative")


@pytest.fixture
def organiser(fair):
    return StaffFactory(institution=fair.institution).user


def apply(fair, membership, **kwargs):
    values = {
        "event": fair,
        "actor": membership.user,
        "organisation": membership.organisation,
        "presentation": "Pokażemy nasze warsztaty dla seniorów.",
        "needs": "stół, prąd",
    }
    values.update(kwargs)
    return stand_apply(**values)


def apply_url(event):
    return reverse("events:stand_apply", kwargs={"slug": event.slug})


def stands_url(event):
    return reverse("events:stands", kwargs={"slug": event.slug})


# --- services ------------------------------------------------------------------------


def test_a_representative_applies_for_a_stand(fair, membership):
    application = apply(fair, membership)
    assert application.status == A.PENDING
    assert application.applied_by == membership.user
    entry = AuditEntry.objects.get(action="events.stand.applied")
    assert entry.actor == membership.user


def test_a_second_application_of_the_same_organisation_is_refused(fair, membership):
    apply(fair, membership)
    with pytest.raises(EventError) as error:
        apply(fair, membership, presentation="Jeszcze raz")
    assert error.value.code == "duplicate" and error.value.status_code == 409
    assert StandApplication.objects.count() == 1


def test_an_accepted_application_cannot_be_duplicated_either(
    fair, membership, organiser
):
    application = apply(fair, membership)
    stand_decide(application=application, actor=organiser, accept=True, note="")
    with pytest.raises(EventError):
        apply(fair, membership)


def test_applying_again_after_withdrawing_reopens_the_application(fair, membership):
    application = apply(fair, membership)
    stand_withdraw(application=application, actor=membership.user)
    again = apply(fair, membership, presentation="Nowy pomysł")
    assert again.pk == application.pk
    assert again.status == A.PENDING and again.presentation == "Nowy pomysł"
    assert AuditEntry.objects.filter(action="events.stand.applied").count() == 2


def test_a_declined_organisation_cannot_simply_apply_again(fair, membership, organiser):
    application = apply(fair, membership)
    stand_decide(application=application, actor=organiser, accept=False, note="")
    with pytest.raises(EventError) as error:
        apply(fair, membership)
    assert error.value.code == "declined"


@pytest.mark.parametrize("role,status", [("member", "approved"), (None, None)])
def test_only_approved_representatives_of_the_organisation_may_apply(
    fair, membership, role, status
):
    if role:
        actor = MembershipFactory(
            organisation=membership.organisation, role=role, status=status
        ).user
        # represents some other organisation, so the fair rule lets them in
        MembershipFactory(user=actor)
    else:
        actor = MembershipFactory().user  # represents another organisation only
    with pytest.raises(EventError) as error:
        apply(fair, membership, actor=actor)
    assert error.value.field == "organisation" and error.value.status_code == 403
    assert not StandApplication.objects.exists()


def test_people_without_any_organisation_and_non_fairs_are_refused(membership):
    meeting = EventFactory()
    with pytest.raises(EventError) as error:
        apply(meeting, membership)
    assert error.value.status_code == 403
    fair = EventFactory(kind="fair")
    with pytest.raises(EventError):
        apply(fair, membership, actor=UserFactory())
    draft = EventFactory(kind="fair", status="draft")
    with pytest.raises(EventError):
        apply(draft, membership)
    assert not StandApplication.objects.exists()


@pytest.mark.parametrize(
    "field,value", [("presentation", "  "), ("presentation", "x" * 2001)]
)
def test_a_bad_presentation_is_refused_on_its_field(fair, membership, field, value):
    with pytest.raises(EventError) as error:
        apply(fair, membership, **{field: value})
    assert error.value.field == field
    assert not StandApplication.objects.exists()


def test_the_organiser_accepts_and_the_applicant_is_told(
    fair, membership, organiser, django_capture_on_commit_callbacks
):
    application = apply(fair, membership)
    with django_capture_on_commit_callbacks(execute=True):
        stand_decide(
            application=application, actor=organiser, accept=True, note="Stoisko 7"
        )
    application.refresh_from_db()
    assert application.status == A.ACCEPTED and application.decided_at
    assert application.decision_note == "Stoisko 7"
    assert AuditEntry.objects.filter(action="events.stand.accepted").exists()
    assert mail.outbox[0].to == [membership.user.email]
    assert "Stoisko 7" in mail.outbox[0].body
    assert membership.organisation.name in mail.outbox[0].body


def test_the_organiser_declines_with_a_note(
    fair, membership, organiser, django_capture_on_commit_callbacks
):
    application = apply(fair, membership)
    with django_capture_on_commit_callbacks(execute=True):
        stand_decide(
            application=application, actor=organiser, accept=False, note="Brak miejsc"
        )
    assert StandApplication.objects.get().status == A.DECLINED
    assert AuditEntry.objects.filter(action="events.stand.declined").exists()
    assert "Brak miejsc" in mail.outbox[0].body


def test_only_pending_applications_are_decided(fair, membership, organiser):
    application = apply(fair, membership)
    stand_decide(application=application, actor=organiser, accept=True, note="")
    with pytest.raises(EventError) as error:
        stand_decide(application=application, actor=organiser, accept=False, note="")
    assert error.value.code == "not_pending"
    assert StandApplication.objects.get().status == A.ACCEPTED


def test_only_organisers_decide(fair, membership):
    application = apply(fair, membership)
    other_staff = StaffFactory().user
    for actor in (membership.user, other_staff, UserFactory()):
        with pytest.raises(EventError) as error:
            stand_decide(application=application, actor=actor, accept=True, note="")
        assert error.value.status_code == 403
    assert StandApplication.objects.get().status == A.PENDING


def test_withdrawing_is_idempotent_and_only_for_representatives(fair, membership):
    application = apply(fair, membership)
    with pytest.raises(EventError):
        stand_withdraw(application=application, actor=UserFactory())
    stand_withdraw(application=application, actor=membership.user)
    stand_withdraw(application=application, actor=membership.user)
    assert StandApplication.objects.get().status == A.WITHDRAWN
    assert AuditEntry.objects.filter(action="events.stand.withdrawn").count() == 1


# --- pages ---------------------------------------------------------------------------


def test_the_apply_page_needs_signing_in_and_a_fair(client, membership):
    fair = EventFactory(kind="fair")
    response = client.get(apply_url(fair))
    assert response.status_code == 302 and "/konto/login/" in response["Location"]
    client.force_login(membership.user)
    assert client.get(apply_url(EventFactory())).status_code == 404
    assert (
        client.get(apply_url(EventFactory(kind="fair", status="draft"))).status_code
        == 404
    )


def test_a_representative_applies_through_the_page_and_sees_the_status(
    client, fair, membership
):
    client.force_login(membership.user)
    response = client.get(apply_url(fair))
    assert response.status_code == 200
    assert list(response.context["form"].fields["organisation"].queryset) == [
        membership.organisation
    ]
    response = client.post(
        apply_url(fair),
        {
            "organisation": membership.organisation.pk,
            "presentation": "Warsztaty",
            "needs": "",
        },
        follow=True,
    )
    application = StandApplication.objects.get()
    assert application.status == A.PENDING
    content = response.content.decode()
    assert "waiting for a decision" in content
    assert f'name="withdraw" value="{application.pk}"' in content


def test_a_duplicate_application_through_the_page_is_shown_on_the_field(
    client, fair, membership
):
    apply(fair, membership)
    client.force_login(membership.user)
    response = client.post(
        apply_url(fair),
        {"organisation": membership.organisation.pk, "presentation": "Znowu"},
    )
    assert response.status_code == 409
    assert response.context["form"].errors["organisation"]
    assert StandApplication.objects.count() == 1


def test_an_organisation_one_does_not_represent_is_refused_by_the_page(
    client, fair, membership
):
    intruder = MembershipFactory().user
    client.force_login(intruder)
    response = client.post(
        apply_url(fair),
        {"organisation": membership.organisation.pk, "presentation": "Nie moje"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["organisation"]
    assert not StandApplication.objects.exists()


def test_a_person_without_an_organisation_is_told_who_can_apply(client, fair):
    client.force_login(UserFactory())
    response = client.get(apply_url(fair))
    assert response.status_code == 403
    assert "approved representatives" in response.content.decode()


def test_withdrawing_through_the_page(client, fair, membership):
    application = apply(fair, membership)
    client.force_login(membership.user)
    client.post(apply_url(fair), {"withdraw": application.pk})
    assert StandApplication.objects.get().status == A.WITHDRAWN
    assert client.post(apply_url(fair), {"withdraw": "x"}).status_code == 404
    other = MembershipFactory()
    client.force_login(other.user)
    again = apply(fair, membership)
    response = client.post(apply_url(fair), {"withdraw": again.pk}, follow=True)
    assert StandApplication.objects.get().status == A.PENDING
    assert response.status_code == 200


@pytest.mark.parametrize("who", ["anonymous", "resident", "other_staff", "applicant"])
def test_only_organisers_see_the_applications(client, fair, membership, who):
    apply(fair, membership)
    users = {
        "resident": UserFactory,
        "other_staff": lambda: StaffFactory().user,
        "applicant": lambda: membership.user,
    }
    if who in users:
        client.force_login(users[who]())
    assert client.get(stands_url(fair)).status_code == 403
    response = client.post(
        stands_url(fair),
        {"application": StandApplication.objects.get().pk, "decision": "accept"},
    )
    assert response.status_code == 403
    assert StandApplication.objects.get().status == A.PENDING


def test_the_organiser_decides_on_the_stands_page(client, fair, membership, organiser):
    application = apply(fair, membership)
    client.force_login(organiser)
    response = client.get(stands_url(fair))
    content = response.content.decode()
    assert response.status_code == 200
    assert membership.organisation.name in content
    assert "Pokażemy nasze warsztaty" in content
    response = client.post(
        stands_url(fair),
        {"application": application.pk, "decision": "decline", "note": "Brak sali"},
        follow=True,
    )
    application.refresh_from_db()
    assert application.status == A.DECLINED
    assert application.decision_note == "Brak sali"
    assert "Brak sali" in response.content.decode()


def test_a_bad_decision_is_refused_and_changes_nothing(
    client, fair, membership, organiser
):
    application = apply(fair, membership)
    client.force_login(organiser)
    response = client.post(
        stands_url(fair), {"application": application.pk, "decision": "maybe"}
    )
    assert response.status_code == 400
    response = client.post(
        stands_url(fair),
        {"application": application.pk, "decision": "accept", "note": "x" * 2001},
    )
    assert response.status_code == 400
    assert response.context["applications"][0].error
    for bad in ("0", "abc", ""):
        response = client.post(stands_url(fair), {"application": bad})
        assert response.status_code == 404
    assert StandApplication.objects.get().status == A.PENDING


def test_the_stands_page_is_404_for_non_fairs(client, organiser, fair):
    meeting = EventFactory(institution=fair.institution)
    client.force_login(organiser)
    assert client.get(stands_url(meeting)).status_code == 404


def test_my_registrations_lists_my_organisations_applications(client, fair, membership):
    apply(fair, membership)
    member = MembershipFactory(organisation=membership.organisation, role="member")
    client.force_login(member.user)
    response = client.get(reverse("events:mine"))
    assert [a.organisation for a in response.context["applications"]] == [
        membership.organisation
    ]
    client.force_login(UserFactory())
    response = client.get(reverse("events:mine"))
    assert list(response.context["applications"]) == []
