"""Shared benchmark plumbing: a fresh PostgreSQL database and a gunicorn server."""

import contextlib
import http.client
import os
import platform
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
RAZEM = [sys.executable, "-m", "razem"]


def environment(database: str, **extra: str) -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"{PG_URL}/{database}",
        DJANGO_SETTINGS_MODULE="razem.config.settings.production",
        SECRET_KEY="bench-" + "x" * 40,
        DEBUG="false",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_COOKIES="false",
        LOG_LEVEL="WARNING",
        **extra,
    )
    env.pop("REDIS_URL", None)
    return env


def fresh_database(name: str) -> None:
    """Drop and create `name` (PostgreSQL on 127.0.0.1 only)."""
    for sql in (
        f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
        f'CREATE DATABASE "{name}"',
    ):
        subprocess.run(
            ["psql", f"{PG_URL}/postgres", "-q", "-c", sql],
            check=True,
            stdout=subprocess.DEVNULL,
        )


def psql(database: str, sql: str) -> None:
    subprocess.run(
        ["psql", f"{PG_URL}/{database}", "-q", "-c", sql],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def razem(env: dict, *args: str, quiet: bool = True) -> float:
    """Run a `razem` command; return its wall-clock seconds."""
    started = time.perf_counter()
    subprocess.run(
        [*RAZEM, *args],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )
    return time.perf_counter() - started


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn(env: dict, workers: int = 2):
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "razem.config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
            "--timeout",
            "120",
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                connection.request("GET", "/healthz")
                if connection.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.3)
        else:
            raise RuntimeError("gunicorn did not start")
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def machine() -> str:
    cpu = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB, {platform.platform()}"
