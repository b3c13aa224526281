"""Factories for consultations (shared by the consultation tests)."""

from datetime import timedelta

import factory
from django.utils import timezone
from django.utils.text import slugify

from razem.consultations.models import Comment, Consultation, DocumentVersion, Section
from tests.factories import InstitutionFactory


class ConsultationFactory(factory.django.DjangoModelFactory):
    """A published consultation, open now for 14 days, commented by anyone signed in."""

    class Meta:
        model = Consultation
        skip_postgeneration_save = True

    institution = factory.SubFactory(InstitutionFactory)
    title = factory.Sequence(lambda n: f"Projekt programu współpracy {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    kind = Consultation.Kind.COOPERATION_PROGRAMME
    subject = "Roczny program współpracy z organizacjami pozarządowymi."
    status = Consultation.Status.PUBLISHED
    starts_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(days=14))
    year = factory.LazyAttribute(lambda o: o.starts_at.year)
    number = factory.Sequence(lambda n: n + 1)

    @factory.post_generation
    def sections(obj, create, extracted, **kwargs):
        """A first version with three sections unless sections=0."""
        if not create or extracted == 0:
            return
        version = DocumentVersion.objects.create(consultation=obj, number=1)
        for i in range(extracted or 3):
            Section.objects.create(
                version=version,
                key=f"par-{i + 1}",
                label=f"§ {i + 1}",
                text=f"Treść paragrafu {i + 1}.",
                position=i,
            )


def comment(consultation, n=None, **kwargs) -> Comment:
    """A public online comment on the first section (without the service)."""
    version = consultation.current_version
    number = n or (consultation.comments.count() + 1)
    defaults = dict(
        consultation=consultation,
        number=number,
        version=version,
        section=version.sections.first(),
        justification=f"Uzasadnienie {number}",
        author_name="Jan Kowalski",
    )
    defaults.update(kwargs)
    return Comment.objects.create(**defaults)
