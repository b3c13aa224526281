"""The public event pages: lists with filters, the archive, the month calendar, one
event, a series, the iCalendar feeds, and events on institutions' and organisations'
pages."""

import datetime
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from razem.areas.models import PublicBenefitArea
from razem.events.models import (
    AgendaItem,
    Attachment,
    EventSeries,
    FollowUpAction,
    Registration,
    StandApplication,
)
from razem.territories.models import Territory
from tests.factories import (
    EventFactory,
    GminaFactory,
    InstitutionFactory,
    MembershipFactory,
    OrganisationFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

LIST = reverse("events:list")
ARCHIVE = reverse("events:archive")
MONTH = reverse("events:month")
FEED = reverse("events:feed")


def detail(event):
    return reverse("events:detail", kwargs={"slug": event.slug})


def titles(response) -> list[str]:
    return [event.title for event in response.context["page_obj"]]


def register(event, *, status=Registration.Status.CONFIRMED, user=None, seats=1, n=0):
    now = timezone.now()
    return Registration.objects.create(
        event=event,
        user=user,
        name=f"Uczestnik {n}",
        email=user.email if user else f"uczestnik{n}-{event.pk}@example.org",
        status=status,
        seats=seats,
        waitlisted_at=now if status == Registration.Status.WAITLISTED else None,
    )


def in_days(days, hour=10):
    return timezone.now() + timedelta(days=days, hours=hour - 10)


def uid_titles(content: bytes) -> set[str]:
    calendar = Calendar.from_ical(content)
    return {str(entry["summary"]) for entry in calendar.walk("VEVENT")}


# The list of upcoming events


def test_the_list_shows_upcoming_published_and_cancelled_events_but_no_drafts_or_past(
    client,
):
    EventFactory(title="Opublikowane")
    EventFactory(title="Odwołane", status="cancelled", cancellation_reason="Choroba")
    EventFactory(title="Szkic", status="draft")
    EventFactory(title="Minione", starts_at=in_days(-5))
    response = client.get(LIST)
    assert response.status_code == 200
    assert sorted(titles(response)) == ["Odwołane", "Opublikowane"]
    html = response.content.decode()
    assert "badge-cancelled" in html
    assert "Szkic" not in html


def test_the_list_is_ordered_by_start_soonest_first(client):
    EventFactory(title="Później", starts_at=in_days(20))
    EventFactory(title="Wcześniej", starts_at=in_days(3))
    assert titles(client.get(LIST)) == ["Wcześniej", "Później"]


def test_the_list_filters_by_type(client):
    EventFactory(title="Szkolenie", kind="training")
    EventFactory(title="Spotkanie")
    assert titles(client.get(LIST, {"kind": "training"})) == ["Szkolenie"]


def test_an_unknown_type_is_a_form_error_that_filters_nothing(client):
    EventFactory(title="Spotkanie")
    response = client.get(LIST, {"kind": "party"})
    assert response.status_code == 200
    assert "kind" in response.context["form"].errors
    assert titles(response) == ["Spotkanie"]


def test_the_list_filters_by_date_range_with_both_ends_included(client):
    today = timezone.localdate()
    day = today + timedelta(days=10)
    EventFactory(title="Przed", starts_at=in_days(5))
    EventFactory(title="W zakresie", starts_at=in_days(10))
    EventFactory(title="Po", starts_at=in_days(15))
    response = client.get(
        LIST, {"date_from": day.isoformat(), "date_to": day.isoformat()}
    )
    assert titles(response) == ["W zakresie"]
    response = client.get(LIST, {"date_from": (today + timedelta(days=8)).isoformat()})
    assert titles(response) == ["W zakresie", "Po"]
    response = client.get(LIST, {"date_to": (today + timedelta(days=12)).isoformat()})
    assert titles(response) == ["Przed", "W zakresie"]


def test_a_bad_date_is_an_error_on_its_field_and_changes_nothing(client):
    EventFactory(title="Spotkanie")
    response = client.get(LIST, {"date_from": "32.13.2030"})
    assert response.status_code == 200
    form = response.context["form"]
    assert "date_from" in form.errors
    assert 'id="id_date_from_error"' in response.content.decode()
    assert titles(response) == ["Spotkanie"]


def test_a_range_ending_before_it_begins_is_an_error_on_the_end(client):
    response = client.get(LIST, {"date_from": "2030-05-10", "date_to": "2030-05-01"})
    assert "date_to" in response.context["form"].errors


@pytest.fixture
def spread(teryt):
    """One event in Gostyń (30/3004), one in Poznań (30/3064), one in Opole (16)."""
    codes = {"Gostyń": "3004023", "Poznań": "3064011", "Opole": "1661011"}
    return {
        name: EventFactory(title=name, territory=Territory.objects.get(code=code))
        for name, code in codes.items()
    }


@pytest.mark.parametrize(
    ("territory", "expected"),
    [
        ("30", ["Gostyń", "Poznań"]),  # voivodeship
        ("3004", ["Gostyń"]),  # powiat
        ("3004023", ["Gostyń"]),  # gmina
        ("16", ["Opole"]),
        ("", ["Gostyń", "Poznań", "Opole"]),
    ],
)
def test_the_territory_filter_includes_everything_below_the_unit(
    client, spread, territory, expected
):
    response = client.get(LIST, {"territory": territory})
    assert sorted(titles(response)) == sorted(expected)


def test_an_unknown_territory_is_an_error_that_filters_nothing(client, spread):
    response = client.get(LIST, {"territory": "9999"})
    assert "territory" in response.context["form"].errors
    assert len(titles(response)) == 3


def test_the_list_filters_by_public_benefit_area(client, areas):
    culture = PublicBenefitArea.objects.get(code="culture")
    sport = PublicBenefitArea.objects.get(code="sport")
    EventFactory(title="Kultura").areas.set([culture])
    EventFactory(title="Sport i kultura").areas.set([sport, culture])
    EventFactory(title="Bez sfery")
    assert titles(client.get(LIST, {"area": "culture"})) == [
        "Kultura",
        "Sport i kultura",
    ]
    assert titles(client.get(LIST, {"area": "sport"})) == ["Sport i kultura"]


def test_the_list_filters_by_organising_institution_or_organisation(client):
    institution = InstitutionFactory()
    organisation = OrganisationFactory()
    EventFactory(title="Urzędowe", institution=institution)
    co_organised = EventFactory(title="Wspólne")
    co_organised.organisations.set([organisation])
    EventFactory(title="Inne")
    assert titles(client.get(LIST, {"organiser": institution.slug})) == ["Urzędowe"]
    assert titles(client.get(LIST, {"organiser": organisation.slug})) == ["Wspólne"]


def test_the_organiser_filter_offers_bodies_with_public_events_only(client):
    with_event = EventFactory().institution
    draft_only = EventFactory(status="draft").institution
    InstitutionFactory(name="Bez wydarzeń")
    html = client.get(LIST).content.decode()
    assert f'value="{with_event.slug}"' in html
    assert f'value="{draft_only.slug}"' not in html


def test_an_unknown_organiser_is_an_error_that_filters_nothing(client):
    EventFactory(title="Spotkanie")
    response = client.get(LIST, {"organiser": "nie-ma-takiego"})
    assert "organiser" in response.context["form"].errors
    assert titles(response) == ["Spotkanie"]


def test_the_list_searches_the_text_of_events(client):
    EventFactory(title="Konsultacje programu współpracy")
    EventFactory(title="Szkolenie z grantów", description="Jak napisać wniosek.")
    EventFactory(title="Stary program", starts_at=in_days(-3))
    assert titles(client.get(LIST, {"q": "program"})) == [
        "Konsultacje programu współpracy"
    ]
    assert titles(client.get(LIST, {"q": "wniosek"})) == ["Szkolenie z grantów"]


def test_the_search_keeps_the_other_filters(client):
    EventFactory(title="Szkolenie z programu", kind="training")
    EventFactory(title="Spotkanie o programie")
    response = client.get(LIST, {"q": "program", "kind": "training"})
    assert titles(response) == ["Szkolenie z programu"]


def test_the_list_is_paginated(client, settings):
    for n in range(25):
        EventFactory(title=f"Wydarzenie {n:02d}", starts_at=in_days(5 + n))
    first = client.get(LIST)
    assert len(titles(first)) == settings.RAZEM_PAGE_SIZE
    second = client.get(LIST, {"page": 2})
    assert titles(second) == [f"Wydarzenie {n:02d}" for n in range(20, 25)]
    assert 'rel="prev"' in second.content.decode()


def test_the_list_runs_a_bounded_number_of_queries(
    client, areas, django_assert_max_num_queries
):
    culture = PublicBenefitArea.objects.get(code="culture")
    gmina = GminaFactory()
    for n in range(15):
        event = EventFactory(title=f"Wydarzenie {n}", territory=gmina)
        event.areas.set([culture])
        event.organisations.set([OrganisationFactory()])
        register(event, n=1)
        register(event, n=2, status=Registration.Status.WAITLISTED)
    with django_assert_max_num_queries(12):
        response = client.get(LIST)
    assert response.status_code == 200
    with django_assert_max_num_queries(14):
        response = client.get(LIST, {"territory": "30", "area": "culture"})
    assert len(titles(response)) == 15


def test_each_item_says_how_many_seats_are_left(client):
    event = EventFactory(title="Spotkanie", capacity=10, reserved_seats=2)
    register(event, n=1, seats=3)
    item = client.get(LIST).context["page_obj"].object_list[0]
    assert item.registration_state.code == "open"
    assert item.registration_state.seats_left == 5


def test_a_full_event_shows_its_waiting_list(client):
    event = EventFactory(capacity=1)
    register(event, n=1)
    register(event, n=2, status=Registration.Status.WAITLISTED)
    register(event, n=3, status=Registration.Status.WAITLISTED)
    state = client.get(LIST).context["page_obj"].object_list[0].registration_state
    assert state.code == "full_waiting"
    assert state.waiting == 2


def test_an_event_shows_when_registration_is_closed_or_not_yet_open(client):
    EventFactory(
        title="Zamknięte",
        registration_opens_at=in_days(-5),
        registration_closes_at=in_days(-1),
    )
    EventFactory(
        title="Jeszcze nie",
        starts_at=in_days(40),
        registration_opens_at=in_days(3),
    )
    EventFactory(title="Bez zapisów", starts_at=in_days(50), registration_enabled=False)
    states = {
        e.title: e.registration_state.code
        for e in client.get(LIST).context["page_obj"].object_list
    }
    assert states == {
        "Zamknięte": "closed",
        "Jeszcze nie": "not_yet_open",
        "Bez zapisów": "not_required",
    }


# The archive


def test_the_archive_shows_past_events_newest_first_and_notes_outcomes(client):
    EventFactory(title="Przyszłe")
    EventFactory(title="Dawne", starts_at=in_days(-30))
    EventFactory(
        title="Niedawne", starts_at=in_days(-3), outcomes_published_at=in_days(-1)
    )
    EventFactory(title="Szkic minionego", status="draft", starts_at=in_days(-2))
    response = client.get(ARCHIVE)
    assert titles(response) == ["Niedawne", "Dawne"]
    assert "badge-ok" in response.content.decode()


def test_the_archive_takes_the_same_filters(client):
    EventFactory(title="Szkolenie", kind="training", starts_at=in_days(-3))
    EventFactory(title="Spotkanie", starts_at=in_days(-4))
    assert titles(client.get(ARCHIVE, {"kind": "training"})) == ["Szkolenie"]


# The month calendar


def aware(*args):
    return timezone.make_aware(datetime.datetime(*args))


def test_the_month_view_shows_a_monday_first_table_with_events_on_their_days(
    client,
):
    EventFactory(
        title="Konferencja marcowa",
        starts_at=aware(2031, 3, 15, 10, 0),
        ends_at=aware(2031, 3, 15, 14, 0),
    )
    EventFactory(
        title="Kwietniowe",
        starts_at=aware(2031, 4, 2, 10, 0),
        ends_at=aware(2031, 4, 2, 14, 0),
    )
    response = client.get(reverse("events:month", kwargs={"year": 2031, "month": 3}))
    assert response.status_code == 200
    grid = response.context["grid"]
    assert grid.weeks[0][0].date.weekday() == 0  # Monday
    day = next(
        d for week in grid.weeks for d in week if d.date.day == 15 and d.in_month
    )
    assert [e.title for e in day.events] == ["Konferencja marcowa"]
    assert [e.title for e in grid.events] == ["Konferencja marcowa"]
    html = response.content.decode()
    assert "<caption>" in html
    assert html.count('<th scope="col">') >= 7
    assert reverse("events:month", kwargs={"year": 2031, "month": 2}) in html
    assert reverse("events:month", kwargs={"year": 2031, "month": 4}) in html


def test_an_event_of_several_days_appears_on_each_day(client):
    EventFactory(
        title="Targi",
        starts_at=aware(2031, 3, 30, 10, 0),
        ends_at=aware(2031, 4, 1, 16, 0),
    )
    grid = client.get(
        reverse("events:month", kwargs={"year": 2031, "month": 3})
    ).context["grid"]
    days = [d.date.day for w in grid.weeks for d in w if d.events and d.in_month]
    assert days == [30, 31]


def test_the_current_month_is_the_default(client):
    EventFactory(title="Dziś", starts_at=timezone.now() + timedelta(hours=1))
    response = client.get(MONTH)
    today = timezone.localdate()
    assert (response.context["grid"].year, response.context["grid"].month) == (
        today.year,
        today.month,
    )


def test_the_month_view_hides_drafts(client):
    EventFactory(
        title="Szkic",
        status="draft",
        starts_at=aware(2031, 3, 15, 10, 0),
        ends_at=aware(2031, 3, 15, 12, 0),
    )
    response = client.get(reverse("events:month", kwargs={"year": 2031, "month": 3}))
    assert "Szkic" not in response.content.decode()


@pytest.mark.parametrize("path", ["2031/13/", "2031/0/", "99999/1/", "1/1/"])
def test_a_month_that_does_not_exist_is_404(client, path):
    assert client.get(f"{MONTH}{path}").status_code == 404


def test_december_links_to_january_of_the_next_year(client):
    html = client.get(
        reverse("events:month", kwargs={"year": 2030, "month": 12})
    ).content.decode()
    assert reverse("events:month", kwargs={"year": 2031, "month": 1}) in html


# One event: who may see a draft


@pytest.fixture
def draft(institution, organisation):
    event = EventFactory(
        title="Szkic spotkania", status="draft", institution=institution
    )
    event.organisations.set([organisation])
    return event


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 404),
        ("other_user", 404),
        ("other_staff", 404),
        ("other_member", 404),
        ("staff", 200),
        ("representative", 200),
        ("admin_user", 200),
    ],
)
def test_a_draft_is_visible_only_to_its_organisers_and_admins(
    client, request, draft, who, status
):
    if who == "other_staff":
        client.force_login(StaffFactory().user)
    elif who == "other_member":
        client.force_login(MembershipFactory().user)
    elif who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    assert client.get(detail(draft)).status_code == status


