"""The consultation report, built from the data: what was consulted, when and how, who
took part, the numbers by position and by channel, and a table of every comment that
is not hidden with the institution's position on it.

Downloads: PDF (WeasyPrint, A4 landscape, table headers repeated on each page) and
CSV/XLSX/ODS (tablib). Authors are always shown as `Comment.public_author`: an
organisation's or body's name, a private person's name only with their consent.

Built for large drafts: the counts are aggregate queries, and the comment rows are
streamed (`QuerySet.iterator(chunk_size=2000)`, one query per chunk, the section,
organisation and response joined in) rather than loaded at once.
"""

import datetime
import io
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from razem.consultations.models import Comment, Consultation, Response, Section
from razem.core.exports import build_dataset

CHUNK_SIZE = 2000
INTRODUCTION_KEY = "wstep"  # razem.consultations.documents.INTRODUCTION
JOINT_LIST_MAX = 10  # a joint position lists at most this many other comments
TABLE_FORMATS = ("csv", "xlsx", "ods")


@dataclass(frozen=True)
class Tally:
    code: str
    label: str
    count: int


@dataclass(frozen=True)
class ReportRow:
    number: int
    reference: str
    section: str
    section_key: str
    current_wording: str
    proposed_wording: str
    justification: str
    author: str
    channel: str
    position: str  # the label; "" while there is none
    position_code: str
    position_justification: str
    joint: str  # "" unless the position was given on several comments together


@dataclass
class Report:
    consultation: Consultation
    reference: str
    title: str
    subject: str
    institution: str
    unit: str
    kind: str
    legal_basis: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    is_shortened: bool
    min_days: int
    shortened_justification: str
    forms: list[str]
    meeting_title: str
    meeting_starts_at: datetime.datetime | None
    questionnaire_url: str
    organisations: list[str]
    total: int
    hidden: int
    without_position: int
    by_position: list[Tally]
    by_channel: list[Tally]
    summary: str
    published_at: datetime.datetime | None
    generated_at: datetime.datetime = field(default_factory=timezone.now)

    @property
    def is_published(self) -> bool:
        return self.consultation.status == Consultation.Status.REPORTED

    def rows(self) -> Iterator[ReportRow]:
        """Every comment that is not hidden, by number, streamed in chunks."""
        return report_rows(self.consultation)


# --- Data ------------------------------------------------------------------------


def report_comments(consultation: Consultation) -> QuerySet[Comment]:
    """The report's comments (all but hidden ones) by number, with only the columns
    a row shows: no query per row, and no section texts carried along."""
    return (
        Comment.objects.filter(consultation=consultation)
        .exclude(visibility=Comment.Visibility.HIDDEN)
        .select_related("section", "organisation", "response")
        .only(
            "number",
            "channel",
            "current_wording",
            "proposed_wording",
            "justification",
            "author_name",
            "organisation_name",
            "publish_name",
            "section",
            "section__key",
            "section__label",
            "section__heading",
            "organisation",
            "organisation__name",
            "response",
            "response__position",
            "response__justification",
        )
        .order_by("number")
    )


def section_title(section: Section | None) -> str:
    if section is None:
        return _("whole document")
    title = " ".join(part for part in (section.label, section.heading) if part)
    if title:
        return title
    return _("Introduction") if section.key == INTRODUCTION_KEY else section.key


def _joint_numbers(
    consultation: Consultation, response_ids: Iterable[int] | None = None
) -> dict[int, list[int]]:
    """{response id: numbers of its comments} for responses given on more than one
    comment (one query; limited to `response_ids` when given)."""
    comments = (
        Comment.objects.filter(consultation=consultation, response__isnull=False)
        .exclude(visibility=Comment.Visibility.HIDDEN)
        .order_by("number")
    )
    if response_ids is not None:
        comments = comments.filter(response_id__in=list(response_ids))
    numbers: dict[int, list[int]] = defaultdict(list)
    for response_id, number in comments.values_list("response_id", "number"):
        numbers[response_id].append(number)
    return {key: value for key, value in numbers.items() if len(value) > 1}


