"""The consultation report: its data, the PDF and tables, and who may see it."""

import csv
import io
from datetime import timedelta

import openpyxl
import pytest
import tablib
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from razem.consultations.models import Comment, Consultation, Response
from razem.consultations.report import (
    report_data,
    report_headers,
    report_pdf,
    report_rows,
    report_table,
)
from tests.consultations.factories import ConsultationFactory, comment
from tests.factories import OrganisationFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db
DRAFT_NOTICE = '<p class="notice" role="note">'


def _respond(consultation, comments, position, justification="Uzasadnienie."):
    response = Response.objects.create(
        consultation=consultation, position=position, justification=justification
    )
    Comment.objects.filter(pk__in=[c.pk for c in comments]).update(response=response)
    return response


@pytest.fixture
def reported(institution):
    """A consultation with a published report: comments on sections and the whole
    document, by an organisation, a written opinion of a body, private persons with
    and without consent, one hidden; two comments answered together."""
    start = timezone.now() - timedelta(days=30)
    consultation = ConsultationFactory(
        institution=institution,
        title="Program współpracy na 2027 rok",
        kind=Consultation.Kind.PROGRAMME,
        starts_at=start,
        ends_at=start + timedelta(days=21),
        questionnaire_url="https://ankieta.example.org/",
        status=Consultation.Status.REPORTED,
        report_published_at=timezone.now(),
        report_summary="Wpłynęło pięć uwag.",
    )
    organisation = OrganisationFactory(name="Fundacja Ćwierć Żółwia")
    version = consultation.current_version
    section = version.sections.get(key="par-2")
    first = comment(
        consultation,
        1,
        section=section,
        current_wording="Stare brzmienie",
        proposed_wording="Nowe brzmienie",
        justification="Bo tak będzie jaśniej.",
        organisation=organisation,
        author_name="Anna Członkini",
    )
    second = comment(
        consultation,
        2,
        section=None,
        justification="Uwaga do całości.",
        author_name="Jan Prywatny",
        publish_name=False,
    )
    third = comment(
        consultation,
        3,
        justification="Zgadzam się z uwagą 1.",
        author_name="Zofia Jawna",
        publish_name=True,
    )
    fourth = comment(
        consultation,
        4,
        justification="Opinia pisemna.",
        author_name="Przewodniczący Rady",
        organisation_name="Rada Działalności Pożytku Publicznego",
        channel=Comment.Channel.POST,
    )
    comment(
        consultation,
        5,
        justification="Obraźliwa treść",
        author_name="Troll",
        visibility=Comment.Visibility.HIDDEN,
        hidden_reason="Obraźliwa.",
    )
    _respond(consultation, [first, third], Response.Position.ACCEPTED, "Przyjęto.")
    _respond(consultation, [second], Response.Position.REJECTED, "Poza zakresem.")
    _respond(consultation, [fourth], Response.Position.PARTLY, "Częściowo.")
    return consultation


def test_report_counts_by_position_and_channel_without_hidden_comments(reported):
    report = report_data(reported)
    assert (report.total, report.hidden, report.without_position) == (4, 1, 0)
    assert {t.code: t.count for t in report.by_position} == {
        "accepted": 2,
        "partly": 1,
        "rejected": 1,
        "not_applicable": 0,
    }
    assert {t.code: t.count for t in report.by_channel}["post"] == 1
    assert {t.code: t.count for t in report.by_channel}["online"] == 3
    assert report.organisations == [
        "Fundacja Ćwierć Żółwia",
        "Rada Działalności Pożytku Publicznego",
    ]
    assert report.reference == reported.reference
    assert report.is_published


def test_report_rows_show_sections_wordings_and_positions_in_number_order(reported):
    rows = list(report_rows(reported))
    assert [row.number for row in rows] == [1, 2, 3, 4]
    first, second = rows[0], rows[1]
    assert first.reference == f"{reported.reference}/1"
    assert first.section == "§ 2"
    assert (first.current_wording, first.proposed_wording) == (
        "Stare brzmienie",
        "Nowe brzmienie",
    )
    assert first.author == "Fundacja Ćwierć Żółwia"
    assert (first.position_code, first.position_justification) == (
        "accepted",
        "Przyjęto.",
    )
    assert second.section == gettext("whole document")
    assert second.position_code == "rejected"


