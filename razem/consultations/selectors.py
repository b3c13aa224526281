"""Reads of consultations: lists of what a person may see; one consultation fetched
and authorised together (not found = not allowed)."""

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from razem.consultations.models import Comment, Consultation
from razem.institutions.models import InstitutionStaff


def consultations_visible_to(*, user) -> QuerySet[Consultation]:
    """Published ones (any phase after draft), plus drafts of the person's
    institutions; a platform administrator sees all."""
    visible = ~Q(status=Consultation.Status.DRAFT)
    if getattr(user, "is_authenticated", False):
        if user.is_superuser:
            return Consultation.objects.all()
        visible |= Q(
            institution_id__in=InstitutionStaff.objects.filter(user=user).values(
                "institution_id"
            )
        )
    return Consultation.objects.filter(visible)


def consultation_get_for_user(*, user, slug: str) -> Consultation:
    consultation = (
        consultations_visible_to(user=user)
        .select_related("institution", "unit", "territory", "meeting")
        .filter(slug=slug)
        .first()
    )
    if consultation is None:
        raise Http404
    return consultation


def comments_visible_to(*, user, consultation: Consultation) -> QuerySet[Comment]:
    """Public comments, plus the person's own (pending or hidden, so they know);
    managers see all."""
    from razem.consultations.rules import can

    comments = Comment.objects.filter(consultation=consultation)
    if can(user, "consultations.moderate", consultation):
        return comments
    mine = (
        Q(author_id=user.pk) if getattr(user, "is_authenticated", False) else Q(pk=None)
    )
    return comments.filter(Q(visibility=Comment.Visibility.PUBLIC) | mine)


def section_comment_counts(*, consultation: Consultation, version) -> dict[int, int]:
    """{section id: number of public comments} for one version, in one query."""
    rows = (
        Comment.objects.filter(
            consultation=consultation,
            version=version,
            visibility=Comment.Visibility.PUBLIC,
            section__isnull=False,
        )
        .values("section_id")
        .annotate(n=Count("id"))
    )
    return {row["section_id"]: row["n"] for row in rows}


# Public pages

GENERAL_KEY = "calosc"  # the section page of comments on the whole document

PHASE_FILTERS = ("open", "upcoming", "closed", "reported")


def _in_phase(phase: str, now) -> Q:
    published = Q(status=Consultation.Status.PUBLISHED)
    return {
        "open": published & Q(starts_at__lte=now, ends_at__gt=now),
        "upcoming": published & Q(starts_at__gt=now),
        # Comments closed, report not yet published.
        "closed": (published & Q(ends_at__lte=now))
        | Q(status=Consultation.Status.RESPONDING),
        "reported": Q(status=Consultation.Status.REPORTED),
    }[phase]


def _reference_filter(text: str) -> Q | None:
    """`K-2026-014` (or `K-2026-14`) as a filter on year and number, else None."""
    parts = text.strip().upper().split("-")
    if len(parts) == 3 and parts[0] == "K" and parts[1].isdigit():
        if parts[2].isdigit():
            return Q(year=int(parts[1]), number=int(parts[2]))
    return None


