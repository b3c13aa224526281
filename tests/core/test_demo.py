import random
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from stdnum.pl import nip as stdnum_nip
from stdnum.pl import regon as stdnum_regon

from razem.accounts.models import User
from razem.areas.models import PublicBenefitArea
from razem.core.demo import DEMO_PASSWORD, DEMO_USERS
from razem.core.demo.institutions import INSTITUTIONS, UMWO
from razem.core.demo.names import KINDS
from razem.core.demo.numbers import NumberSource
from razem.core.demo.organisations import (
    FIXED_NAMES,
    feminine_genitive,
    locative,
    masculine_genitive,
)
from razem.core.demo.places import PLACES
from razem.core.models import AuditEntry
from razem.institutions.models import (
    Institution,
    InstitutionStaff,
    ThematicGroup,
    Unit,
    territory_mismatch,
)
from razem.organisations.models import LegalForm, Membership, Organisation
from razem.search.models import SearchDocument
from razem.territories.models import Territory
from tests.factories import OrganisationFactory

VOIVODESHIPS = {
    "02",
    "04",
    "06",
    "08",
    "10",
    "12",
    "14",
    "16",
    "18",
    "20",
    "22",
    "24",
    "26",
    "28",
    "30",
    "32",
}


def run_demo() -> str:
    out = StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    models = [
        Territory,
        PublicBenefitArea,
        Institution,
        Unit,
        ThematicGroup,
        InstitutionStaff,
        Organisation,
        Organisation.areas.through,
        Organisation.activity_territories.through,
        Membership,
        User,
        EmailAddress,
        SearchDocument,
    ]
    return {model.__name__: model.objects.count() for model in models}


def snapshot() -> dict[str, tuple]:
    return {
        o.slug: (o.name, o.krs, o.nip, o.regon, o.seat_id, o.lat, o.verified_by_id)
        for o in Organisation.objects.filter(is_demo=True)
    }


@pytest.mark.django_db
def test_running_demo_twice_gives_the_same_rows_and_the_same_numbers():
    first_output = run_demo()
    first_counts, first_snapshot = counts(), snapshot()
    second_output = run_demo()
    assert counts() == first_counts
    assert snapshot() == first_snapshot
    assert "200 new" in first_output
    assert "0 new" in second_output and "200 unchanged" in second_output
    assert AuditEntry.objects.filter(action="core.demo.loaded").count() == 2


@pytest.mark.django_db
def test_demo_organisations_cover_poland_with_valid_registry_numbers():
    run_demo()
    organisations = list(
        Organisation.objects.filter(is_demo=True)
        .select_related("seat")
        .prefetch_related("areas")
    )
    assert 190 <= len(organisations) <= 210
    by_voivodeship = {}
    for organisation in organisations:
        by_voivodeship.setdefault(organisation.seat.code[:2], []).append(organisation)
    assert set(by_voivodeship) == VOIVODESHIPS
    others = max(len(v) for k, v in by_voivodeship.items() if k not in {"16", "30"})
    assert len(by_voivodeship["16"]) > 3 * others
    assert len(by_voivodeship["30"]) > 3 * others
    assert {o.legal_form for o in organisations} >= set(LegalForm.values) - {""}
    assert FIXED_NAMES <= {o.name for o in organisations}
    assert len({o.slug for o in organisations}) == len(organisations)
    krs = [o.krs for o in organisations if o.krs]
    assert len(krs) > 100 and len(set(krs)) == len(krs)
    assert all(len(k) == 10 and k.isdigit() for k in krs)
    nips = [o.nip for o in organisations if o.nip]
    assert len(set(nips)) == len(nips) > 100
    assert all(stdnum_nip.is_valid(n) for n in nips)
    assert all(stdnum_regon.is_valid(o.regon) for o in organisations if o.regon)
    registered = {LegalForm.FUNDACJA, LegalForm.SPOLDZIELNIA_SOCJALNA}
    assert all(o.krs for o in organisations if o.legal_form in registered)
    assert not any(
        o.krs or o.nip or o.regon
        for o in organisations
        if o.legal_form == LegalForm.GRUPA_NIEFORMALNA
    )
    assert all(o.seat.kind == Territory.Kind.GMINA for o in organisations)
    assert all(1 <= len(o.areas.all()) <= 4 for o in organisations)
    assert all(o.description and o.resources for o in organisations)
    assert all(o.email.endswith(".example.pl") for o in organisations)
    assert any(
        "Ogólnopolska Federacja Organizacji Pozarządowych" in o.networks
        for o in organisations
    )
    assert 0 < sum(o.is_public_benefit for o in organisations) < len(organisations)
    verified = [o for o in organisations if o.is_verified]
    assert 0 < len(verified) < len(organisations)
    assert all(o.verified_by.is_demo and o.verified_at for o in verified)
    for organisation in organisations:
        organisation.full_clean()  # models' validators: KRS, NIP, REGON, e-mail, URL
    from razem.search.registry import KINDS as SEARCH_KINDS

    if "organisation" in SEARCH_KINDS:  # bulk writes are indexed explicitly
        indexed = SearchDocument.objects.filter(kind="organisation").count()
        assert indexed == len(organisations)


