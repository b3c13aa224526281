import pytest
from django.urls import reverse

from razem.core.models import AuditEntry
from razem.organisations.models import Membership
from tests.accounts.conftest import add_totp
from tests.factories import MembershipFactory, StaffFactory, UnitFactory

pytestmark = pytest.mark.django_db

PROFILE = "/konto/profil/"


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(PROFILE)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={PROFILE}"


def test_anonymous_visitor_cannot_change_a_name(client, user):
    response = client.post(PROFILE, {"full_name": "Ktoś Obcy"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.full_name != "Ktoś Obcy"


def test_profile_lists_memberships_and_institution_roles_with_links(signed_in, user):
    pending = MembershipFactory(
        user=user, role=Membership.Role.MEMBER, status=Membership.Status.PENDING
    )
    unit = UnitFactory(name="Wydział Polityki Społecznej")
    StaffFactory(user=user, institution=unit.institution, unit=unit, is_liaison=True)
    body = signed_in.get(PROFILE).content.decode()
    assert f'href="{pending.organisation.get_absolute_url()}"' in body
    assert "oczekuje na zatwierdzenie" in body or "waiting for approval" in body
    assert f'href="{unit.institution.get_absolute_url()}"' in body
    assert "Wydział Polityki Społecznej" in body


def test_profile_does_not_show_other_peoples_roles(signed_in, organisation, other_user):
    MembershipFactory(user=other_user, organisation=organisation)
    body = signed_in.get(PROFILE).content.decode()
    assert organisation.get_absolute_url() not in body


def test_editing_the_name_saves_it_and_leaves_an_audit_entry(signed_in, user):
    response = signed_in.post(PROFILE, {"full_name": "  Maria Skłodowska  "})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.full_name == "Maria Skłodowska"
    entry = AuditEntry.objects.get(action="accounts.user.profile_updated")
    assert entry.actor == user
    assert entry.data == {"changed": ["full_name"]}


def test_the_name_may_be_cleared(signed_in, user):
    signed_in.post(PROFILE, {"full_name": ""})
    user.refresh_from_db()
    assert user.full_name == ""


def test_overlong_name_gives_a_form_error_and_changes_nothing(signed_in, user):
    before = user.full_name
    response = signed_in.post(PROFILE, {"full_name": "x" * 151})
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="id_full_name_error"' in body
    assert 'aria-invalid="true"' in body
    user.refresh_from_db()
    assert user.full_name == before
    assert not AuditEntry.objects.exists()


def test_html_in_the_full_name_is_shown_escaped(signed_in, user):
    user.full_name = '<script>alert("x")</script>'
    user.save()
    for url in (PROFILE, reverse("accounts:my_data")):
        body = signed_in.get(url).content.decode()
        assert "<script>alert" not in body
        assert "&lt;script&gt;alert" in body


def test_two_factor_status_links_to_activation_when_off(signed_in):
    body = signed_in.get(PROFILE).content.decode()
    assert f'href="{reverse("mfa_activate_totp")}"' in body


def test_two_factor_status_links_to_management_when_on(signed_in, user):
    add_totp(user)
    body = signed_in.get(PROFILE).content.decode()
    assert f'href="{reverse("mfa_index")}"' in body
    assert f'href="{reverse("mfa_activate_totp")}"' not in body
