"""Kinds of demo organisations: how they are named, what they do, what they offer.

A kind's name patterns, descriptions and resources are Polish text with placeholders:

- `{w}`: the seat in the locative ("w Pępowie", "we Wrocławiu");
- `{town}`: the seat's name ("Pępowo");
- `{ziemi}`: the land in the genitive ("Gostyńskiej", "Opolskiej");
- `{powiatu}`: the powiat in the genitive ("Gostyńskiego"), only for land powiats;
- `{region_w}`: where it works ("w powiecie gostyńskim", "w województwie opolskim");
- `{motto}`, `{club}`, `{kgw}`, `{saint}`: a quoted proper name or a patron saint.

`areas` are public benefit area codes (razem/data/public_benefit_areas.csv): the first
always applies, up to three more are drawn from the rest.
"""

from dataclasses import dataclass, field

from razem.organisations.models import LegalForm

OFOP = "Ogólnopolska Federacja Organizacji Pozarządowych"
DZIALAMY_RAZEM = "Sieć Działamy Razem"


@dataclass(frozen=True)
class Kind:
    key: str
    legal_form: str
    names: tuple[str, ...]
    areas: tuple[str, ...]
    descriptions: tuple[str, ...]
    resources: tuple[str, ...]
    networks: tuple[str, ...] = ()
    where: str = "any"  # "rural", "city" or "any"
    krs: bool = True
    nip: bool = True
    regon: bool = True
    weight: int = 1
    needs: frozenset[str] = field(default_factory=frozenset)


