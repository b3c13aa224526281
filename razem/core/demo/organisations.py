"""About 200 demo organisations from a fixed random seed (stable between runs).

`generate_organisations()` is pure: it needs the territories of the seats (for the
names of powiats and voivodeships) and a NumberSource, and touches no database.
"""

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.utils.text import slugify

from razem.core.demo import institutions as inst
from razem.core.demo.names import (
    CLUBS,
    DZIALAMY_RAZEM,
    KGW_NAMES,
    KINDS,
    MOTTOS,
    OFOP,
    SAINTS,
    STREETS,
    Kind,
)
from razem.core.demo.numbers import NumberSource
from razem.core.demo.places import PLACES
from razem.organisations.models import LegalForm

SEED = 20160418  # the day of the Opole conference in seed 004
# How many generated organisations each voivodeship gets (the fixed ones come on top).
PER_VOIVODESHIP = {"16": 42, "30": 40}
DEFAULT_PER_VOIVODESHIP = 8
OPP_FORMS = {LegalForm.STOWARZYSZENIE, LegalForm.FUNDACJA}
_SLUG_TRANSLATE = str.maketrans({"ł": "l", "Ł": "L"})


@dataclass(frozen=True)
class SeatInfo:
    """What names need to know about a seat gmina (read from Territory)."""

    code: str
    name: str
    powiat_name: str
    powiat_is_city: bool
    voivodeship_name: str
    lat: float | None
    lon: float | None


@dataclass
class OrganisationSpec:
    name: str
    slug: str
    legal_form: str
    seat: str
    areas: list[str]
    description: str
    resources: str
    networks: str = ""
    short_name: str = ""
    krs: str = ""
    nip: str = ""
    regon: str = ""
    is_public_benefit: bool = False
    email: str = ""
    website: str = ""
    address: str = ""
    lat: float | None = None
    lon: float | None = None
    verified_by: str = ""  # an institution's slug
    verified_at: datetime | None = None
    activity: list[str] = field(default_factory=list)  # TERC codes


def demo_slug(name: str) -> str:
    return slugify(name.translate(_SLUG_TRANSLATE))[:120].strip("-")


def _inflect(adjective: str, endings: dict[str, str], capital: bool) -> str:
    """Decline a Polish adjective ("gostyński", "opolskie", "łódzki wschodni")."""
    words = []
    for word in adjective.split():
        *head, last = word.split("-")
        for old, new in endings.items():
            if last.endswith(old):
                last = last[: -len(old)] + new
                break
        parts = [*head, last]
        if capital:
            parts = [p[:1].upper() + p[1:] for p in parts]
        words.append("-".join(parts))
    return " ".join(words)


def feminine_genitive(adjective: str) -> str:
    """ "gostyński" → "Gostyńskiej" (as in "Ziemi Gostyńskiej")."""
    return _inflect(adjective, {"ie": "iej", "i": "iej", "y": "ej"}, capital=True)


def masculine_genitive(adjective: str) -> str:
    """ "gostyński" → "Gostyńskiego" (as in "Powiatu Gostyńskiego")."""
    return _inflect(adjective, {"i": "iego", "y": "ego"}, capital=True)


def locative(adjective: str) -> str:
    """ "gostyński" → "gostyńskim", "opolskie" → "opolskim"."""
    return _inflect(adjective, {"ie": "im", "i": "im", "y": "ym"}, capital=False)


def _placeholders(rng: random.Random, seat: SeatInfo, w: str) -> dict[str, str]:
    values = {
        "w": w,
        "town": seat.name,
        "motto": f"„{rng.choice(MOTTOS)}”",
        "club": f"„{rng.choice(CLUBS)}”",
        "kgw": f"„{rng.choice(KGW_NAMES)}”",
        "saint": rng.choice(SAINTS),
    }
    if seat.powiat_is_city:
        values["ziemi"] = feminine_genitive(seat.voivodeship_name)
        values["region_w"] = f"w województwie {locative(seat.voivodeship_name)}"
    else:
        values["ziemi"] = feminine_genitive(seat.powiat_name)
        values["powiatu"] = masculine_genitive(seat.powiat_name)
        values["region_w"] = f"w powiecie {locative(seat.powiat_name)}"
    return values


