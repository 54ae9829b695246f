"""Time the site's charts: vl-convert's start-up, a chart drawn cold, and the same chart from the cache.

    python -m benchmarks.charts [--charts N]     (from the repository root, so this checkout is imported)

The seeds' functions charts, their amounts nudged so every chart is a new spec. Cost model the site's
build relies on (issue 4): ~70 ms a chart cold, next to nothing cached.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from generator.pipeline import parse_file
from generator.render.charts import functions_chart

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "site_data" / "reports").glob("*.txt"))


def nudged(record: dict, rng: random.Random) -> dict:
    functions = [{**item, "amount": item["amount"] * rng.uniform(0.8, 1.2)} for item in record["functions"]]
    return {**record, "functions": functions}


def timed(draw) -> tuple[float, object]:
    start = time.perf_counter()
    result = draw()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--charts", type=int, default=50)
    args = parser.parse_args()
    rng = random.Random(4)
    seeds = [parse_file(path) for path in SEEDS]
    records = [nudged(seeds[index % len(seeds)], rng) for index in range(args.charts)]
    with tempfile.TemporaryDirectory() as folder:
        cache = Path(folder)
        start_up, _ = timed(lambda: functions_chart(nudged(seeds[0], rng), cache))
        cold = [timed(lambda record=record: functions_chart(record, cache)) for record in records]
        cached = [timed(lambda record=record: functions_chart(record, cache))[0] for record in records]
    sizes = [len(chart.svg.encode("utf-8")) for _, chart in cold]
    print(f"first chart (vl-convert start-up included): {start_up * 1000:.0f} ms")
    print(f"{args.charts} charts cold: median {statistics.median(t for t, _ in cold) * 1000:.1f} ms a chart")
    print(f"{args.charts} charts cached: median {statistics.median(cached) * 1000:.2f} ms a chart")
    print(f"SVG size: median {statistics.median(sizes) / 1024:.1f} KB inline, uncompressed")


if __name__ == "__main__":
    main()
