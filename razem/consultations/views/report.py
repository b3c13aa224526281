"""The consultation report: an HTML page (the comment table 100 rows a page) and the
downloads (PDF, ODS, XLSX, CSV). Public once the report is published; before that the
institution's staff see it as a draft report. Anyone else gets 404, as for a
consultation they may not see."""

from django.core.cache import cache
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from razem.consultations import report as reports
from razem.consultations.models import Consultation
from razem.consultations.rules import can
from razem.consultations.selectors import consultation_get_for_user
from razem.consultations.tasks import report_pdf_build
from razem.core.exports import export_response
from razem.core.pagination import paginate

ROWS_PER_PAGE = 100
DOWNLOADS = ("pdf", "ods", "xlsx", "csv")


def _consultation_for(request, slug: str):
    consultation = consultation_get_for_user(user=request.user, slug=slug)
    if not can(request.user, "consultations.view_report", consultation):
        raise Http404
    return consultation


@require_GET
def report_view(request, slug):
    consultation = _consultation_for(request, slug)
    report = reports.report_data(consultation)
    page_obj = paginate(request, reports.report_comments(consultation), ROWS_PER_PAGE)
    return render(
        request,
        "consultations/report/page.html",
        {
            "consultation": report.consultation,
            "report": report,
            "page_obj": page_obj,
            "rows": reports.report_page_rows(consultation, page_obj.object_list),
            "downloads": DOWNLOADS,
        },
    )


@require_GET
def report_download(request, slug, fmt):
    if fmt not in DOWNLOADS:
        raise Http404
    consultation = _consultation_for(request, slug)
    filename = reports.report_filename(consultation)
    if fmt == "pdf":
        response = _pdf_response(request, consultation, filename)
    else:
        response = export_response(
            reports.report_table(consultation, fmt), fmt, filename
        )
    # A draft report changes until it is published: never cache it.
    response["Cache-Control"] = "private, no-store"
    return response


# Up to this many comments a PDF is made during the request (seconds); larger
# published reports are served from the file built by a task at publication.
INLINE_PDF_ROWS = 500


def _pdf_response(request, consultation, filename: str):
    published = consultation.status == Consultation.Status.REPORTED
    if published and consultation.report_pdf:
        return FileResponse(
            consultation.report_pdf.open("rb"),
            content_type="application/pdf",
            as_attachment=True,
            filename=f"{filename}.pdf",
        )
    if reports.report_comments(consultation).count() <= INLINE_PDF_ROWS:
        response = HttpResponse(
            reports.report_pdf(consultation), content_type="application/pdf"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
        return response
    # Large and not built yet (or a draft report): start one build per hour at most.
    key = f"consultations:report-pdf:{consultation.pk}"
    if published and cache.add(key, 1, 3600):
        report_pdf_build.delay(consultation.pk)
    response = render(
        request,
        "consultations/report/pdf_pending.html",
        {
            "consultation": consultation,
            "published": published,
            "limit": INLINE_PDF_ROWS,
            "downloads": [d for d in DOWNLOADS if d != "pdf"],
        },
        status=503 if published else 409,
    )
    if published:
        response["Retry-After"] = "120"
    return response
