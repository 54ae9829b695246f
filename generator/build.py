"""The whole build: reports → YAML records → Markdown pages → the static site, one bad report left out.

The site is built in shards (generator/render/shards.py): each region folder is rendered and built as its own
MkDocs site by the workers (generator/workers.py: local processes or a Dask cluster), then the site-wide pages,
then site/ is assembled (generator/sites.py). A shard whose records, code, templates and configuration are those
of the last build is neither rendered nor built again; a build whose inputs are all unchanged does nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import multiprocessing
import queue
import shutil
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from functools import partial
from importlib.metadata import version
from pathlib import Path
from typing import Any

from generator import cache
from generator.batch import parse_reports
from generator.check.years import DEFAULT_MAPPING
from generator.overrides import DEFAULT_OVERRIDES
from generator.publish import DATA_DIR, write_open_data
from generator.records import BuildResult
from generator.render.pages import ALL_LINE_ITEMS, DOWNLOADS_PAGE, record_downloads
from generator.render.shards import BY_PROVINCE, SITE_WIDE, Sharding
from generator.render.site import (
    MARKER,
    Charts,
    clean,
    drawn_charts,
    render_shard,
    render_site_wide,
    summary,
)
from generator.sites import ROOT, SiteJob, assemble, build_part
from generator.workers import ONE_PROCESS, Workers, executor
from generator.write import load_record, read_record

# What a rebuild reuses, each in its own folder: parsed reports, drawn charts, pages' search words, the shards'
# renders and builds.
CACHES = Path(".cache")
# Besides the generator's own code: what every page's output depends on.
SITE_INPUTS = ("mkdocs.yml", "overrides", "templates", "search")
SITE_PACKAGES = ("mkdocs", "mkdocs-material", "pagefind", "Jinja2", "Markdown", "vl-convert-python", "jieba")


@dataclass(frozen=True)
class ShardJob:
    """One shard's rendering, as plain values and paths a worker on any machine of a cluster can use."""

    shard: str
    records: tuple[Path, ...]  # its YAML records
    files: tuple[tuple[Path, ...], ...]  # each record's input files, the main one first
    content_dir: Path
    caches: Path
    charts: bool
    sharding: Sharding


def render_job(job: ShardJob) -> int:
    texts = [path.read_text(encoding="utf-8") for path in job.records]
    records = [load_record(text, path) for text, path in zip(texts, job.records, strict=True)]
    ids = [record["id"] for record in records]
    return render_shard(
        job.shard,
        records,
        {record_id: files[0] for record_id, files in zip(ids, job.files, strict=True)},
        job.content_dir,
        drawn_charts(job.caches / "charts") if job.charts else Charts(),
        job.caches / "search-terms",
        read_source=partial(cache.document, job.caches / "reports"),
        more_files={record_id: list(files[1:]) for record_id, files in zip(ids, job.files, strict=True)},
        sharding=job.sharding,
        yaml_texts=dict(zip(ids, texts, strict=True)),
    )


def parse_all(
    reports: list[Path],
    budgets_dir: Path,
    progress: Callable[[Path], None] = lambda path: None,
    caches: Path = CACHES,
    overrides_dir: Path = DEFAULT_OVERRIDES,
    whole: bool = False,
    workers: Workers = ONE_PROCESS,
    sharding: Sharding = BY_PROVINCE,
) -> BuildResult:
    """Parse every report into budgets_dir (dropping records of reports no longer given), with a maintainer's
    overrides applied; failures are kept. Reports unchanged since an earlier build come from the cache (cache.py).
    `whole`: the reports are all the site has, so overrides and links naming none of them are errors. The
    `workers` read the reports (batch.py). Each record is kept as the summary the site-wide pages of this
    `sharding` read."""
    parsed = parse_reports(
        reports,
        budgets_dir,
        overrides_dir=overrides_dir,
        cache_dir=caches / "reports",
        progress=progress,
        whole=whole,
        workers=workers,
        keep=partial(summary, sharding=sharding),
    )
    result = BuildResult(budgets_dir, failed=parsed.errors, warnings=parsed.warnings, reparsed=len(parsed.reparsed))
    for source, _, kept in parsed.written:
        result.built.append(kept)
        result.report_files[kept["id"]] = source
        result.more_files[kept["id"]] = parsed.files.get(kept["id"], [source])[1:]
    for stale in {p.stem for p in budgets_dir.glob("*.yaml")} - set(result.report_files):
        (budgets_dir / f"{stale}.yaml").unlink()
    return result