KINDS: tuple[Kind, ...] = (
    Kind(
        key="osp",
        legal_form=LegalForm.STOWARZYSZENIE,
        names=("Ochotnicza Straż Pożarna {w}",),
        areas=("rescue", "public_order", "disaster_relief", "children_youth"),
        descriptions=(
            "Ochotnicza Straż Pożarna {w} od ponad pół wieku chroni mieszkańców przed "
            "skutkami pożarów, wypadków drogowych i klęsk żywiołowych. Prowadzimy "
            "Młodzieżową Drużynę Pożarniczą, uczymy pierwszej pomocy w szkołach i "
            "zabezpieczamy lokalne uroczystości.",
            "Jesteśmy jednostką włączoną do Krajowego Systemu Ratowniczo-Gaśniczego. "
            "Oprócz akcji ratowniczych organizujemy zawody sportowo-pożarnicze, pokazy "
            "dla przedszkoli i festyny rodzinne {w}.",
        ),
        resources=(
            "remiza z salą spotkań na 80 osób",
            "samochód ratowniczo-gaśniczy i sprzęt do ratownictwa technicznego",
            "instruktorzy kwalifikowanej pierwszej pomocy",
            "namioty, ławostoły i nagłośnienie na festyny",
        ),
        networks=("Związek Ochotniczych Straży Pożarnych RP",),
        where="rural",
        weight=3,
    ),
    Kind(
        key="kgw",
        legal_form=LegalForm.KOLO_GOSPODYN_WIEJSKICH,
        names=(
            "Koło Gospodyń Wiejskich {w}",
            "Koło Gospodyń Wiejskich {kgw} {w}",
        ),
        areas=("national_tradition", "culture", "local_communities", "seniors"),
        descriptions=(
            "Koło Gospodyń Wiejskich {w} pielęgnuje lokalne tradycje kulinarne i "
            "rękodzieło. Organizujemy dożynki, warsztaty dla dzieci i spotkania "
            "międzypokoleniowe, a nasze wypieki promują {town} na targach "
            "produktów regionalnych.",
            "Działamy na rzecz aktywizacji mieszkanek i mieszkańców wsi: prowadzimy "
            "zespół śpiewaczy, warsztaty rękodzieła i wspólne gotowanie, wspieramy "
            "szkołę i parafię przy lokalnych uroczystościach.",
        ),
        resources=(
            "kuchnia i sala w świetlicy wiejskiej",
            "przepisy i produkty regionalne wpisane na listę produktów tradycyjnych",
            "stoisko promocyjne na targi i jarmarki",
            "zespół śpiewaczy i stroje ludowe",
        ),
        where="rural",
        krs=False,
        weight=3,
    ),
    Kind(
        key="uks",
        legal_form=LegalForm.STOWARZYSZENIE,
        names=(
            "Uczniowski Klub Sportowy {club} {w}",
            "Ludowy Klub Sportowy {club} {w}",
        ),
        areas=("sport", "children_youth", "education", "health"),
        descriptions=(
            "Prowadzimy zajęcia sportowe dla dzieci i młodzieży {w}: piłkę nożną, "
            "siatkówkę, lekkoatletykę i tenis stołowy. Organizujemy turnieje "
            "międzyszkolne i letnie obozy sportowe.",
            "Klub działa przy szkole podstawowej i skupia ponad stu zawodników. "
            "Stawiamy na wychowanie przez sport, zdrowy styl życia i udział dzieci z "
            "rodzin w trudnej sytuacji w rozgrywkach ligowych.",
        ),
        resources=(
            "wykwalifikowani trenerzy i instruktorzy",
            "sprzęt sportowy i stroje dla drużyn",
            "doświadczenie w organizacji turniejów i obozów",
        ),
        krs=False,
        weight=2,
    ),
    Kind(
        key="przyjaciele",
        legal_form=LegalForm.STOWARZYSZENIE,
        names=(
            "Stowarzyszenie Przyjaciół Ziemi {ziemi}",
            "Towarzystwo Miłośników Ziemi {ziemi}",
        ),
        areas=(
            "culture",
            "national_tradition",
            "tourism",
            "local_communities",
            "education",
        ),
        descriptions=(
            "Dokumentujemy historię i dziedzictwo Ziemi {ziemi}: wydajemy publikacje, "
            "prowadzimy izbę regionalną i oznakowujemy szlaki. Organizujemy rajdy, "
            "wykłady i konkursy wiedzy o regionie dla szkół {region_w}.",
            "Skupiamy regionalistów, nauczycieli i przewodników. Od lat współpracujemy "
            "z samorządem przy promocji regionu i ochronie zabytków {region_w}.",
        ),
        resources=(
            "archiwum fotografii i dokumentów regionalnych",
            "przewodnicy i regionaliści gotowi poprowadzić wycieczki",
            "doświadczenie wydawnicze (kwartalnik regionalny)",
            "sala wystawowa w izbie regionalnej",
        ),
        networks=(OFOP,),
        weight=2,
        needs=frozenset({"ziemi"}),
    ),
    Kind(
        key="inicjatywy",
        legal_form=LegalForm.STOWARZYSZENIE,
        names=(
            "Stowarzyszenie Inicjatyw Lokalnych {motto} {w}",
            "Stowarzyszenie Rozwoju Wsi {motto} {w}",
            "Stowarzyszenie Aktywnych Mieszkańców {motto} {w}",
        ),
        areas=(
            "local_communities",
            "volunteering",
            "culture",
            "revitalisation",
            "civic_advice",
        ),
        descriptions=(
            "Łączymy mieszkańców, którzy chcą zmieniać swoje otoczenie: odnowiliśmy "
            "plac zabaw i świetlicę, prowadzimy budżet sąsiedzki i wolontariat. "
            "Uczestniczymy w konsultacjach programu współpracy gminy z organizacjami "
            "pozarządowymi.",
            "Wspieramy inicjatywy oddolne {w}: pomagamy grupom mieszkańców napisać "
            "pierwszy wniosek o dotację, organizujemy spotkania sąsiedzkie i "
            "animujemy partnerstwo lokalne z udziałem gminy i przedsiębiorców.",
        ),
        resources=(
            "świetlica z rzutnikiem i salą na 40 osób",
            "grupa 25 stałych wolontariuszy",
            "doświadczenie w realizacji projektów z funduszu sołeckiego i FIO",
            "animatorzy lokalni po szkoleniu z partnerstw lokalnych",
        ),
        networks=(OFOP, DZIALAMY_RAZEM),
        weight=3,
    ),
    Kind(
        key="przedsiebiorczosc",
        legal_form=LegalForm.STOWARZYSZENIE,
        names=(
            "Stowarzyszenie Wspierania Przedsiębiorczości Powiatu {powiatu}",
            "Lokalna Grupa Działania {motto}",
            "Stowarzyszenie Rozwoju Gospodarczego Ziemi {ziemi}",
        ),
        areas=(
            "economic_development",
            "employment",
            "innovation",
            "tourism",
            "local_communities",
        ),
        descriptions=(
            "Wspieramy rozwój mikroprzedsiębiorstw i przedsiębiorczości społecznej "
            "{region_w}: doradzamy osobom zakładającym firmę, prowadzimy punkt "
            "konsultacyjny i inkubator. Razem z samorządami tworzymy partnerstwa "
            "lokalne i programy rozwoju.",
            "Jesteśmy instytucją otoczenia biznesu: prowadzimy szkolenia, fundusz "
            "pożyczkowy i sieć mentorów. Uczestniczymy w pracach zespołów partnerów "
            "lokalnych i ekspertów nad wieloletnimi programami rozwoju.",
        ),
        resources=(
            "doradcy biznesowi i księgowi",
            "sala szkoleniowa z wyposażeniem multimedialnym",
            "fundusz pożyczkowy dla mikroprzedsiębiorstw",
            "doświadczenie w opracowywaniu programów rozwoju na podstawie fiszki",
        ),
        networks=(DZIALAMY_RAZEM, OFOP),
        weight=2,
    ),
    Kind(
        key="utw",
        legal_form=LegalForm.STOWARZYSZENIE,
        names=("Stowarzyszenie Uniwersytet Trzeciego Wieku {w}",),
        areas=("seniors", "education", "culture", "health"),
        descriptions=(
            "Uniwersytet Trzeciego Wieku {w} prowadzi wykłady, lektoraty języków "
            "obcych, zajęcia komputerowe i gimnastykę dla ponad dwustu słuchaczy. "
            "Seniorzy angażują się w wolontariat i projekty międzypokoleniowe.",
        ),
        resources=(
            "wykładowcy-wolontariusze",
            "pracownia komputerowa udostępniana przez szkołę",
            "doświadczenie w aktywizacji osób starszych",
        ),
        networks=("Ogólnopolska Federacja Stowarzyszeń Uniwersytetów Trzeciego Wieku",),
        where="city",
    ),
    Kind(
        key="niepelnosprawni",
        legal_form=LegalForm.STOWARZYSZENIE,
        names=(
            "Stowarzyszenie na Rzecz Osób Niepełnosprawnych {motto} {w}",
            "Stowarzyszenie Rodzin i Opiekunów Osób Niepełnosprawnych {motto}",
        ),
        areas=("disability", "social_assistance", "health", "social_reintegration"),
        descriptions=(
            "Prowadzimy warsztaty terapii zajęciowej i wypożyczalnię sprzętu "
            "rehabilitacyjnego. Wspieramy rodziny osób z niepełnosprawnościami w "
            "załatwianiu spraw urzędowych i organizujemy turnusy wytchnieniowe.",
            "Od dwudziestu lat działamy na rzecz dzieci i dorosłych z "
            "niepełnosprawnościami {region_w}: rehabilitacja, asystencja osobista, "
            "mieszkanie treningowe i grupy wsparcia dla rodziców.",
        ),
        resources=(
            "wypożyczalnia sprzętu rehabilitacyjnego",
            "bus przystosowany do przewozu osób na wózkach",
            "terapeuci zajęciowi i fizjoterapeuci",
            "wiedza o dostępności budynków i wydarzeń",
        ),
        networks=(OFOP,),
        weight=2,
    ),
    Kind(
        key="bank_zywnosci",
        legal_form=LegalForm.STOWARZYSZENIE,
        names=("Bank Żywności {w}",),
        areas=("social_assistance", "charity", "ecology", "volunteering"),
        descriptions=(
            "Przeciwdziałamy niedożywieniu i marnowaniu żywności: odbieramy nadwyżki "
            "od producentów i sklepów i przekazujemy je organizacjom i ośrodkom "
            "pomocy społecznej {region_w}.",
        ),
        resources=(
            "magazyn z chłodnią",
            "samochód dostawczy",
            "sieć ponad 60 organizacji partnerskich",
        ),
        networks=("Federacja Polskich Banków Żywności",),
        where="city",
    ),
    Kind(
        key="rodziny_zastepcze",
        legal_form=LegalForm.STOWARZYSZENIE,
        names=("Stowarzyszenie Rodzin Zastępczych {motto} {w}",),
        areas=(
            "family_foster_care",
            "children_youth",
            "social_assistance",
            "family_children_rights",
        ),
        descriptions=(
            "Skupiamy rodziny zastępcze i prowadzących rodzinne domy dziecka. "
            "Organizujemy grupy wsparcia, szkolenia dla kandydatów i wakacje dla "
            "dzieci, współpracujemy z powiatowym centrum pomocy rodzinie.",
        ),
        resources=(
            "psycholog i pedagog współpracujący z organizacją",
            "doświadczenie w prowadzeniu grup wsparcia",
        ),
    ),
    Kind(
        key="turystyka",
        legal_form=LegalForm.STOWARZYSZENIE,
        names=(
            "Lokalna Organizacja Turystyczna Ziemi {ziemi}",
            "Stowarzyszenie Turystyki Aktywnej {motto} {w}",
        ),
        areas=("tourism", "economic_development", "culture", "ecology"),
        descriptions=(
            "Promujemy walory turystyczne regionu: wytyczamy szlaki rowerowe i "
            "kajakowe, wydajemy mapy i prowadzimy punkt informacji turystycznej. "
            "Łączymy gospodarstwa agroturystyczne, samorządy i przewodników.",
        ),
        resources=(
            "punkt informacji turystycznej",
            "licencjonowani przewodnicy",
            "wypożyczalnia rowerów i kajaków",
        ),
        networks=("Polska Organizacja Turystyczna (partner)",),
    ),
    Kind(
        key="trzezwosc",
        legal_form=LegalForm.STOWARZYSZENIE,
        names=("Stowarzyszenie Trzeźwościowe {motto} {w}",),
        areas=("addiction_prevention", "health", "social_reintegration"),
        descriptions=(
            "Prowadzimy klub abstynenta, grupy wsparcia dla osób uzależnionych i ich "
            "rodzin oraz profilaktykę w szkołach. Współpracujemy z gminną komisją "
            "rozwiązywania problemów alkoholowych.",
        ),
        resources=(
            "lokal klubu abstynenta",
            "terapeuci uzależnień",
        ),
    ),
    Kind(
        key="mlodziez",
        legal_form=LegalForm.STOWARZYSZENIE,
        names=(
            "Stowarzyszenie Młodzieżowe {motto} {w}",
            "Stowarzyszenie Młodych Europejczyków {motto}",
        ),
        areas=("children_youth", "volunteering", "education", "european_integration"),
        descriptions=(
            "Młodzi ludzie {w} sami planują i prowadzą nasze działania: młodzieżową "
            "radę, wymiany międzynarodowe w programie Erasmus+, wolontariat i "
            "warsztaty z przedsiębiorczości.",
        ),
        resources=(
            "trenerzy edukacji pozaformalnej",
            "doświadczenie w wymianach młodzieży",
            "studio nagrań podcastów",
        ),
        networks=("Polska Rada Organizacji Młodzieżowych",),
    ),
    Kind(
        key="fundacja_dzieci",
        legal_form=LegalForm.FUNDACJA,
        names=(
            "Fundacja Pomocy Dzieciom i Młodzieży {motto}",
            "Fundacja Wspierania Rodziny {motto}",
        ),
        areas=(
            "children_youth",
            "family_children_rights",
            "education",
            "family_foster_care",
            "social_assistance",
        ),
        descriptions=(
            "Prowadzimy świetlicę środowiskową i placówkę wsparcia dziennego, gdzie "
            "dzieci odrabiają lekcje, jedzą ciepły posiłek i rozwijają pasje. "
            "Rodzicom oferujemy poradnictwo i warsztaty umiejętności "
            "wychowawczych.",
            "Wyrównujemy szanse edukacyjne dzieci {region_w}: korepetycje, "
            "stypendia, kolonie i mentoring prowadzony przez studentów.",
        ),
        resources=(
            "świetlica na 30 dzieci",
            "pedagodzy i psycholog",
            "wolontariusze-mentorzy",
        ),
        networks=(OFOP,),
        weight=2,
    ),
    Kind(
        key="fundacja_eko",
        legal_form=LegalForm.FUNDACJA,
        names=(
            "Fundacja Edukacji Ekologicznej {motto}",
            "Fundacja Ochrony Przyrody Ziemi {ziemi}",
        ),
        areas=("ecology", "education", "tourism", "local_communities"),
        descriptions=(
            "Uczymy dzieci i dorosłych, jak chronić przyrodę najbliższej okolicy: "
            "prowadzimy ścieżki przyrodnicze, zajęcia terenowe dla szkół i akcje "
            "sadzenia drzew. Doradzamy gminom w sprawie zieleni miejskiej i "
            "retencji wody.",
        ),
        resources=(
            "edukatorzy przyrodniczy",
            "sprzęt do zajęć terenowych (lornetki, mikroskopy)",
            "ekspertyzy przyrodnicze",
        ),
    ),
    Kind(
        key="fundacja_aktywizacja",
        legal_form=LegalForm.FUNDACJA,
        names=(
            "Fundacja Aktywizacji Zawodowej {motto}",
            "Fundacja Ekonomii Społecznej {motto}",
        ),
        areas=(
            "employment",
            "social_economy",
            "social_reintegration",
            "economic_development",
        ),
        descriptions=(
            "Pomagamy osobom długotrwale bezrobotnym wrócić na rynek pracy: doradztwo "
            "zawodowe, kursy, staże i wsparcie w zakładaniu spółdzielni socjalnych. "
            "Współpracujemy z powiatowym urzędem pracy i ośrodkami pomocy "
            "społecznej.",
            "Animujemy ekonomię społeczną {region_w}: inkubujemy podmioty ekonomii "
            "społecznej, organizujemy spotkania branżowe i pomagamy samorządom "
            "zlecać usługi społeczne.",
        ),
        resources=(
            "doradcy zawodowi i trenerzy",
            "inkubator podmiotów ekonomii społecznej",
            "doświadczenie w partnerstwach z urzędami pracy",
        ),
        networks=(OFOP,),
        weight=2,
    ),
    Kind(
        key="fundacja_kultura",
        legal_form=LegalForm.FUNDACJA,
        names=(
            "Fundacja Kultury i Dziedzictwa {motto}",
            "Fundacja Teatralna {motto}",
        ),
        areas=("culture", "national_tradition", "education", "tourism"),
        descriptions=(
            "Organizujemy festiwal, koncerty i warsztaty artystyczne {w}. "
            "Ratujemy zabytki techniki i dokumentujemy wspomnienia najstarszych "
            "mieszkańców.",
        ),
        resources=(
            "scena mobilna i oświetlenie",
            "doświadczenie w organizacji festiwali",
            "animatorzy kultury",
        ),
        where="city",
    ),
    Kind(
        key="fundacja_innowacje",
        legal_form=LegalForm.FUNDACJA,
        names=(
            "Fundacja Innowacji Społecznych {motto}",
            "Fundacja Cyfrowa {motto}",
        ),
        areas=("innovation", "education", "economic_development", "ngo_support"),
        descriptions=(
            "Testujemy nowe rozwiązania społeczne i uczymy organizacje pozarządowe "
            "korzystać z narzędzi cyfrowych. Prowadzimy hackathony obywatelskie i "
            "laboratorium innowacji dla samorządów.",
        ),
        resources=(
            "programiści i projektanci-wolontariusze",
            "laboratorium innowacji z drukarką 3D",
            "szkolenia z bezpieczeństwa cyfrowego",
        ),
        networks=(OFOP,),
        where="city",
    ),
    Kind(
        key="fundacja_prawo",
        legal_form=LegalForm.FUNDACJA,
        names=("Fundacja Poradnictwa Obywatelskiego {motto}",),
        areas=("legal_aid", "civic_advice", "human_rights", "consumer_rights"),
        descriptions=(
            "Prowadzimy punkt nieodpłatnej pomocy prawnej i poradnictwa obywatelskiego "
            "na zlecenie powiatu. Uczymy mieszkańców, jak dochodzić swoich praw "
            "konsumenckich i korzystać z informacji publicznej.",
        ),
        resources=(
            "radcowie prawni i doradcy obywatelscy",
            "doświadczenie w prowadzeniu punktów nieodpłatnej pomocy prawnej",
        ),
        networks=("Związek Biur Porad Obywatelskich",),
        where="city",
    ),
    Kind(
        key="fundacja_hospicjum",
        legal_form=LegalForm.FUNDACJA,
        names=("Fundacja Hospicjum Domowego {w}",),
        areas=("health", "social_assistance", "seniors", "volunteering"),
        descriptions=(
            "Opiekujemy się nieuleczalnie chorymi w ich domach i wspieramy ich "
            "rodziny w żałobie. Szkolimy wolontariuszy hospicyjnych.",
        ),
        resources=(
            "wypożyczalnia sprzętu medycznego",
            "zespół pielęgniarek i wolontariuszy",
        ),
        where="city",
    ),
    Kind(
        key="fundacja_migranci",
        legal_form=LegalForm.FUNDACJA,
        names=("Fundacja Wielokulturowa {motto}",),
        areas=("foreigners_integration", "human_rights", "education", "employment"),
        descriptions=(
            "Pomagamy cudzoziemcom {w} w nauce języka polskiego, legalizacji pobytu "
            "i szukaniu pracy. Prowadzimy klub wymiany kulturowej i szkolenia dla "
            "urzędników z komunikacji międzykulturowej.",
        ),
        resources=(
            "lektorzy języka polskiego jako obcego",
            "tłumacze języka ukraińskiego",
        ),
        where="city",
    ),
    Kind(
        key="spoldzielnia",
        legal_form=LegalForm.SPOLDZIELNIA_SOCJALNA,
        names=("Spółdzielnia Socjalna {motto}",),
        areas=(
            "social_economy",
            "employment",
            "social_reintegration",
            "ecology",
            "seniors",
        ),
        descriptions=(
            "Spółdzielnia zatrudnia osoby, które wcześniej długo pozostawały bez "
            "pracy. Prowadzimy catering z regionalną kuchnią i usługi porządkowe "
            "dla gminy i firm {region_w}.",
            "Świadczymy usługi opiekuńcze dla osób starszych i pielęgnację terenów "
            "zielonych. Zyski przeznaczamy na reintegrację zawodową i społeczną "
            "naszych członków.",
        ),
        resources=(
            "kuchnia z certyfikatem sanepidu",
            "ekipa do prac porządkowych i ogrodniczych",
            "doświadczenie w realizacji zamówień z klauzulami społecznymi",
        ),
        networks=("Ogólnopolski Związek Rewizyjny Spółdzielni Socjalnych",),
        weight=2,
    ),
    Kind(
        key="caritas",
        legal_form=LegalForm.KOSCIELNA_OSOBA_PRAWNA,
        names=("Caritas Parafii pw. {saint} {w}",),
        areas=("charity", "social_assistance", "seniors", "family_children_rights"),
        descriptions=(
            "Parafialny zespół Caritas pomaga rodzinom w trudnej sytuacji: "
            "prowadzimy punkt pomocy doraźnej, zbiórki żywności i odwiedziny u "
            "samotnych seniorów. Organizujemy wigilię dla osób samotnych.",
        ),
        resources=(
            "sala parafialna",
            "magazyn odzieży i żywności",
            "wolontariusze szkolnego koła Caritas",
        ),
        networks=("Caritas Polska",),
        krs=False,
    ),
    Kind(
        key="zwykle",
        legal_form=LegalForm.STOWARZYSZENIE_ZWYKLE,
        names=(
            "Stowarzyszenie Zwykłe {motto} {w}",
            "Klub Seniora {motto} {w}",
            "Stowarzyszenie Zwykłe Miłośników Rowerów {w}",
        ),
        areas=("local_communities", "seniors", "sport", "culture", "tourism"),
        descriptions=(
            "Jesteśmy stowarzyszeniem zwykłym: niewielką grupą sąsiadów, która "
            "organizuje wycieczki, spotkania i wspólne sprzątanie okolicy {w}.",
            "Spotykamy się co tydzień, organizujemy rajdy, potańcówki i wyjazdy. "
            "Chętnie włączamy się w wydarzenia gminy.",
        ),
        resources=(
            "zaangażowani wolontariusze",
            "doświadczenie w organizacji wycieczek",
        ),
        krs=False,
        nip=False,
        weight=2,
    ),
    Kind(
        key="nieformalna",
        legal_form=LegalForm.GRUPA_NIEFORMALNA,
        names=(
            "Kooperatywa Spożywcza {w}",
            "Grupa Wymiany Wzajemnej {w}",
            "Sąsiedzka Grupa Inicjatywna {motto} {w}",
            "Młodzieżowa Grupa Teatralna {motto} {w}",
        ),
        areas=(
            "local_communities",
            "social_economy",
            "ecology",
            "culture",
            "children_youth",
        ),
        descriptions=(
            "Grupa nieformalna mieszkańców {w}. Wspólnie kupujemy żywność od "
            "lokalnych rolników, wymieniamy się usługami i umiejętnościami, "
            "organizujemy sąsiedzkie pikniki.",
            "Działamy bez osobowości prawnej: kilkanaście osób, które chcą coś "
            "zmienić w swojej okolicy. Korzystamy z programów grantowych dla "
            "inicjatyw oddolnych.",
        ),
        resources=(
            "zaangażowani mieszkańcy",
            "kontakty z lokalnymi rolnikami i producentami",
        ),
        krs=False,
        nip=False,
        regon=False,
        weight=2,
    ),
    Kind(
        key="mniejszosc",
        legal_form=LegalForm.INNA,
        names=("Koło Towarzystwa Społeczno-Kulturalnego Niemców {w}",),
        areas=("minorities", "culture", "national_tradition", "education"),
        descriptions=(
            "Koło mniejszości niemieckiej {w} prowadzi naukę języka niemieckiego, "
            "chór i spotkania dla seniorów, dba o dwujęzyczne dziedzictwo regionu.",
        ),
        resources=(
            "sala spotkań z biblioteczką niemieckojęzyczną",
            "chór i zespół taneczny",
        ),
        krs=False,
        nip=False,
        weight=3,
        needs=frozenset({"opolskie"}),
    ),
)