def _joint_note(number: int, together: list[int] | None, prefix: str) -> str:
    if not together:
        return ""
    others = [n for n in together if n != number]
    if len(others) > JOINT_LIST_MAX:
        return _("Joint position on %(n)s comments.") % {"n": len(together)}
    return _("Joint position with comments %(list)s.") % {
        "list": ", ".join(f"{prefix}/{n}" for n in others)
    }


def _row(comment: Comment, prefix: str, joint: dict[int, list[int]]) -> ReportRow:
    response = comment.response if comment.response_id else None
    section = comment.section if comment.section_id else None
    return ReportRow(
        number=comment.number,
        reference=f"{prefix}/{comment.number}",
        section=section_title(section),
        section_key=section.key if section else "",
        current_wording=comment.current_wording,
        proposed_wording=comment.proposed_wording,
        justification=comment.justification,
        author=comment.public_author,
        channel=comment.get_channel_display(),
        position=response.get_position_display() if response else "",
        position_code=response.position if response else "",
        position_justification=response.justification if response else "",
        joint=_joint_note(comment.number, joint.get(comment.response_id), prefix),
    )


def report_rows(consultation: Consultation) -> Iterator[ReportRow]:
    """Every non-hidden comment as a report row, by number, `CHUNK_SIZE` at a time."""
    prefix = consultation.reference
    joint = _joint_numbers(consultation)
    for comment in report_comments(consultation).iterator(chunk_size=CHUNK_SIZE):
        yield _row(comment, prefix, joint)


def report_page_rows(
    consultation: Consultation, comments: Iterable[Comment]
) -> list[ReportRow]:
    """Rows for one page of `report_comments` (two queries whatever the page size)."""
    comments = list(comments)
    joint = _joint_numbers(
        consultation, {c.response_id for c in comments if c.response_id}
    )
    return [_row(c, consultation.reference, joint) for c in comments]


def _organisations(comments: QuerySet[Comment]) -> list[str]:
    """Distinct names of the organisations and bodies that commented."""
    names = set(
        comments.filter(organisation__isnull=False)
        .values_list("organisation__name", flat=True)
        .distinct()
    )
    names |= set(
        comments.exclude(organisation_name="")
        .filter(organisation__isnull=True)
        .values_list("organisation_name", flat=True)
        .distinct()
    )
    return sorted(names, key=lambda name: (name.casefold(), name))


def _forms(consultation: Consultation) -> list[str]:
    forms = []
    if consultation.online_comments:
        forms.append(_("comments online on the platform"))
    if consultation.written_opinions:
        forms.append(_("written opinions by e-mail or post"))
    if consultation.meeting_id:
        forms.append(_("consultation meeting"))
    if consultation.questionnaire_url:
        forms.append(_("questionnaire"))
    return forms


def report_data(consultation: Consultation) -> Report:
    """The report's header and numbers (a handful of aggregate queries); the comment
    table comes from `Report.rows()`, streamed."""
    consultation = (
        Consultation.objects.select_related("institution", "unit", "meeting")
        .filter(pk=consultation.pk)
        .get()
    )
    every = Comment.objects.filter(consultation=consultation).order_by()
    shown = every.exclude(visibility=Comment.Visibility.HIDDEN)
    positions = dict(shown.values_list("response__position").annotate(n=Count("id")))
    channels = dict(shown.values_list("channel").annotate(n=Count("id")))
    meeting = consultation.meeting
    return Report(
        consultation=consultation,
        reference=consultation.reference,
        title=consultation.title,
        subject=consultation.subject,
        institution=consultation.institution.name,
        unit=consultation.unit.name if consultation.unit_id else "",
        kind=consultation.get_kind_display(),
        legal_basis=consultation.legal_basis,
        starts_at=consultation.starts_at,
        ends_at=consultation.ends_at,
        is_shortened=consultation.is_shortened,
        min_days=consultation.min_days,
        shortened_justification=consultation.shortened_justification,
        forms=_forms(consultation),
        meeting_title=meeting.title if meeting else "",
        meeting_starts_at=meeting.starts_at if meeting else None,
        questionnaire_url=consultation.questionnaire_url,
        organisations=_organisations(shown),
        total=sum(positions.values()),
        hidden=every.filter(visibility=Comment.Visibility.HIDDEN).count(),
        without_position=positions.get(None, 0),
        by_position=[
            Tally(code, str(label), positions.get(code, 0))
            for code, label in Response.Position.choices
        ],
        by_channel=[
            Tally(code, str(label), channels.get(code, 0))
            for code, label in Comment.Channel.choices
        ],
        summary=consultation.report_summary,
        published_at=consultation.report_published_at,
    )


