"""Checks of uploaded documents by their content, not their name.

PDF files start with `%PDF-`. OpenDocument files are ZIP archives whose first member,
`mimetype`, names their type; Office Open XML files are ZIP archives with
`[Content_Types].xml` and a `word/` or `xl/` part. Anything else is refused.
"""

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DOCUMENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}
_ODF = {v: k for k, v in DOCUMENT_TYPES.items() if k in ("odt", "ods")}


def max_document_bytes() -> int:
    return getattr(settings, "RAZEM_MAX_DOCUMENT_BYTES", 10 * 1024 * 1024)


def _zip_kind(file) -> str | None:
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                return _ODF.get(mimetype)
            if "[Content_Types].xml" in names:
                if any(n.startswith("word/") for n in names):
                    return "docx"
                if any(n.startswith("xl/") for n in names):
                    return "xlsx"
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return None
    return None


def document_kind(file) -> str | None:
    """'pdf', 'docx', 'xlsx', 'odt' or 'ods' by content; None for anything else."""
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if isinstance(head, str):
        return None
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(file)
        file.seek(0)
        return kind
    return None


def validate_document(file) -> None:
    """A PDF, DOCX, ODT, XLSX or ODS file within the size limit, checked by content."""
    if not file:
        return
    limit = max_document_bytes()
    if file.size > limit:
        raise ValidationError(
            _("A file may be at most %(mb)s MB.") % {"mb": limit // (1024 * 1024)},
            code="document_size",
        )
    if document_kind(file) is None:
        raise ValidationError(
            _("Upload a PDF, DOCX, ODT, XLSX or ODS file."), code="document_type"
        )