def test_comments_answered_together_share_the_position_and_say_so(reported):
    rows = {row.number: row for row in report_rows(reported)}
    assert rows[1].position_justification == rows[3].position_justification
    assert f"{reported.reference}/3" in rows[1].joint
    assert f"{reported.reference}/1" in rows[3].joint
    assert rows[2].joint == ""


def test_private_names_appear_only_with_consent(reported):
    authors = [row.author for row in report_rows(reported)]
    assert "Jan Prywatny" not in authors
    assert gettext("private person") in authors
    assert "Zofia Jawna" in authors
    assert "Anna Członkini" not in authors  # shown as her organisation
    assert "Troll" not in authors


def test_report_rows_take_a_constant_number_of_queries(
    reported, django_assert_max_num_queries
):
    for n in range(6, 40):
        comment(reported, n, organisation=OrganisationFactory())
    with django_assert_max_num_queries(3):
        rows = list(report_rows(reported))
    assert len(rows) == 38


def test_pdf_is_a_pdf(reported):
    content = report_pdf(reported)
    assert content.startswith(b"%PDF")


def _table_bytes(consultation, fmt):
    return report_table(consultation, fmt).export(fmt)


def test_csv_has_the_headers_and_one_row_per_comment(reported):
    text = _table_bytes(reported, "csv")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == report_headers()
    assert [row[0] for row in rows[1:]] == [
        f"{reported.reference}/{n}" for n in (1, 2, 3, 4)
    ]


