import json

import pytest

from razem.accounts.tokens import api_token_create
from razem.core.models import AuditEntry
from razem.institutions.models import Institution, ThematicGroup, Unit
from tests.factories import (
    AreaFactory,
    InstitutionFactory,
    OrganisationFactory,
    ThematicGroupFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db

NOT_MANAGERS = ["other_user", "manager_elsewhere", "staff"]
MANAGERS = ["manager", "admin_user"]
BASE = "/api/v1/institutions"


def _send(client, method, url, data=None, **extra):
    body = json.dumps(data) if data is not None else None
    return getattr(client, method)(url, body, content_type="application/json", **extra)


# reads


def test_list_is_public_paginated_and_filtered(client, teryt):
    from razem.territories.models import Territory

    InstitutionFactory(
        name="UG Krobia", territory=Territory.objects.get(code="3004033")
    )
    InstitutionFactory(name="UM Opole", territory=Territory.objects.get(code="1661011"))
    InstitutionFactory(name="Ministerstwo", kind="ministry", territory=None)
    body = client.get(BASE, {"limit": 2}).json()
    assert body["count"] == 3 and len(body["items"]) == 2
    body = client.get(BASE, {"territory": "30"}).json()
    assert [i["name"] for i in body["items"]] == ["UG Krobia"]
    assert body["items"][0]["territory"]["code"] == "3004033"
    body = client.get(BASE, {"kind": "ministry"}).json()
    assert [i["name"] for i in body["items"]] == ["Ministerstwo"]
    assert body["items"][0]["territory"] is None
    body = client.get(BASE, {"q": "opole"}).json()
    assert [i["name"] for i in body["items"]] == ["UM Opole"]


def test_list_with_an_unknown_territory_is_a_400_naming_the_field(client, teryt):
    response = client.get(BASE, {"territory": "3099"})
    assert response.status_code == 400
    assert "territory" in response.json()["error"]["fields"]


def test_list_with_an_unknown_kind_is_a_422_naming_the_field(client, db):
    response = client.get(BASE, {"kind": "county"})
    assert response.status_code == 422
    assert "kind" in response.json()["error"]["fields"]


def test_detail_gives_units_groups_and_the_liaison_contact(client, institution):
    unit = UnitFactory(institution=institution, name="Wydział Promocji")
    area = AreaFactory(code="culture")
    group = ThematicGroupFactory(institution=institution, name="Kultura", unit=unit)
    group.areas.set([area])
    OrganisationFactory().areas.set([area])
    body = client.get(f"{BASE}/{institution.slug}").json()
    assert body["liaison"] == {
        "name": "Anna Nowak",
        "email": institution.liaison_email,
        "phone": "",
    }
    assert [u["name"] for u in body["units"]] == ["Wydział Promocji"]
    assert body["thematic_groups"][0]["areas"][0]["code"] == "culture"
    assert body["thematic_groups"][0]["organisation_count"] == 1
    assert body["thematic_groups"][0]["unit_id"] == unit.pk
    assert body["thematic_groups"][0]["directory_url"] == "/organizacje/?area=culture"


def test_detail_of_an_unknown_slug_is_404(client, db):
    assert client.get(f"{BASE}/brak").status_code == 404


# writes: who may


def test_anonymous_writes_are_401(client, institution):
    response = _send(client, "patch", f"{BASE}/{institution.slug}", {"name": "X"})
    assert response.status_code == 401
    response = _send(client, "post", f"{BASE}/{institution.slug}/units", {"name": "X"})
    assert response.status_code == 401
    assert not Unit.objects.exists()


@pytest.mark.parametrize("who", NOT_MANAGERS)
def test_others_get_403_and_change_nothing(client, request, institution, who):
    client.force_login(request.getfixturevalue(who))
    unit = UnitFactory(institution=institution, name="A")
    group = ThematicGroupFactory(institution=institution, name="G")
    slug = institution.slug
    calls = [
        ("patch", f"{BASE}/{slug}", {"name": "Przejęte"}),
        ("post", f"{BASE}/{slug}/units", {"name": "B"}),
        ("patch", f"{BASE}/{slug}/units/{unit.pk}", {"name": "C"}),
        ("delete", f"{BASE}/{slug}/units/{unit.pk}", None),
        ("post", f"{BASE}/{slug}/thematic-groups", {"name": "H"}),
        ("patch", f"{BASE}/{slug}/thematic-groups/{group.pk}", {"name": "I"}),
        ("delete", f"{BASE}/{slug}/thematic-groups/{group.pk}", None),
    ]
    for method, url, data in calls:
        response = _send(client, method, url, data)
        assert response.status_code == 403, (method, url)
        assert response.json()["error"]["code"] == "forbidden"
    institution.refresh_from_db()
    assert institution.name != "Przejęte"
    assert list(Unit.objects.values_list("name", flat=True)) == ["A"]
    assert list(ThematicGroup.objects.values_list("name", flat=True)) == ["G"]


@pytest.mark.parametrize("who", MANAGERS)
def test_managers_update_the_profile(client, request, institution, who):
    client.force_login(request.getfixturevalue(who))
    response = _send(
        client,
        "patch",
        f"{BASE}/{institution.slug}",
        {"liaison_phone": "65 572 00 00", "require_staff_2fa": True},
    )
    assert response.status_code == 200
    assert response.json()["liaison"]["phone"] == "65 572 00 00"
    institution.refresh_from_db()
    assert institution.require_staff_2fa
    assert institution.name  # untouched fields stay


def test_a_token_can_write_for_its_manager(client, institution, manager):
    _token, raw = api_token_create(user=manager, name="skrypt")
    response = _send(
        client,
        "post",
        f"{BASE}/{institution.slug}/units",
        {"name": "Biuro Rady"},
        HTTP_AUTHORIZATION=f"Token {raw}",
    )
    assert response.status_code == 201
    assert Unit.objects.get().name == "Biuro Rady"


@pytest.mark.parametrize("who", MANAGERS)
def test_managers_create_update_and_delete_units(client, request, institution, who):
    client.force_login(request.getfixturevalue(who))
    response = _send(
        client,
        "post",
        f"{BASE}/{institution.slug}/units",
        {"name": "Wydział Oświaty", "email": "wo@gostyn.pl"},
    )
    assert response.status_code == 201
    unit_id = response.json()["id"]
    response = _send(
        client,
        "patch",
        f"{BASE}/{institution.slug}/units/{unit_id}",
        {"responsibilities": "Szkoły"},
    )
    assert response.json()["responsibilities"] == "Szkoły"
    response = _send(client, "delete", f"{BASE}/{institution.slug}/units/{unit_id}")
    assert response.status_code == 204
    assert not Unit.objects.exists()
    assert (
        AuditEntry.objects.filter(action__startswith="institutions.unit.").count() == 3
    )


@pytest.mark.parametrize("who", MANAGERS)
def test_managers_create_update_and_delete_thematic_groups(
    client, request, institution, who
):
    AreaFactory(code="culture")
    AreaFactory(code="sport")
    unit = UnitFactory(institution=institution)
    client.force_login(request.getfixturevalue(who))
    response = _send(
        client,
        "post",
        f"{BASE}/{institution.slug}/thematic-groups",
        {"name": "Kultura", "areas": ["culture"], "unit_id": unit.pk},
    )
    assert response.status_code == 201
    group_id = response.json()["id"]
    response = _send(
        client,
        "patch",
        f"{BASE}/{institution.slug}/thematic-groups/{group_id}",
        {"areas": ["culture", "sport"], "unit_id": None},
    )
    assert response.status_code == 200
    assert {a["code"] for a in response.json()["areas"]} == {"culture", "sport"}
    assert response.json()["unit_id"] is None
    response = _send(
        client, "delete", f"{BASE}/{institution.slug}/thematic-groups/{group_id}"
    )
    assert response.status_code == 204
    assert not ThematicGroup.objects.exists()


# writes: bad input


def test_duplicate_unit_name_is_a_400_naming_the_field(client, institution, manager):
    UnitFactory(institution=institution, name="Wydział Oświaty")
    client.force_login(manager)
    response = _send(
        client, "post", f"{BASE}/{institution.slug}/units", {"name": "Wydział Oświaty"}
    )
    assert response.status_code == 400
    assert "name" in response.json()["error"]["fields"]
    assert Unit.objects.count() == 1


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"name": "N" * 301}, "name"),
        ({"liaison_email": "nie-adres"}, "liaison_email"),
        ({"website": "ftp//"}, "website"),
        ({"name": None}, "name"),
        ({"require_staff_2fa": "maybe"}, "require_staff_2fa"),
    ],
)
def test_bad_profile_input_is_a_4xx_naming_the_field(
    client, institution, manager, payload, field
):
    client.force_login(manager)
    before = Institution.objects.values().get(pk=institution.pk)
    response = _send(client, "patch", f"{BASE}/{institution.slug}", payload)
    assert response.status_code in (400, 422)
    assert field in response.json()["error"]["fields"]
    assert Institution.objects.values().get(pk=institution.pk) == before
    assert not AuditEntry.objects.exists()