def test_an_unknown_event_is_404(client):
    assert client.get("/wydarzenia/nie-ma-takiego/").status_code == 404


def test_the_event_page_shows_its_details(client, teryt, areas):
    series = EventSeries.objects.create(title="Cykl konferencji", slug="cykl")
    organisation = OrganisationFactory(name="Fundacja Pomocna")
    event = EventFactory(
        title="Konferencja regionalna",
        kind="conference",
        series=series,
        format="hybrid",
        venue_name="Centrum Kultury",
        venue_room="sala 12",
        venue_address="ul. Długa 5",
        territory=Territory.objects.get(code="3004023"),
        lat=51.88,
        lon=17.01,
        online_url="https://meet.example.org/abc",
        audience="Organizacje pozarządowe",
        step_free_access=True,
        induction_loop=True,
        sign_language_on_request=True,
        accessibility_notes="Winda od strony parkingu.",
        contact_name="Jan Kowalski",
        contact_email="jan@example.gov.pl",
        contact_phone="+48 600 000 000",
    )
    event.organisations.set([organisation])
    event.areas.set([PublicBenefitArea.objects.get(code="culture")])
    AgendaItem.objects.create(
        event=event,
        starts_at=datetime.time(10, 0),
        ends_at=datetime.time(11, 0),
        title="Otwarcie",
        speakers="Wojewoda",
    )
    Attachment.objects.create(
        event=event,
        title="Program warsztatów",
        file=ContentFile(b"%PDF-1.4 test", name="program.pdf"),
        size=2048,
        content_type="application/pdf",
    )
    html = client.get(detail(event)).content.decode()
    for text in [
        "Konferencja regionalna",
        series.get_absolute_url(),
        event.institution.get_absolute_url(),
        organisation.get_absolute_url(),
        "Centrum Kultury",
        "sala 12",
        "ul. Długa 5",
        "Gostyń",
        "51.88",
        "Organizacje pozarządowe",
        "Winda od strony parkingu.",
        "Jan Kowalski",
        "jan@example.gov.pl",
        "Otwarcie",
        "Wojewoda",
        "Program warsztatów",
        "PDF",
        "2,0\xa0KB",
        reverse("events:feed_event", kwargs={"slug": event.slug}),
    ]:
        assert text in html, text
    assert "https://meet.example.org/abc" not in html