def _fits(kind: Kind, rural: bool, seat: SeatInfo) -> bool:
    if kind.where == "rural" and not rural:
        return False
    if kind.where == "city" and rural:
        return False
    return not ("opolskie" in kind.needs and not seat.code.startswith("16"))


def _short_name(name: str, values: dict[str, str]) -> str:
    prefixes = {
        "Ochotnicza Straż Pożarna": f"OSP {values['town']}",
        "Koło Gospodyń Wiejskich": f"KGW {values['town']}",
        "Uczniowski Klub Sportowy": f"UKS {values['club']}",
        "Ludowy Klub Sportowy": f"LKS {values['club']}",
        "Lokalna Grupa Działania": f"LGD {values['motto']}",
        "Stowarzyszenie Uniwersytet Trzeciego Wieku": f"UTW {values['town']}",
    }
    for prefix, short in prefixes.items():
        if name.startswith(prefix):
            return short
    return ""


def _resources_text(rng: random.Random, kind: Kind) -> str:
    chosen = rng.sample(kind.resources, k=rng.randint(1, min(3, len(kind.resources))))
    return "Możemy udostępnić: " + "; ".join(chosen) + "."


def _areas(rng: random.Random, codes: tuple[str, ...]) -> list[str]:
    extra = rng.sample(codes[1:], k=rng.randint(0, min(3, len(codes) - 1)))
    return [codes[0], *extra]


def _verifier(rng: random.Random, seat: str, legal_form: str) -> str:
    """Which public body verified the entry, if any (about half, near the seeds)."""
    if seat.startswith("3004") and rng.random() < 0.6:
        return inst.STAROSTWO_GOSTYN
    if seat == "1661011" and rng.random() < 0.6:
        return inst.UM_OPOLE
    if seat.startswith("16") and rng.random() < 0.5:
        return inst.UMWO
    if legal_form == LegalForm.SPOLDZIELNIA_SOCJALNA and rng.random() < 0.5:
        return inst.MRPIPS
    return ""


def _complete(
    spec: OrganisationSpec,
    kind: Kind,
    seat: SeatInfo,
    rng: random.Random,
    numbers: NumberSource,
) -> OrganisationSpec:
    """Fill in what every organisation has: numbers, contacts, map point, status."""
    if kind.krs:
        spec.krs = numbers.krs()
    if kind.nip:
        spec.nip = numbers.nip()
    if kind.regon:
        spec.regon = numbers.regon()
    if spec.legal_form != LegalForm.GRUPA_NIEFORMALNA:
        host = spec.slug[:40].strip("-")
        spec.email = spec.email or f"kontakt@{host}.example.pl"
        if rng.random() < 0.6:
            spec.website = f"https://{host}.example.pl"
        spec.address = f"{rng.choice(STREETS)} {rng.randint(1, 60)}, {seat.name}"
    else:
        spec.email = spec.email or f"grupa@{spec.slug[:40].strip('-')}.example.pl"
    if spec.krs and spec.legal_form in OPP_FORMS and not spec.is_public_benefit:
        spec.is_public_benefit = rng.random() < 0.3
    if seat.lat is not None and seat.lon is not None:
        spec.lat = round(seat.lat + rng.uniform(-0.04, 0.04), 5)
        spec.lon = round(seat.lon + rng.uniform(-0.06, 0.06), 5)
    if spec.verified_by == "" and spec.legal_form != LegalForm.GRUPA_NIEFORMALNA:
        spec.verified_by = _verifier(rng, spec.seat, spec.legal_form)
    if spec.verified_by:
        start = datetime(2026, 1, 12, 10, 0, tzinfo=UTC)
        spec.verified_at = start + timedelta(days=rng.randint(0, 280))
    powiat = spec.seat[:4]
    spec.activity = [powiat] if rng.random() < 0.7 else [powiat, spec.seat[:2]]
    return spec


