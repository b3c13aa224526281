import pytest

from tests.factories import OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_search_page_is_accessible_and_highlights_matches(page, assert_accessible):
    OrganisationFactory(name="Fundacja Pomocy Społecznej")
    page.goto("/szukaj/")
    assert_accessible(page)
    page.get_by_label("Czego szukasz").fill("pomoc spoleczna")
    page.get_by_role("button", name="Szukaj").click()
    page.wait_for_url("**/szukaj/?q=*")
    assert page.locator("mark").first.is_visible()
    assert_accessible(page)
