"""Parse 1,000 reports (the seeds with perturbed names and figures) and print reports/s and peak memory; then the
real PDFs of ../shared/corpus/real, where present, and print their pages/s and the whole folder's time.

    python benchmarks/parse.py [--reports N] [--runs R] [--real DIR] [--jobs J]  (1,000 reports, 5 runs, 1 job)

Targets: at least 100 text reports/s on one core, peak RSS under 300 MB (issue 3); the 130 real PDFs (4,785
pages) within 2 minutes, peak memory under 1 GB (issue 15). The text reports are parsed R times over and every
run's rate is printed; the best is the parser's speed, since other work on the machine only ever slows a run down
(the reasoning of timeit's repeat, and its five runs). The PDFs are parsed once, as `python -m generator parse
--jobs J` does (pdftotext and the workers run as child processes: their memory is counted apart).
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import tempfile
import time
from pathlib import Path

from generator.batch import parse_reports
from generator.pipeline import parse_file
from generator.read import read_report
from generator.workers import Workers

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "corpus" / "real"
SEEDS = sorted((ROOT / "site_data" / "reports").glob("*.txt"))
AMOUNT = re.compile(r"\d+\.\d\d(?=\s*万元)")
COUNTIES = ("相山区", "杜集区", "青云谱区", "牧野区")
OTHER_COUNTIES = ("烈山区", "濉溪县", "东湖区", "红旗区", "卫滨区", "西湖区", "新建区", "凤泉区")


def perturbed(text: str, rng: random.Random) -> str:
    """The same report for another county, with every 万元 amount nudged."""
    county = rng.choice(OTHER_COUNTIES)
    for name in COUNTIES:
        text = text.replace(name, county)
    return AMOUNT.sub(lambda m: f"{float(m.group()) * rng.uniform(0.8, 1.2):.2f}", text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--real", type=Path, default=REAL, help="a folder of real PDF reports (default: %(default)s)")
    parser.add_argument("--jobs", type=int, default=1, help="processes parsing the real PDFs (default: %(default)s)")
    args = parser.parse_args()
    rng = random.Random(20241)
    texts = [path.read_text(encoding="utf-8") for path in SEEDS]
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for index in range(args.reports):
            path = Path(folder) / f"report-{index:04d}.txt"
            path.write_text(perturbed(texts[index % len(texts)], rng), encoding="utf-8")
            paths.append(path)
        rates = []
        for run in range(1, args.runs + 1):
            start, cpu_start = time.perf_counter(), time.process_time()
            for path in paths:
                parse_file(path)
            elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
            rates.append(args.reports / elapsed)
            print(
                f"run {run}: {args.reports} reports in {elapsed:.1f} s: {rates[-1]:.0f} reports/s "
                f"({args.reports / cpu:.0f} per CPU second)"
            )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"best of {args.runs} runs: {max(rates):.0f} reports/s; peak RSS {peak_mb:.0f} MB")
    if args.real.is_dir():
        real_pdfs(sorted(args.real.glob("*.pdf")), args.jobs)


def real_pdfs(paths: list[Path], jobs: int) -> None:
    """The real PDFs parsed as one batch by `jobs` processes: their pages per second and the whole batch's time and
    memory."""
    pages = sum(len(read_report(path).page_starts) for path in paths)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as out:
        result = parse_reports(paths, Path(out), overrides_dir=None, workers=Workers(jobs))
    elapsed = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"real PDFs, {jobs} job(s): {len(paths)} reports, {pages} pages in {elapsed:.1f} s: {pages / elapsed:.0f} "
        f"pages/s; {len(result.written)} records, {len(result.errors)} errors; peak RSS {peak_mb:.0f} MB "
        f"(largest child process {child_mb:.0f} MB: pdftotext, or a worker)"
    )


if __name__ == "__main__":
    main()
