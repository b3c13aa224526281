"""The public bodies of the demo, taken from the seed documents (docs/demo.md).

- seed 000: Ministerstwo Gospodarki's cooperation programme (thematic groups matching
  the ministry's tasks, a contact-point team);
- seed 001: the partnerships of Stowarzyszenie Wspierania Przedsiębiorczości Powiatu
  Gostyńskiego (Starostwo Powiatowe w Gostyniu);
- seed 002: "Województwo Opolskie otwarte na współpracę z NGO's" (Urząd Marszałkowski
  Województwa Opolskiego, Regionalny Ośrodek Polityki Społecznej, Urząd Miasta Opola);
- seed 003: the departmental programme "Ekonomia społeczna" (Ministerstwo Rodziny,
  Pracy i Polityki Społecznej);
- seed 004: the conference cycle of Ministerstwo Rozwoju and Związek Miast Polskich.

Contacts are fictitious and use example domains; TERC codes are real.
"""

from dataclasses import dataclass, field

from razem.institutions.models import Institution


@dataclass(frozen=True)
class UnitSpec:
    name: str
    responsibilities: str
    email: str = ""


@dataclass(frozen=True)
class GroupSpec:
    name: str
    description: str
    areas: tuple[str, ...]
    unit: str = ""


@dataclass(frozen=True)
class InstitutionSpec:
    slug: str
    name: str
    short_name: str
    kind: str
    territory: str | None
    description: str
    address: str
    liaison_name: str
    liaison_email: str
    units: tuple[UnitSpec, ...] = ()
    groups: tuple[GroupSpec, ...] = ()
    website: str = ""
    email: str = ""
    phone: str = ""
    extra: dict = field(default_factory=dict)


UMWO = "urzad-marszalkowski-wojewodztwa-opolskiego"
UMWO_ROPS = "Regionalny Ośrodek Polityki Społecznej"
UMWO_NGO_UNIT = "Biuro ds. Współpracy z Organizacjami Pozarządowymi"
STAROSTWO_GOSTYN = "starostwo-powiatowe-w-gostyniu"
UM_OPOLE = "urzad-miasta-opola"
MRPIPS = "ministerstwo-rodziny-pracy-i-polityki-spolecznej"