def test_the_description_is_escaped(client):
    event = EventFactory(description='<script>alert("x")</script>\n<b>gruby</b>')
    html = client.get(detail(event)).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html
    assert "<b>gruby</b>" not in html


def test_a_cancelled_event_shows_a_notice_with_the_reason(client):
    event = EventFactory(
        status="cancelled",
        cancelled_at=timezone.now(),
        cancellation_reason="Awaria ogrzewania w sali.",
    )
    response = client.get(detail(event))
    html = response.content.decode()
    assert "notice-cancelled" in html
    assert "Awaria ogrzewania w sali." in html
    assert reverse("events:register", kwargs={"slug": event.slug}) not in html


def test_an_open_event_links_to_the_registration_form(client):
    event = EventFactory()
    html = client.get(detail(event)).content.decode()
    assert reverse("events:register", kwargs={"slug": event.slug}) in html
    assert client.get(detail(event)).context["state"].seats_left == 10


def test_a_full_event_offers_the_waiting_list_with_the_number_waiting(client):
    event = EventFactory(capacity=1)
    register(event, n=1)
    register(event, n=2, status=Registration.Status.WAITLISTED)
    response = client.get(detail(event))
    assert response.context["state"].code == "full_waiting"
    assert response.context["state"].waiting == 1


# The online link


