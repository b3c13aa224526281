import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from razem.core.models import AuditEntry
from razem.institutions.models import Institution, InstitutionStaff, ThematicGroup, Unit
from tests.factories import (
    AreaFactory,
    InstitutionFactory,
    OrganisationFactory,
    StaffFactory,
    ThematicGroupFactory,
    UnitFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# People who must not manage `institution` (fixture names from the conftests).
NOT_MANAGERS = ["other_user", "manager_elsewhere", "staff"]
MANAGERS = ["manager", "admin_user"]


def _as(client, request, who):
    client.force_login(request.getfixturevalue(who))
    return client


def _url(name, institution, **kwargs):
    return reverse(f"institutions:{name}", kwargs={"slug": institution.slug, **kwargs})


# the public list


def test_list_is_public_and_filters_by_territory_kind_and_name(client, teryt):
    from razem.territories.models import Territory

    InstitutionFactory(
        name="Urząd Gminy Krobia", territory=Territory.objects.get(code="3004033")
    )
    InstitutionFactory(
        name="Starostwo Powiatowe w Gostyniu",
        kind="powiat",
        territory=Territory.objects.get(code="3004"),
    )
    InstitutionFactory(
        name="Urząd Miasta Opola", territory=Territory.objects.get(code="1661011")
    )
    body = client.get(reverse("institutions:list"), {"territory": "3004"}).content
    assert b"Krobia" in body and b"Starostwo" in body and b"Opola" not in body
    body = client.get(
        reverse("institutions:list"), {"territory": "30", "kind": "powiat"}
    ).content.decode()
    assert "Starostwo" in body and "Krobia" not in body
    body = client.get(reverse("institutions:list"), {"q": "opol"}).content.decode()
    assert "Urząd Miasta Opola" in body and "Krobia" not in body


def test_list_shows_an_error_for_an_unknown_territory_code(client, institution):
    response = client.get(reverse("institutions:list"), {"territory": "9999"})
    assert response.status_code == 200
    form = response.context["form"]
    assert "territory" in form.errors
    assert 'aria-describedby="id_territory_error"' in response.content.decode()


def test_list_queries_do_not_grow_with_the_number_of_institutions(client):
    InstitutionFactory.create_batch(3)
    url = reverse("institutions:list")
    client.get(url)  # warm the territory filter cache
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    InstitutionFactory.create_batch(12)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(response.context["page_obj"]) == 15
    assert len(many) == len(few) <= 3


def test_list_is_paginated(client, settings):
    settings.RAZEM_PAGE_SIZE = 2
    InstitutionFactory.create_batch(5)
    response = client.get(reverse("institutions:list"), {"page": 3})
    assert len(response.context["page_obj"]) == 1
    assert 'rel="prev"' in response.content.decode()


def test_list_escapes_html_in_names(client):
    InstitutionFactory(name="<script>alert(1)</script>", slug="x")
    body = client.get(reverse("institutions:list")).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;" in body


def test_add_button_is_shown_to_platform_admins_only(client, admin_user, manager):
    client.force_login(manager)
    assert (
        reverse("institutions:create")
        not in client.get(reverse("institutions:list")).content.decode()
    )
    client.force_login(admin_user)
    assert (
        reverse("institutions:create")
        in client.get(reverse("institutions:list")).content.decode()
    )


# the public page


def test_page_shows_profile_liaison_units_and_groups_with_organisation_counts(
    client, institution
):
    institution.description = "Opis <b>gminy</b>"
    institution.liaison_phone = "65 572 00 00"
    institution.save()
    unit = UnitFactory(
        institution=institution,
        name="Wydział Promocji",
        responsibilities="Współpraca <i>z NGO</i>",
        email="wp@gostyn.pl",
    )
    housing, culture = AreaFactory(code="housing"), AreaFactory(code="culture")
    group = ThematicGroupFactory(institution=institution, name="Kultura", unit=unit)
    group.areas.set([housing, culture])
    OrganisationFactory().areas.set([culture])
    OrganisationFactory().areas.set([housing, culture])
    body = client.get(institution.get_absolute_url()).content.decode()
    assert "Opis &lt;b&gt;gminy&lt;/b&gt;" in body
    assert "Współpraca &lt;i&gt;z NGO&lt;/i&gt;" in body
    assert "Anna Nowak" in body and institution.liaison_email in body
    assert "65 572 00 00" in body and "wp@gostyn.pl" in body
    assert "/organizacje/?area=housing&amp;area=culture" in body or (
        "/organizacje/?area=culture&amp;area=housing" in body
    )
    assert "2 organizacje" in body


def test_page_of_an_unknown_institution_is_404(client, db):
    assert client.get("/instytucje/nie-ma-takiej/").status_code == 404


def test_page_never_shows_staff_e_mail_addresses(client, institution, staff):
    body = client.get(institution.get_absolute_url()).content.decode()
    assert staff.email not in body


@pytest.mark.parametrize("who", MANAGERS)
def test_page_offers_management_links_to_managers(client, request, institution, who):
    body = _as(client, request, who).get(institution.get_absolute_url()).content
    assert _url("edit", institution).encode() in body
    assert _url("unit_create", institution).encode() in body


@pytest.mark.parametrize("who", NOT_MANAGERS)
def test_page_offers_no_management_links_to_others(client, request, institution, who):
    body = _as(client, request, who).get(institution.get_absolute_url()).content
    assert _url("edit", institution).encode() not in body


# the liaisons database


def test_liaisons_table_lists_official_contacts_filtered_by_territory(client, teryt):
    from razem.territories.models import Territory

    InstitutionFactory(
        name="UG Krobia",
        liaison_name="Ewa Krobska",
        territory=Territory.objects.get(code="3004033"),
    )
    InstitutionFactory(
        name="UM Opole",
        liaison_name="Piotr Opolski",
        territory=Territory.objects.get(code="1661011"),
    )
    InstitutionFactory(
        name="Bez kontaktu",
        liaison_name="",
        liaison_email="",
        territory=Territory.objects.get(code="1661011"),
    )
    body = client.get(reverse("institutions:liaisons")).content.decode()
    assert "Ewa Krobska" in body and "Piotr Opolski" in body
    assert "Bez kontaktu" not in body
    assert '<th scope="col">' in body
    body = client.get(reverse("institutions:liaisons"), {"territory": "16"}).content
    assert b"Piotr Opolski" in body and b"Ewa Krobska" not in body


def test_liaisons_export_as_csv_keeps_the_filters(client, institution):
    InstitutionFactory(
        name="Urząd Miasta", kind="other", territory=None, liaison_name="Jan Kowalski"
    )
    response = client.get(
        reverse("institutions:liaisons"),
        {"kind": "gmina", "format": "csv", "page": "2"},
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "pelnomocnicy.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == [
        "Instytucja",
        "Rodzaj",
        "Obszar",
        "Pełnomocnik ds. organizacji pozarządowych",
    ]
    assert len(rows) == 2
    assert rows[1][0] == institution.name and rows[1][3] == "Anna Nowak"
    assert rows[1][6].endswith(institution.get_absolute_url())


@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_liaisons_export_as_spreadsheets(client, institution, fmt):
    import tablib

    response = client.get(reverse("institutions:liaisons"), {"format": fmt})
    assert response.status_code == 200
    dataset = tablib.Dataset().load(response.content, format=fmt)
    assert dataset[0][0] == institution.name


def test_liaisons_export_in_an_unknown_format_is_a_400(client, institution):
    response = client.get(reverse("institutions:liaisons"), {"format": "pdf"})
    assert response.status_code == 400
    assert "csv" in response.content.decode()


def test_liaisons_page_queries_do_not_grow_with_rows(client):
    InstitutionFactory.create_batch(2)
    url = reverse("institutions:liaisons")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    InstitutionFactory.create_batch(8)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


# creating institutions


def test_anonymous_is_sent_to_sign_in_to_create_an_institution(client, db):
    response = client.get(reverse("institutions:create"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.mark.parametrize("who", ["other_user", "manager"])
def test_only_platform_admins_create_institutions(client, request, who):
    client = _as(client, request, who)
    assert client.get(reverse("institutions:create")).status_code == 403
    response = client.post(
        reverse("institutions:create"),
        {"name": "X", "kind": "other", "manager_email": "a@b.pl"},
    )
    assert response.status_code == 403
    assert not Institution.objects.filter(name="X").exists()


def test_admin_creates_a_gmina_office_with_its_first_manager(client, admin_user, teryt):
    person = UserFactory(email="wojt@krobia.pl")
    client.force_login(admin_user)
    assert client.get(reverse("institutions:create")).status_code == 200
    response = client.post(
        reverse("institutions:create"),
        {
            "name": "Urząd Gminy Krobia",
            "kind": "gmina",
            "territory": "3004033",
            "manager_email": "wojt@krobia.pl",
        },
    )
    institution = Institution.objects.get(name="Urząd Gminy Krobia")
    assert response.status_code == 302
    assert response["Location"] == institution.get_absolute_url()
    assert institution.staff.get().user == person


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"territory": "3099999"}, "territory"),
        ({"territory": "3004"}, "territory"),
        ({"kind": "marshal_office", "territory": "3004023"}, "territory"),
        ({"name": "U" * 301}, "name"),
        ({"manager_email": "nobody@example.org"}, "manager_email"),
        ({"manager_email": "not an address"}, "manager_email"),
        ({"kind": "county"}, "kind"),
    ],
)
def test_bad_input_when_creating_is_shown_on_the_field_and_nothing_is_written(
    client, admin_user, teryt, data, field
):
    UserFactory(email="wojt@krobia.pl")
    client.force_login(admin_user)
    post = {
        "name": "Urząd Gminy Krobia",
        "kind": "gmina",
        "territory": "3004033",
        "manager_email": "wojt@krobia.pl",
        **data,
    }
    response = client.post(reverse("institutions:create"), post)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not Institution.objects.exists()
    assert not AuditEntry.objects.exists()


