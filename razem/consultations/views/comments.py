"""Commenting pages: the comment form, changing a comment, reporting abuse, "my
comments", written opinions entered by staff, and moderation.

Thin adapters: the services in razem.consultations.services.comments and
.comment_files do the writing; a ConsultationError lands on the form field it names,
or becomes a page explaining the refusal with its status (403, 409).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from razem.consultations import selectors
from razem.consultations.exceptions import ConsultationError
from razem.consultations.forms.comments import (
    AbuseReportForm,
    CommentEditForm,
    CommentForm,
    ModerationForm,
    OpinionForm,
)
from razem.consultations.models import (
    AbuseReport,
    Comment,
    CommentAttachment,
    Consultation,
    Section,
)
from razem.consultations.rules import can
from razem.consultations.services.comment_files import (
    comment_attachment_add,
    comment_attachment_delete,
)
from razem.consultations.services.comments import (
    abuse_report_create,
    comment_create,
    comment_moderate,
    comment_update,
    opinion_enter,
)
from razem.core.pagination import paginate

Phase = Consultation.Phase
HIDDEN_SHOWN = 50  # recently hidden comments on the moderation page


# --- helpers -------------------------------------------------------------------------


def _when(moment) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _comment_refusal(user, consultation: Consultation) -> tuple[str, int] | None:
    """Why `user` may not comment now, in words, with the status; None if they may."""
    if consultation.current_version is None and consultation.phase == Phase.OPEN:
        return _("The text of the draft has not been published yet."), 409
    if can(user, "consultations.comment", consultation):
        return None
    phase = consultation.phase
    if phase == Phase.DRAFT:
        return _("This consultation has not been published yet."), 409
    if phase == Phase.SCHEDULED:
        return (
            _("Comments can be submitted from %(date)s.")
            % {"date": _when(consultation.starts_at)},
            409,
        )
    if phase != Phase.OPEN:
        return (
            _("The consultation is closed: comments were accepted until %(date)s.")
            % {"date": _when(consultation.ends_at)},
            409,
        )
    if not consultation.online_comments:
        return _("This consultation does not take comments on this page."), 409
    if consultation.participation == Consultation.Participation.ORGANISATIONS:
        return (
            _(
                "Only organisations take part in this consultation. To comment, "
                "you need an approved membership of an organisation registered "
                "on the platform."
            ),
            403,
        )
    if consultation.participation == Consultation.Participation.INVITED:
        return (
            _(
                "Only the bodies and people invited by the institution take part "
                "in this consultation."
            ),
            403,
        )
    return _("You cannot comment on this consultation."), 403


def _refused(request, consultation: Consultation, reason: str, status: int):
    return render(
        request,
        "consultations/comments/refused.html",
        {"consultation": consultation, "reason": reason},
        status=status,
    )


def _apply_error(form, exc: ConsultationError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _section_url(comment: Comment) -> str:
    key = comment.section.key if comment.section_id else selectors.GENERAL_KEY
    url = reverse(
        "consultations:section",
        kwargs={"slug": comment.consultation.slug, "key": key},
    )
    return f"{url}#uwaga-{comment.number}"


def _add_files(comment: Comment, actor, files, stored: list[str]) -> None:
    for file in files:
        attachment = comment_attachment_add(comment=comment, actor=actor, file=file)
        stored.append(attachment.file.name)


def _forget_files(names: list[str]) -> None:
    """Files saved by a transaction that was then rolled back."""
    from django.core.files.storage import default_storage

    for name in names:
        default_storage.delete(name)


def _comment_for_user(user, pk) -> Comment:
    return get_object_or_404(
        Comment.objects.select_related(
            "consultation", "consultation__institution", "section", "organisation"
        ),
        pk=pk,
    )


# --- the comment form ----------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def comment_create_view(request, slug):
    user = request.user
    consultation = selectors.consultation_get_for_user(user=user, slug=slug)
    refusal = _comment_refusal(user, consultation)
    if refusal is not None:
        return _refused(request, consultation, *refusal)
    version = consultation.current_version
    key = request.GET.get("sekcja", "").strip()
    section = None
    if key and key != selectors.GENERAL_KEY:
        section = Section.objects.filter(version=version, key=key).first()
        if section is None:
            raise Http404
    posted = request.method == "POST"
    form = CommentForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        consultation=consultation,
        section=section,
        user=user,
    )
    status = 200
    if posted:
        status = 400
        if form.is_valid():
            stored: list[str] = []
            try:
                # One transaction: a refused attachment leaves no comment behind.
                with transaction.atomic():
                    comment = comment_create(
                        consultation=consultation, actor=user, **form.service_kwargs()
                    )
                    _add_files(comment, user, form.cleaned_data["attachments"], stored)
            except ConsultationError as exc:
                _forget_files(stored)
                _apply_error(form, exc)
                status = exc.status_code
            else:
                text = _(
                    "Thank you. Your comment has been registered under the reference "
                    "number %(reference)s."
                )
                if comment.visibility == Comment.Visibility.PENDING:
                    text += " " + _(
                        "It will appear on the page after moderation; until then "
                        "only you and the institution can see it."
                    )
                messages.success(request, text % {"reference": comment.reference})
                return redirect(_section_url(comment))
    return render(
        request,
        "consultations/comments/form.html",
        {
            "consultation": consultation,
            "version": version,
            "section": section,
            "key": section.key if section else "",
            "form": form,
            "pre_moderation": consultation.moderation == Consultation.Moderation.BEFORE,
        },
        status=status,
    )


# --- changing a comment --------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def comment_edit_view(request, pk):
    user = request.user
    comment = _comment_for_user(user, pk)
    consultation = comment.consultation
    if not can(user, "consultations.change_comment", comment):
        manages = can(user, "consultations.moderate", consultation)
        own = comment.author_id == user.pk or (
            manages and comment.channel != Comment.Channel.ONLINE
        )
        if own and consultation.phase != Phase.OPEN:
            return _refused(
                request,
                consultation,
                _("Comments can be changed only while the consultation is open."),
                409,
            )
        if manages:
            raise PermissionDenied
        raise Http404
    attachments = list(comment.attachments.all())
    if request.method == "POST" and "delete_attachment" in request.POST:
        attachment = get_object_or_404(
            CommentAttachment,
            comment=comment,
            pk=_int_or_404(request.POST["delete_attachment"]),
        )
        try:
            comment_attachment_delete(attachment=attachment, actor=user)
        except ConsultationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _("The attachment %(title)s has been removed.")
                % {"title": attachment.title},
            )
        return redirect("consultations:comment_edit", pk=comment.pk)
    posted = request.method == "POST"
    form = CommentEditForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        comment=comment,
    )
    status = 200
    if posted:
        status = 400
        if form.is_valid():
            stored: list[str] = []
            try:
                with transaction.atomic():
                    comment = comment_update(
                        comment=comment, actor=user, **form.service_kwargs()
                    )
                    _add_files(
                        comment, user, form.cleaned_data.get("attachments", []), stored
                    )
            except ConsultationError as exc:
                _forget_files(stored)
                _apply_error(form, exc)
                status = exc.status_code
            else:
                messages.success(
                    request,
                    _("Your changes to comment %(reference)s have been saved.")
                    % {"reference": comment.reference},
                )
                return redirect(_section_url(comment))
    return render(
        request,
        "consultations/comments/edit.html",
        {
            "consultation": consultation,
            "comment": comment,
            "attachments": attachments,
            "form": form,
        },
        status=status,
    )


def _int_or_404(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


# --- reporting abuse -----------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def comment_report_view(request, pk):
    user = request.user
    comment = _comment_for_user(user, pk)
    # Only public comments of a consultation the person can see can be reported.
    selectors.consultation_get_for_user(user=user, slug=comment.consultation.slug)
    if comment.visibility != Comment.Visibility.PUBLIC:
        raise Http404
    already = AbuseReport.objects.filter(comment=comment, reporter=user).exists()
    form = AbuseReportForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                abuse_report_create(
                    comment=comment, actor=user, reason=form.cleaned_data["reason"]
                )
            except ConsultationError as exc:
                _apply_error(form, exc)
                status = exc.status_code
            else:
                if already:
                    messages.info(
                        request,
                        _(
                            "You had already reported this comment; the moderators "
                            "have your report."
                        ),
                    )
                else:
                    messages.success(
                        request,
                        _(
                            "Thank you. The moderators of the institution will look "
                            "at comment %(reference)s."
                        )
                        % {"reference": comment.reference},
                    )
                return redirect(_section_url(comment))
    return render(
        request,
        "consultations/comments/report.html",
        {
            "consultation": comment.consultation,
            "comment": comment,
            "already": already,
            "form": form,
        },
        status=status,
    )


# --- my comments ---------------------------------------------------------------------


@login_required
def my_comments(request):
    comments = (
        Comment.objects.filter(author=request.user)
        .select_related(
            "consultation",
            "consultation__institution",
            "section",
            "response",
            "organisation",
        )
        .order_by("-created_at", "-id")
    )
    page_obj = paginate(request, comments)
    now = timezone.now()
    for comment in page_obj.object_list:
        phase = comment.consultation.phase_at(now)
        comment.may_edit = phase == Phase.OPEN
        comment.shows_position = phase == Phase.REPORTED and comment.response_id
        comment.section_url = _section_url(comment)
    response = render(
        request, "consultations/comments/mine.html", {"page_obj": page_obj}
    )
    response["Cache-Control"] = "private, no-store"
    return response


# --- written opinions entered by staff -----------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def opinion_enter_view(request, slug):
    user = request.user
    consultation = selectors.consultation_get_for_user(user=user, slug=slug)
    if not can(user, "consultations.enter_opinion", consultation):
        if can(user, "consultations.moderate", consultation):
            return _refused(
                request,
                consultation,
                _(
                    "Written opinions are entered while the consultation is open or "
                    "after it closes, until the responses are being prepared."
                ),
                409,
            )
        raise PermissionDenied
    if consultation.current_version is None:
        return _refused(
            request,
            consultation,
            _("The text of the draft has not been published yet."),
            409,
        )
    posted = request.method == "POST"
    form = OpinionForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        consultation=consultation,
    )
    status = 200
    if posted:
        status = 400
        if form.is_valid():
            stored: list[str] = []
            try:
                with transaction.atomic():
                    comment = opinion_enter(
                        consultation=consultation, actor=user, **form.service_kwargs()
                    )
                    _add_files(comment, user, form.cleaned_data["attachments"], stored)
            except ConsultationError as exc:
                _forget_files(stored)
                _apply_error(form, exc)
                status = exc.status_code
            else:
                messages.success(
                    request,
                    _(
                        "The written opinion has been entered under the reference "
                        "number %(reference)s."
                    )
                    % {"reference": comment.reference},
                )
                return redirect("consultations:opinion_enter", slug=consultation.slug)
    return render(
        request,
        "consultations/comments/opinion.html",
        {"consultation": consultation, "form": form},
        status=status,
    )


# --- moderation ----------------------------------------------------------------------


def _moderation_lists(consultation: Consultation) -> dict:
    base = Comment.objects.filter(consultation=consultation).select_related(
        "section", "organisation", "author"
    )
    pending = list(
        base.filter(visibility=Comment.Visibility.PENDING)
        .prefetch_related("attachments")
        .order_by("number")
    )
    open_reports = AbuseReport.objects.filter(resolved_at=None).order_by("created_at")
    reported = list(
        base.filter(
            visibility=Comment.Visibility.PUBLIC,
            pk__in=open_reports.values("comment_id"),
        )
        .prefetch_related(
            "attachments",
            Prefetch("abuse_reports", queryset=open_reports, to_attr="open_reports"),
        )
        .order_by("number")
    )
    hidden = list(
        base.filter(visibility=Comment.Visibility.HIDDEN)
        .prefetch_related("attachments")
        .order_by("-updated_at", "-id")[:HIDDEN_SHOWN]
    )
    for comment in (*pending, *reported, *hidden):
        # References are built from the consultation: no query per row.
        comment.consultation = consultation
    return {"pending": pending, "reported": reported, "hidden": hidden}


@login_required
@require_http_methods(["GET", "POST"])
def moderation_view(request, slug):
    user = request.user
    consultation = selectors.consultation_get_for_user(user=user, slug=slug)
    if not can(user, "consultations.moderate", consultation):
        raise PermissionDenied
    errors: dict[int, str] = {}
    values: dict[int, str] = {}
    status = 200
    if request.method == "POST":
        comment = get_object_or_404(
            Comment.objects.select_related("consultation"),
            consultation=consultation,
            pk=_int_or_404(request.POST.get("comment")),
        )
        form = ModerationForm(request.POST)
        if form.is_valid():
            action = form.cleaned_data["action"]
            try:
                comment = comment_moderate(
                    comment=comment,
                    actor=user,
                    visible=action != ModerationForm.HIDE,
                    reason=form.cleaned_data["hidden_reason"],
                )
            except ConsultationError as exc:
                errors[comment.pk] = exc.message
                status = exc.status_code
            else:
                text = {
                    ModerationForm.APPROVE: _("Comment %(reference)s is now public."),
                    ModerationForm.KEEP: _(
                        "Comment %(reference)s stays visible; its reports are closed."
                    ),
                    ModerationForm.HIDE: _("Comment %(reference)s has been hidden."),
                }[action]
                messages.success(request, text % {"reference": comment.reference})
                return redirect("consultations:moderation", slug=consultation.slug)
        else:
            errors[comment.pk] = " ".join(
                str(e) for field_errors in form.errors.values() for e in field_errors
            )
            values[comment.pk] = request.POST.get("hidden_reason", "")
            status = 400
    lists = _moderation_lists(consultation)
    listed = [*lists["pending"], *lists["reported"], *lists["hidden"]]
    selected = _selected_comment(request, consultation, errors, listed)
    for comment in [*listed, *([selected] if selected else [])]:
        comment.error = errors.get(comment.pk)
        comment.reason_value = values.get(comment.pk, "")
    return render(
        request,
        "consultations/comments/moderation.html",
        {
            "consultation": consultation,
            "selected": selected,
            "number": request.GET.get("numer", ""),
            **lists,
        },
        status=status,
    )


def _selected_comment(request, consultation, errors, listed) -> Comment | None:
    """The comment looked up by its number (?numer=37), so that any public comment
    can be hidden; or the one whose refused action is not in the lists above."""
    listed_ids = {c.pk for c in listed}
    pk = next((pk for pk in errors if pk not in listed_ids), None)
    number = request.GET.get("numer", "").strip()
    if number.isdigit() and pk is None:
        lookup = {"number": int(number)}
    elif pk is not None:
        lookup = {"pk": pk}
    else:
        return None
    comment = (
        Comment.objects.filter(consultation=consultation, **lookup)
        .select_related("section", "organisation", "author")
        .prefetch_related("attachments")
        .first()
    )
    if comment is not None:
        comment.consultation = consultation
        if comment.pk in listed_ids:
            return None
    return comment
