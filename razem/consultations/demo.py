"""Demo consultations for `razem demo`.

Seed 003: the departmental programme „Ekonomia społeczna” of Ministerstwo Rodziny,
Pracy i Polityki Społecznej, consulted in the past: one version whose sections are the
introduction, each Priority and each Action (`priorytet-i/dzialanie-i-1`), twelve
comments (on behalf of organisations, by private persons with and without consent to
publish their names, written opinions by e-mail and by post, one hidden by
moderation), a position on every comment (some answered together) and the published
report. Seed 002: the yearly cooperation programme of Województwo Opolskie, open now,
with a few comments.

Idempotent by slug: an existing demo consultation is kept as it is (the open one has
its period moved so that it stays open); one with a demo slug that is not demo data is
left alone. Comments, opinions, positions and the report go through the services, so
numbering, audit entries and checks are the real ones; only creating the consultation
row (with its fixed slug) and moving the programme's period into the past are direct
writes. Dates are relative to the day of loading.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Max
from django.utils import timezone

from razem.accounts.models import User
from razem.areas.models import PublicBenefitArea
from razem.consultations.documents import parse_markdown
from razem.consultations.models import (
    Comment,
    Consultation,
    DocumentVersion,
    Response,
    Section,
)
from razem.consultations.services.comments import (
    comment_create,
    comment_moderate,
    opinion_enter,
)
from razem.consultations.services.consultations import (
    consultation_publish,
    report_publish,
    responses_start,
)
from razem.consultations.services.responses import response_set
from razem.core.demo.institutions import MRPIPS, UMWO, UMWO_NGO_UNIT
from razem.core.demo.users import DEMO_ORGANISATION
from razem.institutions.models import Institution
from razem.organisations.models import Organisation

SEED_003_SLUG = "resortowy-program-ekonomia-spoleczna"
OPOLE_SLUG = "program-wspolpracy-wojewodztwa-opolskiego-2027"
DOMAIN = "demo.razem.local"
OCWIP = "Opolskie Centrum Wspierania Inicjatyw Pozarządowych"
OCDL = "Opolskie Centrum Demokracji Lokalnej"
SWP = "Stowarzyszenie Wspierania Przedsiębiorczości Powiatu Gostyńskiego"
MRPIPS_UNIT = "Departament Ekonomii Społecznej i Solidarnej"

SEED_003 = """\
Założenia Resortowego Programu „Ekonomia społeczna” wypracowane w ramach warsztatu \
powinny być zgodne z Krajowym Programem Rozwoju Ekonomii Społecznej (KPRES) oraz \
komplementarne wobec Programu Operacyjnego Wiedza Edukacja Rozwój (PO WER), \
Regionalnych Programów Operacyjnych (RPO) oraz Programu Fundusz Inicjatyw \
Obywatelskich.

Założenia powinny uwzględniać strukturę dokumentu obejmującą: diagnozę sytuacji, cel \
główny oraz cele szczegółowe Programu, kierunki interwencji/ priorytety/ działania, \
założenia systemu realizacji Programu oraz część poświęconą pomocy technicznej.

### **Priorytet I. Rozwój społecznie odpowiedzialnego terytorium.**

Działanie I.1. Rozwój animacji lokalnej wspierającej rozwój ekonomii społecznej \
(m .in. szkolenia dla animatorów lokalnych, doradztwo, tutoring, superwizje itp.);

Działanie I.2. Promowanie ruchów nieformalnych i ruchów społecznych (m. in. \
kooperatywy spożywców, rolnicze, grupy wymiany wzajemnej, innowacje, inicjatywy \
eksperymentalne);

Działanie I.3. Wsparcie inicjatywy lokalnej;

Działanie I.4. Promowanie (m. in. w lokalnych dokumentach planistycznych) usług \
użyteczności publicznej realizowanych przez podmioty ekonomii społecznej na poziomie \
wspólnoty samorządowej;

### **Priorytet II. Wsparcie rozwojowe partycypacji i kooperacji sektora.**

Działanie II.1. Wsparcie działań koordynacyjnych na poziomie centralnym w zakresie \
eksperckim, doradczym i ewaluacyjnym;

