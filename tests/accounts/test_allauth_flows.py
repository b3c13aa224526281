"""Sign-up, verification, sign-in, password reset and sign-out (django-allauth)."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from razem.accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "zielone-jabłko-2025"


def _signup(client, capture, **overrides):
    data = {"email": "nowa@example.org", "password1": NEW_PASSWORD}
    data["password2"] = NEW_PASSWORD
    data.update(overrides)
    with capture(execute=True):
        return client.post(reverse("account_signup"), data)


def _link(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def test_signup_sends_verification_mail_and_confirmed_person_can_sign_in(
    client, django_capture_on_commit_callbacks
):
    response = _signup(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nowa@example.org"]
    assert "/konto/confirm-email/" in mail.outbox[0].body

    client.logout()
    confirm_url = _link(mail.outbox[0])
    assert client.get(confirm_url).status_code == 200
    client.post(confirm_url)
    assert EmailAddress.objects.get(email="nowa@example.org").verified

    response = client.post(
        reverse("account_login"),
        {"login": "nowa@example.org", "password": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:profile")
    assert int(client.session["_auth_user_id"]) == User.objects.get().pk


def test_sign_in_is_refused_before_the_address_is_verified(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory(email="niezweryfikowana@example.org", verified=False)
    user.save()  # with verified=False the factory does not save the password
    EmailAddress.objects.create(
        user=user, email=user.email, verified=False, primary=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_login"),
            {"login": user.email, "password": "correct-horse-battery"},
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert mail.outbox[0].to == [user.email]


def test_signup_with_mismatched_passwords_shows_the_error_and_creates_nobody(
    client, django_capture_on_commit_callbacks
):
    response = _signup(
        client, django_capture_on_commit_callbacks, password2="inne-hasło-123"
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="id_password2_error"' in body
    assert 'aria-describedby="id_password2_error"' in body
    assert not User.objects.exists()
    assert mail.outbox == []


def test_signup_page_is_in_the_site_layout_with_the_rodo_clause(client):
    body = client.get(reverse("account_signup")).content.decode()
    assert 'class="site-header"' in body and 'id="main"' in body
    assert 'class="rodo-clause"' in body
    assert f'href="{reverse("core:privacy")}"' in body
    # Every input has a visible label.
    for field in ("id_email", "id_password1", "id_password2"):
        assert f'<label for="{field}">' in body


def test_password_reset_mails_a_link_to_the_person(
    client, user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]
    assert "/konto/password/reset/key/" in mail.outbox[0].body


def test_password_reset_for_an_unknown_address_sends_no_reset_link(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": "nikt@example.org"})
    assert all("/password/reset/key/" not in m.body for m in mail.outbox)


def test_logout_signs_the_person_out(client, user):
    client.force_login(user)
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("accounts:profile")).status_code == 302


@pytest.mark.parametrize(
    "name",
    ["account_login", "account_signup", "account_reset_password"],
)
def test_entrance_pages_use_the_site_layout(client, name):
    body = client.get(reverse(name)).content.decode()
    assert 'class="skip-link"' in body
    assert "accounts/accounts.css" in body


@pytest.mark.parametrize(
    "name",
    ["account_email", "account_change_password", "mfa_index", "account_logout"],
)
def test_manage_pages_use_the_site_layout_for_a_signed_in_person(client, user, name):
    client.force_login(user)
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert 'class="site-header"' in response.content.decode()
