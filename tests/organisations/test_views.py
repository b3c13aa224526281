import csv
import io

import openpyxl
import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from razem.core.models import AuditEntry
from razem.organisations.models import LegalForm, Membership, Organisation
from tests.factories import (
    InstitutionFactory,
    MembershipFactory,
    OrganisationFactory,
    PowiatFactory,
)
from tests.organisations.conftest import image_upload

pytestmark = pytest.mark.django_db

LIST = reverse("organisations:list")
CREATE = reverse("organisations:create")


def url(name, organisation, **kwargs):
    return reverse(
        f"organisations:{name}", kwargs={"slug": organisation.slug, **kwargs}
    )


def is_login_redirect(response):
    return response.status_code == 302 and "/konto/login/" in response["Location"]


def form_data(gmina, **overrides):
    data = {
        "name": "Fundacja Nowe Horyzonty",
        "short_name": "FNH",
        "legal_form": LegalForm.FUNDACJA,
        "krs": "0000 123 456",
        "nip": "526-025-02-74",
        "regon": "123456785",
        "seat": gmina.code,
        "activity_territories": [gmina.parent.code],
        "areas": ["kultura"],
        "is_public_benefit": "on",
        "description": "Wspieramy kulturę lokalną.",
        "resources": "Sala na 40 osób",
        "networks": "",
        "email": "biuro@horyzonty.org.pl",
        "phone": "",
        "website": "https://horyzonty.org.pl",
        "address": "ul. Rynek 1, Gostyń",
    }
    data.update(overrides)
    return data


# The directory


def test_directory_shows_cards_with_badges_and_areas(client, culture):
    institution = InstitutionFactory()
    shown = OrganisationFactory(
        name="Fundacja Widoczna",
        legal_form=LegalForm.FUNDACJA,
        is_public_benefit=True,
        is_verified=True,
        verified_by=institution,
        is_demo=True,
    )
    shown.areas.set([culture])
    response = client.get(LIST)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Fundacja Widoczna" in html
    assert "fundacja" in html and "Gostyń" in html and "gostyński" in html
    assert "zweryfikowana" in html
    assert "dane demonstracyjne" in html
    assert "kultura" in html
    assert "Znaleziono 1 organizację" in html


def test_directory_filters_by_every_field_from_the_query_string(client, teryt, culture):
    from razem.territories.models import Territory

    opole = Territory.objects.get(code="1661011")
    wanted = OrganisationFactory(
        name="Wanted", seat=opole, legal_form=LegalForm.FUNDACJA,
        is_public_benefit=True, is_verified=True, description="szukana fraza",
    )  # fmt: skip
    wanted.areas.set([culture])
    OrganisationFactory(name="Elsewhere", legal_form=LegalForm.FUNDACJA)
    not_opp = OrganisationFactory(
        name="NotOpp", seat=opole, legal_form=LegalForm.FUNDACJA, is_verified=True
    )
    not_opp.areas.set([culture])
    response = client.get(
        LIST,
        {
            "q": "fraza",
            "area": ["kultura"],
            "territory": "16",
            "legal_form": "fundacja",
            "opp": "1",
            "verified": "1",
        },
    )
    page = list(response.context["page_obj"])
    assert page == [wanted]
    response = client.get(LIST, {"territory": "1661", "opp": "0"})
    assert list(response.context["page_obj"]) == [not_opp]


def test_directory_accepts_a_repeated_area_parameter(client, culture, ecology):
    a = OrganisationFactory(name="A")
    a.areas.set([culture])
    b = OrganisationFactory(name="B")
    b.areas.set([ecology])
    OrganisationFactory(name="C")
    response = client.get(LIST + "?area=kultura&area=ekologia")
    assert list(response.context["page_obj"]) == [a, b]


