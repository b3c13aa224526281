"""Commenting on a section in a real browser: a signed-in person opens the comment
form of a section, fills in the proposed wording and the justification, sends it
and is given the reference number; the form (with and without errors) and the
moderation page pass axe-core's WCAG 2.1 AA checks.

Elements are found by their ids and addresses, not by their (translated) text."""

import pytest

from razem.consultations.models import Comment, Consultation
from tests.consultations.factories import ConsultationFactory
from tests.factories import StaffFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, email):
    page.goto("/konto/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill("correct-horse-battery")
    page.locator("form.account-form button[type=submit]").click()
    page.wait_for_url("**/konto/profil/")


@pytest.fixture
def consultation():
    return ConsultationFactory(title="Program współpracy na 2027 rok")


def test_a_person_comments_on_a_section_and_gets_the_reference_number(
    page, assert_accessible, consultation
):
    UserFactory(email="mieszkanka@example.org", full_name="Anna Kowalska")
    sign_in(page, "mieszkanka@example.org")
    page.goto(f"/konsultacje/{consultation.slug}/uwaga/?sekcja=par-2")
    assert page.get_by_role("heading", level=1).count() == 1
    assert page.locator("#id_current_wording").input_value() == "Treść paragrafu 2."
    assert_accessible(page)

    # Sent without a justification: the error is tied to the field.
    page.locator("#id_proposed_wording").fill("Nowe brzmienie § 2.")
    page.locator("form.comment-form button[type=submit]").click()
    error = page.locator("#id_justification_error")
    error.wait_for()
    assert page.locator("#id_justification").get_attribute("aria-invalid") == "true"
    assert "id_justification_error" in (
        page.locator("#id_justification").get_attribute("aria-describedby") or ""
    )
    assert page.locator("#id_proposed_wording").input_value() == "Nowe brzmienie § 2."
    assert_accessible(page)
    assert not Comment.objects.exists()

    page.locator("#id_justification").fill(
        "Obecne brzmienie jest niejasne <b>dla mieszkańców</b>."
    )
    page.locator("form.comment-form button[type=submit]").click()
    page.wait_for_url(f"**/konsultacje/{consultation.slug}/sekcje/par-2/**")
    made = Comment.objects.get()
    assert made.reference == f"{consultation.reference}/1"
    assert made.proposed_wording == "Nowe brzmienie § 2."
    assert made.section.key == "par-2"
    message = page.locator(".messages")
    assert made.reference in message.inner_text()
    # The HTML typed in is shown as text.
    assert page.get_by_text("<b>dla mieszkańców</b>", exact=False).count() >= 1

    # "My comments" lists it with a link to change it; both pages are accessible.
    page.goto("/konsultacje/moje-uwagi/")
    assert page.get_by_role("link", name=made.reference, exact=True).is_visible()
    assert_accessible(page)
    page.goto(f"/konsultacje/uwagi/{made.pk}/edycja/")
    assert page.locator("#id_justification").input_value().startswith("Obecne")
    assert_accessible(page)


def test_comment_refusal_and_moderation_pages_are_accessible(page, assert_accessible):
    consultation = ConsultationFactory(
        moderation=Consultation.Moderation.BEFORE,
        participation=Consultation.Participation.ORGANISATIONS,
    )
    UserFactory(email="osoba@example.org")
    sign_in(page, "osoba@example.org")
    response = page.goto(f"/konsultacje/{consultation.slug}/uwaga/")
    assert response.status == 403
    assert_accessible(page)

    staff = StaffFactory(
        institution=consultation.institution,
        user=UserFactory(email="urzednik@example.org"),
    ).user
    Comment.objects.create(
        consultation=consultation,
        number=1,
        version=consultation.current_version,
        justification="Czeka na moderację",
        author_name="Jan Kowalski",
        visibility=Comment.Visibility.PENDING,
    )
    page.context.clear_cookies()
    sign_in(page, staff.email)
    page.goto(f"/konsultacje/{consultation.slug}/moderacja/")
    assert_accessible(page)
    # Hiding without a reason shows the error by the reason's field.
    page.locator("form.moderation-hide button[type=submit]").first.click()
    page.locator(".moderation-hide .error").first.wait_for()
    assert_accessible(page)
    page.goto(f"/konsultacje/{consultation.slug}/opinia/")
    assert_accessible(page)
