import json

import pytest
from django.core import mail

from razem.accounts.exceptions import AccountError
from razem.accounts.models import User
from razem.accounts.services import user_delete, user_export_data, user_update_profile
from razem.accounts.tokens import api_token_create
from razem.core.audit import audit_log
from razem.core.models import AuditEntry
from razem.institutions.models import InstitutionStaff
from razem.organisations.models import Membership
from tests.factories import MembershipFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_update_profile_rejects_an_overlong_name_and_saves_nothing(user):
    from django.core.exceptions import ValidationError

    before = user.full_name
    with pytest.raises(ValidationError):
        user_update_profile(user=user, full_name="x" * 151)
    user.refresh_from_db()
    assert user.full_name == before


def test_update_profile_with_the_same_name_writes_no_audit_entry(user):
    user_update_profile(user=user, full_name=user.full_name)
    assert not AuditEntry.objects.exists()


def test_export_contains_the_persons_data_and_no_secrets(user, organisation):
    MembershipFactory(user=user, organisation=organisation, message="Chcę pomagać")
    StaffFactory(user=user, is_liaison=True)
    token, raw = api_token_create(user=user, name="Mój skrypt")
    data = user_export_data(user=user)
    assert data["account"]["email"] == user.email
    assert data["email_addresses"] == [
        {"email": user.email, "verified": True, "primary": True}
    ]
    assert data["memberships"][0]["organisation"] == organisation.name
    assert data["memberships"][0]["message"] == "Chcę pomagać"
    assert data["institution_roles"][0]["is_liaison"] is True
    assert data["api_tokens"][0]["name"] == "Mój skrypt"
    assert [e["action"] for e in data["audit_entries"]] == [
        "accounts.api_token.created"
    ]
    dumped = json.dumps(data, ensure_ascii=False)
    assert token.key_hash not in dumped and raw not in dumped
    assert token.prefix not in dumped


def test_export_contains_nothing_about_other_people(user, organisation):
    other = UserFactory(full_name="Zofia Inna", email="zofia@example.org")
    mine = MembershipFactory(user=user, organisation=organisation)
    theirs = MembershipFactory(user=other, organisation=organisation)
    mine.decided_by = other
    mine.save()
    # The person approved someone else's membership: the record describes them.
    audit_log(
        action="organisations.membership.approved",
        actor=user,
        target=theirs,
        data={"user": other.email, "name": other.full_name},
    )
    audit_log(action="accounts.user.profile_updated", actor=other, target=other)
    api_token_create(user=other, name="Cudzy token")
    dumped = json.dumps(user_export_data(user=user), ensure_ascii=False)
    for secret in ("zofia@example.org", "Zofia Inna", "Cudzy token"):
        assert secret not in dumped
    assert "organisations.membership.approved" in dumped


def test_delete_with_a_wrong_password_is_refused_and_deletes_nothing(user):
    MembershipFactory(user=user, role=Membership.Role.MEMBER)
    with pytest.raises(AccountError) as caught:
        user_delete(user=user, password="wrong-password")
    assert caught.value.field == "password"
    assert User.objects.filter(pk=user.pk).exists()
    assert Membership.objects.filter(user=user).exists()
    assert not AuditEntry.objects.exists()


def test_delete_of_the_last_representative_is_refused(representative, organisation):
    MembershipFactory(organisation=organisation, status=Membership.Status.PENDING)
    MembershipFactory(organisation=organisation, role=Membership.Role.MEMBER)
    with pytest.raises(AccountError) as caught:
        user_delete(user=representative, password="correct-horse-battery")
    assert organisation.name in str(caught.value)
    assert caught.value.code == "last_representative"
    assert User.objects.filter(pk=representative.pk).exists()
    assert Membership.objects.filter(user=representative).exists()


def test_a_representative_may_leave_when_another_one_is_approved(
    representative, organisation
):
    MembershipFactory(organisation=organisation)
    user_delete(user=representative, password="correct-horse-battery")
    assert not User.objects.filter(pk=representative.pk).exists()


def test_delete_removes_roles_keeps_audit_entries_and_logs_without_personal_data(
    user, organisation, institution, django_capture_on_commit_callbacks
):
    user.full_name = "Jan Kowalski"
    user.save()
    membership = MembershipFactory(user=user, role=Membership.Role.MEMBER)
    StaffFactory(user=user, institution=institution)
    user_update_profile(user=user, full_name="Jan Nowak")
    audit_log(
        action="organisations.membership.requested", actor=user, target=membership
    )
    email, pk = user.email, user.pk

    with django_capture_on_commit_callbacks(execute=True):
        user_delete(user=user, password="correct-horse-battery")

    assert not User.objects.filter(pk=pk).exists()
    assert not Membership.objects.filter(user_id=pk).exists()
    assert not InstitutionStaff.objects.filter(user_id=pk).exists()
    kept = AuditEntry.objects.exclude(action="accounts.user.deleted")
    assert kept.count() == 2 and not kept.filter(actor__isnull=False).exists()
    entry = AuditEntry.objects.get(action="accounts.user.deleted")
    assert entry.actor is None
    everything = json.dumps(list(AuditEntry.objects.values()), default=str)
    for personal in (email, "Jan Kowalski", "Jan Nowak"):
        assert personal not in everything
    assert entry.data["user_id"] == pk
    assert mail.outbox[-1].to == [email]
