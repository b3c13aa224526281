import pytest
from django.db import connection
from django.urls import reverse

from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_after_checking_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_when_the_database_fails(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503


def test_home_page_shows_counts_and_latest_organisations(client):
    OrganisationFactory(name="Fundacja Razem dla Opola")
    response = client.get("/")
    assert response.status_code == 200
    assert "Fundacja Razem dla Opola" in response.content.decode()


@pytest.mark.parametrize("name", ["accessibility", "attributions", "privacy"])
def test_footer_pages_are_public(client, name):
    response = client.get(reverse(f"core:{name}"))
    assert response.status_code == 200


def test_attributions_credit_gus_and_gugik(client):
    body = client.get(reverse("core:attributions")).content.decode()
    assert "GUS" in body and "GUGiK" in body


def test_interface_is_polish_by_default_and_english_on_request(client):
    assert 'lang="pl"' in client.get("/").content.decode()
    response = client.post(
        "/i18n/setlang/", {"language": "en", "next": "/"}, follow=True
    )
    assert 'lang="en"' in response.content.decode()


def test_an_english_browser_still_gets_polish_until_it_chooses(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert 'lang="pl"' in response.content.decode()
