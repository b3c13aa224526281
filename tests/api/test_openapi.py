"""The API as a whole: its OpenAPI description, docs page and one error shape."""

import pytest
from django.test import Client
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db

ORGANISATION_OPERATIONS = {
    ("/api/v1/organisations", "get"),
    ("/api/v1/organisations", "post"),
    ("/api/v1/organisations/{slug}", "get"),
    ("/api/v1/organisations/{slug}", "patch"),
    ("/api/v1/organisations/{slug}/membership-requests", "post"),
    ("/api/v1/organisations/{slug}/memberships/{membership_id}/approve", "post"),
    ("/api/v1/organisations/{slug}/memberships/{membership_id}/reject", "post"),
    ("/api/v1/organisations/{slug}/memberships/{membership_id}", "delete"),
    ("/api/v1/organisations/{slug}/verify", "post"),
    ("/api/v1/organisations/{slug}/unverify", "post"),
}


@pytest.fixture
def schema():
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_the_openapi_description_is_valid(schema):
    validate(schema)  # raises on any violation of the OpenAPI specification


def test_the_openapi_description_has_every_organisation_operation(schema):
    operations = {
        (path, method) for path, item in schema["paths"].items() for method in item
    }
    assert ORGANISATION_OPERATIONS <= operations


def test_write_operations_declare_authentication_and_errors(schema):
    for path, method in ORGANISATION_OPERATIONS:
        operation = schema["paths"][path][method]
        assert operation.get("summary"), (path, method)
        if method == "get":
            assert "security" not in operation, path
            continue
        assert operation["security"], (path, method)
        assert {"401", "403", "422"} <= set(operation["responses"]), (path, method)


def test_schema_fields_are_described(schema):
    fields = schema["components"]["schemas"]["OrganisationIn"]["properties"]
    assert "description" in fields["nip"]
    assert "description" in fields["seat"]
    assert fields["name"]["maxLength"] == 300


def test_the_docs_page_renders():
    response = Client().get("/api/v1/docs")

    assert response.status_code == 200
    assert "text/html" in response["Content-Type"]
    assert b"openapi.json" in response.content


def test_an_unknown_api_path_is_a_404():
    assert Client().get("/api/v1/no-such-thing").status_code == 404


@pytest.mark.parametrize(
    ("method", "path", "status", "code"),
    [
        ("get", "/api/v1/organisations/none-such", 404, "not_found"),
        ("get", "/api/v1/organisations?limit=abc", 422, "validation_error"),
        ("post", "/api/v1/organisations", 401, "unauthorised"),
    ],
)
def test_errors_share_one_shape(method, path, status, code):
    response = getattr(Client(), method)(path, content_type="application/json")

    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] == code
    assert isinstance(error["message"], str) and error["message"]
    assert isinstance(error["fields"], dict)


def test_a_validation_error_names_the_field():
    response = Client().get("/api/v1/organisations", {"limit": "abc"})

    assert list(response.json()["error"]["fields"]) == ["limit"]


# Real clients send no CSRF token; the Django test client skips the check unless told.


def test_an_anonymous_write_from_a_real_client_is_401():
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        "/api/v1/organisations", "{}", content_type="application/json"
    )

    assert response.status_code == 401


def test_a_bad_token_from_a_real_client_is_401():
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        "/api/v1/organisations",
        "{}",
        content_type="application/json",
        headers={"Authorization": "Token rzm_0_revoked"},
    )

    assert response.status_code == 401
