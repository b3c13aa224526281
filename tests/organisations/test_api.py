"""/api/v1/organisations: public reads, who may write, bad input, authentication."""

import json

import pytest
from django.test import Client
from django.utils import translation

from razem.accounts.tokens import api_token_create, api_token_revoke
from razem.core.models import AuditEntry
from razem.organisations.models import LegalForm, Membership, Organisation
from tests.factories import (
    AreaFactory,
    GminaFactory,
    MembershipFactory,
    OrganisationFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

BASE = "/api/v1/organisations"
WHO = ["anonymous", "unrelated", "other_org", "staff"]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def people(organisation, representative):
    """Everyone who is *not* allowed to manage `organisation`."""
    return {
        "anonymous": None,
        "unrelated": UserFactory(),
        "other_org": MembershipFactory().user,
        "staff": StaffFactory().user,
    }


def client_for(user, **kwargs) -> Client:
    client = Client(**kwargs)
    if user is not None:
        client.force_login(user)
    return client


def call(user, method, path, data=None, **kwargs):
    client = client_for(user)
    body = json.dumps(data) if data is not None else None
    return getattr(client, method)(
        path, body, content_type="application/json", **kwargs
    )


def assert_error(response, status, code=None, field=None):
    assert response.status_code == status, response.content
    error = response.json()["error"]
    assert set(error) == {"code", "message", "fields"}
    assert error["message"]
    if code:
        assert error["code"] == code
    if field:
        assert field in error["fields"], error


def new_organisation(**overrides) -> dict:
    gmina = GminaFactory()
    return {
        "name": "Fundacja Nowe Horyzonty",
        "legal_form": "fundacja",
        "seat": gmina.code,
        "krs": "0000123456",
        "nip": "123-456-32-18",
        "email": "biuro@horyzonty.org.pl",
        **overrides,
    }


# Reading ---------------------------------------------------------------------------


def test_anyone_can_list_organisations_paginated(organisation, representative):
    OrganisationFactory.create_batch(3)

    response = Client().get(BASE, {"limit": 2, "offset": 1})

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 4
    assert len(body["items"]) == 2
    assert set(body["items"][0]) >= {"slug", "name", "seat", "areas", "is_verified"}


def test_the_list_never_shows_a_member_email(organisation, representative):
    response = Client().get(BASE)

    assert representative.email not in response.content.decode()


def test_list_filters_combine(teryt):
    culture = AreaFactory(code="culture")
    ecology = AreaFactory(code="ecology")
    opole = GminaFactory(code="1661011", name="Opole", parent__code="1661",
                         parent__parent__code="16")  # fmt: skip
    a = OrganisationFactory(name="Alfa", legal_form=LegalForm.FUNDACJA,
                            is_verified=True)  # fmt: skip
    a.areas.add(culture)
    b = OrganisationFactory(name="Beta", seat=opole, is_public_benefit=True)
    b.areas.add(ecology)
    c = OrganisationFactory(name="Gamma")
    c.areas.add(culture, ecology)

    def names(**params):
        response = Client().get(BASE, params)
        assert response.status_code == 200, response.content
        return [item["name"] for item in response.json()["items"]]

    assert names() == ["Alfa", "Beta", "Gamma"]
    assert names(area=["culture"]) == ["Alfa", "Gamma"]
    assert names(area=["culture", "ecology"]) == ["Alfa", "Beta", "Gamma"]
    assert names(territory="16") == ["Beta"]
    assert names(territory="30", area="ecology") == ["Gamma"]
    assert names(legal_form="fundacja") == ["Alfa"]
    assert names(is_verified="true") == ["Alfa"]
    assert names(is_public_benefit="true") == ["Beta"]
    assert names(q="gam") == ["Gamma"]


def test_list_runs_a_fixed_number_of_queries(django_assert_max_num_queries):
    area = AreaFactory()
    for organisation in OrganisationFactory.create_batch(15):
        organisation.areas.add(area)

    with django_assert_max_num_queries(4):
        response = Client().get(BASE, {"limit": 100})

    assert len(response.json()["items"]) == 15


@pytest.mark.parametrize(
    ("params", "field"),
    [({"limit": 101}, "limit"), ({"limit": 0}, "limit"),
     ({"offset": -1}, "offset"), ({"legal_form": "spolka"}, "legal_form"),
     ({"is_verified": "maybe"}, "is_verified")],
)  # fmt: skip
def test_bad_list_parameters_are_refused_naming_the_parameter(params, field):
    assert_error(Client().get(BASE, params), 422, "validation_error", field)


def test_anyone_can_read_an_organisation_without_member_emails(
    organisation, representative
):
    area = AreaFactory()
    organisation.areas.add(area)

    response = Client().get(f"{BASE}/{organisation.slug}")

    assert response.status_code == 200
    body = response.json()
    assert body["name"] == organisation.name
    assert body["seat"]["code"] == organisation.seat.code
    assert body["areas"] == [{"code": area.code, "name": area.name}]
    assert body["email"] == organisation.email  # the organisation's own contact
    assert representative.email not in response.content.decode()


def test_an_unknown_organisation_is_404_in_the_error_shape(db):
    assert_error(Client().get(f"{BASE}/nie-ma-takiej"), 404, "not_found")


# Creating --------------------------------------------------------------------------


def test_anonymous_cannot_create_an_organisation(db):
    response = call(None, "post", BASE, new_organisation())

    assert_error(response, 401, "unauthorised")
    assert not Organisation.objects.exists()


def test_a_signed_in_person_creates_and_represents_an_organisation(user):
    response = call(user, "post", BASE, new_organisation())

    assert response.status_code == 201, response.content
    organisation = Organisation.objects.get()
    assert response.json()["slug"] == organisation.slug
    assert organisation.nip == "1234563218"
    assert Membership.objects.get(organisation=organisation).user == user
    assert AuditEntry.objects.filter(
        action="organisations.organisation.created"
    ).exists()


@pytest.mark.parametrize(
    ("overrides", "status", "field"),
    [
        ({"nip": "123-456-32-19"}, 400, "nip"),
        ({"krs": "12345"}, 400, "krs"),
        ({"regon": "123456789"}, 400, "regon"),
        ({"seat": "9999999"}, 400, "seat"),
        ({"areas": ["astrology"]}, 400, "areas"),
        ({"email": "not-an-address"}, 400, "email"),
        ({"name": "x" * 301}, 422, "name"),
        ({"name": ""}, 422, "name"),
        ({"legal_form": "spolka"}, 422, "legal_form"),
        ({"lat": 91.0, "lon": 17.0}, 422, "lat"),
        ({"lat": 51.9}, 400, "lon"),
        ({"lon": 17.0}, 400, "lat"),
        ({"name": "   "}, 422, "name"),
        ({"description": None}, 422, "description"),
        ({"activity_territories": ["99"]}, 400, "activity_territories"),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_writes_nothing(
    user, overrides, status, field
):
    response = call(user, "post", BASE, new_organisation(**overrides))

    assert_error(response, status, field=field)
    assert not Organisation.objects.exists()
    assert not Membership.objects.exists()


def test_a_missing_required_field_is_named(user):
    data = new_organisation()
    del data["seat"]

    assert_error(call(user, "post", BASE, data), 422, field="seat")


def test_a_body_that_is_not_json_is_refused(user):
    response = client_for(user).post(BASE, "{nope", content_type="application/json")

    assert 400 <= response.status_code < 500
    assert not Organisation.objects.exists()


def test_a_registered_krs_is_refused_naming_krs(user):
    OrganisationFactory(krs="0000123456")

    assert_error(call(user, "post", BASE, new_organisation()), 400, field="krs")
    assert Organisation.objects.count() == 1


# Authentication --------------------------------------------------------------------


def test_a_token_authenticates_writes(user):
    _, raw = api_token_create(user=user, name="script")

    response = Client().post(BASE, new_organisation(), content_type="application/json",
                             headers={"Authorization": f"Token {raw}"})  # fmt: skip

    assert response.status_code == 201, response.content
    assert Organisation.objects.get().memberships.get().user == user


def test_a_revoked_token_is_refused(user):
    token, raw = api_token_create(user=user, name="script")
    api_token_revoke(token=token, actor=user)

    response = Client().post(BASE, new_organisation(), content_type="application/json",
                             headers={"Authorization": f"Token {raw}"})  # fmt: skip

    assert_error(response, 401)
    assert not Organisation.objects.exists()


def test_a_made_up_token_is_refused(db):
    response = Client().post(BASE, new_organisation(), content_type="application/json",
                             headers={"Authorization": "Token rzm_0000_x"})  # fmt: skip

    assert_error(response, 401)


def test_a_session_without_csrf_token_cannot_write(user):
    client = client_for(user, enforce_csrf_checks=True)

    response = client.post(BASE, new_organisation(), content_type="application/json")

    assert_error(response, 403)
    assert not Organisation.objects.exists()


def test_a_session_with_csrf_token_can_write(user):
    client = client_for(user, enforce_csrf_checks=True)
    client.get("/")  # sets the csrftoken cookie
    token = client.cookies["csrftoken"].value

    response = client.post(BASE, new_organisation(), content_type="application/json",
                           headers={"X-CSRFToken": token})  # fmt: skip

    assert response.status_code == 201, response.content


# Updating --------------------------------------------------------------------------


@pytest.mark.parametrize("who", WHO)
def test_only_representatives_may_change_an_organisation(people, organisation, who):
    response = call(people[who], "patch", f"{BASE}/{organisation.slug}",
                    {"name": "Przejęta"})  # fmt: skip

    assert_error(response, 401 if who == "anonymous" else 403)
    organisation.refresh_from_db()
    assert organisation.name != "Przejęta"


def test_a_representative_changes_only_the_fields_sent(organisation, representative):
    area = AreaFactory()

    response = call(representative, "patch", f"{BASE}/{organisation.slug}",
                    {"short_name": "SPG", "areas": [area.code]})  # fmt: skip

    assert response.status_code == 200, response.content
    assert response.json()["short_name"] == "SPG"
    organisation.refresh_from_db()
    assert organisation.short_name == "SPG"
    assert organisation.description.startswith("Działamy")
    assert list(organisation.areas.all()) == [area]


@pytest.mark.parametrize(
    ("data", "status", "field"),
    [({"nip": "1234"}, 400, "nip"), ({"seat": "0000000"}, 400, "seat"),
     ({"name": "x" * 301}, 422, "name"), ({"website": "nie adres"}, 400, "website"),
     ({"description": None}, 422, "description"), ({"name": None}, 422, "name"),
     ({"areas": None}, 422, "areas"), ({"lat": 52.0}, 400, "lon"),
     ({"lat": 52.0, "lon": None}, 400, "lon")],
)  # fmt: skip
def test_a_bad_change_is_refused_and_changes_nothing(
    organisation, representative, data, status, field
):
    before = Organisation.objects.values().get(pk=organisation.pk)

    response = call(representative, "patch", f"{BASE}/{organisation.slug}", data)

    assert_error(response, status, field=field)
    assert Organisation.objects.values().get(pk=organisation.pk) == before


def test_coordinates_are_set_and_cleared_together(organisation, representative):
    path = f"{BASE}/{organisation.slug}"

    call(representative, "patch", path, {"lat": 51.88, "lon": 17.01})
    organisation.refresh_from_db()
    assert (organisation.lat, organisation.lon) == (51.88, 17.01)

    call(representative, "patch", path, {"lat": None, "lon": None})
    organisation.refresh_from_db()
    assert (organisation.lat, organisation.lon) == (None, None)


def test_changing_an_unknown_organisation_is_404(representative):
    assert_error(call(representative, "patch", f"{BASE}/nie-ma", {}), 404)


# Memberships -----------------------------------------------------------------------


def test_anonymous_cannot_ask_to_join(organisation):
    response = call(None, "post", f"{BASE}/{organisation.slug}/membership-requests", {})

    assert_error(response, 401)
    assert organisation.memberships.count() == 0


def test_a_signed_in_person_asks_to_join(organisation, representative, other_user):
    response = call(other_user, "post",
                    f"{BASE}/{organisation.slug}/membership-requests",
                    {"role": "member", "message": "Chcę pomagać."})  # fmt: skip

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "pending"
    assert body["person"] == other_user.full_name
    assert other_user.email not in response.content.decode()


def test_a_member_cannot_ask_again(organisation, representative):
    response = call(representative, "post",
                    f"{BASE}/{organisation.slug}/membership-requests", {})  # fmt: skip

    assert_error(response, 400, "already_member")


def test_a_bad_role_is_refused_naming_role(organisation, other_user):
    response = call(other_user, "post",
                    f"{BASE}/{organisation.slug}/membership-requests",
                    {"role": "owner"})  # fmt: skip

    assert_error(response, 422, field="role")
    assert not organisation.memberships.filter(user=other_user).exists()


@pytest.fixture
def pending(organisation):
    return MembershipFactory(organisation=organisation, role=Membership.Role.MEMBER,
                             status=Membership.Status.PENDING)  # fmt: skip


@pytest.mark.parametrize("action", ["approve", "reject"])
@pytest.mark.parametrize("who", WHO)
def test_only_representatives_may_decide_requests(people, pending, who, action):
    path = f"{BASE}/{pending.organisation.slug}/memberships/{pending.pk}/{action}"

    response = call(people[who], "post", path)

    assert_error(response, 401 if who == "anonymous" else 403)
    pending.refresh_from_db()
    assert pending.status == Membership.Status.PENDING


@pytest.mark.parametrize(("action", "status"),
                         [("approve", "approved"), ("reject", "rejected")])  # fmt: skip
def test_a_representative_decides_a_request(representative, pending, action, status):
    path = f"{BASE}/{pending.organisation.slug}/memberships/{pending.pk}/{action}"

    response = call(representative, "post", path)

    assert response.status_code == 200, response.content
    assert response.json()["status"] == status
    pending.refresh_from_db()
    assert pending.status == status


def test_deciding_twice_is_refused(representative, pending):
    path = f"{BASE}/{pending.organisation.slug}/memberships/{pending.pk}/approve"
    call(representative, "post", path)

    assert_error(call(representative, "post", path), 400, "already_decided")


def test_a_membership_of_another_organisation_is_404(representative, organisation):
    elsewhere = MembershipFactory(status=Membership.Status.PENDING)
    path = f"{BASE}/{organisation.slug}/memberships/{elsewhere.pk}/approve"

    assert_error(call(representative, "post", path), 404)
    elsewhere.refresh_from_db()
    assert elsewhere.status == Membership.Status.PENDING


@pytest.mark.parametrize("who", WHO)
def test_only_representatives_may_remove_members(people, pending, who):
    path = f"{BASE}/{pending.organisation.slug}/memberships/{pending.pk}"

    assert_error(call(people[who], "delete", path), 401 if who == "anonymous" else 403)
    assert Membership.objects.filter(pk=pending.pk).exists()


def test_a_representative_removes_a_member(representative, pending):
    path = f"{BASE}/{pending.organisation.slug}/memberships/{pending.pk}"

    response = call(representative, "delete", path)

    assert response.status_code == 204
    assert not Membership.objects.filter(pk=pending.pk).exists()


def test_a_person_may_withdraw_their_own_request(pending):
    path = f"{BASE}/{pending.organisation.slug}/memberships/{pending.pk}"

    assert call(pending.user, "delete", path).status_code == 204
    assert not Membership.objects.filter(pk=pending.pk).exists()


def test_the_last_representative_cannot_leave(organisation, representative):
    membership = organisation.memberships.get()
    path = f"{BASE}/{organisation.slug}/memberships/{membership.pk}"

    assert_error(call(representative, "delete", path), 400, "last_representative")
    assert organisation.memberships.exists()


# Verification ----------------------------------------------------------------------


@pytest.mark.parametrize("action", ["verify", "unverify"])
@pytest.mark.parametrize("who", ["anonymous", "unrelated", "other_org", "own"])
def test_only_institution_staff_may_verify(
    people, organisation, representative, who, action
):
    organisation.is_verified = action == "unverify"
    organisation.save()
    user = representative if who == "own" else people[who]

    response = call(user, "post", f"{BASE}/{organisation.slug}/{action}")

    assert_error(response, 401 if who == "anonymous" else 403)
    organisation.refresh_from_db()
    assert organisation.is_verified is (action == "unverify")


def test_institution_staff_verify_and_unverify(organisation, staff, institution):
    response = call(staff, "post", f"{BASE}/{organisation.slug}/verify")

    assert response.status_code == 200, response.content
    assert response.json()["is_verified"] is True
    assert response.json()["verified_by"] == institution.name

    response = call(staff, "post", f"{BASE}/{organisation.slug}/unverify")

    assert response.json()["is_verified"] is False
    assert response.json()["verified_by"] is None
    organisation.refresh_from_db()
    assert organisation.is_verified is False
