"""Registration-rush benchmark: 3,000 registrations for 300 seats over HTTP.

A fresh PostgreSQL database with one published event of 300 seats, served by gunicorn
(2 workers); 50 concurrent clients POST to /api/v1/events/{slug}/registrations with
distinct e-mail addresses, and about 5% of the attempts repeat an earlier address
(registering is idempotent: the existing registration comes back with status 200).
Then the database is read: nobody may be overbooked, and the waiting list must keep
the order in which the registrations committed (ids come from a sequence read under
the event lock).

Prints one JSON line. Mail goes to Django's dummy backend (nothing is sent).
"""

import json
import os
import subprocess
import threading
import time
from collections import Counter

from bench import common, loadgen

ATTEMPTS = int(os.environ.get("BENCH_REGISTRATIONS", "3000"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "50"))
SEATS = 300
REPEAT_EVERY = 20  # every 20th attempt repeats an earlier e-mail address: 5%
DATABASE = "razem_bench_registration"
SLUG = "wyscig-zapisow-benchmark"

CREATE_EVENT = f"""
import datetime
from django.utils import timezone
from razem.events.models import Event
start = timezone.now() + datetime.timedelta(days=30)
Event.objects.create(
    title="Wyścig zapisów (benchmark)", slug="{SLUG}", kind="conference",
    status="published", description="Benchmark.", starts_at=start,
    ends_at=start + datetime.timedelta(hours=6), capacity={SEATS},
)
"""


def _email(i: int) -> str:
    """Attempt i's address; every REPEAT_EVERY-th repeats one of 10 attempts before,
    which may still be in flight (the event lock and the unique constraint decide)."""
    if i % REPEAT_EVERY == REPEAT_EVERY - 1:
        i -= 10
    return f"uczestnik{i}@bench.example.org"


def _query(sql: str) -> str:
    completed = subprocess.run(
        ["psql", f"{common.PG_URL}/{DATABASE}", "-tAq", "-c", sql],
        check=True,
        capture_output=True,
        text=True,
    )
    return completed.stdout.strip()


def _outcome() -> dict:
    event = f"(SELECT id FROM events_event WHERE slug = '{SLUG}')"
    rows = f"events_registration WHERE event_id = {event}"
    counts = dict(
        line.split("|")
        for line in _query(
            f"SELECT status, count(*) FROM {rows} GROUP BY status"
        ).splitlines()
        if line
    )
    taken = int(
        _query(
            f"SELECT coalesce(sum(seats), 0) FROM {rows} AND (status IN "
            "('pending', 'confirmed') OR (status = 'offered' AND "
            "offer_expires_at > now()))"
        )
    )
    # Waiting-list entries whose place by (waitlisted_at, id), the list's order,
    # differs from their place by id, the commit order...
    misplaced = int(
        _query(
            "SELECT count(*) FROM (SELECT row_number() OVER (ORDER BY waitlisted_at, "
            "id) AS by_list, row_number() OVER (ORDER BY id) AS by_commit FROM "
            f"{rows} AND status = 'waitlisted') AS w WHERE by_list <> by_commit"
        )
    )
    # ...and seats given to someone who committed after a person already waiting.
    late_seats = int(
        _query(
            f"SELECT count(*) FROM {rows} AND status = 'confirmed' AND id > "
            f"(SELECT coalesce(min(id), 0) FROM {rows} AND status = 'waitlisted') "
            f"AND EXISTS (SELECT 1 FROM {rows} AND status = 'waitlisted')"
        )
    )
    return {
        "confirmed": int(counts.get("confirmed", 0)),
        "waitlisted": int(counts.get("waitlisted", 0)),
        "registrations": sum(int(n) for n in counts.values()),
        "overbooked_seats": max(0, taken - SEATS),
        "waiting_list_order_violations": misplaced + late_seats,
    }


def main() -> dict:
    env = common.environment(DATABASE, EMAIL_URL="dummymail://")
    env.pop("CELERY_BROKER_URL", None)  # mail tasks run inline, into the dummy
    common.fresh_database(DATABASE)
    common.razem(env, "migrate", "--noinput")
    common.razem(env, "shell", "-c", CREATE_EVENT)

    statuses: Counter = Counter()
    lock = threading.Lock()

    def ok(status: int, data: bytes) -> bool:
        good = status in (200, 201)
        with lock:
            statuses[status] += 1
            if good:
                body = json.loads(data)
                statuses["new" if body["is_new"] else "repeat"] += 1
        return good

    def body(i: int) -> tuple[bytes, dict]:
        payload = {"name": f"Uczestnik {i}", "email": _email(i)}
        return json.dumps(payload).encode(), {"Content-Type": "application/json"}

    path = f"/api/v1/events/{SLUG}/registrations"
    with common.gunicorn(env, workers=2) as port:
        loadgen.run(port, [f"/api/v1/events/{SLUG}"], total=50, concurrency=4)
        started = time.perf_counter()
        rush = loadgen.run(
            port,
            [path],
            total=ATTEMPTS,
            concurrency=CONCURRENCY,
            method="POST",
            body=body,
            ok=ok,
            timeout=120,
        )
        elapsed = time.perf_counter() - started
    repeats = sum(1 for i in range(ATTEMPTS) if _email(i) != _email_plain(i))
    summary = rush.summary()
    result = {
        "benchmark": "registration",
        "attempts": ATTEMPTS,
        "concurrency": CONCURRENCY,
        "seats": SEATS,
        "rps": summary["rps"],
        "p50_ms": summary["p50_ms"],
        "p95_ms": summary["p95_ms"],
        **_outcome(),
        "repeat_attempts": repeats,
        "idempotent_repeats": statuses["repeat"],
        "created": statuses["new"],
        "errors": rush.errors,
        "statuses": {str(k): v for k, v in statuses.items() if isinstance(k, int)},
        "measure_seconds": round(elapsed, 1),
        "machine": common.machine(),
    }
    print(json.dumps(result, ensure_ascii=False))
    return result


def _email_plain(i: int) -> str:
    return f"uczestnik{i}@bench.example.org"


if __name__ == "__main__":
    main()
