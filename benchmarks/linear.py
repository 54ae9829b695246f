"""Parse time against a report's size, to show that no step is worse than linear (issue 16): seed 004 with one
line of 4,000 to 256,000 clauses (its prose joined by ， and its table cells by tabs: a report exported on one
line), then seed 002 repeated 40 to 640 times (a report of many lines, up to the 20 MB limit).

    python -m benchmarks.linear

Each size is parsed once, as `python -m generator parse` does; the time per MB stays about level when the work is
linear and grows with the size when it is not.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from generator.pipeline import parse_report
from tests.conftest import seed
from tests.test_linear import one_line_report


def timed(path: Path) -> str:
    start = time.perf_counter()
    parse_report(path)
    elapsed = time.perf_counter() - start
    size = path.stat().st_size / 1e6
    return f"{size:6.1f} MB in {elapsed:5.2f} s: {elapsed / size:.2f} s/MB"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        for clauses in (4_000, 16_000, 64_000, 256_000):
            print(f"one line of {clauses:>7,} clauses: {timed(one_line_report(Path(folder), '004', clauses))}")
        text = seed("002").read_text(encoding="utf-8")
        for copies in (40, 160, 640):
            path = Path(folder) / f"002-{copies}.txt"
            path.write_text(text * copies, encoding="utf-8")
            print(f"seed 002 {copies:>3} times:         {timed(path)}")


if __name__ == "__main__":
    main()
