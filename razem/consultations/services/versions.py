"""Versions of the draft: the text is read into sections, then published as the next
numbered version of the consultation."""

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from razem.consultations import documents
from razem.consultations.diff import change_counts
from razem.consultations.exceptions import ConsultationError
from razem.consultations.models import Consultation, DocumentVersion, Section
from razem.consultations.rules import can
from razem.consultations.services.consultations import forbidden
from razem.core.audit import audit_log

LABEL_MAX = 200
CHANGE_NOTE_MAX = 5000
Source = DocumentVersion.Source


def _parse(*, source: str, text: str | None, file) -> list[documents.ParsedSection]:
    if source not in Source.values:
        raise ConsultationError(_("Choose how the text is given."), field="source")
    if source == Source.PASTED:
        return documents.parse_text(text or "", field="text")
    if file is not None:
        return documents.parse_file(file, source)
    if source == Source.MARKDOWN and text:
        return documents.parse_markdown(text, field="text")
    raise documents.DocumentError(_("Choose a file."), field="file", code="required")


def version_create(
    *,
    consultation: Consultation,
    actor,
    source: str,
    text: str | None = None,
    file=None,
    label: str = "",
    change_note: str = "",
    is_final: bool = False,
) -> DocumentVersion:
    """Publish the next version of the draft from pasted text or a Markdown, DOCX or
    ODT file (`source` says which).

    Staff of the institution (or an administrator) may do it for a draft or a
    published consultation until its report is published. The text is read first:
    a bad document raises DocumentError (field "text" or "file") and nothing is
    written. The version number is allocated under a lock on the consultation row.
    `is_final` marks the final text; any earlier final mark is removed.
    """
    if not can(actor, "consultations.publish_version", consultation):
        raise forbidden()
    label = (label or "").strip()
    change_note = (change_note or "").strip()
    if len(label) > LABEL_MAX:
        raise ConsultationError(
            _("At most %(n)s characters.") % {"n": LABEL_MAX}, field="label"
        )
    if len(change_note) > CHANGE_NOTE_MAX:
        raise ConsultationError(
            _("At most %(n)s characters.") % {"n": CHANGE_NOTE_MAX},
            field="change_note",
        )
    parsed = _parse(source=source, text=text, file=file)

    with transaction.atomic():
        consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
        last = consultation.versions.aggregate(n=Max("number"))["n"] or 0
        previous = consultation.versions.filter(number=last).first()
        if is_final:
            consultation.versions.filter(is_final=True).update(is_final=False)
        version = DocumentVersion.objects.create(
            consultation=consultation,
            number=last + 1,
            label=label,
            change_note=change_note,
            source=source,
            is_final=bool(is_final),
            published_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        Section.objects.bulk_create(
            Section(
                version=version,
                key=s.key,
                label=s.label,
                heading=s.heading,
                text=s.text,
                depth=s.depth,
                position=position,
            )
            for position, s in enumerate(parsed)
        )
        counts = change_counts(
            previous.sections.only("key", "label", "heading", "text")
            if previous
            else [],
            parsed,
        )
        audit_log(
            action="consultations.version.published",
            actor=actor,
            target=version,
            data={
                "number": version.number,
                "source": source,
                "sections": len(parsed),
                "is_final": version.is_final,
                **counts,
            },
        )
    return version