def test_unit_payload_without_a_name_is_a_422(client, institution, manager):
    client.force_login(manager)
    response = _send(client, "post", f"{BASE}/{institution.slug}/units", {})
    assert response.status_code == 422
    assert "name" in response.json()["error"]["fields"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"name": "K", "areas": ["no-such-area"]}, "areas"),
        ({"name": "K", "unit_id": 999999}, "unit_id"),
    ],
)
def test_bad_thematic_group_input_is_a_400_naming_the_field(
    client, institution, manager, payload, field
):
    client.force_login(manager)
    response = _send(
        client, "post", f"{BASE}/{institution.slug}/thematic-groups", payload
    )
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]
    assert not ThematicGroup.objects.exists()


def test_a_unit_of_another_institution_is_404(client, institution, manager):
    foreign = UnitFactory()
    client.force_login(manager)
    response = _send(client, "delete", f"{BASE}/{institution.slug}/units/{foreign.pk}")
    assert response.status_code == 404
    assert Unit.objects.filter(pk=foreign.pk).exists()


def test_list_queries_do_not_grow_with_the_number_of_institutions(client, db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    InstitutionFactory.create_batch(2)
    client.get(BASE)
    with CaptureQueriesContext(connection) as few:
        client.get(BASE)
    InstitutionFactory.create_batch(8)
    with CaptureQueriesContext(connection) as many:
        assert client.get(BASE).json()["count"] == 10
    assert len(many) == len(few)