# editing the profile


@pytest.mark.parametrize("who", MANAGERS)
def test_managers_and_admins_edit_the_profile(client, request, institution, who):
    client = _as(client, request, who)
    assert client.get(_url("edit", institution)).status_code == 200
    response = client.post(
        _url("edit", institution),
        {
            "name": institution.name,
            "description": "<b>Nowy</b> opis",
            "liaison_name": "Jan Kowalski",
            "liaison_email": "jk@gostyn.pl",
            "require_staff_2fa": "on",
        },
    )
    assert response.status_code == 302
    institution.refresh_from_db()
    assert institution.liaison_name == "Jan Kowalski"
    assert institution.require_staff_2fa
    assert AuditEntry.objects.filter(action="institutions.institution.updated").exists()


@pytest.mark.parametrize("who", NOT_MANAGERS)
def test_others_cannot_edit_the_profile(client, request, institution, who):
    client = _as(client, request, who)
    assert client.get(_url("edit", institution)).status_code == 403
    response = client.post(_url("edit", institution), {"name": "Przejęte"})
    assert response.status_code == 403
    institution.refresh_from_db()
    assert institution.name != "Przejęte"


def test_anonymous_is_sent_to_sign_in_to_edit(client, institution):
    assert client.get(_url("edit", institution)).status_code == 302


