"""Time the whole build of N reports and its rebuild with nothing changed, next to a bare MkDocs build of the
same pages.

    python -m benchmarks.build [--reports 1000 3000 10000] [--jobs J] [--keep DIR]

The reports are the seeds' texts moved to other counties of the gazetteer, and once each county has one, to other
departments of the counties (the two years of 杜集区政府办 stay one department), with every 万元 amount nudged,
written as files and built by `python -m generator build` exactly as a maintainer runs it, in a fresh folder (no
caches). Each stage's time comes from the moment the build prints it; peak memory is the largest sum of the build's
processes' memory, sampled, and beside it the largest one process's.
Then the same command again with nothing changed, then `mkdocs build` alone (one process, one site, no search index)
on the pages the build wrote.

Targets (issue 16): 1,000 reports built in at most 90 s with at most 1 GB, rebuilt in at most 5 s; 10,000 within
12× the 1,000-report time and 2 GB; the generator's own stages at most half the bare MkDocs build.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from tests.sites import copy_hand_written

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "site_data" / "reports").glob("*.txt"))
DIVISIONS = ROOT / "generator" / "reference" / "admin-divisions"
AMOUNT = re.compile(r"\d+\.\d\d(?=\s*万元)")
# The seeds' places, and which seeds are one department in two years (they move to a county together).
SEED_CITIES = ("淮北市", "南昌市", "新乡市")
SEED_COUNTIES = ("相山区", "青云谱区", "杜集区", "牧野区")
SAME_DEPARTMENT = {"003": "002"}
# Other departments of a county, for more reports than counties: the seeds' offices renamed.
BUREAUS = ("财政局", "教育局", "民政局", "司法局", "审计局", "统计局")
OFFICES = {
    "人民政府办公室": BUREAUS,
    "政府办公室": BUREAUS,
    "政府办": BUREAUS,
    "委办公室": ("委组织部", "委宣传部", "委统战部", "委政法委员会", "委机要局", "委台湾工作办公室"),
}
BARE_MKDOCS = """
import sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
content, site = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
config = load_config(config_file=sys.argv[3], docs_dir=str(content), site_dir=str(site), strict=True)
config.mdx_configs["pymdownx.snippets"]["base_path"] = [str(content)]
build(config)
"""


def counties() -> list[tuple[str, str]]:
    """(city, county) for every 区 and 县 of a city of the gazetteer."""
    cities = {row["code"]: row["name"] for row in csv.DictReader((DIVISIONS / "cities.csv").open(encoding="utf-8"))}
    return [
        (cities[row["cityCode"]], row["name"])
        for row in csv.DictReader((DIVISIONS / "areas.csv").open(encoding="utf-8"))
        if row["name"].endswith(("区", "县")) and cities.get(row["cityCode"], "市辖区").endswith("市")
        and cities[row["cityCode"]] != "市辖区"
    ]


def moved(text: str, city: str, county: str, variant: int) -> str:
    """A seed's text in another county, and for variant > 0 of another department there."""
    if not any(name in text for name in SEED_CITIES):  # it names its county alone: name the city too
        county = f"{city}{county}"
    for name in SEED_CITIES:
        text = text.replace(name, city)
    for name in SEED_COUNTIES:
        text = text.replace(name, county)
    if variant:
        for office, departments in OFFICES.items():
            text = text.replace(office, departments[variant - 1])
    return text


def write_reports(folder: Path, count: int, rng: random.Random) -> list[Path]:
    """count report files: seed i % 5 moved to a county of its own (then to other departments of the counties,
    once every county has one), amounts nudged."""
    texts = {path.name[:3]: path.read_text(encoding="utf-8") for path in SEEDS}
    seeds = sorted(texts)
    places = counties()
    rng.shuffle(places)
    folder.mkdir(parents=True)
    paths = []
    slot = 0
    for index in range(count):
        seed = seeds[index % len(seeds)]
        if seed not in SAME_DEPARTMENT:
            slot += 1
        variant, place = divmod(slot, len(places))
        city, county = places[place]
        text = moved(texts[seed], city, county, variant)
        text = AMOUNT.sub(lambda m: f"{float(m.group()) * rng.uniform(0.8, 1.2):.2f}", text)
        path = folder / f"{index:05d}_{seed}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


@dataclass(frozen=True)
class Sample:
    """The build's memory at one moment: all its processes together, and the largest of them."""

    at: float  # seconds after the start
    total: int
    largest: int


@dataclass
class Run:
    seconds: float = 0.0
    stages: list[tuple[str, float]] = field(default_factory=list)  # (message, seconds after the start)
    samples: list[Sample] = field(default_factory=list)
    output: str = ""


def tree_memory(process: psutil.Process) -> list[int]:
    """Memory of a process and each of its descendants: their proportional set sizes (a page shared by n
    processes, as forked workers share their parent's, counts 1/n in each); their sum is what the build takes."""
    sizes = []
    for member in [process, *process.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):  # a worker that ended between the listing and the reading
            sizes.append(member.memory_full_info().pss)
    return sizes


