"""The demo logins: one person per role, all with the same known password."""

from dataclasses import dataclass

from razem.core.demo.institutions import UMWO, UMWO_NGO_UNIT, UMWO_ROPS

DEMO_PASSWORD = "razem-demo-2026"
DEMO_ORGANISATION = "Stowarzyszenie Przyjaciół Ziemi Gostyńskiej"


@dataclass(frozen=True)
class DemoUser:
    email: str
    full_name: str
    role: str
    superuser: bool = False
    institution: str = ""  # slug
    unit: str = ""
    liaison: bool = False
    manager: bool = False
    organisation: str = ""  # name
    membership_role: str = ""


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser(
        email="admin@demo.razem.local",
        full_name="Ewa Zielińska",
        role="platform administrator (superuser, Django admin at /admin/)",
        superuser=True,
    ),
    DemoUser(
        email="urzednik@demo.razem.local",
        full_name="Piotr Kaczmarek",
        role=f"official: Urząd Marszałkowski Województwa Opolskiego, {UMWO_ROPS}",
        institution=UMWO,
        unit=UMWO_ROPS,
    ),
    DemoUser(
        email="pelnomocnik@demo.razem.local",
        full_name="Katarzyna Nowicka",
        role="NGO liaison and manager: Urząd Marszałkowski Województwa Opolskiego",
        institution=UMWO,
        unit=UMWO_NGO_UNIT,
        liaison=True,
        manager=True,
    ),
    DemoUser(
        email="przedstawiciel@demo.razem.local",
        full_name="Magdalena Lis",
        role="representative",
        organisation=DEMO_ORGANISATION,
        membership_role="representative",
    ),
    DemoUser(
        email="czlonek@demo.razem.local",
        full_name="Jakub Wróbel",
        role="member",
        organisation=DEMO_ORGANISATION,
        membership_role="member",
    ),
    DemoUser(
        email="mieszkaniec@demo.razem.local",
        full_name="Jan Kowalski",
        role="resident (no roles)",
    ),
)
