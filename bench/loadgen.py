"""A small closed-loop HTTP load generator (threads with keep-alive connections).

Only ever aimed at 127.0.0.1: the benchmarks start their own server there.
"""

import http.client
import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Result:
    requests: int
    errors: int
    seconds: float
    latencies_ms: list[float]

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies_ms:
            return 0.0
        ordered = sorted(self.latencies_ms)
        index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))
        return ordered[index]

    def summary(self) -> dict:
        return {
            "requests": self.requests,
            "errors": self.errors,
            "rps": round(self.rps, 1),
            "p50_ms": round(self.percentile(50), 2),
            "p95_ms": round(self.percentile(95), 2),
            "mean_ms": round(statistics.fmean(self.latencies_ms), 2)
            if self.latencies_ms
            else 0.0,
        }


def run(
    port: int,
    paths: list[str] | Callable[[int], str],
    *,
    total: int,
    concurrency: int = 8,
    method: str = "GET",
    body: Callable[[int], tuple[bytes, dict]] | None = None,
    ok: Callable[[int, bytes], bool] = lambda status, data: status == 200,
    timeout: float = 30.0,
) -> Result:
    """Send `total` requests from `concurrency` threads, each with its connection."""
    assert total > 0 and concurrency > 0
    counter = iter(range(total))
    lock = threading.Lock()
    latencies: list[float] = []
    errors = 0

    def path_for(i: int) -> str:
        return paths(i) if callable(paths) else paths[i % len(paths)]

    def worker() -> None:
        nonlocal errors
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                break
            payload, headers = body(i) if body else (None, {})
            started = time.perf_counter()
            try:
                connection.request(method, path_for(i), body=payload, headers=headers)
                response = connection.getresponse()
                data = response.read()
                good = ok(response.status, data)
            except (OSError, http.client.HTTPException):
                good = False
                connection.close()
                connection = http.client.HTTPConnection(
                    "127.0.0.1", port, timeout=timeout
                )
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                if not good:
                    errors += 1
        connection.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    return Result(
        requests=total, errors=errors, seconds=seconds, latencies_ms=latencies
    )