def measured(command: list[str], cwd: Path) -> Run:
    """Run a command, timing each line it prints to stderr and sampling its processes' memory."""
    run = Run()
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    watched = psutil.Process(child.pid)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            try:
                sizes = tree_memory(watched)
            except psutil.Error:
                return
            run.samples.append(Sample(time.perf_counter() - start, sum(sizes), max(sizes, default=0)))
            done.wait(0.25)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    assert child.stderr is not None
    for line in child.stderr:
        run.stages.append((line.strip(), time.perf_counter() - start))
    stdout = child.stdout.read() if child.stdout else ""
    child.wait()
    run.seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    run.output = stdout
    if child.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({child.returncode}):\n{stdout}\n{run.stages[-20:]}")
    return run


@dataclass(frozen=True)
class Stage:
    name: str
    seconds: float
    samples: list[Sample]


def stage_table(run: Run) -> list[Stage]:
    """Each stage the build announced, with its duration (parsing: from the start to the first announcement) and
    the memory sampled while it ran."""
    marks = [(message, at) for message, at in run.stages if not message.startswith(("warning", "error", "解析报告"))]
    bounds, previous, name = [], 0.0, "解析报告"
    for message, at in [*marks, ("", run.seconds)]:
        bounds.append((name, previous, at))
        previous, name = at, message
    return [
        Stage(name, end - begin, [sample for sample in run.samples if begin <= sample.at < end])
        for name, begin, end in bounds
    ]


def row(name: str, seconds: float, samples: list[Sample], bare: float | None) -> str:
    """A line of the table: seconds, peak memory of all processes and of the largest one, ratio to the bare build."""
    total = f"{max(s.total for s in samples) / 2**20:9,.0f}" if samples else " " * 9
    largest = f"{max(s.largest for s in samples) / 2**20:9,.0f}" if samples else " " * 9
    ratio = f"{seconds / bare:8.2f}" if bare else " " * 8
    return f"{name:40}{seconds:9.1f}{total}{largest}{ratio}"


def build_once(count: int, jobs: int | None, work: Path, bare_up_to: int) -> None:
    """The three measurements of one size, each printed as soon as it is taken."""
    reports = write_reports(work / "reports", count, random.Random(16))
    copy_hand_written(work / "content")
    command = [sys.executable, "-m", "generator", "build", str(work / "reports"), "--budgets", str(work / "budgets"),
               "--content", str(work / "content"), "--site", str(work / "site")]
    if jobs:
        command += ["--jobs", str(jobs)]
    print(f"\n{len(reports)} reports", flush=True)
    print(f"{'':40}{'seconds':>9}{'peak MB':>9}{'largest':>9}{'÷ bare':>8}")
    first = measured(command, work)
    for stage in stage_table(first):
        print(row(f"  {stage.name[:30]}", stage.seconds, stage.samples, None))
    print(row("full build", first.seconds, first.samples, None), flush=True)
    again = measured(command, work)
    print(row("rebuild, nothing changed", again.seconds, again.samples, None), flush=True)
    if count > bare_up_to:
        print(f"(bare mkdocs build left out above {bare_up_to} reports: --bare-up-to)")
        return
    bare = measured([sys.executable, "-c", BARE_MKDOCS, str(work / "content"), str(work / "bare-site"),
                     str(ROOT / "mkdocs.yml")], work)
    pages = sum(1 for _ in (work / "bare-site").rglob("*.html"))
    site_stage = next((stage.seconds for stage in stage_table(first) if "mkdocs" in stage.name), 0.0)
    print(row(f"bare mkdocs build of the {pages} pages", bare.seconds, bare.samples, bare.seconds))
    print(f"full build ÷ bare: {first.seconds / bare.seconds:.2f}; the generator's own stages (full build less MkDocs "
          f"and Pagefind) {first.seconds - site_stage:.1f} s, {(first.seconds - site_stage) / bare.seconds:.2f} × bare")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, nargs="+", default=[1000, 3000, 10000])
    parser.add_argument("--jobs", type=int, help="passed to the build (default: the build's own, every CPU)")
    parser.add_argument("--keep", type=Path, help="build here and keep everything (default: temporary folders)")
    parser.add_argument("--bare-up-to", type=int, default=10000,
                        help="run the bare MkDocs build only up to this many reports (default: %(default)s)")
    args = parser.parse_args()
    for count in args.reports:
        if args.keep:
            work = args.keep / str(count)
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir(parents=True)
            build_once(count, args.jobs, work, args.bare_up_to)
        else:
            with tempfile.TemporaryDirectory(prefix=f"build-bench-{count}-") as folder:
                build_once(count, args.jobs, Path(folder), args.bare_up_to)


if __name__ == "__main__":
    main()