MOTTOS = (
    "Razem",
    "Nadzieja",
    "Horyzont",
    "Przystań",
    "Tęcza",
    "Pod Lipami",
    "Otwarte Drzwi",
    "Most",
    "Źródło",
    "Aktywni Razem",
    "Nowa Perspektywa",
    "Kuźnia Inicjatyw",
    "Dobry Start",
    "Zielona Dolina",
    "Wspólna Sprawa",
    "Promyk",
    "Drugi Dom",
    "Iskra",
    "Korzenie",
    "Sąsiedzi",
    "Pasja",
    "Krok Dalej",
    "Cztery Pory Roku",
    "Dom Pełen Ludzi",
    "Słoneczna Strona",
    "Złota Jesień",
    "Aktywna Wieś",
    "Nasze Miejsce",
    "Kreatywni",
    "Przylądek",
    "Kompas",
    "Wrzos",
    "Zakątek",
    "Pomocna Dłoń",
    "Latarnia",
    "Miód i Mleko",
    "Na Fali",
    "Otwarty Umysł",
    "Szansa",
    "Ogród Marzeń",
)
CLUBS = (
    "Orlik",
    "Olimp",
    "Sokół",
    "Jedynka",
    "Dwójka",
    "Victoria",
    "Sparta",
    "Tornado",
    "Delfin",
    "Junior",
    "Start",
    "Płomyk",
    "Błyskawica",
    "Zryw",
    "Grom",
)
KGW_NAMES = (
    "Kalina",
    "Jarzębina",
    "Malwy",
    "Kąkolanki",
    "Stokrotki",
    "Niezapominajki",
    "Słoneczniki",
    "Wrzosy",
)
SAINTS = (
    "św. Marcina",
    "św. Jadwigi Śląskiej",
    "Świętego Ducha",
    "św. Stanisława Biskupa",
    "Najświętszego Serca Pana Jezusa",
    "Wniebowzięcia Najświętszej Maryi Panny",
    "św. Józefa",
    "św. Jana Chrzciciela",
    "św. Floriana",
    "Matki Bożej Różańcowej",
    "św. Wojciecha",
    "św. Mikołaja",
    "św. Michała Archanioła",
    "św. Anny",
)
STREETS = (
    "ul. Kościuszki",
    "ul. Mickiewicza",
    "ul. Szkolna",
    "ul. Kościelna",
    "Rynek",
    "ul. Polna",
    "ul. Ogrodowa",
    "ul. Słowackiego",
    "ul. Dworcowa",
    "ul. Sienkiewicza",
    "ul. Parkowa",
    "ul. Kolejowa",
    "ul. Lipowa",
    "ul. 3 Maja",
    "ul. Zamkowa",
    "ul. Strażacka",
    "ul. Wiejska",
    "ul. Konopnickiej",
)