def test_bad_profile_input_is_shown_on_the_field(client, institution, manager):
    client.force_login(manager)
    response = client.post(
        _url("edit", institution), {"name": "N" * 301, "liaison_email": "nie-adres"}
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"name", "liaison_email"}
    institution.refresh_from_db()
    assert len(institution.name) < 301


# units


@pytest.mark.parametrize("who", MANAGERS)
def test_managers_add_edit_and_delete_units(client, request, institution, who):
    client = _as(client, request, who)
    response = client.post(
        _url("unit_create", institution),
        {"name": "Wydział Oświaty", "responsibilities": "Szkoły"},
    )
    assert response.status_code == 302
    unit = Unit.objects.get(institution=institution)
    assert client.get(_url("unit_edit", institution, pk=unit.pk)).status_code == 200
    client.post(
        _url("unit_edit", institution, pk=unit.pk), {"name": "Wydział Edukacji"}
    )
    unit.refresh_from_db()
    assert unit.name == "Wydział Edukacji"
    assert client.get(_url("unit_delete", institution, pk=unit.pk)).status_code == 200
    client.post(_url("unit_delete", institution, pk=unit.pk))
    assert not Unit.objects.exists()


@pytest.mark.parametrize("who", NOT_MANAGERS)
def test_others_cannot_add_edit_or_delete_units(client, request, institution, who):
    unit = UnitFactory(institution=institution, name="Wydział A")
    client = _as(client, request, who)
    assert (
        client.post(_url("unit_create", institution), {"name": "Nowy"}).status_code
        == 403
    )
    assert (
        client.post(
            _url("unit_edit", institution, pk=unit.pk), {"name": "B"}
        ).status_code
        == 403
    )
    assert client.post(_url("unit_delete", institution, pk=unit.pk)).status_code == 403
    assert list(Unit.objects.values_list("name", flat=True)) == ["Wydział A"]