# --- Downloads -------------------------------------------------------------------


def report_filename(consultation: Consultation) -> str:
    """Without the extension: raport-K-2026-014."""
    return f"raport-{consultation.reference}"


def report_html(consultation: Consultation) -> str:
    """The printable report (consultations/report/pdf.html), every row included."""
    report = report_data(consultation)
    return render_to_string(
        "consultations/report/pdf.html", {"report": report, "rows": report.rows()}
    )


def _no_fetch(url: str, *args, **kwargs):
    """The template loads nothing: a URL typed into a comment stays text."""
    raise ValueError(f"PDF rendering fetches no URLs: {url}")


# Above this many rows the PDF is rendered in parts of PDF_PART_ROWS and the parts are
# joined: WeasyPrint keeps a whole document's layout in memory (~0.35 MB per row),
# so one 20,000-row document needed ~7 GB; parts keep the peak at one part's size.
PDF_PART_ROWS = 500


def _render_pdf(html: str) -> bytes:
    import weasyprint  # heavy: loaded only when a PDF is made

    return weasyprint.HTML(string=html, url_fetcher=_no_fetch).write_pdf()


def _parts(rows: Iterator[ReportRow], size: int) -> Iterator[list[ReportRow]]:
    part: list[ReportRow] = []
    for row in rows:
        part.append(row)
        if len(part) >= size:
            yield part
            part = []
    if part:
        yield part


def report_pdf_write(consultation: Consultation, out, *, part_rows: int = 0) -> int:
    """Write the whole report as a PDF to the binary file `out`; returns the number
    of parts rendered. A4 landscape, DejaVu Sans; the first part carries the summary,
    every part repeats the table header and says which part it is."""
    part_rows = part_rows or PDF_PART_ROWS
    report = report_data(consultation)
    total = report_comments(consultation).count()
    if total <= part_rows:
        out.write(
            _render_pdf(
                render_to_string(
                    "consultations/report/pdf.html",
                    {"report": report, "rows": report.rows()},
                )
            )
        )
        return 1
    from pypdf import PdfWriter

    count = -(-total // part_rows)
    writer = PdfWriter()
    for number, rows in enumerate(_parts(report.rows(), part_rows), start=1):
        html = render_to_string(
            "consultations/report/pdf.html",
            {
                "report": report,
                "rows": rows,
                "part": number,
                "parts": count,
                "continuation": number > 1,
            },
        )
        writer.append(io.BytesIO(_render_pdf(html)))
        del html, rows
    writer.write(out)
    return count


def report_pdf(consultation: Consultation) -> bytes:
    """The whole report as PDF bytes (see report_pdf_write)."""
    buffer = io.BytesIO()
    report_pdf_write(consultation, buffer)
    return buffer.getvalue()


def report_headers() -> list[str]:
    return [
        _("Comment no."),
        _("Part of the document"),
        _("Wording in the draft"),
        _("Proposed wording"),
        _("Justification"),
        _("Author or organisation"),
        _("Channel"),
        _("Institution's position"),
        _("Justification of the position"),
        _("Joint position"),
    ]


def report_table(consultation: Consultation, fmt: str):
    """A tablib Dataset of the comment table (one row per comment, cells as text),
    ready for `razem.core.exports.export_response(dataset, fmt, filename)`.
    `fmt` must be one of TABLE_FORMATS."""
    if fmt not in TABLE_FORMATS:
        raise ValueError(f"unknown format: {fmt}")
    rows = (
        [
            row.reference,
            row.section,
            row.current_wording,
            row.proposed_wording,
            row.justification,
            row.author,
            row.channel,
            row.position,
            row.position_justification,
            row.joint,
        ]
        for row in report_rows(consultation)
    )
    return build_dataset(
        report_headers(),
        rows,
        title=_("Report %(reference)s") % {"reference": consultation.reference},
    )
