"""Account pages in a real browser: our layout, no JavaScript needed, WCAG 2.1 AA."""

import pytest

from tests.factories import MembershipFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_page_is_accessible(page, assert_accessible):
    page.goto("/konto/login/")
    assert page.get_by_role("heading", level=1).is_visible()
    assert_accessible(page)


def test_signup_page_is_accessible_and_explains_the_use_of_personal_data(
    page, assert_accessible
):
    page.goto("/konto/signup/")
    assert page.locator(".rodo-clause a[href='/prywatnosc/']").is_visible()
    assert_accessible(page)


def test_signup_with_mismatched_passwords_shows_the_error_by_the_field(
    page, assert_accessible
):
    page.goto("/konto/signup/")
    page.locator("#id_email").fill("nowa.osoba@example.org")
    page.locator("#id_password1").fill("zielone-jabłko-2025")
    page.locator("#id_password2").fill("czerwone-jabłko-2025")
    page.locator("form.account-form button[type=submit]").click()
    error = page.locator("#id_password2_error")
    error.wait_for()
    assert "hasło" in error.inner_text().lower()
    assert page.locator("#id_password2").get_attribute("aria-invalid") == "true"
    assert_accessible(page)


def test_signed_in_account_pages_are_accessible(page, assert_accessible):
    user = UserFactory(email="osoba@example.org")
    MembershipFactory(user=user)
    page.goto("/konto/login/")
    page.locator("#id_login").fill("osoba@example.org")
    page.locator("#id_password").fill("correct-horse-battery")
    page.locator("form.account-form button[type=submit]").click()
    page.wait_for_url("**/konto/profil/")
    for path in (
        "/konto/profil/",
        "/konto/moje-dane/",
        "/konto/usun/",
        "/konto/email/",
        "/konto/password/change/",
        "/konto/2fa/",
        "/konto/reauthenticate/",
        "/konto/logout/",
    ):
        page.goto(path)
        assert page.get_by_role("heading", level=1).count() == 1, path
        assert_accessible(page)


def test_staff_who_must_use_two_factor_can_activate_it_on_an_accessible_page(
    page, assert_accessible
):
    from tests.factories import InstitutionFactory, StaffFactory

    institution = InstitutionFactory(require_staff_2fa=True)
    StaffFactory(
        institution=institution, user=UserFactory(email="urzednik@example.org")
    )
    page.goto("/konto/login/")
    page.locator("#id_login").fill("urzednik@example.org")
    page.locator("#id_password").fill("correct-horse-battery")
    page.locator("form.account-form button[type=submit]").click()
    page.goto("/organizacje/")
    page.wait_for_url("**/konto/reauthenticate/**")
    assert_accessible(page)
    page.locator("#id_password").fill("correct-horse-battery")
    page.locator("form.account-form button[type=submit]").click()
    page.wait_for_url("**/konto/2fa/totp/activate/")
    assert page.locator("#id_code").is_visible()
    page.screenshot(path="/tmp/activate.png", full_page=True)
    assert_accessible(page)