@pytest.fixture
def online():
    return EventFactory(format="online", online_url="https://meet.example.org/tajne")


@pytest.mark.parametrize(
    ("who", "shown"),
    [
        ("anonymous", False),
        ("signed_in_not_registered", False),
        ("confirmed", True),
        ("waitlisted", False),
        ("pending", False),
        ("cancelled", False),
        ("organiser", True),
        ("admin", True),
    ],
)
def test_the_online_link_is_shown_only_to_confirmed_registrants_and_organisers(
    client, online, who, shown
):
    if who == "organiser":
        client.force_login(StaffFactory(institution=online.institution).user)
    elif who == "admin":
        client.force_login(UserFactory(is_superuser=True, is_staff=True))
    elif who != "anonymous":
        person = UserFactory()
        if who != "signed_in_not_registered":
            register(online, user=person, status=who)
        client.force_login(person)
    html = client.get(detail(online)).content.decode()
    assert ("https://meet.example.org/tajne" in html) is shown


# The organiser's toolbar


@pytest.mark.parametrize(
    ("who", "shown"),
    [
        ("anonymous", False),
        ("other_staff", False),
        ("other_member", False),
        ("staff", True),
        ("representative", True),
        ("admin_user", True),
    ],
)
def test_the_toolbar_is_shown_to_organisers_only(
    client, request, institution, organisation, who, shown
):
    event = EventFactory(institution=institution)
    event.organisations.set([organisation])
    if who == "other_staff":
        client.force_login(StaffFactory().user)
    elif who == "other_member":
        client.force_login(MembershipFactory().user)
    elif who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    html = client.get(detail(event)).content.decode()
    for name in ["edit", "agenda", "participants", "check_in", "cancel"]:
        url = reverse(f"events:{name}", kwargs={"slug": event.slug})
        assert (url in html) is shown, name


