"""Registering in a real browser: the form, the personal page, the waiting list moving
when someone cancels, and axe-core (WCAG 2.1 AA) on the form and the personal page.

Assertions avoid interface wording (the catalogue may or may not be compiled): they
read the `data-status` of the status line and the database.
"""

import re

import pytest

from razem.events.models import Registration
from tests.factories import EventFactory, QuestionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
S = Registration.Status


@pytest.fixture
def event(db):
    event = EventFactory(
        title="Konferencja regionalna",
        slug="konferencja-regionalna",
        kind="conference",
        capacity=1,
    )
    QuestionFactory(event=event, kind="yes_no", label="Czy potrzebujesz noclegu?")
    QuestionFactory(
        event=event,
        kind="choice",
        label="Wybierz panel",
        choices=["Edukacja", "Zdrowie"],
        required=True,
    )
    QuestionFactory(
        event=event,
        kind="consent",
        label="Zgadzam się na przetwarzanie danych",
        help_text="Administratorem danych jest Urząd Gminy Gostyń. Dane są "
        "przetwarzane w celu rejestracji na wydarzenie.",
        required=True,
    )
    return event


def register(page, event, name, email, *, check_accessible=None):
    page.goto(f"/wydarzenia/{event.slug}/zapisy/")
    assert page.get_by_role("heading", level=1).count() == 1
    if check_accessible:
        check_accessible(page)
    page.locator("#id_name").fill(name)
    page.locator("#id_email").fill(email)
    page.get_by_label("Edukacja").check()
    consent = event.questions.get(kind="consent")
    page.locator(f"#id_{consent.field_name}").check()
    page.locator("form[action$='/zapisy/'] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/wydarzenia/rejestracja/[^/]+/$"))
    return page.url


def status_of(page) -> str:
    return page.locator(".registration-status").get_attribute("data-status")


def test_register_cancel_and_see_the_waiting_list_move(page, event, assert_accessible):
    # An invalid submission first: the errors are tied to their fields.
    page.goto(f"/wydarzenia/{event.slug}/zapisy/")
    page.locator("form[action$='/zapisy/'] button[type=submit]").click()
    page.locator("#id_email_error").wait_for()
    assert page.locator("#id_email").get_attribute("aria-invalid") == "true"
    assert_accessible(page)
    assert not Registration.objects.exists()

    # A gets the last seat.
    a_url = register(
        page, event, "Anna Kowalska", "anna@example.org", check_accessible=None
    )
    assert status_of(page) == S.CONFIRMED
    assert page.locator(".check-in-code").is_visible()
    assert page.locator(".qr svg").count() == 1
    assert_accessible(page)

    # B joins the waiting list.
    b_url = register(
        page,
        event,
        "Bartosz Wiśniewski",
        "bartosz@example.org",
        check_accessible=assert_accessible,
    )
    assert status_of(page) == S.WAITLISTED
    assert page.locator(".check-in-code").count() == 0
    assert_accessible(page)

    # A cancels through the personal link, after confirming.
    page.goto(a_url)
    page.locator("a[href$='/anuluj/']").click()
    page.wait_for_url("**/anuluj/")
    assert_accessible(page)
    page.locator("form[action$='/anuluj/'] button[type=submit]").click()
    page.wait_for_url(a_url)
    assert status_of(page) == S.CANCELLED

    # B is offered the seat and takes it.
    page.goto(b_url)
    assert status_of(page) == S.OFFERED
    assert_accessible(page)
    page.locator("form[action$='/przyjmij/'] button[type=submit]").click()
    page.wait_for_url(b_url)
    assert status_of(page) == S.CONFIRMED
    b = Registration.objects.get(email="bartosz@example.org")
    assert b.status == S.CONFIRMED
    assert Registration.objects.get(email="anna@example.org").status == S.CANCELLED
