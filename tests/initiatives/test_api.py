import json

import pytest

from razem.core.models import AuditEntry
from razem.initiatives.models import Initiative
from tests.factories import UserFactory
from tests.initiatives.conftest import InitiativeFactory

pytestmark = pytest.mark.django_db

BASE = "/api/v1/initiatives"


def post(client, path, body):
    return client.post(path, json.dumps(body), content_type="application/json")


def patch(client, path, body):
    return client.patch(path, json.dumps(body), content_type="application/json")


def payload(**overrides):
    body = {
        "title": "Festyn sąsiedzki",
        "kind": "event",
        "description": "Zapraszamy sąsiadów.",
        "territory": "3004023",
        "start_date": "2025-06-01",
        "informal_group": "Sąsiedzi z Polnej",
        "areas": ["kultura"],
    }
    body.update(overrides)
    return body


def fields(response):
    return response.json()["error"]["fields"]


# Reading


def test_the_list_has_published_initiatives_only(client, published, submitted):
    response = client.get(BASE)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["title"] == published.title
    assert item["url"] == published.get_absolute_url()
    assert item["approximate"] is False
    assert item["territory"]["code"] == "3004023"
    assert item["areas"] == [{"code": "kultura", "name": "kultura"}]
    assert "submitted_by" not in item and "email" not in json.dumps(body)


def test_the_list_filters(client, published, other_gmina):
    InitiativeFactory(territory=other_gmina, status=Initiative.Status.PUBLISHED)
    assert client.get(BASE, {"territory": "3001"}).json()["count"] == 1
    assert client.get(BASE, {"area": "kultura"}).json()["count"] == 1
    assert client.get(BASE, {"kind": "campaign"}).json()["count"] == 0


@pytest.mark.parametrize(
    ("query", "field", "status"),
    [
        ({"area": "nie-ma"}, "area", 400),
        ({"territory": "99"}, "territory", 400),
        ({"kind": "party"}, "kind", 422),
    ],
)
def test_bad_filters_name_the_field(client, published, query, field, status):
    response = client.get(BASE, query)
    assert response.status_code == status
    assert field in fields(response)


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 404), ("other_user", 404), ("other_staff", 404),
     ("submitter", 200), ("reviewer", 200)],
)  # fmt: skip
def test_a_submitted_initiative_is_hidden_from_outsiders(
    client, submitted, who, status, request
):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = client.get(f"{BASE}/{submitted.pk}")
    assert response.status_code == status
    if status == 404:
        assert response.json() == client.get(f"{BASE}/999999").json()


# Submitting and changing


def test_anonymous_callers_cannot_submit(client, gmina):
    response = post(client, BASE, payload())
    assert response.status_code == 401
    assert not Initiative.objects.exists()


def test_a_signed_in_person_submits(client, gmina, culture, other_user):
    client.force_login(other_user)
    response = post(client, BASE, payload(lat=51.88, lon=17.0))
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "submitted"
    initiative = Initiative.objects.get()
    assert initiative.submitted_by == other_user
    assert AuditEntry.objects.filter(action="initiatives.initiative.submitted").exists()


@pytest.mark.parametrize(
    ("overrides", "field", "status"),
    [
        ({"end_date": "2025-05-01"}, "end_date", 400),
        ({"lat": 51.9}, "lon", 400),
        ({"lat": 40.0, "lon": 17.0}, "lat", 400),
        ({"territory": "1234567"}, "territory", 400),
        ({"areas": ["nie-ma"]}, "areas", 400),
        ({"informal_group": ""}, "informal_group", 400),
        ({"organisations": ["cudza-fundacja"]}, "organisations", 400),
        ({"kind": "party"}, "kind", 422),
        ({"start_date": "jutro"}, "start_date", 422),
        ({"title": "x" * 201}, "title", 422),
    ],
)
def test_bad_input_gets_a_4xx_naming_the_field(
    client, gmina, culture, other_user, overrides, field, status
):
    client.force_login(other_user)
    response = post(client, BASE, payload(**overrides))
    assert response.status_code == status, response.json()
    assert field in fields(response)
    assert not Initiative.objects.exists()


def test_the_submitter_changes_it_while_it_waits(client, submitted, submitter):
    client.force_login(submitter)
    response = patch(client, f"{BASE}/{submitted.pk}", {"title": "Nowy", "lat": None})
    assert response.status_code == 200, response.json()
    assert response.json()["title"] == "Nowy"


def test_a_change_cannot_null_a_required_field(client, submitted, submitter):
    client.force_login(submitter)
    response = patch(client, f"{BASE}/{submitted.pk}", {"title": None})
    assert response.status_code == 400
    assert "title" in fields(response)


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 401), ("other_user", 404), ("other_staff", 404),
     ("reviewer", 403)],
)  # fmt: skip
def test_others_cannot_change_it(client, submitted, who, status, request):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = patch(client, f"{BASE}/{submitted.pk}", {"title": "Zmiana"})
    assert response.status_code == status
    submitted.refresh_from_db()
    assert submitted.title == "Sprzątanie parku miejskiego"


# Reviewing


def test_the_reviewer_publishes(client, submitted, reviewer):
    client.force_login(reviewer)
    response = post(client, f"{BASE}/{submitted.pk}/publish", {})
    assert response.status_code == 200
    assert response.json()["status"] == "published"
    again = post(client, f"{BASE}/{submitted.pk}/reject", {"note": "Jednak nie"})
    assert again.status_code == 409


def test_the_reviewer_rejects_with_a_note(client, submitted, reviewer):
    client.force_login(reviewer)
    response = post(client, f"{BASE}/{submitted.pk}/reject", {})
    assert response.status_code == 400
    assert "note" in fields(response)
    response = post(client, f"{BASE}/{submitted.pk}/reject", {"note": "Brak opisu"})
    assert response.status_code == 200
    assert response.json()["status"] == "rejected"


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 401), ("other_user", 404), ("member", 404),
     ("other_staff", 404), ("submitter", 403)],
)  # fmt: skip
@pytest.mark.parametrize("action", ["publish", "reject"])
def test_others_cannot_review(client, submitted, who, status, action, request):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = post(client, f"{BASE}/{submitted.pk}/{action}", {"note": "x"})
    assert response.status_code == status
    submitted.refresh_from_db()
    assert submitted.status == Initiative.Status.SUBMITTED
    assert not AuditEntry.objects.exists()


def test_a_platform_administrator_reviews_anything(client, submitted):
    client.force_login(UserFactory(is_superuser=True))
    assert post(client, f"{BASE}/{submitted.pk}/publish", {}).status_code == 200
