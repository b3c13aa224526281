"""Search benchmark: 100,000 organisations on PostgreSQL, searched over HTTP.

Prints one JSON line: import time, and p50/p95 latency and requests per second of the
organisations search (a mix of single-word, multi-word, inflected, folded, prefix and
filtered queries) and of /healthz as the floor, with their throughput ratio.
"""

import json
import os
import time
from urllib.parse import urlencode

from bench import common, datagen, loadgen

COUNT = int(os.environ.get("BENCH_ORGS", "100000"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "4000"))
DATABASE = "razem_bench_search"
QUERIES = [
    {"q": "fundacja"},
    {"q": "seniorów"},
    {"q": "pomoc społeczna"},
    {"q": "stowarzyszenie przyjaciół ziemi"},
    {"q": "organizacjami pozarządowymi"},
    {"q": "warsztatach dla dorosłych"},
    {"q": "pomoc spoleczna"},
    {"q": "stowarzysz"},
    {"q": "kultura", "territory": "30"},
    {"q": "sport", "area": "sport"},
    {"q": "koło gospodyń", "territory": "1601"},
    {"q": "ekonomia społeczna", "legal_form": "spoldzielnia_socjalna"},
]


def main() -> dict:
    common.OUT.mkdir(parents=True, exist_ok=True)
    csv_path = common.OUT / f"organisations-{COUNT}.csv"
    if not csv_path.exists():
        datagen.write_csv(
            csv_path, COUNT, common.ROOT / "razem/data/teryt/gminy_2025-01-01.csv"
        )
    env = common.environment(DATABASE)
    common.fresh_database(DATABASE)
    common.razem(env, "migrate", "--noinput")
    common.razem(env, "load_territories")
    common.razem(env, "load_areas")
    import_seconds = common.razem(env, "import-organisations", str(csv_path))
    # What autovacuum does shortly after a bulk load in production.
    common.psql(DATABASE, "VACUUM ANALYZE")
    common.razem(env, "collectstatic", "--noinput")

    paths = [f"/api/v1/organisations?{urlencode(q)}" for q in QUERIES]
    with common.gunicorn(env, workers=2) as port:
        loadgen.run(port, paths, total=200, concurrency=8)  # warm-up
        started = time.perf_counter()
        search = loadgen.run(port, paths, total=REQUESTS, concurrency=8)
        healthz = loadgen.run(port, ["/healthz"], total=REQUESTS, concurrency=8)
        elapsed = time.perf_counter() - started
    result = {
        "benchmark": "search",
        "organisations": COUNT,
        "import_seconds": round(import_seconds, 1),
        "search": search.summary(),
        "healthz": healthz.summary(),
        "throughput_ratio": round(search.rps / healthz.rps, 3) if healthz.rps else 0,
        "measure_seconds": round(elapsed, 1),
        "machine": common.machine(),
    }
    print(json.dumps(result, ensure_ascii=False))
    return result


if __name__ == "__main__":
    main()