Działanie II.2. wsparcie kompetencyjne członków lokalnych i regionalnych ciał \
biorących udział w koordynacji wspierania rozwoju ekonomii społecznej (m. in. \
szkolenia, doradztwo itp.);

Działanie II.3. Wsparcie tematycznych/branżowych spotkań podmiotów ekonomii \
społecznej na rzecz podniesienia jakości ich produktów i usług (spotkania coroczne w \
kilku grupach branżowych np.: opieka nad dziećmi, opieka i wsparcie osób \
niepełnosprawnych, usługi dla osób starszych, określony rodzaj produktu itd.);

### **Priorytet III. Wiedza i kompetencje.**

Działanie III.1. Wspieranie działań w zakresie edukacji nieformalnej, kierowanych do \
dzieci i młodzieży, promujących ekonomię społeczną;

Działanie III.2. Promowanie badań nad tradycjami w kontekście współczesności \
ekonomii społecznej (portale internetowe, wydawnictwa zwarte i periodyki tematyczne, \
wkładki do pism, włączanie w działania projektowe, promocja wartości);

Działanie III.3. Promowanie i rozwój spółdzielczości uczniowskiej.
"""

OPOLE_PROGRAMME = """\
## Rozdział 1 Postanowienia ogólne

§ 1. Program określa cele, zasady, formy i zakres współpracy Samorządu Województwa \
Opolskiego z organizacjami pozarządowymi oraz podmiotami, o których mowa w art. 3 \
ust. 3 ustawy o działalności pożytku publicznego i o wolontariacie, w 2027 roku.

§ 2. Celem głównym Programu jest budowanie partnerstwa między administracją \
samorządową a organizacjami pozarządowymi, służącego lepszemu rozpoznawaniu i \
zaspokajaniu potrzeb mieszkańców województwa.

## Rozdział 2 Formy współpracy

§ 3. Współpraca ma charakter finansowy (zlecanie realizacji zadań publicznych w \
trybie otwartych konkursów ofert i w trybie pozakonkursowym) oraz pozafinansowy \
(wzajemne informowanie się, konsultowanie projektów aktów normatywnych, tworzenie \
wspólnych zespołów o charakterze doradczym).

§ 4. Priorytetowymi zadaniami publicznymi w 2027 roku są: pomoc społeczna, \
działalność na rzecz osób w wieku emerytalnym, ochrona i promocja zdrowia oraz \
wspieranie inicjatyw lokalnych i ekonomii społecznej.

## Rozdział 3 Realizacja i ocena Programu

§ 5. Na realizację Programu przeznacza się w budżecie województwa kwotę nie niższą \
niż w roku poprzednim.

