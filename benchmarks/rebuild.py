"""Time a first build against a rebuild with nothing changed (parse and render; `mkdocs build` left out).

    python benchmarks/rebuild.py [--rounds N]

Target (issue 6): the rebuild at least 5× faster than the first build. A first build parses every report and
draws every chart and segments every page's search words; a rebuild takes all three from their caches
(.cache/reports, .cache/charts, .cache/search-terms), so what is left is
reading the reports' text for the source pages and rendering the templates. Uses the seeds and, when present,
the corpus in ../shared/corpus, each build into fresh folders.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from generator.build import parse_all
from generator.render.site import drawn_charts, render_site
from generator.write import read_record

ROOT = Path(__file__).resolve().parents[1]
REPORTS = sorted((ROOT / "site_data" / "reports").glob("*.txt")) + sorted(
    (ROOT.parent / "shared" / "corpus").glob("*.txt")
)


def timed_build(reports: list[Path], work: Path, caches: Path, name: str) -> float:
    """Seconds for parse + render into fresh output folders, with the caches under `caches`."""
    content = work / name / "content"
    content.mkdir(parents=True)
    start = time.perf_counter()
    result = parse_all(reports, work / name / "budgets", caches=caches)
    records = [read_record(result.budgets_dir / f"{record['id']}.yaml") for record in result.built]
    render_site(records, result.report_files, content, drawn_charts(caches / "charts"), caches / "search-terms")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    firsts, rebuilds = [], []
    for round_number in range(args.rounds):
        with tempfile.TemporaryDirectory() as folder:
            work = Path(folder)
            firsts.append(timed_build(REPORTS, work, work / "cache", f"first-{round_number}"))
            rebuilds.append(timed_build(REPORTS, work, work / "cache", f"again-{round_number}"))
            shutil.rmtree(work / "cache")
    first, rebuild = statistics.median(firsts), statistics.median(rebuilds)
    print(
        f"{len(REPORTS)} reports: first build {first:.2f} s, rebuild with nothing changed {rebuild:.2f} s "
        f"({first / rebuild:.1f}× faster; target ≥ 5×), median of {args.rounds}"
    )


if __name__ == "__main__":
    main()