def test_the_toolbar_of_a_fair_links_to_stand_applications(client, staff, institution):
    fair = EventFactory(kind="fair", institution=institution)
    client.force_login(staff)
    html = client.get(detail(fair)).content.decode()
    assert reverse("events:stands", kwargs={"slug": fair.slug}) in html


# Fairs and outcomes


def test_a_fair_lists_accepted_exhibitors_only(client):
    fair = EventFactory(kind="fair")
    accepted = OrganisationFactory(name="Wystawca Przyjęty")
    pending = OrganisationFactory(name="Wystawca Oczekujący")
    StandApplication.objects.create(
        event=fair, organisation=accepted, presentation="Gry", status="accepted"
    )
    StandApplication.objects.create(
        event=fair, organisation=pending, presentation="Książki"
    )
    html = client.get(detail(fair)).content.decode()
    assert "Wystawca Przyjęty" in html
    assert "Wystawca Oczekujący" not in html
    assert reverse("events:stand_apply", kwargs={"slug": fair.slug}) in html


def test_a_meeting_that_is_not_a_fair_has_no_exhibitors_section(client):
    event = EventFactory()
    html = client.get(detail(event)).content.decode()
    assert reverse("events:stand_apply", kwargs={"slug": event.slug}) not in html


def test_published_outcomes_are_shown_with_follow_up_actions(client):
    event = EventFactory(
        starts_at=in_days(-10),
        minutes="Protokół <i>spotkania</i>",
        conclusions="Wnioski ze spotkania",
        recommendations="Rekomendacje dla ministerstwa",
        outcomes_published_at=in_days(-2),
    )
    FollowUpAction.objects.create(
        event=event,
        title="Przygotować projekt uchwały",
        responsible="Wydział Spraw Społecznych",
        due_date=datetime.date(2031, 6, 30),
        url="https://bip.example.gov.pl/uchwala",
    )
    Attachment.objects.create(
        event=event,
        title="Protokół podpisany",
        kind="outcome",
        file=ContentFile(b"%PDF-1.4", name="protokol.pdf"),
        size=100,
        content_type="application/pdf",
    )
    html = client.get(detail(event)).content.decode()
    for text in [
        "Protokół &lt;i&gt;spotkania&lt;/i&gt;",
        "Wnioski ze spotkania",
        "Rekomendacje dla ministerstwa",
        "Przygotować projekt uchwały",
        "Wydział Spraw Społecznych",
        "https://bip.example.gov.pl/uchwala",
        "Protokół podpisany",
    ]:
        assert text in html, text


