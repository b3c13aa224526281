import pytest

from tests.factories import OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_is_accessible_and_searches_the_directory(page, assert_accessible):
    OrganisationFactory(name="Fundacja Opolskie Inicjatywy")
    page.goto("/")
    assert page.locator("h1").first.is_visible()
    assert_accessible(page)
    page.get_by_label("Szukaj organizacji").fill("Opolskie")
    page.get_by_role("button", name="Szukaj").click()
    page.wait_for_url("**/organizacje/?q=*")
