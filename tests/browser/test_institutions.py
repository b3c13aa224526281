import pytest

from tests.factories import (
    AreaFactory,
    InstitutionFactory,
    OrganisationFactory,
    StaffFactory,
    ThematicGroupFactory,
    UnitFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def gostyn():
    institution = InstitutionFactory(
        name="Urząd Miejski w Gostyniu",
        description="Gmina Gostyń współpracuje z organizacjami <b>pozarządowymi</b>.",
        address="Rynek 2, 63-800 Gostyń",
        phone="65 575 21 00",
        liaison_phone="65 575 21 11",
    )
    unit = UnitFactory(
        institution=institution,
        name="Wydział Oświaty i Spraw Społecznych",
        responsibilities="Program współpracy z NGO",
        email="wo@gostyn.pl",
    )
    area = AreaFactory(code="culture", name_pl="kultura", name_en="culture")
    group = ThematicGroupFactory(institution=institution, name="Kultura", unit=unit)
    group.areas.set([area])
    OrganisationFactory().areas.set([area])
    return institution


def test_institution_list_is_accessible_and_filters_without_javascript(
    page, assert_accessible, gostyn
):
    InstitutionFactory(name="Urząd Gminy Krobia")
    page.goto("/instytucje/")
    assert_accessible(page)
    page.get_by_label("Nazwa").fill("Gostyn")
    page.get_by_role("button", name="Filtruj").click()
    page.wait_for_url("**/instytucje/?q=Gostyn*")
    assert page.get_by_role("link", name="Urząd Miejski w Gostyniu").is_visible()
    assert page.get_by_role("link", name="Urząd Gminy Krobia").count() == 0


def test_institution_page_is_accessible(page, assert_accessible, gostyn):
    page.goto(gostyn.get_absolute_url())
    assert page.locator("h1").inner_text() == "Urząd Miejski w Gostyniu"
    assert page.get_by_role(
        "heading", name="Pełnomocnik ds. organizacji pozarządowych"
    ).is_visible()
    assert page.get_by_role(
        "link", name="1 organizacja w rejestrze działa w tych sferach"
    ).is_visible()
    assert_accessible(page)


def test_institution_page_with_management_links_is_accessible(
    page, assert_accessible, gostyn, live_server
):
    manager = StaffFactory(institution=gostyn, is_manager=True).user
    page.goto("/konto/login/")
    page.get_by_label("E-mail").first.fill(manager.email)
    page.get_by_label("Hasło").first.fill("correct-horse-battery")
    page.locator("form [type=submit]").last.click()
    page.goto(gostyn.get_absolute_url())
    assert page.get_by_role("link", name="Edytuj profil").is_visible()
    assert_accessible(page)
    page.goto(f"/instytucje/{gostyn.slug}/zespol/")
    assert_accessible(page)
    page.goto(f"/instytucje/{gostyn.slug}/grupy/nowa/")
    page.get_by_role("button", name="Zapisz").click()
    assert page.locator(".error").first.is_visible()
    assert_accessible(page)


def test_liaisons_page_is_accessible(page, assert_accessible, gostyn):
    page.goto("/instytucje/pelnomocnicy/")
    assert page.get_by_role("cell", name="Anna Nowak").is_visible()
    assert_accessible(page)