def test_unpublished_outcomes_stay_hidden(client):
    event = EventFactory(starts_at=in_days(-10), minutes="Robocza wersja protokołu")
    FollowUpAction.objects.create(event=event, title="Tajne działanie")
    html = client.get(detail(event)).content.decode()
    assert "Robocza wersja protokołu" not in html
    assert "Tajne działanie" not in html


# Series


def test_a_series_page_lists_its_upcoming_and_past_public_events(client):
    series = EventSeries.objects.create(
        title="Cztery konferencje", slug="cztery", description="Cykl regionalny."
    )
    EventFactory(title="Pierwsza", series=series, starts_at=in_days(-20))
    EventFactory(title="Druga", series=series, starts_at=in_days(10))
    EventFactory(title="Trzecia (szkic)", series=series, status="draft")
    EventFactory(title="Spoza cyklu")
    response = client.get(reverse("events:series", kwargs={"slug": "cztery"}))
    assert response.status_code == 200
    assert [e.title for e in response.context["upcoming"]] == ["Druga"]
    assert [e.title for e in response.context["past"]] == ["Pierwsza"]
    html = response.content.decode()
    assert "Cykl regionalny." in html
    assert "szkic" not in html
    assert "Spoza cyklu" not in html


def test_an_unknown_series_is_404(client):
    assert client.get("/wydarzenia/cykle/nie-ma/").status_code == 404


# iCalendar feeds


def test_the_site_wide_feed_has_upcoming_and_recent_public_events_only(client):
    EventFactory(title="Nadchodzące")
    EventFactory(title="Niedawne", starts_at=in_days(-30))
    EventFactory(title="Odwołane", status="cancelled")
    EventFactory(title="Dawno", starts_at=in_days(-120))
    EventFactory(title="Szkic", status="draft")
    response = client.get(FEED)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert uid_titles(response.content) == {"Nadchodzące", "Niedawne", "Odwołane"}