INSTITUTIONS: tuple[InstitutionSpec, ...] = (
    InstitutionSpec(
        slug="ministerstwo-rozwoju",
        name="Ministerstwo Rozwoju",
        short_name="MR",
        kind=Institution.Kind.MINISTRY,
        territory=None,
        description=(
            "Ministerstwo Rozwoju wspiera partnerstwa zawiązywane przez jednostki "
            "samorządu terytorialnego w obszarach funkcjonalnych. Ponad 80 partnerstw "
            "międzysamorządowych otrzymało dofinansowanie przedsięwzięć rozwojowych ze "
            "środków EOG i POPT na przygotowanie strategii rozwoju i dokumentacji "
            "technicznej projektów. Razem ze Związkiem Miast Polskich ministerstwo "
            "organizuje cykl czterech konferencji regionalnych „Współpraca w "
            "partnerstwach samorządowych” (Szczecin, Toruń, Lublin, Opole)."
        ),
        address="pl. Trzech Krzyży 3/5, 00-507 Warszawa",
        website="https://mr.example.gov.pl",
        email="kancelaria@mr.example.gov.pl",
        liaison_name="Barbara Jankowska",
        liaison_email="ngo@mr.example.gov.pl",
        units=(
            UnitSpec(
                "Departament Współpracy Terytorialnej",
                "Program wsparcia partnerstw międzysamorządowych i międzysektorowych w "
                "obszarach funkcjonalnych; promocja podejścia terytorialnego do "
                "planowania rozwoju; konkurs „Samorządowy Lider Zarządzania”.",
                "dwt@mr.example.gov.pl",
            ),
            UnitSpec(
                "Departament Strategii Rozwoju",
                "Strategie rozwoju kraju i ich zgodność z politykami regionalnymi; "
                "współpraca z Regionalnymi Programami Operacyjnymi.",
            ),
            UnitSpec(
                "Departament Programów Pomocy Technicznej",
                "Program Operacyjny Pomoc Techniczna (POPT): finansowanie strategii "
                "rozwoju partnerstw i dokumentacji projektów.",
            ),
        ),
        groups=(
            GroupSpec(
                "Partnerstwa międzysamorządowe i obszary funkcjonalne",
                "Współpraca gmin, powiatów i województw ponad granicami "
                "administracyjnymi, w tym związki ZIT.",
                ("local_communities", "economic_development", "revitalisation"),
                "Departament Współpracy Terytorialnej",
            ),
            GroupSpec(
                "Partnerstwa międzysektorowe",
                "Partnerstwa samorządów z organizacjami pozarządowymi i "
                "przedsiębiorcami.",
                ("ngo_support", "local_communities", "economic_development"),
                "Departament Współpracy Terytorialnej",
            ),
            GroupSpec(
                "Zarządzanie strategiczne w samorządach",
                "Narzędzia planowania i zarządzania strategicznego, wymiana "
                "doświadczeń laureatów konkursu.",
                ("economic_development", "innovation"),
                "Departament Strategii Rozwoju",
            ),
        ),
    ),
    InstitutionSpec(
        slug="ministerstwo-gospodarki",
        name="Ministerstwo Gospodarki",
        short_name="MG",
        kind=Institution.Kind.MINISTRY,
        territory=None,
        description=(
            "Program współpracy Ministerstwa Gospodarki z organizacjami pozarządowymi "
            "przewiduje otwarte spotkania, na których ministerstwo przedstawia swoje "
            "plany i stan prac nad wybranymi zagadnieniami, a organizacje zgłaszają "
            "uwagi i pomysły. Ministerstwo prowadzi bazę organizacji podzieloną na "
            "grupy tematyczne odpowiadające jego zadaniom, a specjalny Zespół pełni "
            "rolę punktu kontaktowego: informuje o działaniach MG, wskazuje "
            "możliwości współpracy i łączy organizacje z właściwymi komórkami."
        ),
        address="pl. Trzech Krzyży 3/5, 00-507 Warszawa",
        website="https://mg.example.gov.pl",
        email="kancelaria@mg.example.gov.pl",
        liaison_name="Marek Wiśniewski",
        liaison_email="zespol.ngo@mg.example.gov.pl",
        units=(
            UnitSpec(
                "Zespół ds. współpracy z organizacjami pozarządowymi",
                "Punkt kontaktowy dla organizacji: informacja o działaniach MG, "
                "wskazywanie możliwości współpracy na podstawie pomysłów organizacji, "
                "pośredniczenie w kontaktach z komórkami merytorycznymi, publikacja "
                "informacji w BIP, monitoring programu współpracy.",
                "zespol.ngo@mg.example.gov.pl",
            ),
            UnitSpec(
                "Departament Przedsiębiorczości i Innowacyjności",
                "Polityka wspierania małych i średnich przedsiębiorstw, innowacji i "
                "transferu technologii.",
            ),
            UnitSpec(
                "Departament Instrumentów Wsparcia",
                "Programy wsparcia przedsiębiorczości, w tym przedsiębiorczości "
                "społecznej.",
            ),
            UnitSpec(
                "Departament Turystyki",
                "Polityka turystyczna, promocja turystyki i rozwój produktów "
                "turystycznych.",
            ),
            UnitSpec(
                "Departament Handlu i Usług",
                "Ochrona konsumentów, handel wewnętrzny i promocja eksportu.",
            ),
        ),
        groups=(
            GroupSpec(
                "Przedsiębiorczość",
                "Zakładanie i rozwój firm, otoczenie biznesu, doradztwo dla "
                "przedsiębiorców.",
                ("economic_development", "employment"),
                "Departament Przedsiębiorczości i Innowacyjności",
            ),
            GroupSpec(
                "Innowacje i nowe technologie",
                "Innowacyjność gospodarki, transfer wiedzy, cyfryzacja.",
                ("innovation", "economic_development", "education"),
                "Departament Przedsiębiorczości i Innowacyjności",
            ),
            GroupSpec(
                "Ekonomia społeczna",
                "Przedsiębiorczość społeczna, spółdzielnie socjalne, zatrudnienie "
                "osób zagrożonych wykluczeniem.",
                ("social_economy", "employment", "social_reintegration"),
                "Departament Instrumentów Wsparcia",
            ),
            GroupSpec(
                "Turystyka",
                "Rozwój i promocja turystyki, w tym turystyki wiejskiej.",
                ("tourism", "promotion_abroad", "culture"),
                "Departament Turystyki",
            ),
            GroupSpec(
                "Ochrona konsumentów i handel",
                "Prawa konsumenta, edukacja konsumencka, promocja polskiej "
                "gospodarki za granicą.",
                ("consumer_rights", "promotion_abroad"),
                "Departament Handlu i Usług",
            ),
        ),
    ),
    InstitutionSpec(
        slug=UMWO,
        name="Urząd Marszałkowski Województwa Opolskiego",
        short_name="UMWO",
        kind=Institution.Kind.MARSHAL_OFFICE,
        territory="16",
        description=(
            "Projekt „Województwo Opolskie otwarte na współpracę z NGO's” poprawia "
            "mechanizmy współpracy urzędu marszałkowskiego z organizacjami "
            "pozarządowymi: internetowa platforma współpracy NGO i JST, standardy "
            "konsultowania projektów aktów normatywnych, modele zlecania zadań "
            "publicznych i partnerstw, baza organizacji i pełnomocników ds. NGO, mapa "
            "inicjatyw społecznych, Forum Inicjatyw Pozarządowych z Opolskimi "
            "Targami Organizacji Pozarządowych oraz samoocena metodą Lokalnego "
            "Indeksu Jakości Współpracy, upowszechniana w 12 powiatach."
        ),
        address="ul. Piastowska 14, 45-082 Opole",
        website="https://umwo.example.gov.pl",
        email="kancelaria@umwo.example.gov.pl",
        liaison_name="Katarzyna Nowicka",
        liaison_email="pelnomocnik@demo.razem.local",
        units=(
            UnitSpec(
                UMWO_NGO_UNIT,
                "Współpraca samorządu województwa z organizacjami pozarządowymi: "
                "program współpracy, otwarte konkursy ofert, konsultacje, Opolska "
                "Rada Działalności Pożytku Publicznego, baza pełnomocników ds. NGO w "
                "JST województwa.",
                "ngo@umwo.example.gov.pl",
            ),
            UnitSpec(
                UMWO_ROPS,
                "Polityka społeczna województwa: pomoc społeczna, wspieranie rodziny, "
                "osoby z niepełnosprawnościami, seniorzy, koordynacja rozwoju "
                "ekonomii społecznej.",
                "rops@umwo.example.gov.pl",
            ),
            UnitSpec(
                "Departament Kultury, Sportu i Turystyki",
                "Mecenat kultury, dziedzictwo regionu, sport powszechny i turystyka.",
            ),
            UnitSpec(
                "Departament Koordynacji Programów Operacyjnych",
                "Regionalny Program Operacyjny, środki Europejskiego Funduszu "
                "Społecznego dla trzeciego sektora.",
            ),
        ),
        groups=(
            GroupSpec(
                "Polityka społeczna",
                "Pomoc społeczna, rodzina, osoby z niepełnosprawnościami i seniorzy.",
                ("social_assistance", "family_foster_care", "disability", "seniors"),
                UMWO_ROPS,
            ),
            GroupSpec(
                "Ekonomia społeczna",
                "Podmioty ekonomii społecznej, reintegracja społeczna i zawodowa.",
                ("social_economy", "social_reintegration", "employment"),
                UMWO_ROPS,
            ),
            GroupSpec(
                "Kultura i dziedzictwo regionu",
                "Kultura, tradycja, mniejszości narodowe i etniczne regionu.",
                ("culture", "national_tradition", "minorities"),
                "Departament Kultury, Sportu i Turystyki",
            ),
            GroupSpec(
                "Sport i turystyka",
                "Sport powszechny, turystyka i krajoznawstwo.",
                ("sport", "tourism"),
                "Departament Kultury, Sportu i Turystyki",
            ),
            GroupSpec(
                "Rozwój sektora pozarządowego",
                "Wsparcie organizacji pozarządowych, wolontariat, dialog obywatelski.",
                ("ngo_support", "volunteering", "local_communities"),
                UMWO_NGO_UNIT,
            ),
        ),
    ),
    InstitutionSpec(
        slug=STAROSTWO_GOSTYN,
        name="Starostwo Powiatowe w Gostyniu",
        short_name="SP Gostyń",
        kind=Institution.Kind.POWIAT,
        territory="3004",
        description=(
            "Powiat gostyński współpracuje ze Stowarzyszeniem Wspierania "
            "Przedsiębiorczości Powiatu Gostyńskiego przy sieci partnerstw lokalnych: "
            "zespoły partnerów lokalnych i ekspertów opracowują cztery długoletnie "
            "programy rozwoju na podstawie standardowej fiszki, konsultowane "
            "ankietami i spotkaniami lokalnymi w 18 powiatach Wielkopolski."
        ),
        address="ul. Wrocławska 256, 63-800 Gostyń",
        website="https://powiat-gostynski.example.gov.pl",
        email="starostwo@powiat-gostynski.example.gov.pl",
        liaison_name="Tomasz Nowak",
        liaison_email="ngo@powiat-gostynski.example.gov.pl",
        units=(
            UnitSpec(
                "Wydział Rozwoju i Promocji Powiatu",
                "Strategia rozwoju powiatu, partnerstwa lokalne, współpraca z "
                "organizacjami pozarządowymi i przedsiębiorcami, promocja.",
                "rozwoj@powiat-gostynski.example.gov.pl",
            ),
            UnitSpec(
                "Wydział Oświaty, Kultury i Sportu",
                "Szkoły ponadpodstawowe, kultura, sport i turystyka w powiecie.",
            ),
        ),
        groups=(
            GroupSpec(
                "Partnerstwa lokalne",
                "Współpraca organizacji pozarządowych i JST wdrażających inicjatywy na "
                "rzecz lokalnej społeczności.",
                ("local_communities", "ngo_support"),
                "Wydział Rozwoju i Promocji Powiatu",
            ),
            GroupSpec(
                "Przedsiębiorczość i rynek pracy",
                "Wsparcie przedsiębiorców i osób wchodzących na rynek pracy.",
                ("economic_development", "employment"),
                "Wydział Rozwoju i Promocji Powiatu",
            ),
            GroupSpec(
                "Edukacja, kultura i turystyka",
                "Od edukacji poprzez kulturę po rozwój turystyki w powiecie.",
                ("education", "culture", "tourism"),
                "Wydział Oświaty, Kultury i Sportu",
            ),
        ),
    ),
    InstitutionSpec(
        slug=MRPIPS,
        name="Ministerstwo Rodziny, Pracy i Polityki Społecznej",
        short_name="MRPiPS",
        kind=Institution.Kind.MINISTRY,
        territory=None,
        description=(
            "Resortowy Program „Ekonomia społeczna” ma być zgodny z Krajowym "
            "Programem Rozwoju Ekonomii Społecznej i komplementarny wobec PO WER, "
            "RPO i Funduszu Inicjatyw Obywatelskich. Priorytety: rozwój społecznie "
            "odpowiedzialnego terytorium, wsparcie partycypacji i kooperacji sektora "
            "(w tym coroczne spotkania branżowe podmiotów ekonomii społecznej) oraz "
            "wiedza i kompetencje."
        ),
        address="ul. Nowogrodzka 1/3/5, 00-513 Warszawa",
        website="https://mrpips.example.gov.pl",
        email="kancelaria@mrpips.example.gov.pl",
        liaison_name="Agnieszka Zawadzka",
        liaison_email="ngo@mrpips.example.gov.pl",
        units=(
            UnitSpec(
                "Departament Ekonomii Społecznej i Solidarnej",
                "Krajowy Program Rozwoju Ekonomii Społecznej, Resortowy Program "
                "„Ekonomia społeczna”, spotkania branżowe podmiotów ekonomii "
                "społecznej, spółdzielczość uczniowska.",
                "des@mrpips.example.gov.pl",
            ),
            UnitSpec(
                "Departament Pożytku Publicznego",
                "Ustawa o działalności pożytku publicznego i o wolontariacie, "
                "Fundusz Inicjatyw Obywatelskich, Rada Działalności Pożytku "
                "Publicznego.",
            ),
        ),
        groups=(
            GroupSpec(
                "Opieka nad dziećmi",
                "Grupa branżowa podmiotów ekonomii społecznej świadczących opiekę "
                "nad dziećmi.",
                ("social_economy", "children_youth", "family_children_rights"),
                "Departament Ekonomii Społecznej i Solidarnej",
            ),
            GroupSpec(
                "Opieka i wsparcie osób niepełnosprawnych",
                "Grupa branżowa usług dla osób z niepełnosprawnościami.",
                ("social_economy", "disability"),
                "Departament Ekonomii Społecznej i Solidarnej",
            ),
            GroupSpec(
                "Usługi dla osób starszych",
                "Grupa branżowa usług opiekuńczych i aktywizacji seniorów.",
                ("social_economy", "seniors"),
                "Departament Ekonomii Społecznej i Solidarnej",
            ),
            GroupSpec(
                "Animacja lokalna i inicjatywy lokalne",
                "Animatorzy lokalni, ruchy nieformalne, kooperatywy spożywców, grupy "
                "wymiany wzajemnej.",
                ("local_communities", "social_economy", "volunteering"),
                "Departament Ekonomii Społecznej i Solidarnej",
            ),
            GroupSpec(
                "Edukacja i spółdzielczość uczniowska",
                "Edukacja nieformalna dzieci i młodzieży promująca ekonomię społeczną.",
                ("education", "children_youth", "social_economy"),
                "Departament Ekonomii Społecznej i Solidarnej",
            ),
            GroupSpec(
                "Pożytek publiczny i wolontariat",
                "Organizacje pożytku publicznego, wolontariat, inicjatywy "
                "obywatelskie.",
                ("ngo_support", "volunteering"),
                "Departament Pożytku Publicznego",
            ),
        ),
    ),
    InstitutionSpec(
        slug="zwiazek-miast-polskich",
        name="Związek Miast Polskich",
        short_name="ZMP",
        kind=Institution.Kind.OTHER,
        territory=None,
        description=(
            "Ogólnopolska korporacja samorządowa, partner Ministerstwa Rozwoju w "
            "promocji podejścia terytorialnego do planowania rozwoju; współorganizator "
            "cyklu konferencji „Współpraca w partnerstwach samorządowych” i "
            "konkursu „Samorządowy Lider Zarządzania 2015: Razem dla rozwoju”."
        ),
        address="ul. Robocza 42, 61-517 Poznań",
        website="https://zmp.example.pl",
        email="biuro@zmp.example.pl",
        liaison_name="Joanna Michalak",
        liaison_email="partnerstwa@zmp.example.pl",
        units=(
            UnitSpec(
                "Biuro Związku",
                "Obsługa związku, konferencje i szkolenia dla samorządów, konkurs "
                "„Samorządowy Lider Zarządzania”.",
                "biuro@zmp.example.pl",
            ),
        ),
        groups=(
            GroupSpec(
                "Partnerstwa samorządowe",
                "Wymiana doświadczeń partnerstw międzysamorządowych i "
                "międzysektorowych.",
                ("local_communities", "economic_development", "ngo_support"),
                "Biuro Związku",
            ),
        ),
    ),
    InstitutionSpec(
        slug=UM_OPOLE,
        name="Urząd Miasta Opola",
        short_name="UM Opole",
        kind=Institution.Kind.GMINA,
        territory="1661011",
        description=(
            "Miasto Opole współpracuje z organizacjami pozarządowymi na podstawie "
            "rocznego programu współpracy, konsultowanego z Opolską Radą Działalności "
            "Pożytku Publicznego. Centrum Dialogu Obywatelskiego wspiera organizacje "
            "i inicjatywy mieszkańców."
        ),
        address="Rynek-Ratusz, 45-015 Opole",
        website="https://opole.example.gov.pl",
        email="urzad@opole.example.gov.pl",
        liaison_name="Paweł Zieliński",
        liaison_email="ngo@opole.example.gov.pl",
        units=(
            UnitSpec(
                "Centrum Dialogu Obywatelskiego",
                "Program współpracy miasta z organizacjami pozarządowymi, otwarte "
                "konkursy ofert, inicjatywa lokalna, budżet obywatelski.",
                "cdo@opole.example.gov.pl",
            ),
            UnitSpec(
                "Wydział Kultury, Sportu i Turystyki",
                "Kultura, sport i turystyka w mieście.",
            ),
            UnitSpec(
                "Wydział Spraw Społecznych",
                "Zdrowie, pomoc społeczna, profilaktyka uzależnień, seniorzy.",
            ),
        ),
        groups=(
            GroupSpec(
                "Inicjatywy mieszkańców",
                "Inicjatywa lokalna, budżet obywatelski, rady osiedli.",
                ("local_communities", "volunteering", "revitalisation"),
                "Centrum Dialogu Obywatelskiego",
            ),
            GroupSpec(
                "Zdrowie i sprawy społeczne",
                "Ochrona zdrowia, profilaktyka, seniorzy.",
                ("health", "addiction_prevention", "seniors"),
                "Wydział Spraw Społecznych",
            ),
            GroupSpec(
                "Kultura i sport",
                "Wydarzenia kulturalne i sportowe w mieście.",
                ("culture", "sport"),
                "Wydział Kultury, Sportu i Turystyki",
            ),
        ),
    ),
)