# The organisations the seeds and docs/demo.md name; the demo users belong to the first.
FIXED: tuple[dict, ...] = (
    {
        "name": "Stowarzyszenie Przyjaciół Ziemi Gostyńskiej",
        "kind": "przyjaciele",
        "seat": "3004023",
        "areas": ["culture", "national_tradition", "tourism", "local_communities"],
        "description": (
            "Dokumentujemy historię i dziedzictwo Ziemi Gostyńskiej: prowadzimy "
            "izbę regionalną, wydajemy kwartalnik i oznakowujemy szlaki wokół Świętej "
            "Góry. Uczestniczymy w sieci partnerstw lokalnych powiatu gostyńskiego i "
            "w konsultacjach programów rozwoju."
        ),
        "networks": f"{DZIALAMY_RAZEM}\n{OFOP}",
        "is_public_benefit": True,
        "verified_by": inst.STAROSTWO_GOSTYN,
    },
    {
        "name": "Stowarzyszenie Wspierania Przedsiębiorczości Powiatu Gostyńskiego",
        "kind": "przedsiebiorczosc",
        "seat": "3004023",
        "areas": ["economic_development", "employment", "local_communities", "tourism"],
        "description": (
            "Prowadzimy cykl spotkań zespołów 8 Partnerów Lokalnych oraz Ekspertów "
            "Merytorycznych. Grupa robocza pracuje nad 4 długoletnimi programami "
            "rozwoju i współpracy dla partnerstw opartych na sieci Działamy Razem, "
            "opracowanymi na podstawie standardowej fiszki; programy konsultujemy "
            "ankietami, kwestionariuszami i spotkaniami lokalnymi w 18 powiatach "
            "Wielkopolski, szkolimy 18 liderów lokalnych i organizujemy 4 seminaria."
        ),
        "networks": DZIALAMY_RAZEM,
        "is_public_benefit": True,
        "verified_by": inst.STAROSTWO_GOSTYN,
    },
    {
        "name": "Koło Gospodyń Wiejskich w Pępowie",
        "kind": "kgw",
        "seat": "3004042",
        "areas": ["national_tradition", "culture", "local_communities"],
        "description": (
            "Koło Gospodyń Wiejskich w Pępowie pielęgnuje wielkopolskie tradycje "
            "kulinarne, organizuje dożynki gminne i warsztaty rękodzieła dla dzieci, "
            "a na jarmarkach promuje pępowskie wypieki."
        ),
        "verified_by": inst.STAROSTWO_GOSTYN,
    },
    {
        "name": "Fundacja Rozwoju Przedsiębiorczości Społecznej",
        "kind": "fundacja_aktywizacja",
        "seat": "3064011",
        "areas": [
            "social_economy",
            "employment",
            "economic_development",
            "ngo_support",
        ],
        "description": (
            "Wspieramy podmioty ekonomii społecznej w całej Polsce: doradztwo, "
            "szkolenia dla animatorów lokalnych, tutoring i superwizje. Organizujemy "
            "coroczne spotkania branżowe podmiotów ekonomii społecznej (opieka nad "
            "dziećmi, usługi dla osób starszych, wsparcie osób z "
            "niepełnosprawnościami) i promujemy spółdzielczość uczniowską."
        ),
        "networks": OFOP,
        "is_public_benefit": True,
        "verified_by": inst.MRPIPS,
    },
    {
        "name": "Opolskie Centrum Wspierania Inicjatyw Pozarządowych",
        "kind": "inicjatywy",
        "seat": "1661011",
        "areas": ["ngo_support", "volunteering", "civic_advice", "local_communities"],
        "description": (
            "Partner projektu „Województwo Opolskie otwarte na współpracę z NGO's”. "
            "Doradzamy organizacjom pozarządowym, prowadzimy bazę organizacji i mapę "
            "inicjatyw społecznych, współorganizujemy Forum Inicjatyw Pozarządowych "
            "i Opolskie Targi Organizacji Pozarządowych."
        ),
        "networks": OFOP,
        "is_public_benefit": True,
        "verified_by": inst.UMWO,
    },
    {
        "name": "Opolskie Centrum Demokracji Lokalnej",
        "kind": "inicjatywy",
        "seat": "1661011",
        "areas": ["local_communities", "ngo_support", "education", "civic_advice"],
        "description": (
            "Partner projektu „Województwo Opolskie otwarte na współpracę z NGO's”. "
            "Wypracowujemy standardy konsultowania projektów aktów normatywnych i "
            "modele partnerstw w realizacji zadań publicznych, szkolimy samorządy w "
            "12 powiatach województwa opolskiego z samooceny metodą Lokalnego "
            "Indeksu Jakości Współpracy."
        ),
        "networks": OFOP,
        "verified_by": inst.UMWO,
    },
)
FIXED_NAMES = frozenset(item["name"] for item in FIXED)
KINDS_BY_KEY = {kind.key: kind for kind in KINDS}


