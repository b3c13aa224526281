"""The demo consultations: seed 003's programme with a published report, and an open
cooperation programme; idempotent (a second `razem demo` creates nothing)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from razem.consultations.demo import OPOLE_SLUG, SEED_003_SLUG, load_demo_consultations
from razem.consultations.models import (
    Comment,
    Consultation,
    DocumentVersion,
    Response,
    Section,
)
from razem.consultations.report import report_data, report_rows
from tests.consultations.factories import ConsultationFactory

pytestmark = pytest.mark.django_db
MODELS = [Consultation, DocumentVersion, Section, Comment, Response]


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture
def demo(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("demo", stdout=StringIO())


def test_the_demo_consults_seed_003_and_publishes_its_report(demo, client):
    programme = Consultation.objects.get(slug=SEED_003_SLUG)
    assert programme.is_demo
    assert (
        programme.institution.slug == "ministerstwo-rodziny-pracy-i-polityki-spolecznej"
    )
    assert programme.kind == Consultation.Kind.PROGRAMME
    assert programme.phase == Consultation.Phase.REPORTED
    keys = list(programme.current_version.sections.values_list("key", flat=True))
    assert keys[:3] == ["wstep", "priorytet-i", "priorytet-i/dzialanie-i-1"]
    assert "priorytet-iii/dzialanie-iii-3" in keys
    assert len(keys) == 14

    report = report_data(programme)
    assert (report.total, report.hidden, report.without_position) == (12, 1, 0)
    by_channel = {t.code: t.count for t in report.by_channel}
    assert (by_channel["online"], by_channel["post"], by_channel["email"]) == (7, 2, 3)
    rows = list(report_rows(programme))
    assert sum(1 for row in rows if row.joint) == 4  # two pairs answered together
    assert "Jan Kowalski" not in {row.author for row in rows}  # no consent
    assert "Jakub Wróbel" in {row.author for row in rows}  # consented
    assert "Krajowa Sieć Ośrodków Wsparcia Ekonomii Społecznej" in report.organisations
    assert (
        client.get(reverse("consultations:report", args=[SEED_003_SLUG])).status_code
        == 200
    )


def test_the_demo_has_an_open_consultation_with_comments(demo):
    opole = Consultation.objects.get(slug=OPOLE_SLUG)
    assert opole.phase == Consultation.Phase.OPEN
    assert opole.comments.count() == 3
    assert opole.comments.filter(section__key="rozdzial-2/par-4").exists()


def test_running_the_demo_again_creates_nothing(
    demo, django_capture_on_commit_callbacks
):
    before = counts()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("demo", stdout=StringIO())
    assert counts() == before


def test_a_real_consultation_with_a_demo_slug_is_left_alone(db):
    real = ConsultationFactory(slug=SEED_003_SLUG)
    summary = load_demo_consultations()
    assert SEED_003_SLUG in summary.skipped
    real.refresh_from_db()
    assert not real.is_demo
    assert real.comments.count() == 0
