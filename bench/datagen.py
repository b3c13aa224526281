"""Realistic Polish organisations for benchmarks, written as the import CSV format."""

import csv
import random
from pathlib import Path

HEADER = [
    "name",
    "legal_form",
    "krs",
    "nip",
    "regon",
    "teryt",
    "areas",
    "description",
    "email",
    "phone",
    "website",
    "address",
    "lat",
    "lon",
]
PREFIXES = [
    ("stowarzyszenie", "Stowarzyszenie"),
    ("stowarzyszenie", "Towarzystwo"),
    ("stowarzyszenie", "Uczniowski Klub Sportowy"),
    ("stowarzyszenie", "Ochotnicza Straż Pożarna"),
    ("fundacja", "Fundacja"),
    ("stowarzyszenie_zwykle", "Stowarzyszenie Zwykłe"),
    ("spoldzielnia_socjalna", "Spółdzielnia Socjalna"),
    ("kolo_gospodyn_wiejskich", "Koło Gospodyń Wiejskich"),
    ("grupa_nieformalna", "Grupa Inicjatywna"),
]
THEMES = [
    ("Przyjaciół Ziemi", ["local_communities", "tourism"]),
    ("Rozwoju Przedsiębiorczości", ["economic_development", "employment"]),
    ("Pomocy Osobom Niepełnosprawnym", ["disability", "social_assistance"]),
    ("na rzecz Seniorów", ["seniors", "social_assistance"]),
    ("Edukacji Ekologicznej", ["ecology", "education"]),
    ("Wspierania Rodziny", ["family_foster_care", "family_children_rights"]),
    ("Kultury i Sztuki", ["culture"]),
    ("Miłośników Historii Regionu", ["national_tradition", "culture"]),
    ("Aktywnej Młodzieży", ["children_youth", "volunteering"]),
    ("Pomocy Społecznej", ["social_assistance", "charity"]),
    ("Ochrony Zwierząt", ["ecology"]),
    ("Sportu i Rekreacji", ["sport"]),
    ("Ekonomii Społecznej", ["social_economy", "social_reintegration"]),
    ("Praw Człowieka", ["human_rights"]),
    ("Ratownictwa Wodnego", ["rescue", "public_order"]),
    ("Zdrowia Psychicznego", ["health"]),
    ("Integracji Cudzoziemców", ["foreigners_integration", "minorities"]),
    ("Wolontariatu", ["volunteering"]),
]
SENTENCES = [
    "Działamy na rzecz mieszkańców {place} i okolic.",
    "Prowadzimy zajęcia dla dzieci i młodzieży oraz warsztaty dla dorosłych.",
    "Organizujemy spotkania, szkolenia i konferencje dotyczące {topic}.",
    "Współpracujemy z samorządem oraz z innymi organizacjami pozarządowymi.",
    "Wspieramy osoby zagrożone wykluczeniem społecznym w powrocie na rynek pracy.",
    "Realizujemy projekty finansowane ze środków Unii Europejskiej i budżetu państwa.",
    "Nasi wolontariusze pomagają seniorom w codziennych sprawach.",
    "Dbamy o dziedzictwo kulturowe i przyrodnicze regionu.",
    "Prowadzimy punkt nieodpłatnego poradnictwa obywatelskiego.",
    "Udostępniamy salę, sprzęt nagłośnieniowy i doświadczenie w organizacji wydarzeń.",
]
TOPICS = [
    "ekonomii społecznej",
    "ochrony środowiska",
    "aktywności obywatelskiej",
    "przedsiębiorczości",
    "integracji społecznej",
    "zdrowia",
    "kultury",
]


def _nip(rng: random.Random) -> str:
    weights = (6, 5, 7, 2, 3, 4, 5, 6, 7)
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(8)]
        check = sum(w * d for w, d in zip(weights, digits, strict=True)) % 11
        if check != 10:
            return "".join(map(str, digits)) + str(check)


def _regon(rng: random.Random) -> str:
    weights = (8, 9, 2, 3, 4, 5, 6, 7)
    digits = [rng.randint(0, 9) for _ in range(8)]
    check = sum(w * d for w, d in zip(weights, digits, strict=True)) % 11 % 10
    return "".join(map(str, digits)) + str(check)


def gminas(teryt_csv: Path) -> list[tuple[str, str]]:
    with open(teryt_csv, encoding="utf-8") as handle:
        return [(row["teryt_gmina"], row["nazwa"]) for row in csv.DictReader(handle)]


def write_csv(path: Path, count: int, teryt_csv: Path, seed: int = 2026) -> None:
    rng = random.Random(seed)
    places = gminas(teryt_csv)
    seen_nip: set[str] = set()
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for n in range(count):
            legal_form, prefix = rng.choice(PREFIXES)
            theme, areas = rng.choice(THEMES)
            code, place = rng.choice(places)
            name = f"{prefix} {theme} w {place} nr {n + 1}"
            nip = _nip(rng)
            while nip in seen_nip:
                nip = _nip(rng)
            seen_nip.add(nip)
            krs = (
                f"{n + 1:010d}" if legal_form in ("stowarzyszenie", "fundacja") else ""
            )
            description = " ".join(
                s.format(place=place, topic=rng.choice(TOPICS))
                for s in rng.sample(SENTENCES, 4)
            )
            writer.writerow(
                [
                    name,
                    legal_form,
                    krs,
                    nip,
                    _regon(rng),
                    code,
                    ";".join(areas),
                    description,
                    f"biuro{n + 1}@example.org",
                    "",
                    "",
                    "",
                    "",
                    "",
                ]
            )
