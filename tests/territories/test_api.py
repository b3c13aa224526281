import pytest

pytestmark = pytest.mark.django_db


def test_list_is_paginated_by_limit_and_offset(client, teryt):
    body = client.get("/api/v1/territories", {"limit": 5, "offset": 2}).json()
    assert body["count"] == 2 + 47 + 297
    assert [item["code"] for item in body["items"]] == sorted(
        item["code"] for item in body["items"]
    )
    assert len(body["items"]) == 5


def test_list_filters_by_kind(client, teryt):
    body = client.get("/api/v1/territories", {"kind": "voivodeship"}).json()
    assert [item["code"] for item in body["items"]] == ["16", "30"]
    assert body["items"][0]["parent"] is None


def test_list_filters_by_parent_code(client, teryt):
    body = client.get("/api/v1/territories", {"parent": "3004", "limit": 100}).json()
    assert body["count"] == 7
    assert {item["parent"] for item in body["items"]} == {"3004"}
    assert "3004023" in {item["code"] for item in body["items"]}


def test_list_searches_names_ignoring_case(client, teryt):
    body = client.get("/api/v1/territories", {"q": "GOSTY"}).json()
    names = {item["name"] for item in body["items"]}
    assert names == {"Gostyń", "gostyński"}


def test_unknown_parent_code_is_a_400_naming_the_field(client, teryt):
    response = client.get("/api/v1/territories", {"parent": "99"})
    assert response.status_code == 400
    assert "parent" in response.json()["error"]["fields"]


def test_unknown_kind_is_a_422_naming_the_field(client, teryt):
    response = client.get("/api/v1/territories", {"kind": "county"})
    assert response.status_code == 422
    assert "kind" in response.json()["error"]["fields"]


def test_detail_gives_the_parent_chain_and_number_of_children(client, teryt):
    body = client.get("/api/v1/territories/3004023").json()
    assert body["name"] == "Gostyń"
    assert [p["code"] for p in body["parents"]] == ["30", "3004"]
    assert body["children_count"] == 0
    powiat = client.get("/api/v1/territories/3004").json()
    assert powiat["children_count"] == 7
    assert powiat["label"] == "powiat gostyński"


def test_detail_of_an_unknown_code_is_404(client, teryt):
    response = client.get("/api/v1/territories/3099999")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