@pytest.mark.django_db
def test_demo_institutions_come_from_the_seeds_with_real_territories():
    run_demo()
    institutions = {i.slug: i for i in Institution.objects.select_related("territory")}
    assert set(institutions) == {spec.slug for spec in INSTITUTIONS}
    for institution in institutions.values():
        assert institution.is_demo
        assert not institution.require_staff_2fa
        assert territory_mismatch(institution.kind, institution.territory) is None
        assert institution.units.exists()
        assert institution.liaison_name and institution.liaison_email
    assert institutions[UMWO].territory.code == "16"
    assert institutions["starostwo-powiatowe-w-gostyniu"].territory.code == "3004"
    assert institutions["urzad-miasta-opola"].territory.code == "1661011"
    assert institutions["ministerstwo-rozwoju"].territory is None
    assert institutions["zwiazek-miast-polskich"].kind == Institution.Kind.OTHER
    assert Unit.objects.filter(
        institution__slug="ministerstwo-rozwoju",
        name="Departament Współpracy Terytorialnej",
    ).exists()
    assert Unit.objects.filter(
        institution__slug=UMWO, name="Regionalny Ośrodek Polityki Społecznej"
    ).exists()
    economy = ThematicGroup.objects.get(
        institution__slug="ministerstwo-gospodarki", name="Ekonomia społeczna"
    )
    assert "social_economy" in {a.code for a in economy.areas.all()}
    economy_groups = institutions["ministerstwo-gospodarki"].thematic_groups.all()
    assert {g.name for g in economy_groups} >= {
        "Przedsiębiorczość",
        "Innowacje i nowe technologie",
        "Turystyka",
    }
    assert not ThematicGroup.objects.filter(areas=None).exists()


@pytest.mark.django_db
def test_each_demo_user_signs_in_with_the_printed_password_and_has_the_promised_role(
    client,
):
    output = run_demo()
    assert DEMO_PASSWORD in output
    for demo in DEMO_USERS:
        assert demo.email in output
        assert client.login(email=demo.email, password=DEMO_PASSWORD), demo.email
        client.logout()
        assert EmailAddress.objects.filter(
            email=demo.email, verified=True, primary=True
        ).exists()

    def user(local):
        return User.objects.get(email=f"{local}@demo.razem.local")

    admin = user("admin")
    assert admin.is_superuser and admin.is_staff
    official = InstitutionStaff.objects.get(user=user("urzednik"))
    assert official.institution.slug == UMWO and official.unit is not None
    assert not official.is_liaison
    liaison = InstitutionStaff.objects.get(user=user("pelnomocnik"))
    assert liaison.institution.slug == UMWO
    assert liaison.is_liaison and liaison.is_manager
    representative = Membership.objects.get(user=user("przedstawiciel"))
    assert representative.role == Membership.Role.REPRESENTATIVE
    assert representative.status == Membership.Status.APPROVED
    assert representative.organisation.is_demo
    assert user("przedstawiciel").has_perm(
        "organisations.change_organisation", representative.organisation
    )
    member = Membership.objects.get(user=user("czlonek"))
    assert (member.role, member.status) == (
        Membership.Role.MEMBER,
        Membership.Status.APPROVED,
    )
    resident = user("mieszkaniec")
    assert not resident.is_staff
    assert not resident.memberships.exists()
    assert not resident.institution_roles.exists()
    for local in ("urzednik", "pelnomocnik", "przedstawiciel", "czlonek"):
        assert not user(local).is_staff


