"""The public event pages in a real browser: the list and its filters, an event page
and the month calendar, each scanned by axe-core for WCAG 2.1 AA violations.

Elements are found by their names and addresses, not by their (translated) text."""

import datetime
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from razem.events.models import AgendaItem, Event, Registration
from razem.territories.models import Territory
from tests.factories import EventFactory, OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def events(teryt, areas):
    gostyn = Territory.objects.get(code="3004023")
    opole = Territory.objects.get(code="1661011")
    start = timezone.now() + timedelta(days=3)
    conference = EventFactory(
        title="Konferencja regionalna w Gostyniu",
        kind="conference",
        territory=gostyn,
        starts_at=start,
        format="hybrid",
        online_url="https://meet.example.org/abc",
        step_free_access=True,
        contact_name="Anna Nowak",
        capacity=1,
    )
    conference.organisations.set([OrganisationFactory(name="Fundacja Razem")])
    AgendaItem.objects.create(
        event=conference,
        starts_at=datetime.time(10, 0),
        ends_at=datetime.time(11, 0),
        title="Otwarcie",
        speakers="Starosta",
    )
    Registration.objects.create(
        event=conference, name="Jan", email="jan@example.org", status="confirmed"
    )
    training = EventFactory(
        title="Szkolenie dla liderów w Opolu",
        kind="training",
        territory=opole,
        starts_at=start + timedelta(days=1),
    )
    EventFactory(
        title="Spotkanie odwołane",
        status="cancelled",
        cancellation_reason="Brak sali",
        starts_at=start + timedelta(days=2),
    )
    return conference, training


def item_titles(page) -> list[str]:
    return page.locator("ul.cards > li.card h3").all_inner_texts()


def test_the_list_filters_opens_an_event_and_the_month_view_all_accessible(
    page, assert_accessible, events
):
    conference, training = events
    page.goto("/wydarzenia/")
    assert set(item_titles(page)) == {
        conference.title,
        training.title,
        "Spotkanie odwołane",
    }
    assert_accessible(page)

    page.locator("select[name=kind]").select_option("training")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"kind=training"))
    assert item_titles(page) == [training.title]

    page.locator("select[name=kind]").select_option("")
    page.locator("select[name=territory]").select_option("3004")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"territory=3004"))
    assert item_titles(page) == [conference.title]

    page.get_by_role("link", name=conference.title).click()
    page.wait_for_url(f"**{conference.get_absolute_url()}")
    assert page.locator("h1").inner_text() == conference.title
    assert "https://meet.example.org/abc" not in page.content()
    assert page.locator("table").first.is_visible()
    assert_accessible(page)

    page.goto("/wydarzenia/kalendarz/")
    assert page.locator("table.calendar caption").count() == 1
    today = timezone.localdate()
    if conference.starts_at.month == today.month:
        assert (
            page.locator("table.calendar")
            .get_by_role("link", name=re.compile(re.escape(conference.title)))
            .count()
            == 1
        )
    assert_accessible(page)
    page.locator("a[rel=next]").click()
    page.wait_for_url(re.compile(r"/wydarzenia/kalendarz/\d+/\d+/"))
    assert_accessible(page)


def test_the_archive_and_a_cancelled_event_are_accessible(
    page, assert_accessible, events
):
    page.goto("/wydarzenia/archiwum/")
    assert_accessible(page)
    cancelled = Event.objects.get(status="cancelled")
    page.goto(cancelled.get_absolute_url())
    assert page.locator(".notice-cancelled").is_visible()
    assert_accessible(page)