def test_the_feed_of_one_event(client):
    event = EventFactory(title="Jedno")
    response = client.get(reverse("events:feed_event", kwargs={"slug": event.slug}))
    assert response["Content-Type"].startswith("text/calendar")
    assert uid_titles(response.content) == {"Jedno"}


@pytest.mark.parametrize("who", ["anonymous", "staff"])
def test_a_draft_has_no_feed(client, request, institution, who):
    event = EventFactory(status="draft", institution=institution)
    if who == "staff":
        client.force_login(request.getfixturevalue("staff"))
    url = reverse("events:feed_event", kwargs={"slug": event.slug})
    assert client.get(url).status_code == 404


def test_the_feeds_of_a_series_an_institution_and_an_organisation(client):
    series = EventSeries.objects.create(title="Cykl", slug="cykl")
    institution = InstitutionFactory()
    organisation = OrganisationFactory()
    EventFactory(title="W cyklu", series=series)
    EventFactory(title="Szkic w cyklu", series=series, status="draft")
    EventFactory(title="Urzędu", institution=institution)
    EventFactory(title="Szkic urzędu", institution=institution, status="draft")
    EventFactory(title="Organizacji").organisations.set([organisation])
    EventFactory(title="Szkic organizacji", status="draft").organisations.set(
        [organisation]
    )
    EventFactory(title="Inne")
    feeds = {
        "feed_series": (series.slug, {"W cyklu"}),
        "feed_institution": (institution.slug, {"Urzędu"}),
        "feed_organisation": (organisation.slug, {"Organizacji"}),
    }
    for name, (slug, expected) in feeds.items():
        response = client.get(reverse(f"events:{name}", kwargs={"slug": slug}))
        assert response.status_code == 200, name
        assert response["Content-Type"].startswith("text/calendar"), name
        assert uid_titles(response.content) == expected, name


@pytest.mark.parametrize(
    "name", ["feed_event", "feed_series", "feed_institution", "feed_organisation"]
)
def test_a_feed_of_an_unknown_slug_is_404(client, name):
    url = reverse(f"events:{name}", kwargs={"slug": "nie-ma-takiego"})
    assert client.get(url).status_code == 404


# Institution and organisation pages


def test_an_institution_page_lists_its_upcoming_public_events(client, institution):
    EventFactory(title="Spotkanie urzędu", institution=institution)
    EventFactory(title="Szkic urzędu", institution=institution, status="draft")
    EventFactory(title="Minione urzędu", institution=institution, starts_at=in_days(-5))
    EventFactory(title="Cudze spotkanie")
    html = client.get(institution.get_absolute_url()).content.decode()
    assert "Spotkanie urzędu" in html
    assert "Szkic urzędu" not in html
    assert "Minione urzędu" not in html
    assert "Cudze spotkanie" not in html
    assert f"{ARCHIVE}?organiser={institution.slug}" in html
    assert reverse("events:feed_institution", kwargs={"slug": institution.slug}) in html


def test_an_organisation_page_lists_the_events_it_co_organises(client, organisation):
    EventFactory(title="Wspólne spotkanie").organisations.set([organisation])
    EventFactory(title="Szkic wspólny", status="draft").organisations.set(
        [organisation]
    )
    EventFactory(title="Cudze spotkanie")
    html = client.get(organisation.get_absolute_url()).content.decode()
    assert "Wspólne spotkanie" in html
    assert "Szkic wspólny" not in html
    assert "Cudze spotkanie" not in html
    assert (
        reverse("events:feed_organisation", kwargs={"slug": organisation.slug}) in html
    )


def test_the_events_section_costs_one_query_whatever_the_number_of_events(
    client, institution
):
    EventFactory(institution=institution)
    with CaptureQueriesContext(connection) as few:
        client.get(institution.get_absolute_url())
    for n in range(5):
        EventFactory(institution=institution, title=f"Kolejne {n}").organisations.set(
            [OrganisationFactory()]
        )
    with CaptureQueriesContext(connection) as many:
        client.get(institution.get_absolute_url())
    assert len(many) == len(few)