def test_xlsx_parses_back(reported):
    sheet = openpyxl.load_workbook(io.BytesIO(_table_bytes(reported, "xlsx"))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == report_headers()
    assert len(rows) == 5
    assert rows[1][5] == "Fundacja Ćwierć Żółwia"


def test_ods_parses_back(reported):
    dataset = tablib.Dataset().load(_table_bytes(reported, "ods"), format="ods")
    assert dataset.headers == report_headers()
    assert len(dataset) == 4
    assert dataset[3][5] == "Rada Działalności Pożytku Publicznego"


# --- Views -----------------------------------------------------------------------


def _url(consultation, fmt=None):
    if fmt:
        return reverse(
            "consultations:report_download",
            kwargs={"slug": consultation.slug, "fmt": fmt},
        )
    return reverse("consultations:report", kwargs={"slug": consultation.slug})


@pytest.fixture
def responding(reported):
    reported.status = Consultation.Status.RESPONDING
    reported.report_published_at = None
    reported.save()
    return reported


def test_anyone_reads_a_published_report(client, reported):
    response = client.get(_url(reported))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Fundacja Ćwierć Żółwia" in body
    assert "Jan Prywatny" not in body
    assert "Troll" not in body
    assert DRAFT_NOTICE not in body


def test_anonymous_gets_404_before_publication(client, responding):
    assert client.get(_url(responding)).status_code == 404
    assert client.get(_url(responding, "pdf")).status_code == 404


def test_staff_preview_a_draft_report(client, responding):
    client.force_login(StaffFactory(institution=responding.institution).user)
    response = client.get(_url(responding))
    assert response.status_code == 200
    assert not response.context["report"].is_published
    assert DRAFT_NOTICE in response.content.decode()
    assert client.get(_url(responding, "csv")).status_code == 200


def test_other_institutions_staff_and_participants_get_404_before_publication(
    client, responding
):
    client.force_login(StaffFactory().user)
    assert client.get(_url(responding)).status_code == 404
    client.force_login(UserFactory())
    assert client.get(_url(responding, "ods")).status_code == 404


@pytest.mark.parametrize("fmt", ["pdf", "ods", "xlsx", "csv"])
def test_downloads_are_named_after_the_reference(client, reported, fmt):
    response = client.get(_url(reported, fmt))
    assert response.status_code == 200
    assert (
        f'filename="raport-{reported.reference}.{fmt}"'
        in (response["Content-Disposition"])
    )


@pytest.mark.parametrize("fmt", ["doc", "html", "PDF", "exe"])
def test_unknown_download_formats_are_404(client, reported, fmt):
    assert client.get(_url(reported, fmt)).status_code == 404


def test_markup_in_comments_is_escaped(client, reported):
    comment(
        reported,
        6,
        justification='<script>alert("x")</script>',
        proposed_wording="<b>pogrubienie</b>",
    )
    _respond(
        reported,
        [Comment.objects.get(consultation=reported, number=6)],
        "not_applicable",
    )
    body = client.get(_url(reported)).content.decode()
    assert '<script>alert("x")</script>' not in body
    assert "&lt;script&gt;" in body
    assert "<b>pogrubienie</b>" not in body


def test_the_comment_table_is_paginated_by_100(client, reported):
    response_obj = Response.objects.filter(consultation=reported).first()
    Comment.objects.bulk_create(
        [
            Comment(
                consultation=reported,
                number=n,
                version=reported.current_version,
                justification=f"Uwaga {n}",
                author_name="Ktoś",
                response=response_obj,
            )
            for n in range(6, 160)
        ]
    )
    first = client.get(_url(reported))
    assert first.context["page_obj"].paginator.count == 158
    assert len(first.context["rows"]) == 100
    second = client.get(_url(reported) + "?page=2")
    assert len(second.context["rows"]) == 58
    assert second.context["rows"][-1].number == 159
    assert second.context["rows"][-1].joint  # shared with many comments


def _pages(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def test_a_large_report_is_rendered_in_parts_joined_into_one_pdf(reported):
    from razem.consultations.report import report_pdf_write

    whole = io.BytesIO()
    assert report_pdf_write(reported, whole) == 1
    parts = io.BytesIO()
    # Four visible comments, two rows a part: two parts in one file.
    assert report_pdf_write(reported, parts, part_rows=2) == 2
    assert parts.getvalue().startswith(b"%PDF-")
    assert _pages(parts.getvalue()) >= 2


def test_publishing_the_report_builds_and_stores_its_pdf(
    django_capture_on_commit_callbacks,
):
    from razem.consultations.services.consultations import report_publish

    consultation = ConsultationFactory(
        starts_at=timezone.now() - timedelta(days=30),
        status=Consultation.Status.RESPONDING,
    )
    staff = StaffFactory(institution=consultation.institution).user
    _respond(consultation, [comment(consultation)], Response.Position.ACCEPTED)
    with django_capture_on_commit_callbacks(execute=True):
        report_publish(consultation=consultation, actor=staff)
    consultation.refresh_from_db()
    assert consultation.report_pdf.name.endswith(".pdf")
    assert consultation.report_pdf_built_at is not None
    url = reverse(
        "consultations:report_download",
        kwargs={"slug": consultation.slug, "fmt": "pdf"},
    )
    from django.test import Client

    response = Client().get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_a_large_report_without_its_pdf_yet_answers_503_and_starts_the_build(
    client, reported, monkeypatch, django_capture_on_commit_callbacks
):
    from razem.consultations.views import report as views

    monkeypatch.setattr(views, "INLINE_PDF_ROWS", 1)
    url = reverse(
        "consultations:report_download", kwargs={"slug": reported.slug, "fmt": "pdf"}
    )
    response = client.get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == "120"
    # Without a broker the task ran inline: the next request gets the stored file.
    reported.refresh_from_db()
    assert reported.report_pdf
    assert client.get(url).status_code == 200


def test_a_large_draft_report_is_not_made_as_pdf_on_request(monkeypatch):
    from razem.consultations.views import report as views

    monkeypatch.setattr(views, "INLINE_PDF_ROWS", 1)
    consultation = ConsultationFactory(
        starts_at=timezone.now() - timedelta(days=30),
        status=Consultation.Status.RESPONDING,
    )
    comment(consultation)
    comment(consultation)
    staff = StaffFactory(institution=consultation.institution).user
    from django.test import Client

    client = Client()
    client.force_login(staff)
    url = reverse(
        "consultations:report_download",
        kwargs={"slug": consultation.slug, "fmt": "pdf"},
    )
    response = client.get(url)
    assert response.status_code == 409
    assert "ods" in response.content.decode()
    consultation.refresh_from_db()
    assert not consultation.report_pdf