def test_bad_filter_values_show_an_error_and_the_page_still_renders(client, gmina):
    OrganisationFactory(name="Still listed")
    response = client.get(
        LIST,
        {"territory": "99", "legal_form": "spolka", "opp": "maybe", "area": "zzz"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"territory", "legal_form", "opp", "area"}
    assert "Still listed" in response.content.decode()
    assert 'role="alert"' in response.content.decode()


def test_pagination_keeps_the_filters_in_the_links(client, gmina):
    for n in range(25):
        OrganisationFactory(name=f"Fundacja {n:02}", legal_form=LegalForm.FUNDACJA)
    response = client.get(LIST, {"legal_form": "fundacja", "q": "Fundacja"})
    html = response.content.decode()
    assert "?legal_form=fundacja&amp;q=Fundacja&amp;page=2" in html
    assert len(response.context["page_obj"]) == 20
    second = client.get(LIST, {"legal_form": "fundacja", "q": "Fundacja", "page": 2})
    assert len(second.context["page_obj"]) == 5


def test_directory_offers_exports_of_the_filtered_list(client, gmina):
    html = client.get(LIST, {"legal_form": "fundacja", "page": "2"}).content.decode()
    for fmt in ("csv", "xlsx", "ods"):
        assert f'href="/organizacje/eksport.{fmt}?legal_form=fundacja"' in html


def test_directory_query_count_does_not_grow_with_rows(
    client, culture, django_assert_max_num_queries
):
    def add(n):
        for _ in range(n):
            OrganisationFactory().areas.set([culture])

    add(2)
    client.get(LIST)  # warm the territory choices cache
    with django_assert_max_num_queries(8):
        client.get(LIST)
    add(18)
    with django_assert_max_num_queries(8):
        response = client.get(LIST, {"area": "kultura"})
    assert len(response.context["page_obj"]) == 20


def test_directory_escapes_html_in_names(client, gmina):
    OrganisationFactory(name="<script>alert(1)</script>")
    html = client.get(LIST).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# Exports


@pytest.fixture
def exported(culture, gmina):
    a = OrganisationFactory(
        name="Fundacja A", legal_form=LegalForm.FUNDACJA, krs="0000123456",
        is_public_benefit=True, email="prezes.prywatny@example.org",
    )  # fmt: skip
    a.areas.set([culture])
    OrganisationFactory(name="Stowarzyszenie B")
    MembershipFactory(organisation=a)
    return a


def test_csv_export_contains_the_filtered_public_fields_only(client, exported):
    response = client.get(
        reverse("organisations:export", args=["csv"]), {"q": "Fundacja"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="organizacje.csv"' in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["Nazwa"] for row in rows] == ["Fundacja A"]
    assert rows[0]["Numer KRS"] == "0000123456"
    assert rows[0]["Sfery pożytku publicznego"] == "kultura"
    assert rows[0]["Organizacja pożytku publicznego (OPP)"] == "tak"
    assert rows[0]["Powiat"] == "gostyński"
    assert "@" not in text


def test_xlsx_export_opens_in_openpyxl(client, exported):
    response = client.get(reverse("organisations:export", args=["xlsx"]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert values[0][0] == "Nazwa"
    assert [row[0] for row in values[1:]] == ["Fundacja A", "Stowarzyszenie B"]


def test_ods_export_opens_in_tablib(client, exported):
    response = client.get(
        reverse("organisations:export", args=["ods"]), {"legal_form": "fundacja"}
    )
    assert response["Content-Type"] == "application/vnd.oasis.opendocument.spreadsheet"
    dataset = tablib.Dataset().load(response.content, format="ods")
    assert dataset["Nazwa"] == ["Fundacja A"]


def test_export_query_count_does_not_grow_with_rows(
    client, exported, culture, django_assert_max_num_queries
):
    for _ in range(15):
        OrganisationFactory().areas.set([culture])
    with django_assert_max_num_queries(4):
        client.get(reverse("organisations:export", args=["csv"]))


def test_unknown_export_format_is_404(client, db):
    assert client.get("/organizacje/eksport.pdf").status_code == 404


def test_export_with_bad_filters_is_400(client, db):
    response = client.get(
        reverse("organisations:export", args=["csv"]), {"legal_form": "spolka"}
    )
    assert response.status_code == 400
    assert "legal_form" in response.content.decode()


# The organisation page


@pytest.fixture
def full_organisation(culture, gmina):
    institution = InstitutionFactory(name="Starostwo Powiatowe w Gostyniu")
    organisation = OrganisationFactory(
        name="Stowarzyszenie Pełne", short_name="SP", krs="0000123456",
        nip="5260250274", regon="123456785", is_public_benefit=True,
        resources="Sala i rzutnik", networks="Federacja FOP", phone="65 572 00 00",
        website="https://pelne.org.pl", address="ul. Wrocławska 1",
        logo=image_upload(), is_verified=True, verified_by=institution,
        description="<script>alert('x')</script> & <b>pogrubienie</b>",
    )  # fmt: skip
    organisation.areas.set([culture])
    organisation.activity_territories.set([PowiatFactory()])
    return organisation


def test_organisation_page_shows_all_public_fields(client, full_organisation):
    response = client.get(full_organisation.get_absolute_url())
    html = response.content.decode()
    for text in (
        "Stowarzyszenie Pełne", "0000123456", "5260250274", "123456785",
        "Gostyń", "powiat gostyński", "wielkopolskie", "kultura",
        "Sala i rzutnik", "Federacja FOP", "65 572 00 00", "https://pelne.org.pl",
        "ul. Wrocławska 1", "Starostwo Powiatowe w Gostyniu",
        'alt="Logo organizacji Stowarzyszenie Pełne"',
    ):  # fmt: skip
        assert text in html, text
    assert "<script>alert('x')</script>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "&lt;b&gt;pogrubienie&lt;/b&gt;" in html


def test_organisation_page_never_shows_members_publicly(client, organisation):
    member = MembershipFactory(organisation=organisation).user
    html = client.get(organisation.get_absolute_url()).content.decode()
    assert member.email not in html
    assert member.display_name not in html
    assert url("edit", organisation) not in html
    assert url("members", organisation) not in html
    assert url("verify", organisation) not in html
    assert "/konto/login/?next=" in html


def test_representative_sees_edit_and_members_links(
    client, organisation, representative
):
    client.force_login(representative)
    html = client.get(organisation.get_absolute_url()).content.decode()
    assert url("edit", organisation) in html
    assert url("members", organisation) in html
    assert url("request_membership", organisation) not in html


@pytest.mark.parametrize("who", ["other_user", "other_org_representative"])
def test_signed_in_non_member_sees_the_join_form(client, organisation, who, request):
    client.force_login(request.getfixturevalue(who))
    html = client.get(organisation.get_absolute_url()).content.decode()
    assert url("request_membership", organisation) in html
    assert url("edit", organisation) not in html
    assert url("verify", organisation) not in html


def test_institution_staff_see_the_verify_button(client, organisation, staff):
    client.force_login(staff)
    html = client.get(organisation.get_absolute_url()).content.decode()
    assert url("verify", organisation) in html


def test_unknown_organisation_is_404(client, db):
    assert client.get("/organizacje/nie-istnieje/").status_code == 404


# Registering


def test_register_page_requires_sign_in(client, gmina):
    assert is_login_redirect(client.get(CREATE))
    assert is_login_redirect(client.post(CREATE, form_data(gmina)))
    assert not Organisation.objects.exists()


def test_register_creates_the_organisation_with_the_user_as_representative(
    client, user, gmina, culture
):
    client.force_login(user)
    assert client.get(CREATE).status_code == 200
    data = form_data(gmina)
    data["logo"] = image_upload("JPEG", "logo.jpg")
    response = client.post(CREATE, data)
    organisation = Organisation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == organisation.get_absolute_url()
    assert (organisation.krs, organisation.nip) == ("0000123456", "5260250274")
    assert organisation.seat == gmina
    assert [a.code for a in organisation.areas.all()] == ["kultura"]
    assert organisation.logo.name.endswith(".jpg")
    assert Membership.objects.get(organisation=organisation).user == user


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("krs", "12345"),
        ("nip", "1234567890"),
        ("regon", "12345678"),
        ("seat", "9999999"),
        ("areas", ["no-such-area"]),
        ("activity_territories", ["99"]),
        ("name", "x" * 301),
        ("description", "x" * 5001),
        ("resources", "x" * 3001),
        ("email", "not-an-email"),
        ("legal_form", "spolka"),
        ("name", ""),
    ],
)
def test_register_with_bad_input_shows_a_field_error_and_writes_nothing(
    client, user, gmina, culture, field, value
):
    client.force_login(user)
    response = client.post(CREATE, form_data(gmina, **{field: value}))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html or f"id_{field}_0" in html
    assert not Organisation.objects.exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile(
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>',
            "image/svg+xml",
        ),
        SimpleUploadedFile("logo.png", b"GIF89a not really", "image/png"),
        image_upload("GIF", "logo.gif"),
    ],
    ids=["svg", "fake", "gif"],
)
def test_register_refuses_an_invalid_logo(client, user, gmina, culture, upload):
    client.force_login(user)
    response = client.post(CREATE, {**form_data(gmina), "logo": upload})
    assert "logo" in response.context["form"].errors
    assert not Organisation.objects.exists()


def test_register_refuses_a_logo_over_2_mb(client, user, gmina, culture):
    client.force_login(user)
    big = SimpleUploadedFile(
        "logo.png", image_upload().read() + b"\0" * (2 * 1024 * 1024), "image/png"
    )
    response = client.post(CREATE, {**form_data(gmina), "logo": big})
    assert "logo" in response.context["form"].errors
    assert not Organisation.objects.exists()


def test_register_refuses_a_krs_already_registered_naming_the_field(
    client, user, gmina, culture
):
    OrganisationFactory(krs="0000123456")
    client.force_login(user)
    response = client.post(CREATE, form_data(gmina))
    assert "krs" in response.context["form"].errors
    assert Organisation.objects.count() == 1


# Editing


@pytest.mark.parametrize(
    "who", ["member", "other_user", "other_org_representative", "staff"]
)
def test_edit_is_forbidden_to_anyone_but_representatives(
    client, organisation, gmina, culture, who, request
):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url("edit", organisation)).status_code == 403
    response = client.post(url("edit", organisation), form_data(gmina))
    assert response.status_code == 403
    organisation.refresh_from_db()
    assert organisation.name != "Fundacja Nowe Horyzonty"


