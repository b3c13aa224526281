"""Real concurrent registrations on PostgreSQL: the event-row lock serialises them, so
an event is never overbooked and the waiting list keeps the order of the commits.

Each thread has its own database connection (Django gives each thread one) and
closes it when done, so the test database can be dropped at the end.
"""

import threading
import time

import pytest
from django.db import close_old_connections, connection

from razem.events.models import Registration
from razem.events.services.registration import registration_cancel, registration_create
from tests.factories import EventFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

S = Registration.Status
SEATS = 50
ATTEMPTS = 200


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite locks the whole database instead")


def _worker_count(wanted: int) -> int:
    """As many threads as there are spare connections, at most `wanted`.

    PostgreSQL allows `max_connections` (100 by default) and other clients may be
    connected, so 200 simultaneous connections are usually impossible: a pool of
    workers then makes the attempts between them, as fast as they can. Ten
    connections stay free for everyone else (and the test's own connection).
    """
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_connections")
        limit = int(cursor.fetchone()[0])
        cursor.execute("SELECT count(*) FROM pg_stat_activity")
        in_use = int(cursor.fetchone()[0])
    return max(4, min(wanted, limit - in_use - 10))


def _run_together(jobs: list, workers: int) -> tuple[list, list]:
    """Run the callables in `jobs` from `workers` threads that start at one moment
    (a barrier, after each has connected); return (results, exceptions)."""
    lock = threading.Lock()
    queue = list(reversed(jobs))
    results, errors = [], []
    barrier = threading.Barrier(workers)

    def work() -> None:
        try:
            connection.ensure_connection()
            barrier.wait(timeout=60)
            while True:
                with lock:
                    if not queue:
                        return
                    job = queue.pop()
                try:
                    outcome = job()
                except Exception as exc:  # noqa: BLE001 — the test reports them all
                    with lock:
                        errors.append(exc)
                else:
                    with lock:
                        results.append(outcome)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not any(thread.is_alive() for thread in threads)
    return results, errors


def _attempt(event, n: int):
    def register():
        arrived = time.monotonic()  # the arrival stamp, kept for the report
        registration = registration_create(
            event=event,
            actor=None,
            name=f"Uczestnik {n}",
            email=f"uczestnik{n}@example.org",
        )
        return n, arrived, registration.pk, registration.status

    return register


def test_fifty_seats_go_to_exactly_fifty_of_two_hundred_concurrent_registrations():
    event = EventFactory(capacity=SEATS)
    workers = _worker_count(ATTEMPTS)

    results, errors = _run_together(
        [_attempt(event, n) for n in range(ATTEMPTS)], workers
    )

    assert errors == []
    assert len(results) == ATTEMPTS
    registrations = Registration.objects.filter(event=event)
    assert registrations.filter(status=S.CONFIRMED).count() == SEATS
    assert registrations.filter(status=S.WAITLISTED).count() == ATTEMPTS - SEATS
    assert registrations.seats_taken() == SEATS
    # Ids come from a sequence read under the lock: id order is commit order. Once
    # the seats ran out everyone went to the waiting list, never to a seat again.
    confirmed = list(
        registrations.filter(status=S.CONFIRMED).values_list("pk", flat=True)
    )
    waiting = list(registrations.waiting().values_list("pk", flat=True))
    assert max(confirmed) < min(waiting)

    # Three confirmed people cancel at the same moment: three offers, to the first
    # three of the waiting list.
    head = sorted(waiting[:3])
    cancelling = Registration.objects.filter(pk__in=confirmed[:3])
    _, errors = _run_together(
        [
            (lambda r=registration: registration_cancel(registration=r))
            for registration in cancelling
        ],
        3,
    )

    assert errors == []
    offered = list(
        registrations.filter(status=S.OFFERED)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    assert offered == head
    assert registrations.filter(status=S.CANCELLED).count() == 3
    assert registrations.seats_taken() == SEATS
    assert registrations.filter(status=S.WAITLISTED).count() == ATTEMPTS - SEATS - 3


def test_the_waiting_list_keeps_the_order_in_which_registrations_committed():
    event = EventFactory(capacity=10)
    workers = _worker_count(100)

    _, errors = _run_together([_attempt(event, n) for n in range(100)], workers)

    assert errors == []
    waiting = list(
        Registration.objects.filter(event=event)
        .waiting()
        .values_list("pk", "waitlisted_at")
    )
    assert len(waiting) == 90
    # (waitlisted_at, id) order, the waiting list's, must be the commit (id) order.
    assert [pk for pk, _ in waiting] == sorted(pk for pk, _ in waiting)
    stamps = [stamp for _, stamp in sorted(waiting)]
    assert stamps == sorted(stamps)


def test_the_threads_leave_no_connection_open():
    event = EventFactory(capacity=1)
    before = _connections_to_this_database()

    _run_together([_attempt(event, n) for n in range(8)], 4)

    close_old_connections()
    # A closed connection's server process ends asynchronously: allow it a moment.
    deadline = time.monotonic() + 10
    while _connections_to_this_database() > before and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _connections_to_this_database() <= before


def _connections_to_this_database() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
        )
        return int(cursor.fetchone()[0])