def test_a_unit_of_another_institution_is_not_found(client, institution, manager):
    foreign = UnitFactory()
    client.force_login(manager)
    response = client.post(_url("unit_delete", institution, pk=foreign.pk))
    assert response.status_code == 404
    assert Unit.objects.filter(pk=foreign.pk).exists()


def test_duplicate_unit_name_is_shown_on_the_name_field(client, institution, manager):
    UnitFactory(institution=institution, name="Wydział Oświaty")
    client.force_login(manager)
    response = client.post(
        _url("unit_create", institution), {"name": "Wydział Oświaty"}
    )
    assert response.status_code == 200
    assert "name" in response.context["form"].errors
    assert 'id="id_name_error"' in response.content.decode()
    assert Unit.objects.count() == 1


# thematic groups


def test_managers_add_a_thematic_group_mapped_onto_areas(client, institution, manager):
    housing = AreaFactory(code="housing")
    unit = UnitFactory(institution=institution)
    client.force_login(manager)
    page = client.get(_url("group_create", institution)).content.decode()
    assert "<legend>" in page
    response = client.post(
        _url("group_create", institution),
        {"name": "Mieszkalnictwo", "areas": ["housing"], "unit": unit.pk},
    )
    assert response.status_code == 302
    group = ThematicGroup.objects.get()
    assert list(group.areas.all()) == [housing] and group.unit == unit
    client.post(_url("group_edit", institution, pk=group.pk), {"name": "Mieszkania"})
    group.refresh_from_db()
    assert group.name == "Mieszkania" and not group.areas.exists()
    client.post(_url("group_delete", institution, pk=group.pk))
    assert not ThematicGroup.objects.exists()


def test_group_form_offers_only_the_institutions_own_units(
    client, institution, manager
):
    foreign = UnitFactory()
    client.force_login(manager)
    response = client.post(
        _url("group_create", institution), {"name": "Kultura", "unit": foreign.pk}
    )
    assert "unit" in response.context["form"].errors
    assert not ThematicGroup.objects.exists()


@pytest.mark.parametrize("who", NOT_MANAGERS)
def test_others_cannot_manage_thematic_groups(client, request, institution, who):
    group = ThematicGroupFactory(institution=institution, name="Sport")
    client = _as(client, request, who)
    assert (
        client.post(_url("group_create", institution), {"name": "X"}).status_code == 403
    )
    assert (
        client.post(
            _url("group_edit", institution, pk=group.pk), {"name": "Y"}
        ).status_code
        == 403
    )
    assert (
        client.post(_url("group_delete", institution, pk=group.pk)).status_code == 403
    )
    assert list(ThematicGroup.objects.values_list("name", flat=True)) == ["Sport"]


# staff


@pytest.mark.parametrize("who", ["staff", "manager", "admin_user"])
def test_staff_and_admins_see_the_staff_page_with_names_not_e_mails(
    client, request, institution, manager, staff, who
):
    response = _as(client, request, who).get(_url("staff", institution))
    assert response.status_code == 200
    body = response.content.decode()
    assert manager.display_name in body and staff.display_name in body
    assert staff.email not in body.replace(f'value="{staff.email}"', "")


@pytest.mark.parametrize("who", ["other_user", "manager_elsewhere"])
def test_outsiders_cannot_see_the_staff_page(client, request, institution, who):
    assert _as(client, request, who).get(_url("staff", institution)).status_code == 403