def parse_apart(
    reports: list[Path],
    budgets_dir: Path,
    progress: Callable[[Path], None] = lambda path: None,
    caches: Path = CACHES,
    overrides_dir: Path = DEFAULT_OVERRIDES,
    whole: bool = False,
    workers: Workers = ONE_PROCESS,
    sharding: Sharding = BY_PROVINCE,
) -> BuildResult:
    """`parse_all` in a process of its own, telling `progress` here of each file: whatever parsing held (every
    record's view for the check across years) is the machine's again before the pages are rendered."""
    context = multiprocessing.get_context("forkserver")  # see workers.executor
    with context.Manager() as manager, ProcessPoolExecutor(1, mp_context=context) as pool:
        told = manager.Queue()
        parsing = pool.submit(
            parse_all, reports, budgets_dir, told.put, caches, overrides_dir, whole, workers, sharding
        )
        while not parsing.done() or not told.empty():
            with contextlib.suppress(queue.Empty):
                progress(told.get(timeout=0.2))
        return parsing.result()


def digest_of(paths: Iterable[Path], *extra: str) -> str:
    """A hash of files' names and bytes (folders by their files) and of some words."""
    digest = hashlib.sha256("\n".join(extra).encode())
    for path in paths:
        for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
            if file.is_file():
                digest.update(f"\n{file.as_posix()}\n".encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()


def site_fingerprint() -> str:
    """What every page depends on beyond its records: the generator, the templates and site configuration, and the
    versions of the packages that render and build it."""
    return digest_of(
        [ROOT / name for name in SITE_INPUTS],
        cache.generator_fingerprint(),
        *(f"{package}=={version(package)}" for package in SITE_PACKAGES),
    )


@dataclass
class Manifest:
    """What the last build made of each shard, to tell which shards a rebuild may keep."""

    content_dir: str = ""
    site_dir: str = ""
    fingerprints: dict[str, str] = field(default_factory=dict)  # shard → the hash of its inputs
    pages: dict[str, int] = field(default_factory=dict)  # shard → the pages it rendered

    @staticmethod
    def load(path: Path) -> Manifest:
        try:
            return Manifest(**json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return Manifest()

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(asdict(self), ensure_ascii=False, sort_keys=True, indent=1), encoding="utf-8")


def work_folder(shard: str) -> str:
    """The name of a shard's folder under the caches, where it is built."""
    return shard.replace("/", "--") or "site-wide"


def publish(
    result: BuildResult,
    budgets_dir: Path,
    content_dir: Path,
    site_dir: Path,
    charts: bool = True,
    stage: Callable[[str], None] = lambda message: None,
    caches: Path = CACHES,
    workers: Workers = ONE_PROCESS,
    sharding: Sharding = BY_PROVINCE,
) -> None:
    """Render the parsed records into content_dir and build site_dir from them, shard by shard, with the open data
    (site/data/). Shards whose inputs are those of the last build into the same folders are kept as they are."""
    work = caches / "site"
    sharding = sharding.fitted(result.built)
    by_shard: dict[str, list[dict[str, Any]]] = {}
    for record in result.built:
        by_shard.setdefault(sharding.of_record(record), []).append(record)
    common = site_fingerprint() + str(charts) + repr(sharding)
    fingerprints = {
        shard: digest_of(sorted(budgets_dir / f"{r['id']}.yaml" for r in records), common)
        for shard, records in by_shard.items()
    }
    before = Manifest.load(work / "manifest.json")
    folders = (str(content_dir.resolve()), str(site_dir.resolve()))
    kept = {
        shard
        for shard, fingerprint in fingerprints.items()
        if folders == (before.content_dir, before.site_dir)
        and before.fingerprints.get(shard) == fingerprint
        and shard in before.pages
        and (shard == SITE_WIDE or ((content_dir / shard).is_dir() and (site_dir / shard).is_dir()))
    }
    # Until this build ends, only the kept shards are known to match their inputs (a build stopped half-way must not
    # leave a shard looking built).
    pages = {shard: before.pages[shard] for shard in kept}
    Manifest(*folders, {shard: fingerprints[shard] for shard in kept}, pages).save(work / "manifest.json")
    kept_files = {content_dir / shard for shard in kept if shard != SITE_WIDE}
    kept_files |= {content_dir / name for shard in kept for r in by_shard[shard] for name in record_downloads(r["id"])}
    clean(content_dir, kept_files)
    # Largest first, so that the last task to end is a small one (the workers end together).
    changed = sorted(set(by_shard) - kept, key=lambda shard: (-len(by_shard[shard]), shard))
    stage(f"渲染页面和图表（{len(changed)} 个分片需要重建，{len(kept)} 个未变；共 {len(result.built)} 份报告）")
    jobs = [
        ShardJob(
            shard,
            tuple(budgets_dir / f"{r['id']}.yaml" for r in by_shard[shard]),
            tuple((result.report_files[r["id"]], *result.more_files.get(r["id"], ())) for r in by_shard[shard]),
            content_dir,
            caches,
            charts,
            sharding,
        )
        for shard in changed
    ]
    with executor(workers, len(jobs)) as pool:
        pages |= zip(changed, pool.map(render_job, jobs) if pool else map(render_job, jobs), strict=True)
    drawn = drawn_charts(caches / "charts") if charts else Charts()
    result.pages = sum(pages.values())
    result.pages += render_site_wide(result.built, content_dir, drawn, caches / "search-terms", sharding)
    shards = sorted((shard for shard in by_shard if shard != SITE_WIDE), key=lambda s: (-len(by_shard[s]), s))
    parts = [
        SiteJob(
            shard,
            tuple(sorted(shards)),
            linked_downloads(by_shard.get(shard, [])),
            content_dir,
            work / work_folder(shard),
        )
        for shard in [SITE_WIDE, *shards]
    ]
    building = [part for part in parts if part.shard == SITE_WIDE or part.shard in changed]
    stage(f"构建网站（{len(building)} 个 mkdocs build --strict，共 {result.pages} 页）并建立搜索索引，同时写出开放数据")
    ids = sorted(record["id"] for record in result.built)
    with executor(workers, len(building) + 1) as pool:
        if pool is None:
            write_open_data_job(budgets_dir, ids, work / "open-data")
            for part in building:
                build_part(part)
        else:
            open_data = pool.submit(write_open_data_job, budgets_dir, ids, work / "open-data")
            for _ in pool.map(build_part, building):
                pass
            open_data.result()
    assemble(site_dir, parts, {part.shard for part in building}, sorted(shards))
    shutil.move(work / "open-data" / DATA_DIR, site_dir / DATA_DIR)
    for part in building:  # what is left of a build once its pages are in site/: the theme's files, its docs links
        shutil.rmtree(part.work_dir)
    Manifest(*folders, fingerprints, pages).save(work / "manifest.json")


def write_open_data_job(budgets_dir: Path, ids: list[str], folder: Path) -> None:
    """The open data (SQLite database and data package) of the records with these ids, read one at a time in id
    order, into folder/data: a task of its own, beside the shards' builds."""
    shutil.rmtree(folder, ignore_errors=True)
    write_open_data((read_record(budgets_dir / f"{record_id}.yaml") for record_id in ids), folder)


def linked_downloads(records: list[dict[str, Any]]) -> tuple[str, ...]:
    """The files of downloads/ a shard's pages link to: the downloads page, every line item, its records' files."""
    names = [DOWNLOADS_PAGE, ALL_LINE_ITEMS, *(name for r in records for name in record_downloads(r["id"]))]
    return tuple(Path(name).name for name in names)


@dataclass(frozen=True)
class LastBuild:
    """What a build was given (a hash of every input) and what it said, so the same build again only says it."""

    inputs: str
    messages: list[str]  # its warnings and errors
    summary: str  # its last line
    status: int  # its exit status


def build_inputs(reports: list[Path], folders: tuple[Path, Path, Path], sharding: Sharding, charts: bool = True) -> str:
    """A hash of everything a build's output depends on: the report files, the maintainer's corrections and
    department links, the hand-written pages, the generator, templates and site configuration, and the output
    folders and options."""
    budgets_dir, content_dir, site_dir = folders
    hand_written = (
        [
            entry
            for entry in sorted(content_dir.iterdir())
            if not entry.name.startswith(".") and not (entry / MARKER).exists()
        ]
        if content_dir.is_dir()
        else []
    )
    return digest_of(
        [*reports, DEFAULT_OVERRIDES, DEFAULT_MAPPING, *hand_written],
        site_fingerprint(),
        *(str(folder.resolve()) for folder in folders),
        str(sharding.level),
        str(charts),
    )


def last_build(inputs: str, site_dir: Path, caches: Path = CACHES) -> LastBuild | None:
    """The last build's outcome if it was given the same inputs and its site is still there."""
    try:
        last = LastBuild(**json.loads((caches / "site" / "last-build.json").read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None
    return last if last.inputs == inputs and (site_dir / "index.html").exists() else None


def remember_build(last: LastBuild, caches: Path = CACHES) -> None:
    path = caches / "site" / "last-build.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(asdict(last), ensure_ascii=False, indent=1), encoding="utf-8")


def build(
    reports: list[Path],
    budgets_dir: Path,
    content_dir: Path,
    site_dir: Path,
    charts: bool = True,
    caches: Path = CACHES,
    overrides_dir: Path = DEFAULT_OVERRIDES,
    workers: Workers = ONE_PROCESS,
    sharding: Sharding = BY_PROVINCE,
) -> BuildResult:
    """Parse every report into budgets_dir, render content_dir, build site_dir; failed reports are left out."""
    result = parse_apart(
        reports, budgets_dir, caches=caches, overrides_dir=overrides_dir, workers=workers, sharding=sharding
    )
    publish(result, budgets_dir, content_dir, site_dir, charts, caches=caches, workers=workers, sharding=sharding)
    return result
