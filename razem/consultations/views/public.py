"""Public consultation pages: the list, one consultation with its sectioned draft,
and one section with its comments. Thin adapters over selectors; comments are only
counted on the consultation page (a draft may have thousands) and paginated on the
section pages. Drafts appear only to the institution's staff."""

from urllib.parse import quote

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from razem.consultations import selectors
from razem.consultations.forms.public import ConsultationFilterForm
from razem.consultations.models import Consultation
from razem.consultations.rules import can
from razem.core.pagination import paginate

COMMENTS_PER_PAGE = 25
SECTIONS_PER_PAGE = 50
FILE_TYPES = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
    "application/vnd.oasis.opendocument.text": "ODT",
    "application/msword": "DOC",
    "application/rtf": "RTF",
}
# The draft is under an h2; its sections start at h3 and stop at h6.
FIRST_SECTION_HEADING = 3


def _heading_level(depth: int) -> int:
    return min(FIRST_SECTION_HEADING + depth, 6)


def _file_type(attachment) -> str:
    if attachment.content_type in FILE_TYPES:
        return FILE_TYPES[attachment.content_type]
    name = attachment.file.name or ""
    return name.rsplit(".", 1)[-1].upper() if "." in name else ""


@require_GET
def consultation_list(request):
    form = ConsultationFilterForm(request.GET)
    form.is_valid()
    consultations = selectors.consultation_list(
        user=request.user, **form.selector_kwargs()
    )
    return render(
        request,
        "consultations/public/list.html",
        {
            "form": form,
            "page_obj": paginate(request, consultations),
            "can_create": can(request.user, "consultations.add_consultation"),
        },
    )


def _tools(user, consultation: Consultation) -> dict:
    """The staff toolbar's links, each behind its own permission."""
    if not can(user, "consultations.moderate", consultation):
        return {}
    names = {
        "change": "consultations.change_consultation",
        "publish_version": "consultations.publish_version",
        "publish": "consultations.publish_consultation",
        "enter_opinion": "consultations.enter_opinion",
        "respond": "consultations.respond",
        "publish_report": "consultations.publish_report",
    }
    tools = {key: can(user, perm, consultation) for key, perm in names.items()}
    tools["moderate"] = True
    return tools


@require_GET
def consultation_detail(request, slug):
    user = request.user
    consultation = selectors.consultation_get_for_user(user=user, slug=slug)
    version = consultation.current_version
    sections = list(version.sections.all()) if version else []
    counts = selectors.section_key_comment_counts(consultation=consultation)
    # A long draft (hundreds of articles) is shown SECTIONS_PER_PAGE sections at a
    # time; the contents list every section with a link to its page and anchor.
    page_obj = paginate(request, sections, SECTIONS_PER_PAGE)
    section_url = reverse(
        "consultations:section", kwargs={"slug": consultation.slug, "key": "-"}
    )[:-2]
    comment_url = reverse("consultations:comment_create", kwargs={"slug": slug})
    for index, section in enumerate(sections):
        section.page = index // SECTIONS_PER_PAGE + 1
        section.public_comments = counts.get(section.key, 0)
        section.heading_level = _heading_level(section.depth)
        # URLs built once here: {% url %} for each of 500 sections is slow.
        section.comments_url = f"{section_url}{quote(section.key)}/"
        section.comment_url = f"{comment_url}?sekcja={quote(section.key)}"
    attachments = [(a, _file_type(a)) for a in consultation.attachments.all()]
    invited = []
    if consultation.participation == Consultation.Participation.INVITED:
        invited = list(consultation.invited_organisations.order_by("name"))
    return render(
        request,
        "consultations/public/detail.html",
        {
            "consultation": consultation,
            "phase": consultation.phase,
            "version": version,
            "sections": sections,
            "page_obj": page_obj,
            "general_key": selectors.GENERAL_KEY,
            "general_comments": counts.get(selectors.GENERAL_KEY, 0),
            "attachments": attachments,
            "areas": list(consultation.areas.all()),
            "invited_organisations": invited,
            "can_comment": can(user, "consultations.comment", consultation),
            "can_view_report": consultation.status == Consultation.Status.REPORTED,
            "tools": _tools(user, consultation),
        },
    )


@require_GET
def section_detail(request, slug, key):
    user = request.user
    consultation = selectors.consultation_get_for_user(user=user, slug=slug)
    version = consultation.current_version
    general = key == selectors.GENERAL_KEY
    section = (
        None
        if general
        else selectors.section_get(consultation=consultation, key=key, version=version)
    )
    comments = selectors.section_comments(user=user, consultation=consultation, key=key)
    page_obj = paginate(request, comments, COMMENTS_PER_PAGE)
    for item in page_obj.object_list:
        # Every row's reference is built from the consultation: no query per row.
        item.consultation = consultation
    is_open = consultation.phase == Consultation.Phase.OPEN
    can_moderate = can(user, "consultations.moderate", consultation)
    return render(
        request,
        "consultations/public/section.html",
        {
            "consultation": consultation,
            "version": version,
            "section": section,
            "general": general,
            "key": key,
            "old_section": section is not None and section.version_id != version.pk,
            "page_obj": page_obj,
            "can_comment": can(user, "consultations.comment", consultation),
            # Positions are public with the report; staff see them as they write.
            "show_positions": can(user, "consultations.view_report", consultation),
            "author_may_edit": is_open,
            "staff_may_edit": can_moderate and is_open,
            "can_moderate": can_moderate,
        },
    )
