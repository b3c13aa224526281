"""Attachments to comments: a PDF, DOCX, ODT, XLSX or ODS file, checked by content.

At most MAX_ATTACHMENTS per comment. The author adds and removes them while the
consultation is open; for a written opinion entered by staff (e-mail, post, the
meeting), the institution's staff do, as long as they may enter opinions.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from razem.consultations.exceptions import ConsultationError
from razem.consultations.models import Comment, CommentAttachment, Consultation
from razem.consultations.rules import can, is_manager
from razem.consultations.services.consultations import forbidden
from razem.core.audit import audit_log
from razem.core.uploads import validate_document

MAX_ATTACHMENTS = 3
TITLE_MAX = 200


def _check_permission(actor, comment: Comment) -> None:
    """Online comments: their author while open (409 once closed). Entered opinions:
    staff who may still enter opinions."""
    consultation = comment.consultation
    if comment.channel == Comment.Channel.ONLINE:
        if can(actor, "consultations.change_comment", comment):
            return
        is_author = getattr(actor, "is_authenticated", False) and (
            comment.author_id == actor.pk
        )
        if is_author and consultation.phase != Consultation.Phase.OPEN:
            raise ConsultationError(
                _("Attachments can be changed only while the consultation is open."),
                code="not_open",
                status_code=409,
            )
        raise forbidden()
    if can(actor, "consultations.enter_opinion", consultation):
        return
    if is_manager(actor, consultation):
        raise ConsultationError(
            _("Written opinions can no longer be changed in this phase."),
            code="not_open",
            status_code=409,
        )
    raise forbidden()


def _delete_file_on_commit(name: str) -> None:
    from django.core.files.storage import default_storage

    if name:
        transaction.on_commit(lambda: default_storage.delete(name))


def comment_attachment_add(
    *, comment: Comment, actor, file, title: str = ""
) -> CommentAttachment:
    """Attach a document to `comment`; the title defaults to the file's name.

    The file is checked by content and size (RAZEM_MAX_DOCUMENT_BYTES) before
    anything is stored. Locks the comment row so that two requests cannot together
    pass the limit of MAX_ATTACHMENTS.
    """
    _check_permission(actor, comment)
    if not file:
        raise ConsultationError(_("Choose a file."), field="attachments")
    try:
        validate_document(file)
    except ValidationError as exc:
        raise ConsultationError(exc.messages[0], field="attachments") from None
    name = getattr(file, "name", "") or ""
    title = (title or "").strip() or name.rsplit("/", 1)[-1]
    title = title[:TITLE_MAX] or _("attachment")
    with transaction.atomic():
        comment = (
            Comment.objects.select_for_update()
            .select_related("consultation")
            .get(pk=comment.pk)
        )
        if comment.attachments.count() >= MAX_ATTACHMENTS:
            raise ConsultationError(
                _("A comment may have at most %(n)s attachments.")
                % {"n": MAX_ATTACHMENTS},
                field="attachments",
                code="too_many",
            )
        attachment = CommentAttachment.objects.create(
            comment=comment, title=title, file=file, size=file.size or 0
        )
        audit_log(
            action="consultations.comment.attachment_added",
            actor=actor,
            target=comment,
            data={
                "attachment": attachment.pk,
                "title": attachment.title,
                "size": attachment.size,
            },
        )
    return attachment


def comment_attachment_delete(*, attachment: CommentAttachment, actor) -> None:
    """Remove an attachment; its file leaves storage once the transaction commits."""
    comment = attachment.comment
    _check_permission(actor, comment)
    with transaction.atomic():
        name = attachment.file.name
        audit_log(
            action="consultations.comment.attachment_deleted",
            actor=actor,
            target=comment,
            data={"attachment": attachment.pk, "title": attachment.title},
        )
        attachment.delete()
        _delete_file_on_commit(name)