def consultation_list(
    *,
    user,
    phase: str = "",
    kind: str = "",
    institution: str = "",
    area: str = "",
    territory: str = "",
    q: str = "",
    now=None,
) -> QuerySet[Consultation]:
    """Non-draft consultations, filtered, newest first, each annotated with
    `public_comments` (a count, not a query per row).

    `phase` is one of PHASE_FILTERS ("closed" includes those whose responses are
    being prepared); `institution` is its slug; `area` a public benefit area code;
    `territory` a TERC code of any level, matching the consultation's territory or,
    when it names none, its institution's; `q` words of the title, subject or
    institution, or a reference such as K-2026-014.
    """
    from django.utils import timezone

    now = now or timezone.now()
    consultations = consultations_visible_to(user=user).exclude(
        status=Consultation.Status.DRAFT
    )
    if phase in PHASE_FILTERS:
        consultations = consultations.filter(_in_phase(phase, now))
    if kind:
        consultations = consultations.filter(kind=kind)
    if institution:
        consultations = consultations.filter(institution__slug=institution)
    if area:
        consultations = consultations.filter(
            pk__in=Consultation.areas.through.objects.filter(
                publicbenefitarea__code=area
            ).values("consultation_id")
        )
    if territory:
        consultations = consultations.filter(
            Q(territory__code__startswith=territory)
            | Q(
                territory__isnull=True,
                institution__territory__code__startswith=territory,
            )
        )
    q = (q or "").strip()
    if q:
        matches = _reference_filter(q)
        if matches is None:
            matches = Q()
            for word in q.split()[:10]:
                matches &= (
                    Q(title__icontains=word)
                    | Q(subject__icontains=word)
                    | Q(institution__name__icontains=word)
                )
        consultations = consultations.filter(matches)
    # A correlated subquery, not a join: the paginator's COUNT leaves it out and
    # the database computes it for the rows of one page only.
    public_comments = (
        Comment.objects.filter(
            consultation=OuterRef("pk"), visibility=Comment.Visibility.PUBLIC
        )
        .order_by()
        .values("consultation")
        .annotate(n=Count("id"))
        .values("n")
    )
    return (
        consultations.select_related("institution")
        .annotate(public_comments=Coalesce(Subquery(public_comments), 0))
        .order_by("-starts_at", "-id")
    )


def institution_choices() -> list[tuple[str, str]]:
    """[(slug, name)] of institutions with published consultations (for a filter)."""
    from razem.institutions.models import Institution

    return list(
        Institution.objects.filter(
            pk__in=Consultation.objects.exclude(
                status=Consultation.Status.DRAFT
            ).values("institution_id")
        )
        .order_by("name")
        .values_list("slug", "name")
    )


def consultations_of_institution(*, institution, limit: int = 10) -> list:
    """The institution's latest non-draft consultations, in one query."""
    return list(
        Consultation.objects.filter(institution=institution)
        .exclude(status=Consultation.Status.DRAFT)
        .order_by("-starts_at", "-id")[:limit]
    )


def comment_counts_cache_key(consultation_id: int) -> str:
    return f"consultations:comment-counts:{consultation_id}"


def section_key_comment_counts(*, consultation: Consultation) -> dict[str, int]:
    """{section key: number of public comments} over every version (a key is stable
    across versions, so comments follow their section), with GENERAL_KEY for those
    on the whole document; one query, cached for a minute (the services drop the
    cache when a comment is added, changed or moderated)."""
    from django.core.cache import cache

    key = comment_counts_cache_key(consultation.pk)
    counts = cache.get(key)
    if counts is None:
        counts = _section_key_comment_counts(consultation)
        cache.set(key, counts, 60)
    return counts


def _section_key_comment_counts(consultation: Consultation) -> dict[str, int]:
    rows = (
        Comment.objects.filter(
            consultation=consultation, visibility=Comment.Visibility.PUBLIC
        )
        .values("section__key")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {(row["section__key"] or GENERAL_KEY): row["n"] for row in rows}


def section_get(*, consultation: Consultation, key: str, version=None):
    """The section with `key` in `version` (the current one by default), else in the
    latest version that has it; Http404 if no version has it."""
    from razem.consultations.models import Section

    sections = Section.objects.filter(version__consultation=consultation, key=key)
    if version is not None:
        section = sections.filter(version=version).select_related("version").first()
        if section is not None:
            return section
    section = sections.select_related("version").order_by("-version__number").first()
    if section is None:
        raise Http404
    return section


def section_comments(
    *, user, consultation: Consultation, key: str
) -> QuerySet[Comment]:
    """The comments a person may see on the section `key` in any version (or, with
    GENERAL_KEY, on the whole document), by number, with what each row shows."""
    comments = comments_visible_to(user=user, consultation=consultation)
    if key == GENERAL_KEY:
        comments = comments.filter(section__isnull=True)
    else:
        comments = comments.filter(section__key=key)
    return (
        comments.select_related("organisation", "response", "version")
        .prefetch_related("attachments")
        .order_by("number")
    )
