"""factory_boy factories shared by every test module."""

from datetime import timedelta

import factory
from django.utils import timezone
from django.utils.text import slugify

from razem.accounts.models import User
from razem.areas.models import PublicBenefitArea
from razem.institutions.models import Institution, InstitutionStaff, ThematicGroup, Unit
from razem.organisations.models import LegalForm, Membership, Organisation
from razem.territories.models import Territory


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="pl_PL")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        """Users have a verified primary e-mail unless verified=False is passed."""
        if not create:
            return
        obj.save()  # keeps the password set by the post-generation call above
        if extracted is not False:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.get_or_create(
                user=obj, email=obj.email, defaults={"verified": True, "primary": True}
            )


class VoivodeshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Territory
        django_get_or_create = ("code",)

    code = "30"
    name = "wielkopolskie"
    kind = Territory.Kind.VOIVODESHIP
    lat, lon = 52.33, 17.22


class PowiatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Territory
        django_get_or_create = ("code",)

    parent = factory.SubFactory(VoivodeshipFactory)
    code = "3004"
    name = "gostyński"
    kind = Territory.Kind.POWIAT
    lat, lon = 51.87, 17.01


class GminaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Territory
        django_get_or_create = ("code",)

    parent = factory.SubFactory(PowiatFactory)
    code = "3004023"
    name = "Gostyń"
    kind = Territory.Kind.GMINA
    subkind = "gmina miejsko-wiejska"
    lat = factory.SelfAttribute("parent.lat")
    lon = factory.SelfAttribute("parent.lon")


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PublicBenefitArea
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"area-{n}")
    name_pl = factory.Sequence(lambda n: f"sfera {n}")
    name_en = factory.Sequence(lambda n: f"area {n}")


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution

    name = factory.Sequence(lambda n: f"Urząd Gminy nr {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = Institution.Kind.GMINA
    territory = factory.SubFactory(GminaFactory)
    liaison_name = "Anna Nowak"
    liaison_email = factory.LazyAttribute(lambda o: f"ngo@{o.slug}.gov.pl")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    institution = factory.SubFactory(InstitutionFactory)
    name = factory.Sequence(lambda n: f"Wydział {n}")


class ThematicGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ThematicGroup

    institution = factory.SubFactory(InstitutionFactory)
    name = factory.Sequence(lambda n: f"Grupa tematyczna {n}")


class StaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InstitutionStaff

    institution = factory.SubFactory(InstitutionFactory)
    user = factory.SubFactory(UserFactory)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Stowarzyszenie Przyjaciół Gostynia {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name)[:120])
    legal_form = LegalForm.STOWARZYSZENIE
    seat = factory.SubFactory(GminaFactory)
    description = "Działamy na rzecz mieszkańców powiatu gostyńskiego."
    email = factory.LazyAttribute(lambda o: f"biuro@{o.slug[:30]}.org.pl")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.REPRESENTATIVE
    status = Membership.Status.APPROVED


class EventFactory(factory.django.DjangoModelFactory):
    """A published open meeting next month, registration open now, 10 seats."""

    class Meta:
        model = "events.Event"
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Spotkanie otwarte {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    kind = "open_meeting"
    status = "published"
    institution = factory.SubFactory(InstitutionFactory)
    description = "Ministerstwo przedstawia plany, organizacje wyrażają opinie."
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=3))
    venue_name = "Sala konferencyjna urzędu"
    venue_address = "ul. Przykładowa 1, Opole"
    capacity = 10


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.Question"

    event = factory.SubFactory(EventFactory)
    kind = "text"
    label = factory.Sequence(lambda n: f"Pytanie {n}")
