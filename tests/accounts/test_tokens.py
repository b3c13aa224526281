import pytest
from django.urls import reverse

from razem.accounts.models import ApiToken
from razem.accounts.tokens import api_token_authenticate
from razem.core.models import AuditEntry

pytestmark = pytest.mark.django_db

CREATE = "/konto/tokeny/"


def _create(client, name="Skrypt importu"):
    response = client.post(CREATE, {"name": name})
    return response, ApiToken.objects.filter(name=name).first()


def test_creating_a_token_shows_the_secret_once_and_stores_only_its_hash(
    signed_in, user
):
    response, token = _create(signed_in)
    assert response.status_code == 200
    secret = response.context["new_token"]["secret"]
    assert secret in response.content.decode()
    assert token.user == user and secret not in token.key_hash
    assert api_token_authenticate(secret) == user
    assert secret not in signed_in.get(reverse("accounts:profile")).content.decode()
    assert AuditEntry.objects.filter(action="accounts.api_token.created").exists()


def test_token_without_a_name_gives_a_form_error_and_creates_nothing(signed_in):
    response = signed_in.post(CREATE, {"name": "  "})
    assert response.status_code == 400
    assert 'id="id_name_error"' in response.content.decode()
    assert not ApiToken.objects.exists()


def test_anonymous_visitor_cannot_create_a_token(client):
    response = client.post(CREATE, {"name": "x"})
    assert response.status_code == 302
    assert not ApiToken.objects.exists()


def test_token_creation_only_accepts_post(signed_in):
    assert signed_in.get(CREATE).status_code == 405


def test_revoking_my_token_stops_it_working(signed_in):
    response, token = _create(signed_in)
    secret = response.context["new_token"]["secret"]
    response = signed_in.post(reverse("accounts:token_revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert api_token_authenticate(secret) is None
    entry = AuditEntry.objects.get(action="accounts.api_token.revoked")
    assert entry.object_id == str(token.pk)


def test_another_person_cannot_revoke_my_token(client, user, other_user):
    client.force_login(user)
    _response, token = _create(client)
    client.force_login(other_user)
    response = client.post(reverse("accounts:token_revoke", args=[token.pk]))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_anonymous_visitor_cannot_revoke_a_token(client, user):
    client.force_login(user)
    _response, token = _create(client)
    client.logout()
    client.post(reverse("accounts:token_revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is None


def test_html_in_a_token_name_is_shown_escaped(signed_in):
    _create(signed_in, name="<b>bold</b>")
    body = signed_in.get(reverse("accounts:profile")).content.decode()
    assert "<b>bold</b>" not in body and "&lt;b&gt;bold&lt;/b&gt;" in body