def generate_organisations(
    *, seats: dict[str, SeatInfo], numbers: NumberSource, seed: int = SEED
) -> list[OrganisationSpec]:
    """The fixed organisations, then PER_VOIVODESHIP generated ones per voivodeship.

    Deterministic for a given seed and territory register. Names and slugs are
    unique; seats are the gminas in PLACES (all present in `seats`).
    """
    rng = random.Random(seed)
    specs: list[OrganisationSpec] = []
    names: set[str] = set()
    for item in FIXED:
        kind = KINDS_BY_KEY[item["kind"]]
        seat = seats[item["seat"]]
        spec = OrganisationSpec(
            name=item["name"],
            slug=demo_slug(item["name"]),
            legal_form=kind.legal_form,
            seat=seat.code,
            areas=list(item["areas"]),
            description=item["description"],
            resources=_resources_text(rng, kind),
            networks=item.get("networks", ""),
            is_public_benefit=item.get("is_public_benefit", False),
            verified_by=item.get("verified_by", ""),
        )
        specs.append(_complete(spec, kind, seat, rng, numbers))
        names.add(spec.name)

    by_voivodeship: dict[str, list[tuple[str, str, str, bool]]] = {}
    for place in PLACES:
        by_voivodeship.setdefault(place[0][:2], []).append(place)
    for voivodeship in sorted(by_voivodeship):
        places = by_voivodeship[voivodeship]
        wanted = PER_VOIVODESHIP.get(voivodeship, DEFAULT_PER_VOIVODESHIP)
        made = 0
        attempts = 0
        while made < wanted:
            attempts += 1
            if attempts > wanted * 50:
                raise RuntimeError(f"Cannot find unique demo names in {voivodeship}.")
            code, _name, w, rural = places[(made + attempts) % len(places)]
            seat = seats[code]
            kinds = [k for k in KINDS if _fits(k, rural, seat)]
            kind = rng.choices(kinds, weights=[k.weight for k in kinds])[0]
            values = _placeholders(rng, seat, w)
            patterns = [
                p for p in kind.names if "{powiatu}" not in p or "powiatu" in values
            ]
            name = rng.choice(patterns).format(**values)
            if name in names:
                continue
            names.add(name)
            spec = OrganisationSpec(
                name=name,
                slug=demo_slug(name),
                short_name=_short_name(name, values),
                legal_form=kind.legal_form,
                seat=code,
                areas=_areas(rng, kind.areas),
                description=rng.choice(kind.descriptions).format(**values),
                resources=_resources_text(rng, kind),
                networks=rng.choice(kind.networks)
                if kind.networks and rng.random() < 0.4
                else "",
            )
            specs.append(_complete(spec, kind, seat, rng, numbers))
            made += 1
    _make_slugs_unique(specs)
    return specs


def _make_slugs_unique(specs: list[OrganisationSpec]) -> None:
    seen: set[str] = set()
    for spec in specs:
        slug, n = spec.slug, 1
        while slug in seen:
            n += 1
            slug = f"{spec.slug[:114]}-{n}"
        spec.slug = slug
        seen.add(slug)
