"""Demo events for `razem demo`, drawn from the seed documents.

Seed 004: a cycle of four regional conferences (Szczecin, Toruń and Lublin have
taken place, Opole is the last), with the invitation, the agenda and the registration
form. Seed 000: an open meeting of the ministry limited only by the room. Seed 001:
a training for 18 local leaders and a seminar on local partnerships (full, with a
waiting list). Seed 002: the Forum Inicjatyw Pozarządowych with the Opolskie Targi
Organizacji Pozarządowych (a fair with stand applications).

Idempotent: events are keyed by slug (an event with a demo slug that is not demo data
is left alone), their agenda is rewritten, questions, follow-up actions and stands are
keyed by their event and title or organisation, and a registration is made only when
its e-mail address has none for the event yet. Registrations go through
`registration_create`, so seats and the waiting list are what the service decides.
Dates are relative to the day of loading.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from razem.accounts.models import User
from razem.areas.models import PublicBenefitArea
from razem.core.demo.institutions import STAROSTWO_GOSTYN, UM_OPOLE, UMWO
from razem.core.demo.organisations import demo_slug
from razem.core.demo.users import DEMO_ORGANISATION
from razem.events.models import (
    AgendaItem,
    Event,
    EventSeries,
    FollowUpAction,
    Question,
    Registration,
    StandApplication,
)
from razem.events.services import registration as registration_services
from razem.events.services.events import default_consent_clause
from razem.institutions.models import Institution
from razem.organisations.models import Organisation
from razem.territories.models import Territory

MR = "ministerstwo-rozwoju"
SERIES_SLUG = "cykl-czterech-konferencji-regionalnych"
SWP = "Stowarzyszenie Wspierania Przedsiębiorczości Powiatu Gostyńskiego"
OCWIP = "Opolskie Centrum Wspierania Inicjatyw Pozarządowych"
OCDL = "Opolskie Centrum Demokracji Lokalnej"
DEMO_DOMAIN = "demo.razem.local"

CONFERENCE_DESCRIPTION = (
    "Nowe podejście do polityki rozwoju, przyjęte zarówno w polityce spójności UE, "
    "jak i w polskiej polityce terytorialnej, oparte jest na współpracy w obszarach "
    "funkcjonalnych, która umożliwia rozwiązywanie problemów oraz budowanie programów "
    "rozwoju ponad granicami administracyjnymi.\n\n"
    "Związek Miast Polskich i Ministerstwo Rozwoju zapraszają przedstawicieli władz "
    "wykonawczych i uchwałodawczych oraz pracowników jednostek samorządu "
    "terytorialnego, które już współpracują w partnerstwach albo rozważają "
    "przystąpienie do partnerstw międzysamorządowych lub międzysektorowych (z udziałem "
    "organizacji pozarządowych i przedsiębiorców). Celem konferencji jest wymiana "
    "doświadczeń nt. skuteczności różnych form współpracy, narzędzi planowania i "
    "zarządzania strategicznego oraz budowy satysfakcjonujących relacji w obrębie "
    "partnerstw.\n\n"
    "Program składa się z części prezentacyjnej (wystąpienia laureatów Konkursu "
    "„Samorządowy Lider Zarządzania: Razem dla rozwoju”) oraz dyskusji warsztatowych. "
    "Konferencja jest bezpłatna, dojazd we własnym zakresie."
)

CONFERENCE_AGENDA = (
    (
        "11:00",
        "11:15",
        "Otwarcie konferencji i powitanie uczestników",
        "Dyrektor Biura ZMP",
    ),
    (
        "11:15",
        "12:00",
        "Podejście terytorialne w polityce rozwoju: wsparcie partnerstw JST",
        "Przedstawiciel Ministerstwa Rozwoju",
    ),
    (
        "12:00",
        "13:15",
        "Prezentacje laureatów Konkursu „Samorządowy Lider Zarządzania”",
        "Laureaci konkursu",
    ),
    ("13:15", "13:45", "Przerwa kawowa", ""),
    (
        "13:45",
        "15:15",
        "Dyskusje warsztatowe: zarządzanie strategiczne i relacje w partnerstwie",
        "Moderatorzy ZMP",
    ),
    ("15:15", "15:30", "Podsumowanie i zakończenie", ""),
)


@dataclass
class DemoEvents:
    series: int = 0
    events: int = 0
    registrations: int = 0
    stands: int = 0
    skipped: list[str] = field(default_factory=list)


def _at(day: datetime.date, hh_mm: str) -> datetime.datetime:
    hour, minute = (int(part) for part in hh_mm.split(":"))
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(hour, minute))
    )


def _time(hh_mm: str) -> datetime.time:
    hour, minute = (int(part) for part in hh_mm.split(":"))
    return datetime.time(hour, minute)


class _Loader:
    def __init__(self, now: datetime.datetime):
        self.now = now
        self.today = timezone.localdate(now)
        self.summary = DemoEvents()
        self.institutions = {
            i.slug: i
            for i in Institution.objects.filter(
                slug__in=[MR, UMWO, STAROSTWO_GOSTYN, UM_OPOLE]
            )
        }
        self.users = {
            u.email.split("@")[0]: u
            for u in User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}")
        }
        self.areas = {a.code: a for a in PublicBenefitArea.objects.all()}

    # --- look-ups -------------------------------------------------------------------

    def organisation(self, name: str) -> Organisation | None:
        return Organisation.objects.filter(slug=demo_slug(name), is_demo=True).first()

    def territory(self, code: str) -> Territory | None:
        return Territory.objects.filter(code=code).first()

    def day(self, days: int) -> datetime.date:
        return self.today + datetime.timedelta(days=days)

    # --- writing --------------------------------------------------------------------

    def event(
        self,
        slug: str,
        *,
        organisations: tuple[str, ...] = (),
        areas: tuple[str, ...] = (),
        territory: str = "",
        agenda=(),
        **fields,
    ) -> Event | None:
        existing = Event.objects.filter(slug=slug).first()
        if existing is not None and not existing.is_demo:
            self.summary.skipped.append(slug)
            return None
        place = self.territory(territory) if territory else None
        defaults = {
            "status": Event.Status.PUBLISHED,
            "territory": place,
            "lat": place.lat if place else None,
            "lon": place.lon if place else None,
            "is_demo": True,
            **fields,
        }
        event, _ = Event.objects.update_or_create(slug=slug, defaults=defaults)
        event.organisations.set(
            [o for o in (self.organisation(name) for name in organisations) if o]
        )
        event.areas.set([self.areas[code] for code in areas if code in self.areas])
        # The agenda is demo text only: rewrite it.
        event.agenda_items.all().delete()
        AgendaItem.objects.bulk_create(
            AgendaItem(
                event=event,
                starts_at=_time(start),
                ends_at=_time(end),
                title=title,
                speakers=speakers,
                position=position,
            )
            for position, (start, end, title, speakers) in enumerate(agenda)
        )
        self.summary.events += 1
        return event

    def question(self, event: Event, label: str, kind: str, **fields) -> Question:
        labels = list(event.questions.values_list("label", flat=True))
        defaults = {"kind": kind, **fields}
        if label not in labels:
            defaults.setdefault("position", len(labels))
        if kind == Question.Kind.CONSENT and not fields.get("help_text"):
            defaults["help_text"] = default_consent_clause(event)
        question, _ = Question.objects.update_or_create(
            event=event, label=label, defaults=defaults
        )
        return question

    def register(
        self,
        event: Event,
        *,
        email: str,
        name: str,
        answers: dict | None = None,
        user: User | None = None,
        organisation: Organisation | None = None,
        participants=None,
    ) -> None:
        if Registration.objects.filter(event=event, email=email).exists():
            return
        # A finished event took its registrations before it started.
        when = min(self.now, event.starts_at - datetime.timedelta(days=7))
        registration_services.registration_create(
            event=event,
            actor=user,
            name=name,
            email=email,
            answers=answers or {},
            organisation=organisation,
            participants=participants,
            now=when,
            notify=False,  # the demo people are fictional: no mail
        )

    def demo_user(self, key: str) -> tuple[User | None, str, str]:
        user = self.users.get(key)
        if user is None:
            return None, f"{key}@{DEMO_DOMAIN}", key
        return user, user.email, user.full_name or key


# --- the events ----------------------------------------------------------------------


CONFERENCES = (
    # (slug suffix, city, TERC, venue, address, days from today)
    (
        "szczecin",
        "Szczecin",
        "3262011",
        "Sala Sesyjna Urzędu Miasta",
        "pl. Armii Krajowej 1, 70-456 Szczecin",
        -70,
    ),
    (
        "torun",
        "Toruń",
        "0463011",
        "Dwór Artusa, Sala Wielka",
        "Rynek Staromiejski 6, 87-100 Toruń",
        -35,
    ),
    (
        "lublin",
        "Lublin",
        "0663011",
        "Centrum Spotkania Kultur, Sala Operowa",
        "pl. Teatralny 1, 20-029 Lublin",
        18,
    ),
    (
        "opole",
        "Opole",
        "1661011",
        "Sala Herbowa Urzędu Wojewódzkiego w Opolu",
        "ul. Piastowska 14, 45-082 Opole",
        52,
    ),
)


def _conferences(loader: _Loader) -> None:
    ministry = loader.institutions.get(MR)
    series, _ = EventSeries.objects.update_or_create(
        slug=SERIES_SLUG,
        defaults={
            "title": "Cykl czterech konferencji regionalnych „Razem dla rozwoju”",
            "description": (
                "Cztery konferencje informacyjne „Współpraca w partnerstwach "
                "samorządowych” w regionach, prezentujące doświadczenia laureatów "
                "Konkursu „Samorządowy Lider Zarządzania: Razem dla rozwoju”. "
                "Organizatorzy: Ministerstwo Rozwoju i Związek Miast Polskich."
            ),
            "institution": ministry,
        },
    )
    loader.summary.series += 1
    for number, (suffix, city, code, venue, address, days) in enumerate(
        CONFERENCES, start=1
    ):
        day = loader.day(days)
        last = number == len(CONFERENCES)
        event = loader.event(
            f"konferencja-wspolpraca-w-partnerstwach-samorzadowych-{suffix}",
            title=f"Współpraca w partnerstwach samorządowych — {city}",
            kind=Event.Kind.CONFERENCE,
            series=series,
            institution=ministry,
            summary=(
                f"Konferencja informacyjna ({number}. z cyklu 4 spotkań w regionach) "
                "o partnerstwach międzysamorządowych i międzysektorowych."
            ),
            description=CONFERENCE_DESCRIPTION
            + (
                "\n\nKonferencja w Opolu jest czwartą i ostatnią z cyklu 4 podobnych "
                "spotkań w regionach. Poprzednie odbyły się w Szczecinie, Toruniu i "
                "Lublinie."
                if last
                else ""
            ),
            audience="Władze i pracownicy JST, organizacje pozarządowe, przedsiębiorcy",
            areas=("local_communities", "economic_development", "ngo_support"),
            territory=code,
            starts_at=_at(day, "11:00"),
            ends_at=_at(day, "15:30"),
            venue_name=venue,
            venue_address=address,
            capacity=120,
            reserved_seats=10,
            step_free_access=True,
            induction_loop=last,
            sign_language_on_request=True,
            contact_name="Biuro Związku Miast Polskich",
            contact_email=f"konferencje@{DEMO_DOMAIN}",
            contact_phone="61 633 50 50",
            agenda=CONFERENCE_AGENDA,
            **_outcomes(loader, suffix),
        )
        if event is None:
            continue
        role = loader.question(
            event,
            "Reprezentowana jednostka lub organizacja",
            Question.Kind.TEXT,
            required=True,
        )
        workshop = loader.question(
            event,
            "Wybór dyskusji warsztatowej",
            Question.Kind.CHOICE,
            choices=["Zarządzanie strategiczne", "Relacje w partnerstwie"],
        )
        consent = loader.question(
            event,
            "Zgoda na przetwarzanie danych osobowych",
            Question.Kind.CONSENT,
            required=True,
        )
        for key, unit in (
            ("urzednik", "Urząd Marszałkowski Województwa Opolskiego"),
            ("pelnomocnik", "Urząd Marszałkowski Województwa Opolskiego"),
            ("przedstawiciel", DEMO_ORGANISATION),
        ):
            if suffix == "lublin" and key == "pelnomocnik":
                continue
            user, email, name = loader.demo_user(key)
            loader.register(
                event,
                email=email,
                name=name,
                user=user,
                answers={
                    str(role.pk): unit,
                    str(workshop.pk): "Relacje w partnerstwie",
                    str(consent.pk): True,
                },
            )
        if days < 0:
            _follow_up(event, suffix)


def _outcomes(loader: _Loader, suffix: str) -> dict:
    if suffix != "szczecin":
        return {}
    day = loader.day(CONFERENCES[0][5])
    return {
        "minutes": (
            "W konferencji wzięło udział 84 przedstawicieli samorządów i organizacji "
            "pozarządowych z województwa zachodniopomorskiego. Ministerstwo Rozwoju "
            "przedstawiło program wsparcia partnerstw w obszarach funkcjonalnych; "
            "trzech laureatów Konkursu omówiło swoje strategie i narzędzia współpracy. "
            "W dyskusjach warsztatowych uczestnicy wskazali bariery współpracy: "
            "brak wspólnego budżetu, rotację kadr i słabą komunikację z organizacjami "
            "pozarządowymi."
        ),
        "conclusions": (
            "1. Partnerstwa z udziałem organizacji pozarządowych częściej realizują "
            "projekty wykraczające poza inwestycje infrastrukturalne.\n"
            "2. Wspólny sekretariat partnerstwa jest warunkiem jego trwałości.\n"
            "3. Samorządy potrzebują przykładów umów partnerskich i regulaminów."
        ),
        "recommendations": (
            "1. Opracować wzór porozumienia partnerskiego z udziałem NGO.\n"
            "2. Uruchomić sieć wymiany doświadczeń partnerstw regionu.\n"
            "3. Uwzględnić organizacje pozarządowe w komitetach sterujących "
            "partnerstw."
        ),
        "outcomes_published_at": _at(day + datetime.timedelta(days=9), "12:00"),
    }


def _follow_up(event: Event, suffix: str) -> None:
    if suffix != "szczecin":
        return
    start = timezone.localdate(event.starts_at)
    for title, responsible, days, status in (
        (
            "Wzór porozumienia partnerskiego z udziałem organizacji pozarządowych",
            "Związek Miast Polskich",
            45,
            FollowUpAction.Status.DONE,
        ),
        (
            "Spotkanie sieci partnerstw województwa zachodniopomorskiego",
            "Ministerstwo Rozwoju",
            120,
            FollowUpAction.Status.IN_PROGRESS,
        ),
        (
            "Publikacja przykładów regulaminów partnerstw w BIP",
            "Ministerstwo Rozwoju, Departament Polityki Regionalnej",
            150,
            FollowUpAction.Status.PLANNED,
        ),
    ):
        FollowUpAction.objects.update_or_create(
            event=event,
            title=title,
            defaults={
                "responsible": responsible,
                "due_date": start + datetime.timedelta(days=days),
                "status": status,
            },
        )


def _open_meeting(loader: _Loader) -> None:
    day = loader.day(12)
    event = loader.event(
        "spotkanie-otwarte-ministerstwa-rozwoju-z-organizacjami-pozarzadowymi",
        title="Spotkanie otwarte Ministerstwa Rozwoju z organizacjami pozarządowymi",
        kind=Event.Kind.OPEN_MEETING,
        institution=loader.institutions.get(MR),
        summary=(
            "Ministerstwo przedstawia plany i stan prac, organizacje zgłaszają uwagi, "
            "pomysły i prezentują swoje działania."
        ),
        description=(
            "Celem spotkania jest wymiana doświadczeń oraz wypracowanie rekomendacji i "
            "wniosków dotyczących możliwości współpracy, rozwiązywania problemów, "
            "realizacji celów publicznych i usuwania barier dla tej współpracy.\n\n"
            "Ministerstwo Rozwoju przedstawi swoje plany oraz aktualny stan prac nad "
            "wybranymi zagadnieniami, w tym prac legislacyjnych. Organizacje będą mogły "
            "zgłaszać uwagi i pomysły, a także prezentować swoje działania i opinie. "
            "Spotkanie ma charakter otwarty, ograniczony jedynie możliwościami "
            "lokalowymi sali (60 miejsc); przewidziano transmisję online dla osób "
            "zarejestrowanych."
        ),
        audience="Organizacje pozarządowe współpracujące z resortem",
        areas=("economic_development", "ngo_support", "innovation"),
        territory="1465011",
        starts_at=_at(day, "10:00"),
        ends_at=_at(day, "14:00"),
        format=Event.Format.HYBRID,
        venue_name="Ministerstwo Rozwoju, Sala Kolumnowa",
        venue_address="pl. Trzech Krzyży 3/5, 00-507 Warszawa",
        venue_room="sala 101",
        online_url="https://spotkania.example.org/mr-otwarte",
        capacity=60,
        step_free_access=True,
        induction_loop=True,
        sign_language_on_request=True,
        accessibility_notes=(
            "Wejście bez schodów od ul. Książęcej. Tłumacza PJM prosimy zamówić "
            "najpóźniej 5 dni przed spotkaniem."
        ),
        contact_name="Barbara Jankowska",
        contact_email=f"ngo.mr@{DEMO_DOMAIN}",
        contact_phone="22 273 70 00",
        agenda=(
            ("10:00", "10:15", "Powitanie i cele spotkania", "Pełnomocnik ds. NGO"),
            (
                "10:15",
                "11:15",
                "Plany resortu i stan prac legislacyjnych",
                "Departamenty MR",
            ),
            ("11:15", "11:30", "Przerwa", ""),
            (
                "11:30",
                "13:15",
                "Uwagi, pomysły i prezentacje organizacji",
                "Uczestnicy",
            ),
            (
                "13:15",
                "14:00",
                "Wnioski, rekomendacje i dalsze kroki",
                "Zespół ds. współpracy",
            ),
        ),
    )
    if event is None:
        return
    topic = loader.question(
        event,
        "Jakie zagadnienia chcieliby Państwo omówić?",
        Question.Kind.TEXT,
        help_text="Zebrane tematy pomogą ułożyć część dyskusyjną.",
    )
    presence = loader.question(
        event,
        "Forma udziału",
        Question.Kind.CHOICE,
        choices=["Na miejscu", "Online"],
        required=True,
    )
    consent = loader.question(
        event,
        "Zgoda na przetwarzanie danych osobowych",
        Question.Kind.CONSENT,
        required=True,
    )
    organisation = loader.organisation(DEMO_ORGANISATION)
    for key, text, form, on_behalf in (
        (
            "przedstawiciel",
            "Bariery we współpracy przy projektach lokalnych",
            "Na miejscu",
            True,
        ),
        ("mieszkaniec", "", "Online", False),
        (
            "czlonek",
            "Dostęp do informacji o pracach legislacyjnych",
            "Na miejscu",
            True,
        ),
    ):
        user, email, name = loader.demo_user(key)
        loader.register(
            event,
            email=email,
            name=name,
            user=user,
            organisation=organisation if on_behalf and organisation else None,
            answers={
                str(topic.pk): text,
                str(presence.pk): form,
                str(consent.pk): True,
            },
        )


def _training(loader: _Loader) -> None:
    day = loader.day(25)
    event = loader.event(
        "szkolenie-dla-liderow-lokalnych-partnerstwa-lokalne",
        title="Szkolenie dla 18 liderów lokalnych: jak założyć partnerstwo lokalne",
        kind=Event.Kind.TRAINING,
        institution=loader.institutions.get(STAROSTWO_GOSTYN),
        organisations=(SWP,),
        summary=(
            "Dwudniowe szkolenie dla potencjalnych założycieli partnerstw lokalnych "
            "z 18 powiatów Wielkopolski; zaświadczenia o ukończeniu."
        ),
        description=(
            "W celu utrzymania partnerstw lokalnych oraz zwiększenia wiedzy na temat "
            "ich tworzenia Stowarzyszenie Wspierania Przedsiębiorczości Powiatu "
            "Gostyńskiego prowadzi szkolenie dla 18 liderów lokalnych — potencjalnych "
            "założycieli partnerstw. Partnerstwo lokalne to współpraca organizacji "
            "pozarządowych i jednostek samorządu terytorialnego, wspólnie "
            "realizujących działania na rzecz lokalnej społeczności.\n\n"
            "Organizator potwierdza każde zgłoszenie (po jednym liderze z powiatu). "
            "Uczestnicy otrzymają zaświadczenie o ukończeniu szkolenia."
        ),
        audience="Liderzy lokalni z 18 powiatów województwa wielkopolskiego",
        areas=("local_communities", "ngo_support", "education"),
        territory="3004023",
        starts_at=_at(day, "09:00"),
        ends_at=_at(day + datetime.timedelta(days=1), "16:00"),
        venue_name="Starostwo Powiatowe w Gostyniu, sala konferencyjna",
        venue_address="ul. Wrocławska 256, 63-800 Gostyń",
        capacity=18,
        approval=Event.Approval.ORGANISER,
        per_organisation_limit=2,
        issues_certificates=True,
        step_free_access=True,
        contact_name="Tomasz Nowak",
        contact_email=f"szkolenia.swp@{DEMO_DOMAIN}",
        agenda=(
            (
                "09:00",
                "10:30",
                "Czym jest partnerstwo lokalne? Sieć Działamy Razem",
                "Ekspert merytoryczny",
            ),
            (
                "10:45",
                "12:15",
                "Standard fiszki: od diagnozy do programu rozwoju",
                "Ekspert merytoryczny",
            ),
            (
                "13:00",
                "14:30",
                "Konsultacje społeczne: ankiety, kwestionariusze, spotkania",
                "Partnerzy lokalni",
            ),
            (
                "14:45",
                "16:00",
                "Plan działań partnerstwa w moim powiecie",
                "Uczestnicy",
            ),
        ),
    )
    if event is None:
        return
    powiat = loader.question(
        event, "Powiat, który Pan/Pani reprezentuje", Question.Kind.TEXT, required=True
    )
    consent = loader.question(
        event,
        "Zgoda na przetwarzanie danych osobowych",
        Question.Kind.CONSENT,
        required=True,
    )
    organisation = loader.organisation(DEMO_ORGANISATION)
    user, email, name = loader.demo_user("przedstawiciel")
    loader.register(
        event,
        email=email,
        name=name,
        user=user,
        organisation=organisation,
        answers={str(powiat.pk): "gostyński", str(consent.pk): True},
    )
    for name, powiat_name in (
        ("Marta Szymańska", "leszczyński"),
        ("Krzysztof Dudek", "kościański"),
    ):
        loader.register(
            event,
            email=demo_slug(name).replace("-", ".") + f"@{DEMO_DOMAIN}",
            name=name,
            answers={str(powiat.pk): powiat_name, str(consent.pk): True},
        )


def _seminar(loader: _Loader) -> None:
    """A small seminar that is full, with two people on the waiting list."""
    day = loader.day(9)
    event = loader.event(
        "seminarium-idea-partnerstwa-lokalnego-gostyn",
        title="Seminarium: idea partnerstwa lokalnego",
        kind=Event.Kind.SEMINAR,
        organisations=(SWP, DEMO_ORGANISATION),
        summary=(
            "Pierwsze z 4 seminariów prezentujących ideę partnerstwa lokalnego "
            "(sala na 4 osoby: lista rezerwowa)."
        ),
        description=(
            "Seminarium poświęcone prezentacji idei partnerstwa lokalnego. Zapraszamy "
            "przedstawicieli organizacji pozarządowych zrzeszonych w sieci Działamy "
            "Razem oraz innych biorących udział w projekcie. Spotkanie w małej sali "
            "izby regionalnej: gdy miejsca się skończą, zapisujemy na listę "
            "rezerwową; zwolnione miejsce proponujemy kolejnej osobie z listy."
        ),
        areas=("local_communities", "ngo_support"),
        territory="3004023",
        starts_at=_at(day, "17:00"),
        ends_at=_at(day, "19:00"),
        venue_name="Izba Regionalna Ziemi Gostyńskiej",
        venue_address="ul. Rynek 2, 63-800 Gostyń",
        capacity=4,
        offer_hours=24,
        contact_name="Magdalena Lis",
        contact_email=f"przedstawiciel@{DEMO_DOMAIN}",
        agenda=(
            (
                "17:00",
                "17:45",
                "Partnerstwo lokalne: organizacje i samorząd razem",
                "Ekspert sieci Działamy Razem",
            ),
            (
                "17:45",
                "18:30",
                "Przykłady partnerstw z powiatu gostyńskiego",
                "Partnerzy lokalni",
            ),
            ("18:30", "19:00", "Pytania i rozmowa", ""),
        ),
    )
    if event is None:
        return
    people = [loader.demo_user(key) for key in ("mieszkaniec", "czlonek", "urzednik")]
    people += [
        (None, f"{demo_slug(name).replace('-', '.')}@{DEMO_DOMAIN}", name)
        for name in (
            "Anna Wiśniewska",
            "Paweł Grabowski",
            "Ewa Kamińska",
        )
    ]
    for user, email, name in people:
        loader.register(event, email=email, name=name, user=user)


def _fair(loader: _Loader) -> None:
    day = loader.day(40)
    event = loader.event(
        "forum-inicjatyw-pozarzadowych-i-opolskie-targi-organizacji",
        title="Forum Inicjatyw Pozarządowych i Opolskie Targi Organizacji Pozarządowych",
        kind=Event.Kind.FAIR,
        institution=loader.institutions.get(UMWO),
        organisations=(OCWIP, OCDL),
        summary=(
            "Konferencja o współpracy samorządu województwa z NGO połączona z targami, "
            "na których organizacje prezentują swoje działania na stoiskach."
        ),
        description=(
            "Forum podsumowuje projekt „Województwo Opolskie otwarte na współpracę z "
            "NGO's”: standardy konsultowania projektów aktów normatywnych, modele "
            "realizacji zadań publicznych i partnerstw, bazę organizacji i mapę "
            "inicjatyw społecznych oraz samoocenę metodą Lokalnego Indeksu Jakości "
            "Współpracy.\n\n"
            "Równolegle odbywają się Opolskie Targi Organizacji Pozarządowych: "
            "organizacje mogą zgłosić stoisko i zaprezentować swoje działania "
            "mieszkańcom i samorządom z 12 powiatów województwa."
        ),
        audience="Organizacje pozarządowe, samorządy, mieszkańcy",
        areas=("ngo_support", "local_communities", "volunteering"),
        territory="1661011",
        starts_at=_at(day, "10:00"),
        ends_at=_at(day, "17:00"),
        venue_name="Centrum Wystawienniczo-Kongresowe Województwa Opolskiego",
        venue_address="ul. Wrocławska 133, 45-837 Opole",
        capacity=250,
        reserved_seats=20,
        max_group_size=5,
        step_free_access=True,
        induction_loop=True,
        contact_name="Kalina Polok",
        contact_email=f"forum.opole@{DEMO_DOMAIN}",
        contact_phone="77 402 51 06",
        agenda=(
            ("10:00", "10:30", "Otwarcie Forum", "Marszałek Województwa Opolskiego"),
            (
                "10:30",
                "12:00",
                "Panel: standardy konsultacji i modele partnerstw",
                "OCDL, UMWO",
            ),
            ("12:00", "16:00", "Opolskie Targi Organizacji Pozarządowych", "Wystawcy"),
            ("13:00", "14:30", "Warsztat: Lokalny Indeks Jakości Współpracy", "OCWIP"),
            ("16:00", "17:00", "Wręczenie wyróżnień i zakończenie", ""),
        ),
    )
    if event is None:
        return
    co_organisers = {demo_slug(OCWIP), demo_slug(OCDL)}
    exhibitors = list(
        Organisation.objects.filter(is_demo=True, seat__code__startswith="16")
        .exclude(slug__in=co_organisers)
        .order_by("slug")[:5]
    )
    presentations = (
        "Wystawa zdjęć z działań wolontariuszy i zapisy do programu wolontariatu.",
        "Pokaz rękodzieła i degustacja potraw regionalnych.",
        "Porady prawne dla mieszkańców i organizacji (punkt nieodpłatnej pomocy).",
        "Gry i zabawy dla dzieci, prezentacja zajęć pozalekcyjnych.",
        "Prezentacja projektów sportowych i zapisy na rajd rowerowy.",
    )
    for index, organisation in enumerate(exhibitors):
        accepted = index < 3
        _, created = StandApplication.objects.get_or_create(
            event=event,
            organisation=organisation,
            defaults={
                "presentation": presentations[index],
                "needs": "stół, dwa krzesła, dostęp do prądu",
                "status": StandApplication.Status.ACCEPTED
                if accepted
                else StandApplication.Status.PENDING,
                "decided_at": loader.now if accepted else None,
            },
        )
        loader.summary.stands += created
    user, email, name = loader.demo_user("czlonek")
    loader.register(
        event,
        email=email,
        name=name,
        user=user,
        participants=[
            {"name": name, "email": email},
            {"name": "Zofia Wróbel"},
        ],
    )


def load_demo_events(*, now: datetime.datetime | None = None) -> DemoEvents:
    """Create or update the demo events (see the module docstring); run after the
    demo institutions, organisations and users exist. Sends no mail."""
    loader = _Loader(now or timezone.now())
    before = Registration.objects.filter(event__is_demo=True).count()
    _conferences(loader)
    _open_meeting(loader)
    _training(loader)
    _seminar(loader)
    _fair(loader)
    loader.summary.registrations = (
        Registration.objects.filter(event__is_demo=True).count() - before
    )
    return loader.summary
