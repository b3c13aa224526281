"""How consultations appear in the search index (registered in apps.ready).
Drafts are never indexed."""

from django.utils.translation import gettext_lazy as _

from razem.search.registry import Entry, register


def consultation_entry(consultation) -> Entry | None:
    from razem.consultations.models import Consultation

    if consultation.status == Consultation.Status.DRAFT:
        return None
    areas = list(consultation.areas.all())
    return Entry(
        title=consultation.title,
        url=consultation.get_absolute_url(),
        name=consultation.title,
        short_name=f"{consultation.reference} {consultation.institution.name}",
        areas=" ".join(f"{a.name_pl} {a.name_en}" for a in areas),
        description=" ".join(
            filter(None, [consultation.subject, consultation.legal_basis])
        ),
        summary=consultation.subject,
        territory_code=consultation.territory.code if consultation.territory_id else "",
        area_codes=tuple(a.code for a in areas),
        facets=(f"consultation_kind:{consultation.kind}",),
    )


def register_search() -> None:
    from razem.consultations.models import Consultation

    register(
        name="consultation",
        label=_("consultation"),
        model=Consultation,
        adapter=consultation_entry,
        queryset=lambda: Consultation.objects.select_related(
            "territory", "institution"
        ).prefetch_related("areas"),
        m2m_fields=("areas",),
    )
