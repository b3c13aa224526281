import pytest

pytestmark = pytest.mark.django_db


def test_areas_are_listed_with_both_names_and_the_polish_name_by_default(client, areas):
    body = client.get("/api/v1/areas").json()
    assert len(body) == 40
    first = body[0]
    assert set(first) == {"code", "name", "name_pl", "name_en"}
    assert first["name"] == first["name_pl"]


def test_areas_name_is_english_when_asked_for(client, areas):
    body = client.get("/api/v1/areas", HTTP_ACCEPT_LANGUAGE="en").json()
    assert body[0]["name"] == body[0]["name_en"]
