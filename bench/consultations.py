"""Consultations benchmark: a draft with 500 sections and 20,000 comments on PostgreSQL.

A fresh database (razem_bench_consultations) gets one reported consultation whose
version has 500 sections; 20,000 comments of a few sentences are spread over them (and
the whole document), about 2% hidden, every visible one with a position (some positions
shared by two or three comments). Served by gunicorn (2 workers), 8 concurrent clients
GET the consultation page and section pages (random sections, page 1 and later pages).
Then `report_pdf` and the ODS export are timed, each in a fresh process (so its peak
memory is its own): seconds by time.perf_counter, memory as the growth of
ru_maxrss (peak resident set) over the process's size after Django set-up.

Prints one JSON line. BENCH_COMMENTS, BENCH_SECTIONS, BENCH_REQUESTS and
BENCH_REPORT_TIMEOUT (seconds, per report; null figures when exceeded) override the
defaults.
"""

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common, loadgen  # noqa: E402

SECTIONS = int(os.environ.get("BENCH_SECTIONS", "500"))
COMMENTS = int(os.environ.get("BENCH_COMMENTS", "20000"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "800"))
REPORT_TIMEOUT = float(os.environ.get("BENCH_REPORT_TIMEOUT", "900"))
# Address-space cap of each report process, so a shared machine is not exhausted.
REPORT_MAX_MB = int(os.environ.get("BENCH_REPORT_MAX_MB", "12000"))
DATABASE = "razem_bench_consultations"
SLUG = "program-benchmark-500-sekcji"
SECTION_PAGE = 25  # razem.consultations.views.public.COMMENTS_PER_PAGE

SENTENCES = (
    "Proponujemy doprecyzowanie zapisu dotyczącego zasad współpracy z organizacjami "
    "pozarządowymi.",
    "Obecne brzmienie jest niejasne i może prowadzić do rozbieżnych interpretacji "
    "przy ocenie ofert.",
    "Wnosimy o wskazanie terminu, w którym zarząd ogłasza wyniki otwartego konkursu "
    "ofert.",
    "Należy uwzględnić potrzeby osób z niepełnosprawnościami oraz seniorów z "
    "terenów wiejskich.",
    "Zapis powinien obejmować także grupy nieformalne i koła gospodyń wiejskich.",
    "Kwota przeznaczona na realizację zadania jest zbyt niska w stosunku do "
    "potrzeb zgłaszanych przez mieszkańców.",
    "Prosimy o dodanie obowiązku publikowania sprawozdania w Biuletynie Informacji "
    "Publicznej.",
    "Warto przewidzieć konsultacje w formie spotkania w godzinach popołudniowych.",
    "Zmiana ułatwi małym stowarzyszeniom udział w konkursach i rozliczanie dotacji.",
    "Przepis jest zbędny, ponieważ tę samą kwestię reguluje ustawa o działalności "
    "pożytku publicznego i o wolontariacie.",
)
ANSWERS = (
    "Uwaga została uwzględniona; zapis otrzymał proponowane brzmienie.",
    "Uwzględniono częściowo: termin wskazano, lecz bez obowiązku publikacji w BIP.",
    "Nie uwzględniono, ponieważ kwestię reguluje ustawa.",
    "Uwaga nie dotyczy przedmiotu konsultacji.",
)
BODIES = (
    "Stowarzyszenie Przyjaciół Ziemi Gostyńskiej",
    "Fundacja Rozwoju Społeczności Lokalnych",
    "Koło Gospodyń Wiejskich w Żółkiewce",
    "Rada Działalności Pożytku Publicznego",
    "Spółdzielnia Socjalna „Razem”",
)

SETUP = """
import django
django.setup()
"""


def _text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(SENTENCES) for _ in range(n))


def create_data() -> None:
    """Write the consultation in this process (DATABASE_URL points at the bench DB)."""
    import datetime

    import django

    django.setup()
    from django.utils import timezone

    from razem.consultations.models import (
        Comment,
        Consultation,
        DocumentVersion,
        Response,
        Section,
    )
    from razem.institutions.models import Institution

    rng = random.Random(2026)
    institution = Institution.objects.create(
        name="Urząd Miasta Benchmarkowo",
        slug="urzad-miasta-benchmarkowo",
        kind=Institution.Kind.GMINA,
        liaison_name="Anna Nowak",
        liaison_email="ngo@benchmarkowo.example.gov.pl",
    )
    starts = timezone.now() - datetime.timedelta(days=60)
    consultation = Consultation.objects.create(
        institution=institution,
        number=14,
        year=starts.year,
        title="Wieloletni program współpracy (benchmark, 500 sekcji)",
        slug=SLUG,
        kind=Consultation.Kind.PROGRAMME,
        subject=_text(rng, 4),
        status=Consultation.Status.REPORTED,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(days=30),
        report_published_at=timezone.now(),
        report_summary=_text(rng, 3),
    )
    version = DocumentVersion.objects.create(consultation=consultation, number=1)
    sections = Section.objects.bulk_create(
        [
            Section(
                version=version,
                key=f"rozdzial-{i // 25 + 1}/par-{i + 1}",
                label=f"§ {i + 1}",
                text=_text(rng, 3),
                depth=1,
                position=i,
            )
            for i in range(SECTIONS)
        ]
    )
    positions = list(Response.Position.values)
    comments: list[Comment] = []
    number = 0
    while number < COMMENTS:
        group = min(rng.choice((1, 1, 1, 2, 3)), COMMENTS - number)
        answer = rng.randrange(len(ANSWERS))
        response = Response(
            consultation=consultation,
            position=positions[answer],
            justification=ANSWERS[answer] + " " + _text(rng, 1),
        )
        for _ in range(group):
            number += 1
            section = None if rng.random() < 0.03 else rng.choice(sections)
            body = rng.random() < 0.4
            comments.append(
                Comment(
                    consultation=consultation,
                    number=number,
                    version=version,
                    section=section,
                    current_wording=section.text if section else "",
                    proposed_wording=_text(rng, 2),
                    justification=_text(rng, 3),
                    author_name=f"Uczestnik {number}",
                    organisation_name=rng.choice(BODIES) if body else "",
                    publish_name=rng.random() < 0.5,
                    visibility=(
                        Comment.Visibility.HIDDEN
                        if rng.random() < 0.02
                        else Comment.Visibility.PUBLIC
                    ),
                    response=response,
                )
            )
    responses = {id(c.response): c.response for c in comments}
    Response.objects.bulk_create(list(responses.values()), batch_size=2000)
    for c in comments:
        c.response_id = c.response.pk
        if c.visibility == Comment.Visibility.HIDDEN:
            c.response = None
    Comment.objects.bulk_create(comments, batch_size=2000)