@pytest.mark.django_db
def test_demo_resets_changed_passwords_and_roles_on_the_next_run(client):
    run_demo()
    resident = User.objects.get(email="mieszkaniec@demo.razem.local")
    resident.set_password("something-else-entirely")
    resident.save()
    OrganisationFactory(name="Fundacja Spoza Demo", is_demo=False)
    Membership.objects.create(
        organisation=Organisation.objects.get(name="Fundacja Spoza Demo"),
        user=resident,
        role=Membership.Role.MEMBER,
    )
    run_demo()
    assert client.login(email=resident.email, password=DEMO_PASSWORD)
    assert not resident.memberships.exists()


@pytest.mark.django_db
def test_demo_never_overwrites_a_real_organisation_or_reuses_its_numbers():
    from razem.core.demo.organisations import demo_slug

    run_demo()
    fixed = Organisation.objects.get(
        name="Fundacja Rozwoju Przedsiębiorczości Społecznej"
    )
    numbers = (fixed.krs, fixed.nip)
    Organisation.objects.filter(is_demo=True).delete()
    name = "Stowarzyszenie Przyjaciół Ziemi Gostyńskiej"
    real = OrganisationFactory(
        name=name,
        slug=demo_slug(name),
        description="Prawdziwy wpis",
        krs=numbers[0],
        nip=numbers[1],
    )

    output = run_demo()

    real.refresh_from_db()
    assert real.description == "Prawdziwy wpis" and not real.is_demo
    assert "Skipped" in output and real.slug in output
    assert Organisation.objects.filter(krs=numbers[0]).get() == real
    assert Organisation.objects.filter(nip=numbers[1]).get() == real
    assert Organisation.objects.filter(is_demo=True).count() >= 190
    # The demo users then belong to another demo organisation.
    representative = Membership.objects.get(
        user__email="przedstawiciel@demo.razem.local"
    )
    assert representative.organisation.is_demo


@pytest.mark.django_db
def test_demo_replaces_organisations_left_by_an_older_version_of_the_demo():
    run_demo()
    total = Organisation.objects.count()
    # An older generator named this organisation differently; it holds the numbers
    # the current one hands out for it.
    old = Organisation.objects.get(name="Koło Gospodyń Wiejskich w Pępowie")
    numbers = (old.nip, old.regon)
    Organisation.objects.filter(pk=old.pk).update(slug="kgw-pepowo-stara-wersja")

    output = run_demo()

    assert "1 old ones removed" in output
    assert not Organisation.objects.filter(slug="kgw-pepowo-stara-wersja").exists()
    current = Organisation.objects.get(name="Koło Gospodyń Wiejskich w Pępowie")
    assert (current.nip, current.regon) == numbers
    assert Organisation.objects.count() == total


def test_generated_registry_numbers_pass_the_checksums_and_never_repeat():
    source = NumberSource(random.Random(1), taken={"0009100000"})
    nips = [source.nip() for _ in range(500)]
    regons = [source.regon() for _ in range(500)]
    krs = [source.krs() for _ in range(500)]
    assert all(stdnum_nip.is_valid(n) for n in nips)
    assert all(stdnum_regon.is_valid(r) and len(r) == 9 for r in regons)
    assert all(len(k) == 10 and k.isdigit() for k in krs)
    assert len(set(nips + regons + krs)) == 1500
    assert "0009100000" not in krs


def test_polish_adjectives_are_declined_for_names():
    assert feminine_genitive("gostyński") == "Gostyńskiej"
    assert feminine_genitive("opolskie") == "Opolskiej"
    assert feminine_genitive("kędzierzyńsko-kozielski") == "Kędzierzyńsko-Kozielskiej"
    assert feminine_genitive("łódzki wschodni") == "Łódzkiej Wschodniej"
    assert masculine_genitive("gostyński") == "Gostyńskiego"
    assert locative("gostyński") == "gostyńskim"
    assert locative("kujawsko-pomorskie") == "kujawsko-pomorskim"


def test_demo_data_uses_only_known_area_codes_and_seven_digit_gminas():
    import csv

    from django.conf import settings

    path = settings.RAZEM_DATA_DIR / "public_benefit_areas.csv"
    with open(path, encoding="utf-8") as f:
        known = {row["code"] for row in csv.DictReader(f)}
    used = {code for kind in KINDS for code in kind.areas}
    used |= {code for spec in INSTITUTIONS for g in spec.groups for code in g.areas}
    assert used <= known
    assert all(len(code) == 7 and code.isdigit() for code, *_ in PLACES)
    assert {code[:2] for code, *_ in PLACES} == VOIVODESHIPS