def test_edit_requires_sign_in(client, organisation, gmina):
    assert is_login_redirect(client.get(url("edit", organisation)))


@pytest.mark.parametrize("who", ["representative", "admin_user"])
def test_representative_or_admin_edits_the_profile(
    client, organisation, gmina, culture, who, request
):
    client.force_login(request.getfixturevalue(who))
    page = client.get(url("edit", organisation))
    assert page.status_code == 200
    assert f'value="{gmina.code}" selected' in page.content.decode()
    response = client.post(
        url("edit", organisation), form_data(gmina, name="Nowa nazwa")
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Nowa nazwa"
    assert organisation.is_public_benefit
    entry = AuditEntry.objects.get(action="organisations.organisation.updated")
    assert "name" in entry.data["changes"]


def test_edit_with_bad_input_changes_nothing(
    client, organisation, representative, gmina, culture
):
    client.force_login(representative)
    response = client.post(
        url("edit", organisation), form_data(gmina, nip="123", name="Zmieniona")
    )
    assert response.status_code == 200
    assert "nip" in response.context["form"].errors
    assert organisation.name in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.name != "Zmieniona"


# Verification


@pytest.mark.parametrize("who", ["representative", "other_user", "member"])
def test_verify_is_forbidden_to_non_officials(client, organisation, who, request):
    client.force_login(request.getfixturevalue(who))
    response = client.post(url("verify", organisation), {"verified": "1"})
    assert response.status_code == 403
    organisation.refresh_from_db()
    assert not organisation.is_verified


def test_verify_is_forbidden_to_anonymous(client, organisation):
    assert client.post(url("verify", organisation), {"verified": "1"}).status_code in (
        302,
        403,
    )
    organisation.refresh_from_db()
    assert not organisation.is_verified


def test_staff_verify_and_unverify_with_post(client, organisation, staff, institution):
    client.force_login(staff)
    assert client.get(url("verify", organisation)).status_code == 405
    response = client.post(url("verify", organisation), {"verified": "1"})
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.verified_by == institution
    page = client.get(organisation.get_absolute_url()).content.decode()
    assert institution.name in page
    client.post(url("verify", organisation), {"verified": "0"})
    organisation.refresh_from_db()
    assert not organisation.is_verified


def test_verify_with_a_bad_value_is_400(client, organisation, staff):
    client.force_login(staff)
    assert (
        client.post(url("verify", organisation), {"verified": "x"}).status_code == 400
    )
    organisation.refresh_from_db()
    assert not organisation.is_verified


# Asking to join


def test_signed_in_person_asks_to_join(
    client, organisation, representative, other_user
):
    client.force_login(other_user)
    response = client.post(
        url("request_membership", organisation),
        {"role": "representative", "message": "Jestem nowym prezesem"},
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user=other_user)
    assert membership.status == Membership.Status.PENDING
    assert membership.role == Membership.Role.REPRESENTATIVE
    page = client.get(organisation.get_absolute_url()).content.decode()
    assert url("remove_membership", organisation, pk=membership.pk) in page


def test_asking_to_join_requires_sign_in(client, organisation):
    response = client.post(url("request_membership", organisation), {"role": "member"})
    assert is_login_redirect(response)
    assert Membership.objects.filter(status=Membership.Status.PENDING).count() == 0


def test_asking_to_join_with_bad_input_shows_errors(client, organisation, other_user):
    client.force_login(other_user)
    response = client.post(
        url("request_membership", organisation),
        {"role": "owner", "message": "x" * 2001},
    )
    assert response.status_code == 400
    assert set(response.context["request_form"].errors) == {"role", "message"}
    assert not Membership.objects.filter(user=other_user).exists()


def test_a_member_asking_again_gets_an_error_message(client, organisation, member):
    client.force_login(member)
    response = client.post(
        url("request_membership", organisation), {"role": "member"}, follow=True
    )
    assert "Już należysz do tej organizacji." in response.content.decode()


# Members page


@pytest.fixture
def pending(organisation):
    return MembershipFactory(
        organisation=organisation,
        role=Membership.Role.MEMBER,
        status=Membership.Status.PENDING,
        message="<b>Proszę</b>",
    )


def test_representative_sees_members_and_pending_requests_without_emails(
    client, organisation, representative, member, pending
):
    client.force_login(representative)
    html = client.get(url("members", organisation)).content.decode()
    assert member.display_name in html
    assert pending.user.display_name in html
    assert "&lt;b&gt;Proszę&lt;/b&gt;" in html
    assert url("decide_membership", organisation, pk=pending.pk) in html
    for person in (member, pending.user, representative):
        assert person.email not in html


def test_member_sees_members_but_not_pending_requests(
    client, organisation, representative, member, pending
):
    client.force_login(member)
    response = client.get(url("members", organisation))
    html = response.content.decode()
    assert response.status_code == 200
    assert representative.display_name in html
    assert pending.user.display_name not in html
    assert "decyzja" not in html


@pytest.mark.parametrize("who", ["other_user", "other_org_representative", "staff"])
def test_members_page_is_forbidden_to_outsiders(client, organisation, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url("members", organisation)).status_code == 403


def test_members_page_requires_sign_in(client, organisation):
    assert is_login_redirect(client.get(url("members", organisation)))


@pytest.mark.parametrize(
    ("decision", "status"),
    [("approve", Membership.Status.APPROVED), ("reject", Membership.Status.REJECTED)],
)
def test_representative_decides_a_request(
    client, organisation, representative, pending, decision, status
):
    client.force_login(representative)
    response = client.post(
        url("decide_membership", organisation, pk=pending.pk), {"decision": decision}
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == status


@pytest.mark.parametrize("who", ["member", "other_user", "staff"])
def test_deciding_is_forbidden_to_non_representatives(
    client, organisation, pending, who, request
):
    client.force_login(request.getfixturevalue(who))
    response = client.post(
        url("decide_membership", organisation, pk=pending.pk), {"decision": "approve"}
    )
    assert response.status_code == 403
    pending.refresh_from_db()
    assert pending.status == Membership.Status.PENDING


def test_deciding_with_a_bad_value_or_wrong_organisation_fails(
    client, organisation, representative, pending
):
    client.force_login(representative)
    path = url("decide_membership", organisation, pk=pending.pk)
    assert client.post(path, {"decision": "maybe"}).status_code == 400
    assert client.get(path).status_code == 405
    elsewhere = MembershipFactory(status=Membership.Status.PENDING)
    wrong = url("decide_membership", organisation, pk=elsewhere.pk)
    assert client.post(wrong, {"decision": "approve"}).status_code == 404
    pending.refresh_from_db()
    elsewhere.refresh_from_db()
    assert pending.status == elsewhere.status == Membership.Status.PENDING


def test_representative_removes_a_member(client, organisation, representative, member):
    client.force_login(representative)
    membership = Membership.objects.get(user=member)
    response = client.post(url("remove_membership", organisation, pk=membership.pk))
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_a_member_leaves(client, organisation, representative, member):
    client.force_login(member)
    membership = Membership.objects.get(user=member)
    response = client.post(url("remove_membership", organisation, pk=membership.pk))
    assert response["Location"] == organisation.get_absolute_url()
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_the_last_representative_cannot_leave(client, organisation, representative):
    client.force_login(representative)
    membership = Membership.objects.get(user=representative)
    response = client.post(
        url("remove_membership", organisation, pk=membership.pk), follow=True
    )
    assert "Ostatni przedstawiciel nie może odejść" in response.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()


@pytest.mark.parametrize("who", ["member", "other_user", "other_org_representative"])
def test_removing_someone_else_is_forbidden(
    client, organisation, representative, member, who, request
):
    client.force_login(request.getfixturevalue(who))
    membership = Membership.objects.get(user=representative)
    response = client.post(url("remove_membership", organisation, pk=membership.pk))
    assert response.status_code == 403
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_a_requester_withdraws_a_pending_request(client, organisation, pending):
    client.force_login(pending.user)
    response = client.post(url("remove_membership", organisation, pk=pending.pk))
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=pending.pk).exists()
