import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from razem.accounts.models import User
from razem.accounts.rules import is_platform_admin
from razem.organisations.models import Membership
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

MY_DATA = "/konto/moje-dane/"
MY_DATA_JSON = "/konto/moje-dane.json"
DELETE = "/konto/usun/"


@pytest.mark.parametrize("url", [MY_DATA, MY_DATA_JSON, DELETE])
def test_anonymous_visitor_is_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_my_data_page_shows_my_data(signed_in, user, organisation):
    MembershipFactory(user=user, organisation=organisation)
    body = signed_in.get(MY_DATA).content.decode()
    assert user.email in body
    assert organisation.name in body


def test_json_download_contains_my_data_and_nothing_of_other_people(
    signed_in, user, organisation
):
    other = UserFactory(email="ktos.inny@example.org")
    MembershipFactory(user=user, organisation=organisation)
    MembershipFactory(user=other, organisation=organisation)
    response = signed_in.get(MY_DATA_JSON)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == user.email
    assert [m["organisation"] for m in data["memberships"]] == [organisation.name]
    assert "ktos.inny@example.org" not in response.content.decode()
    assert other.full_name not in response.content.decode()


def test_delete_page_asks_for_the_password(signed_in):
    response = signed_in.get(DELETE)
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()


def test_delete_with_a_wrong_password_shows_an_error_and_keeps_the_account(
    signed_in, user
):
    response = signed_in.post(DELETE, {"password": "nie-to-hasło"})
    assert response.status_code == 400
    assert 'id="id_password_error"' in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists()


def test_delete_without_a_password_shows_an_error(signed_in, user):
    response = signed_in.post(DELETE, {})
    assert response.status_code == 400
    assert User.objects.filter(pk=user.pk).exists()


def test_delete_of_the_last_representative_is_refused_with_a_message(
    client, representative, organisation
):
    client.force_login(representative)
    response = client.post(DELETE, {"password": "correct-horse-battery"})
    assert response.status_code == 400
    assert organisation.name in response.content.decode()
    assert Membership.objects.filter(user=representative).exists()


def test_delete_removes_the_account_and_signs_out(signed_in, user):
    response = signed_in.post(
        DELETE, {"password": "correct-horse-battery"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("accounts:deleted")
    assert not User.objects.filter(pk=user.pk).exists()
    assert "_auth_user_id" not in signed_in.session
    assert signed_in.get(reverse("accounts:profile")).status_code == 302


@pytest.mark.parametrize(
    "perm",
    [
        "accounts.export_own_data",
        "accounts.manage_own_tokens",
        "accounts.delete_own_account",
    ],
)
def test_only_signed_in_active_people_manage_their_own_account(user, perm):
    assert user.has_perm(perm)
    assert not AnonymousUser().has_perm(perm)
    user.is_active = False
    assert not user.has_perm(perm)


def test_platform_admin_predicate_is_true_for_superusers_only(user, admin_user):
    assert is_platform_admin(admin_user)
    assert not is_platform_admin(user)
    assert not is_platform_admin(AnonymousUser())
