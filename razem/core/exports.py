"""Tabular exports as real CSV, XLSX and ODS files (tablib)."""

from collections.abc import Iterable, Sequence

import tablib
from django.http import HttpResponse

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}


def build_dataset(
    headers: Sequence[str], rows: Iterable[Sequence], title: str
) -> tablib.Dataset:
    dataset = tablib.Dataset(headers=list(headers), title=title[:31])
    for row in rows:
        dataset.append(["" if value is None else value for value in row])
    return dataset


def export_response(dataset: tablib.Dataset, fmt: str, filename: str) -> HttpResponse:
    """`fmt` must be one of FORMATS (the caller validates user input first)."""
    content = dataset.export(fmt)
    if fmt == "csv":
        content = "\ufeff" + content  # BOM so spreadsheet programs read UTF-8
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
