"""Publish the open data (database + data package) for N reports (the seeds' records under new ids) and print
the time each output takes and its size.

    python benchmarks/publish.py [--reports N] [--validate]

Target: a 1,000-report site's database and data package in under a minute on one core.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from generator.pipeline import parse_file
from generator.publish import write_database, write_datapackage

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "site_data" / "reports").glob("*.txt"))


def copies(records: list[dict], count: int) -> list[dict]:
    """`count` records cycling through the given ones, each under an id of its own, in id order as the open data
    takes them."""
    made = [{**records[n % len(records)], "id": f"{records[n % len(records)]['id']}-{n}"} for n in range(count)]
    return sorted(made, key=lambda record: record["id"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--validate", action="store_true", help="also time `frictionless validate` on the package")
    args = parser.parse_args()
    records = copies([parse_file(path) for path in SEEDS], args.reports)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        start = time.perf_counter()
        database = write_database(records, folder / "budgets.db")
        middle = time.perf_counter()
        descriptor = write_datapackage(records, folder)
        end = time.perf_counter()
        csv_bytes = sum(path.stat().st_size for path in folder.glob("*.csv"))
        print(
            f"{args.reports} reports: database {middle - start:.1f} s ({database.stat().st_size / 1e6:.1f} MB), "
            f"data package {end - middle:.1f} s ({csv_bytes / 1e6:.1f} MB of CSV)"
        )
        if args.validate:
            import frictionless

            start = time.perf_counter()
            verdict = "valid" if frictionless.validate(str(descriptor)).valid else "INVALID"
            print(f"frictionless validate: {verdict} in {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