§ 6. Sprawozdanie z realizacji Programu Zarząd Województwa przedkłada Sejmikowi \
Województwa Opolskiego do dnia 31 maja 2028 roku.
"""


@dataclass
class DemoConsultations:
    consultations: int = 0
    created: int = 0
    comments: int = 0
    skipped: list[str] = field(default_factory=list)


# (key of the section or "" for the whole document, author e-mail prefix, on behalf
#  of the demo organisation?, consent to publish the name, proposed wording,
#  justification)
ONLINE_COMMENTS = (
    (
        "priorytet-i/dzialanie-i-1",
        "przedstawiciel",
        True,
        False,
        "Rozwój animacji lokalnej wspierającej rozwój ekonomii społecznej, w tym "
        "szkolenia, doradztwo, tutoring i superwizje dla animatorów lokalnych oraz "
        "sieciowanie animatorów w regionach.",
        "Animatorzy pracujący w pojedynkę szybko się wypalają. Sieci wymiany "
        "doświadczeń między regionami sprawdziły się w naszym powiecie i warto je "
        "wpisać do działania wprost.",
    ),
    (
        "priorytet-i/dzialanie-i-1",
        "czlonek",
        False,
        True,
        "",
        "Popieram rozszerzenie działania o sieciowanie animatorów; prosimy także o "
        "wsparcie superwizji dla animatorów pracujących na terenach wiejskich.",
    ),
    (
        "priorytet-ii/dzialanie-ii-3",
        "przedstawiciel",
        True,
        False,
        "Wsparcie corocznych spotkań branżowych podmiotów ekonomii społecznej, "
        "organizowanych w każdym województwie co najmniej raz w roku.",
        "Spotkania wyłącznie na poziomie centralnym wykluczają małe podmioty, dla "
        "których koszt dojazdu do Warszawy jest zbyt wysoki.",
    ),
    (
        "priorytet-iii/dzialanie-iii-3",
        "czlonek",
        True,
        False,
        "Promowanie i rozwój spółdzielczości uczniowskiej, w tym szkolenia dla "
        "opiekunów spółdzielni uczniowskich.",
        "Bez przygotowanych opiekunów spółdzielnie uczniowskie nie przetrwają dłużej "
        "niż jeden rok szkolny.",
    ),
    (
        "wstep",
        "czlonek",
        False,
        True,
        "",
        "We wstępie warto wskazać, że Program uwzględnia także nową perspektywę "
        "finansową funduszy europejskich.",
    ),
    (
        "",
        "mieszkaniec",
        False,
        False,
        "",
        "Program jest napisany językiem trudnym dla mieszkańców. Proszę o "
        "streszczenie w prostym języku.",
    ),
    (
        "priorytet-i/dzialanie-i-2",
        "mieszkaniec",
        False,
        False,
        "Promowanie ruchów nieformalnych i społecznych, w tym kooperatyw spożywców i "
        "banków czasu.",
        "Banki czasu działają w wielu miastach i są dobrym przykładem wymiany "
        "wzajemnej.",
    ),
)

# (key, channel, sender, organisation name (registered demo one or not), consent,
#  day of the period it came in, proposed wording, justification)
WRITTEN_OPINIONS = (
    (
        "priorytet-ii/dzialanie-ii-1",
        Comment.Channel.POST,
        "Przewodnicząca Zarządu",
        "Krajowa Sieć Ośrodków Wsparcia Ekonomii Społecznej",
        False,
        20,
        "Wsparcie działań koordynacyjnych na poziomie centralnym i regionalnym w "
        "zakresie eksperckim, doradczym i ewaluacyjnym.",
        "Koordynacja bez udziału regionalnych ośrodków wsparcia ekonomii społecznej "
        "nie obejmie podmiotów działających lokalnie.",
    ),
    (
        "priorytet-ii/dzialanie-ii-2",
        Comment.Channel.EMAIL,
        "Dyrektor Centrum",
        OCWIP,
        False,
        24,
        "",
        "Wsparcie kompetencyjne powinno obejmować także przedstawicieli organizacji "
        "pozarządowych w regionalnych komitetach ekonomii społecznej.",
    ),
    (
        "priorytet-iii/dzialanie-iii-1",
        Comment.Channel.EMAIL,
        "Koordynatorka programów edukacyjnych",
        OCDL,
        False,
        25,
        "",
        "Edukacja nieformalna powinna obejmować także młodzież w wieku 18–24 lat, "
        "która nie uczy się i nie pracuje.",
    ),
    (
        "priorytet-iii/dzialanie-iii-2",
        Comment.Channel.EMAIL,
        "Teresa Nowakowska",
        "",
        True,
        26,
        "",
        "Badania nad tradycjami spółdzielczości powinny korzystać z zasobów "
        "archiwów regionalnych.",
    ),
    (
        "priorytet-i/dzialanie-i-4",
        Comment.Channel.POST,
        "Prezes Zarządu",
        SWP,
        False,
        27,
        "Promowanie, w tym w strategiach rozwoju i lokalnych dokumentach "
        "planistycznych, usług użyteczności publicznej realizowanych przez podmioty "
        "ekonomii społecznej.",
        "Usługi podmiotów ekonomii społecznej powinny być wpisywane także do "
        "strategii rozwoju gmin i powiatów.",
    ),
)

# (comment numbers, position, justification)
POSITIONS = (
    (
        (1, 2),
        Response.Position.ACCEPTED,
        "Uwzględniono. Działanie I.1 otrzymało brzmienie obejmujące sieciowanie "
        "animatorów i superwizje, także na terenach wiejskich.",
    ),
    (
        (3,),
        Response.Position.PARTLY,
        "Uwzględniono częściowo: spotkania branżowe będą organizowane w czterech "
        "makroregionach, a nie w każdym województwie.",
    ),
    (
        (4,),
        Response.Position.ACCEPTED,
        "Uwzględniono. Szkolenia opiekunów spółdzielni uczniowskich wpisano do "
        "Działania III.3.",
    ),
    (
        (5,),
        Response.Position.NOT_APPLICABLE,
        "Uwaga dotyczy założeń, a nie treści Programu; perspektywa finansowa zostanie "
        "opisana w systemie realizacji.",
    ),
    (
        (6,),
        Response.Position.PARTLY,
        "Uwzględniono częściowo: do Programu zostanie dołączone streszczenie; treść "
        "Programu musi zachować język dokumentu strategicznego.",
    ),
    (
        (7,),
        Response.Position.ACCEPTED,
        "Uwzględniono. Banki czasu wymieniono w Działaniu I.2.",
    ),
    (
        (8, 9),
        Response.Position.PARTLY,
        "Uwzględniono częściowo: regionalne ośrodki wsparcia i przedstawiciele "
        "organizacji w komitetach regionalnych zostaną objęci wsparciem w ramach "
        "Działania II.2; koordynacja pozostaje zadaniem ministra.",
    ),
    (
        (10,),
        Response.Position.ACCEPTED,
        "Uwzględniono. Grupę docelową Działania III.1 rozszerzono o młodzież do 24 "
        "roku życia.",
    ),
    (
        (11,),
        Response.Position.REJECTED,
        "Nie uwzględniono. Zakres badań zostanie określony w trybie konkursowym.",
    ),
    (
        (12,),
        Response.Position.ACCEPTED,
        "Uwzględniono. Działanie I.4 obejmuje także strategie rozwoju.",
    ),
)

OPOLE_COMMENTS = (
    (
        "rozdzial-2/par-4",
        "przedstawiciel",
        True,
        False,
        "Priorytetowymi zadaniami publicznymi w 2027 roku są: pomoc społeczna, "
        "działalność na rzecz osób w wieku emerytalnym, ochrona i promocja zdrowia, "
        "wspieranie inicjatyw lokalnych i ekonomii społecznej oraz przeciwdziałanie "
        "wykluczeniu cyfrowemu.",
        "Wykluczenie cyfrowe seniorów jest jednym z głównych problemów zgłaszanych "
        "przez organizacje z terenów wiejskich.",
    ),
    (
        "rozdzial-3/par-5",
        "czlonek",
        False,
        True,
        "",
        "Warto wskazać kwotę przeznaczoną na realizację Programu, a nie tylko "
        "odwołanie do roku poprzedniego.",
    ),
    (
        "",
        "mieszkaniec",
        False,
        False,
        "",
        "Prośba o spotkanie konsultacyjne w Opolu w godzinach popołudniowych.",
    ),
)


def _users() -> dict[str, User]:
    return {
        u.email.split("@")[0]: u
        for u in User.objects.filter(email__endswith=f"@{DOMAIN}")
    }


def _next_number(institution: Institution, year: int) -> int:
    last = Consultation.objects.filter(institution=institution, year=year).aggregate(
        n=Max("number")
    )["n"]
    return (last or 0) + 1


def _create(
    *, institution: Institution, slug: str, actor, text: str, areas, **fields
) -> Consultation:
    """A draft with its first version and sections (the row itself written directly
    for its fixed slug and demo flag), then published through the service."""
    year = timezone.localtime(fields["starts_at"]).year
    consultation = Consultation.objects.create(
        institution=institution,
        slug=slug,
        year=year,
        number=_next_number(institution, year),
        created_by=actor,
        is_demo=True,
        status=Consultation.Status.DRAFT,
        **fields,
    )
    consultation.areas.set(PublicBenefitArea.objects.filter(code__in=areas))
    version = DocumentVersion.objects.create(
        consultation=consultation,
        number=1,
        source=DocumentVersion.Source.MARKDOWN,
        published_by=actor,
    )
    Section.objects.bulk_create(
        Section(
            version=version,
            key=parsed.key,
            label=parsed.label,
            heading=parsed.heading,
            text=parsed.text,
            depth=parsed.depth,
            position=position,
        )
        for position, parsed in enumerate(parse_markdown(text))
    )
    return consultation_publish(consultation=consultation, actor=actor)


def _sections(consultation: Consultation) -> dict[str, Section]:
    return {s.key: s for s in consultation.current_version.sections.all()}


def _online(consultation: Consultation, specs, users, organisation) -> None:
    sections = _sections(consultation)
    for key, who, on_behalf, consent, proposed, justification in specs:
        section = sections.get(key) if key else None
        comment_create(
            consultation=consultation,
            actor=users[who],
            section=section,
            current_wording=(
                " ".join(filter(None, [section.heading, section.text]))
                if section
                else ""
            ),
            proposed_wording=proposed,
            justification=justification,
            organisation=organisation if on_behalf and organisation else None,
            publish_name=consent,
        )


def _programme(institution: Institution, users: dict[str, User], now) -> int:
    """Seed 003: consulted, answered and reported. Returns its comment count."""
    admin = users["admin"]
    organisation = Organisation.objects.filter(name=DEMO_ORGANISATION).first()
    consultation = _create(
        institution=institution,
        slug=SEED_003_SLUG,
        actor=admin,
        text=SEED_003,
        areas=("social_economy", "local_communities", "education"),
        title="Założenia Resortowego Programu „Ekonomia społeczna”",
        kind=Consultation.Kind.PROGRAMME,
        subject=(
            "Założenia Resortowego Programu „Ekonomia społeczna” wypracowane w "
            "ramach warsztatu: priorytety i działania programu, zgodnego z Krajowym "
            "Programem Rozwoju Ekonomii Społecznej i komplementarnego wobec PO WER, "
            "RPO i Funduszu Inicjatyw Obywatelskich."
        ),
        legal_basis=(
            "Art. 5 ust. 2 pkt 3 ustawy z dnia 24 kwietnia 2003 r. o działalności "
            "pożytku publicznego i o wolontariacie."
        ),
        unit=institution.units.filter(name=MRPIPS_UNIT).first(),
        contact_name=institution.liaison_name,
        contact_email=institution.liaison_email,
        starts_at=now - datetime.timedelta(minutes=5),
        ends_at=now + datetime.timedelta(days=30),
        written_opinions_address=institution.address,
    )
    _online(consultation, ONLINE_COMMENTS, users, organisation)
    off_topic = comment_create(
        consultation=consultation,
        actor=users["mieszkaniec"],
        justification="Reklama: najtańsze kredyty, zadzwoń teraz!",
    )
    comment_moderate(
        comment=off_topic,
        actor=admin,
        visible=False,
        reason="Treść reklamowa, niezwiązana z przedmiotem konsultacji.",
    )
    # The period took place in the past: move it there, then the written opinions
    # that came in during it are entered after it closed.
    starts_at = now - datetime.timedelta(days=75)
    ends_at = starts_at + datetime.timedelta(days=30)
    Consultation.objects.filter(pk=consultation.pk).update(
        starts_at=starts_at, ends_at=ends_at
    )
    consultation.refresh_from_db()
    Comment.objects.filter(consultation=consultation).update(
        created_at=starts_at + datetime.timedelta(days=10)
    )
    sections = _sections(consultation)
    names = {
        o.name: o for o in Organisation.objects.filter(name__in=[OCWIP, OCDL, SWP])
    }
    for key, channel, sender, body, consent, day, proposed, why in WRITTEN_OPINIONS:
        section = sections[key]
        opinion_enter(
            consultation=consultation,
            actor=admin,
            author_name=sender,
            justification=why,
            channel=channel,
            received_at=timezone.localdate(starts_at) + datetime.timedelta(days=day),
            section=section,
            current_wording=" ".join(filter(None, [section.heading, section.text])),
            proposed_wording=proposed,
            organisation=names.get(body),
            organisation_name="" if body in names else body,
            publish_name=consent,
        )
    responses_start(consultation=consultation, actor=admin)
    numbers = dict(
        Comment.objects.filter(consultation=consultation).values_list("number", "pk")
    )
    hidden_number = off_topic.number
    for group, position, justification in POSITIONS:
        # The hidden comment took a number in between: positions refer to the
        # visible comments in the order of the specs above.
        ids = [numbers[n if n < hidden_number else n + 1] for n in group]
        response_set(
            consultation=consultation,
            actor=admin,
            comments=ids,
            position=position,
            justification=justification,
        )
    report_publish(
        consultation=consultation,
        actor=admin,
        summary=(
            "W konsultacjach wpłynęło 12 uwag: 7 przez platformę, 5 w formie opinii "
            "pisemnych (pocztą i e-mailem). Najwięcej dotyczyło Priorytetu I. "
            "Uwzględniono w całości lub w części 10 uwag. Jedną uwagę ukryto jako "
            "reklamę niezwiązaną z przedmiotem konsultacji."
        ),
    )
    return Comment.objects.filter(consultation=consultation).count()


def _opole(institution: Institution, users: dict[str, User], now) -> int:
    """Seed 002: the voivodeship's yearly cooperation programme, open now."""
    actor = users["pelnomocnik"]
    consultation = _create(
        institution=institution,
        slug=OPOLE_SLUG,
        actor=actor,
        text=OPOLE_PROGRAMME,
        areas=("ngo_support", "volunteering", "local_communities"),
        title=(
            "Program współpracy Samorządu Województwa Opolskiego z organizacjami "
            "pozarządowymi na 2027 rok"
        ),
        kind=Consultation.Kind.COOPERATION_PROGRAMME,
        subject=(
            "Projekt rocznego programu współpracy Samorządu Województwa Opolskiego z "
            "organizacjami pozarządowymi i podmiotami prowadzącymi działalność "
            "pożytku publicznego na 2027 rok."
        ),
        legal_basis=(
            "Art. 5a ust. 1 ustawy z dnia 24 kwietnia 2003 r. o działalności pożytku "
            "publicznego i o wolontariacie; uchwała Sejmiku w sprawie szczegółowego "
            "sposobu konsultowania."
        ),
        territory=institution.territory,
        unit=institution.units.filter(name=UMWO_NGO_UNIT).first(),
        contact_name=institution.liaison_name,
        contact_email=institution.liaison_email,
        starts_at=now - datetime.timedelta(days=5),
        ends_at=now + datetime.timedelta(days=16),
        written_opinions_address=institution.address,
    )
    organisation = Organisation.objects.filter(name=DEMO_ORGANISATION).first()
    _online(consultation, OPOLE_COMMENTS, users, organisation)
    return Comment.objects.filter(consultation=consultation).count()


def load_demo_consultations(*, now: datetime.datetime | None = None):
    """Create the demo consultations that do not exist yet (see the module
    docstring); run after the demo institutions, organisations and users exist.
    Sends no mail unless organisations subscribed to consultation notices."""
    now = now or timezone.now()
    summary = DemoConsultations()
    users = _users()
    institutions = {
        i.slug: i for i in Institution.objects.filter(slug__in=[MRPIPS, UMWO])
    }
    for slug, institution_slug, build in (
        (SEED_003_SLUG, MRPIPS, _programme),
        (OPOLE_SLUG, UMWO, _opole),
    ):
        existing = Consultation.objects.filter(slug=slug).first()
        institution = institutions.get(institution_slug)
        if (existing is not None and not existing.is_demo) or institution is None:
            summary.skipped.append(slug)
            continue
        if existing is None:
            summary.comments += build(institution, users, now)
            summary.created += 1
        elif slug == OPOLE_SLUG and existing.ends_at < now + datetime.timedelta(days=3):
            # Keep the open demo consultation open on a later run.
            Consultation.objects.filter(pk=existing.pk).update(
                starts_at=now - datetime.timedelta(days=5),
                ends_at=now + datetime.timedelta(days=16),
            )
        summary.consultations += 1
    return summary
