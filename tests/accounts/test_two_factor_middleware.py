"""Staff of an institution with require_staff_2fa must set up TOTP first."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.accounts.conftest import add_totp
from tests.factories import InstitutionFactory, StaffFactory

pytestmark = pytest.mark.django_db

ACTIVATE = "/konto/2fa/totp/activate/"


def test_staff_without_totp_is_sent_to_set_it_up_from_any_page(client, strict_staff):
    client.force_login(strict_staff)
    for url in ("/", reverse("organisations:list"), "/api/v1/docs"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == ACTIVATE


def test_staff_are_told_why_they_must_set_up_two_factor(client, strict_staff):
    client.force_login(strict_staff)
    response = client.get("/", follow=True)
    assert "wymaga uwierzytelniania dwuskładnikowego" in response.content.decode()


def test_staff_without_totp_can_still_reach_the_account_pages(client, strict_staff):
    client.force_login(strict_staff)
    assert client.get(reverse("accounts:profile")).status_code == 200
    assert client.post(reverse("account_logout")).status_code == 302


def test_staff_with_totp_passes(client, strict_staff):
    add_totp(strict_staff)
    client.force_login(strict_staff)
    assert client.get("/").status_code == 200


def test_staff_of_an_institution_that_does_not_require_it_passes(client):
    staff = StaffFactory(institution=InstitutionFactory(require_staff_2fa=False)).user
    client.force_login(staff)
    assert client.get("/").status_code == 200


def test_anonymous_visitors_and_people_without_roles_pass(client, user):
    assert client.get("/").status_code == 200
    client.force_login(user)
    assert client.get("/").status_code == 200


def test_an_ordinary_persons_check_is_remembered_and_costs_no_query(client, user):
    client.force_login(user)
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    sqls = " ".join(q["sql"] for q in queries.captured_queries)
    assert "institutions_institutionstaff" not in sqls
    assert "mfa_authenticator" not in sqls


def test_staff_pass_as_soon_as_they_activate_totp(client, strict_staff):
    client.force_login(strict_staff)
    assert client.get("/")["Location"] == ACTIVATE
    # allauth asks for the password again before adding an authenticator.
    assert client.get(ACTIVATE)["Location"].startswith(
        reverse("account_reauthenticate")
    )
    client.post(
        reverse("account_reauthenticate"), {"password": "correct-horse-battery"}
    )
    secret = client.get(ACTIVATE).context["form"].secret
    code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
    response = client.post(ACTIVATE, {"code": code})
    assert response.status_code == 302
    assert Authenticator.objects.filter(
        user=strict_staff, type=Authenticator.Type.TOTP
    ).exists()
    assert client.get("/").status_code == 200


def test_removing_the_authenticator_forgets_the_remembered_check(client, strict_staff):
    from allauth.mfa.signals import authenticator_removed

    authenticator = add_totp(strict_staff)
    client.force_login(strict_staff)
    assert client.get("/").status_code == 200

    class FakeRequest:
        session = client.session

    authenticator.delete()
    request = FakeRequest()
    authenticator_removed.send(
        sender=Authenticator,
        request=request,
        user=strict_staff,
        authenticator=authenticator,
    )
    request.session.save()
    assert client.get("/")["Location"] == ACTIVATE
