"""`make bench`: run every benchmark (or those named) and print one JSON line each.

Results are appended to bench/out/results.jsonl; docs/benchmarks.md records them.
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common, consultations, registration, search  # noqa: E402

BENCHMARKS = {
    "search": search.main,
    "registration": registration.main,
    "consultations": consultations.main,
}


def main() -> None:
    names = sys.argv[1:] or list(BENCHMARKS)
    common.OUT.mkdir(parents=True, exist_ok=True)
    for name in names:
        result = BENCHMARKS[name]()
        with open(common.OUT / "results.jsonl", "a", encoding="utf-8") as handle:
            handle.write(json.dumps(result, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
