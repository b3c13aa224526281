"""The consultation report: an HTML page (the comment table 100 rows a page) and the
downloads (PDF, ODS, XLSX, CSV). Public once the report is published; before that the
institution's staff see it as a draft report. Anyone else gets 404, as for a
consultation they may not see."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from razem.consultations import report as reports
from razem.consultations.rules import can
from razem.consultations.selectors import consultation_get_for_user
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
        response = HttpResponse(
            reports.report_pdf(consultation), content_type="application/pdf"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    else:
        response = export_response(
            reports.report_table(consultation, fmt), fmt, filename
        )
    # A draft report changes until it is published: never cache it.
    response["Cache-Control"] = "private, no-store"
    return response