def test_anonymous_is_sent_to_sign_in_for_the_staff_page(client, institution):
    assert client.get(_url("staff", institution)).status_code == 302


def test_non_manager_staff_see_no_add_form_and_cannot_add(client, institution, staff):
    client.force_login(staff)
    assert client.get(_url("staff", institution)).context["form"] is None
    newcomer = UserFactory()
    response = client.post(_url("staff", institution), {"email": newcomer.email})
    assert response.status_code == 403
    assert not InstitutionStaff.objects.filter(user=newcomer).exists()


def test_manager_adds_a_person_by_e_mail(client, institution, manager):
    newcomer = UserFactory(full_name="Zofia Nowicka")
    client.force_login(manager)
    response = client.post(
        _url("staff", institution), {"email": newcomer.email, "is_liaison": "on"}
    )
    assert response.status_code == 302
    assert InstitutionStaff.objects.get(user=newcomer).is_liaison


def test_adding_an_unknown_e_mail_is_shown_on_the_field(client, institution, manager):
    client.force_login(manager)
    response = client.post(_url("staff", institution), {"email": "nikt@example.org"})
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert 'aria-describedby="id_email_error"' in response.content.decode()


@pytest.mark.parametrize("who", ["staff", "manager_elsewhere", "other_user"])
def test_others_cannot_change_or_remove_staff(
    client, request, institution, manager, who
):
    member = InstitutionStaff.objects.get(user=manager)
    client = _as(client, request, who)
    assert (
        client.post(
            _url("staff_edit", institution, pk=member.pk), {"is_manager": ""}
        ).status_code
        == 403
    )
    assert (
        client.post(_url("staff_remove", institution, pk=member.pk)).status_code == 403
    )
    member.refresh_from_db()
    assert member.is_manager


def test_manager_changes_roles_and_removes_staff(client, institution, manager, staff):
    member = InstitutionStaff.objects.get(user=staff)
    unit = UnitFactory(institution=institution)
    client.force_login(manager)
    assert client.get(_url("staff_edit", institution, pk=member.pk)).status_code == 200
    client.post(
        _url("staff_edit", institution, pk=member.pk),
        {"unit": unit.pk, "is_manager": "on"},
    )
    member.refresh_from_db()
    assert member.unit == unit and member.is_manager
    assert (
        client.get(_url("staff_remove", institution, pk=member.pk)).status_code == 200
    )
    response = client.post(_url("staff_remove", institution, pk=member.pk))
    assert response.status_code == 302
    assert not InstitutionStaff.objects.filter(pk=member.pk).exists()


def test_removing_the_last_manager_shows_why_and_keeps_them(
    client, institution, manager
):
    member = InstitutionStaff.objects.get(user=manager)
    client.force_login(manager)
    response = client.post(_url("staff_remove", institution, pk=member.pk))
    assert response.status_code == 400
    assert "co najmniej jednego" in response.content.decode()
    assert InstitutionStaff.objects.filter(pk=member.pk).exists()


def test_demoting_the_last_manager_is_shown_on_the_field(client, institution, manager):
    member = InstitutionStaff.objects.get(user=manager)
    client.force_login(manager)
    response = client.post(_url("staff_edit", institution, pk=member.pk), {})
    assert "is_manager" in response.context["form"].errors
    member.refresh_from_db()
    assert member.is_manager


def test_staff_of_another_institution_is_not_found(client, institution, manager):
    foreign = StaffFactory()
    client.force_login(manager)
    assert (
        client.post(_url("staff_remove", institution, pk=foreign.pk)).status_code == 404
    )


def test_page_queries_do_not_grow_with_units_and_groups(client, institution):
    def add_some():
        for _ in range(3):
            UnitFactory(institution=institution)
            group = ThematicGroupFactory(institution=institution)
            group.areas.set([AreaFactory()])

    add_some()
    client.get(institution.get_absolute_url())
    with CaptureQueriesContext(connection) as few:
        client.get(institution.get_absolute_url())
    add_some()
    with CaptureQueriesContext(connection) as many:
        client.get(institution.get_absolute_url())
    assert len(many) == len(few) <= 6