MEASURE = """
import json, resource, time
import django
django.setup()
from razem.consultations.models import Consultation
from razem.consultations.report import report_pdf, report_table
consultation = Consultation.objects.get(slug=%(slug)r)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
if %(what)r == "pdf":
    size = len(report_pdf(consultation))
else:
    size = len(report_table(consultation, "ods").export("ods"))
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
print(json.dumps({"seconds": round(seconds, 1), "peak_mb": round(peak / 1024, 1),
                  "bytes": size}))
"""


def _limit_memory() -> None:
    import resource

    limit = REPORT_MAX_MB * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def measure(env: dict, what: str) -> dict:
    """Time one report in a fresh process; None figures (and why) if it exceeds the
    timeout or the memory cap."""
    try:
        completed = subprocess.run(
            [sys.executable, "-c", MEASURE % {"slug": SLUG, "what": what}],
            env=env,
            cwd=common.ROOT,
            check=True,
            capture_output=True,
            text=True,
            timeout=REPORT_TIMEOUT,
            preexec_fn=_limit_memory,
        )
    except subprocess.TimeoutExpired:
        return {"seconds": None, "peak_mb": None, "failed": "timeout"}
    except subprocess.CalledProcessError as error:
        reason = (error.stderr or "").strip().splitlines()[-1:] or ["failed"]
        return {"seconds": None, "peak_mb": None, "failed": reason[0][:200]}
    return json.loads(completed.stdout.strip().splitlines()[-1])


def _summary(result: loadgen.Result) -> dict:
    summary = result.summary()
    return {
        "p50": summary["p50_ms"],
        "p95": summary["p95_ms"],
        "rps": summary["rps"],
        "requests": summary["requests"],
        "errors": summary["errors"],
    }


def main() -> dict:
    env = common.environment(DATABASE, EMAIL_URL="dummymail://")
    env.pop("CELERY_BROKER_URL", None)
    common.fresh_database(DATABASE)
    common.razem(env, "migrate", "--noinput")
    common.razem(env, "collectstatic", "--noinput")
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-c",
            "from bench.consultations import create_data; create_data()",
        ],
        env=env,
        cwd=common.ROOT,
        check=True,
    )
    load_seconds = time.perf_counter() - started
    common.psql(DATABASE, "VACUUM ANALYZE")

    rng = random.Random(7)
    per_section = COMMENTS / SECTIONS
    last_page = max(1, int(per_section // SECTION_PAGE))

    def section_path(i: int) -> str:
        n = rng.randrange(SECTIONS)
        key = f"rozdzial-{n // 25 + 1}/par-{n + 1}"
        page = 1 if i % 3 else rng.randint(1, last_page + 1)
        return f"/konsultacje/{SLUG}/sekcje/{key}/?page={page}"

    page_path = [f"/konsultacje/{SLUG}/"]
    with common.gunicorn(env, workers=2) as port:
        loadgen.run(port, page_path, total=40, concurrency=4)  # warm-up
        loadgen.run(port, section_path, total=80, concurrency=4)
        page = loadgen.run(port, page_path, total=REQUESTS, concurrency=8)
        section = loadgen.run(port, section_path, total=REQUESTS, concurrency=8)
    pdf = measure(env, "pdf")
    ods = measure(env, "ods")
    result = {
        "benchmark": "consultations",
        "sections": SECTIONS,
        "comments": COMMENTS,
        "load_seconds": round(load_seconds, 1),
        "page": _summary(page),
        "section": _summary(section),
        "report_pdf_seconds": pdf["seconds"],
        "report_pdf_peak_mb": pdf["peak_mb"],
        "report_ods_seconds": ods["seconds"],
        "report_ods_peak_mb": ods["peak_mb"],
        "report_pdf_bytes": pdf.get("bytes"),
        "report_failures": {
            name: r["failed"]
            for name, r in (("pdf", pdf), ("ods", ods))
            if "failed" in r
        },
        "peak_mb_measure": "ru_maxrss growth in a fresh process after django.setup()",
        "report_limits": {"seconds": REPORT_TIMEOUT, "address_space_mb": REPORT_MAX_MB},
        "machine": common.machine(),
    }
    print(json.dumps(result, ensure_ascii=False))
    return result


if __name__ == "__main__":
    main()
