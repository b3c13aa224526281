"""The printable PDFs: the attendance list and attendance certificates."""

import re
import zlib

import pytest
from django.utils import timezone

from razem.events.models import Event, Participant
from razem.events.pdf import (
    attendance_list_html,
    attendance_list_pdf,
    certificates_html,
    certificates_pdf,
)
from razem.events.services.registration import registration_create
from tests.factories import EventFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def page_count(content: bytes) -> int:
    """Pages of a PDF: page objects, also inside compressed object streams."""
    text = content
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", content, re.S):
        try:
            text += zlib.decompress(match.group(1))
        except zlib.error:
            continue
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", text))


@pytest.fixture
def training():
    event = EventFactory(
        kind=Event.Kind.TRAINING,
        title="Szkolenie „Zażółć gęślą jaźń” dla liderów",
        issues_certificates=True,
        capacity=5,
        max_group_size=3,
        venue_room="sala 12",
    )
    event.organisations.add(OrganisationFactory(name="Fundacja Łączy Nas"))
    registration_create(
        event=event,
        actor=None,
        name="Grzegorz Brzęczyszczykiewicz",
        email="g@example.org",
        participants=[
            {"name": "Grzegorz Brzęczyszczykiewicz", "email": "g2@example.org"},
            {"name": "Łucja Ślęzak"},
            {"name": "Adam Żurek"},
        ],
    )
    registration_create(event=event, actor=None, name="Ola Kot", email="o@example.org")
    return event


def check_in(event, *names):
    Participant.objects.filter(registration__event=event, name__in=names).update(
        checked_in_at=timezone.now()
    )


def test_attendance_list_names_every_confirmed_participant_by_surname(training):
    registration_create(
        event=EventFactory(), actor=None, name="Obcy Gość", email="x@example.org"
    )
    html = attendance_list_html(training)
    order = [
        html.index(name)
        for name in [
            "Grzegorz Brzęczyszczykiewicz",
            "Ola Kot",
            "Łucja Ślęzak",
            "Adam Żurek",
        ]
    ]
    assert order == sorted(order)
    assert "Obcy Gość" not in html
    assert training.title.replace("„", "&#x201E;") in html or "Zażółć" in html
    assert "Fundacja Łączy Nas" in html and training.institution.name in html
    assert "sala 12" in html
    assert 'font-family: "DejaVu Sans", sans-serif' in html
    assert "counter(pages)" in html and "size: A4" in html
    assert '<th scope="col">' in html


def test_attendance_list_shows_check_in_times(training):
    check_in(training, "Ola Kot")
    html = attendance_list_html(training)
    row = html[html.index("Ola Kot") :].split("</tr>")[0]
    assert timezone.localtime().strftime("%H:") in row


def test_attendance_list_is_a_pdf(training):
    content = attendance_list_pdf(training)
    assert content.startswith(b"%PDF")
    assert page_count(content) == 1


def test_attendance_list_of_many_people_runs_over_several_pages():
    event = EventFactory(capacity=None, max_group_size=80)
    registration_create(
        event=event,
        actor=None,
        name="Lider",
        email="l@example.org",
        participants=[{"name": f"Uczestnik Numer {n}"} for n in range(80)],
    )
    assert page_count(attendance_list_pdf(event)) > 1


def test_certificates_give_one_page_per_checked_in_participant(training):
    check_in(training, "Łucja Ślęzak", "Ola Kot")
    content = certificates_pdf(training)
    assert content.startswith(b"%PDF")
    assert page_count(content) == 2


def test_certificates_name_the_person_and_nothing_else_about_them(training):
    check_in(training, "Grzegorz Brzęczyszczykiewicz")
    html = certificates_html(training)
    assert html.count('class="certificate"') == 1
    assert "Grzegorz Brzęczyszczykiewicz" in html
    assert "@example.org" not in html
    assert "Łucja Ślęzak" not in html  # not checked in
    assert training.get_kind_display() in html
    assert "Gostyń" in html  # place of issue: the institution's gmina
    assert timezone.localdate().strftime("%Y") in html


def test_no_certificates_for_an_event_that_does_not_issue_them(training):
    Event.objects.filter(pk=training.pk).update(issues_certificates=False)
    training.refresh_from_db()
    with pytest.raises(ValueError):
        certificates_pdf(training)


def test_pdf_rendering_fetches_no_urls():
    from razem.events.pdf import _no_fetch

    with pytest.raises(ValueError):
        _no_fetch("http://169.254.169.254/")
