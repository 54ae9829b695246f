"""Each shard of content/ built as a MkDocs site of its own (`mkdocs build --strict`) with its own Pagefind index,
and site/ assembled from them under the URLs a single build gives.

A shard's build sees only its folder and, excluded from the build but there for its links and navigation to land
on, the site-wide pages and its records' downloads; the site-wide build sees all of content/ with the shards'
folders excluded, so its links into them are checked too. Search merges every shard's index in the browser
(Pagefind's multisite search), from the list written beside them (`SEARCH_SHARDS`).
"""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from generator.render.shards import SITE_WIDE

ROOT = Path(__file__).resolve().parents[1]
MKDOCS_CONFIG = ROOT / "mkdocs.yml"
DOWNLOADS = "downloads"
# The shards whose Pagefind index a search merges with the site-wide one, relative to the site's root.
SEARCH_SHARDS = "search-shards.json"


@dataclass(frozen=True)
class SiteJob:
    """One MkDocs build: a shard (its folder under content/) or the site-wide part (SITE_WIDE)."""

    shard: str
    shards: tuple[str, ...]  # every shard's folder, which the site-wide build leaves out
    downloads: tuple[str, ...]  # the files of downloads/ a shard's pages link to (its records', the site-wide CSV)
    content_dir: Path
    work_dir: Path  # this build's own folder: its docs (a shard's) and its site
    config_file: Path = MKDOCS_CONFIG

    @property
    def site_dir(self) -> Path:
        return self.work_dir / "site"

    @property
    def built(self) -> Path:
        """What this build adds to site/: a shard's folder, or the whole site-wide output."""
        return self.site_dir / self.shard if self.shard != SITE_WIDE else self.site_dir


def build_part(job: SiteJob) -> None:
    """`mkdocs build --strict` of one shard or of the site-wide part into its work folder, then its search index."""
    shutil.rmtree(job.work_dir, ignore_errors=True)
    job.work_dir.mkdir(parents=True)
    docs = job.content_dir.resolve()
    if job.shard != SITE_WIDE:
        docs = (job.work_dir / "docs").resolve()
        mirror(job.content_dir.resolve(), docs, job)
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    config = load_config(
        config_file=str(job.config_file),
        docs_dir=str(docs),
        site_dir=str(job.site_dir.resolve()),
        strict=True,
        exclude_docs=exclusions(job),
    )
    config.mdx_configs["pymdownx.snippets"]["base_path"] = [str(job.content_dir.resolve())]
    mkdocs_build(config)
    index_search(job.built)


def index_search(site_dir: Path) -> None:
    """Pagefind's chunked index of the built pages (its extended build segments Chinese words)."""
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent"], check=True)


def mirror(content: Path, docs: Path, job: SiteJob, relative: str = "") -> None:
    """A shard's docs folder: its own folder and every site-wide page linked in (symlinks, nothing copied), other
    shards left out, and of the downloads only the files its pages link to."""
    docs.mkdir(parents=True, exist_ok=True)
    for entry in sorted(content.iterdir()):
        path = f"{relative}{entry.name}"
        if path == job.shard:
            (docs / entry.name).symlink_to(entry, target_is_directory=True)
        elif path in job.shards or entry.name.startswith("."):
            continue
        elif path == DOWNLOADS:
            (docs / entry.name).mkdir()
            for name in job.downloads:
                if (entry / name).exists():
                    (docs / entry.name / name).symlink_to(entry / name)
        elif entry.is_dir() and any(shard.startswith(f"{path}/") for shard in job.shards):
            mirror(entry, docs / entry.name, job, f"{path}/")
        else:
            (docs / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())


def exclusions(job: SiteJob) -> str:
    """`exclude_docs` (gitignore patterns) of one build: a shard builds only its folder; the site-wide part all but
    the shards' folders. Hidden files and _snippets/ are never pages."""
    if job.shard == SITE_WIDE:
        return "\n".join([".*", "_snippets/", *(f"/{shard}/" for shard in job.shards)])
    patterns = ["/*"]
    parts = job.shard.split("/")
    for depth in range(1, len(parts) + 1):
        patterns.append(f"!/{'/'.join(parts[:depth])}/")
        if depth < len(parts):
            patterns.append(f"/{'/'.join(parts[:depth])}/*")
    return "\n".join([*patterns, ".*"])


def assemble(site_dir: Path, parts: list[SiteJob], rebuilt: set[str], shards: list[str]) -> None:
    """site/ from the builds: each rebuilt shard's folder moved in place of its old one, the site-wide output in
    place of everything else (a shard no longer built goes with it), and the list of shards search merges."""
    site_dir.mkdir(parents=True, exist_ok=True)
    by_shard = {part.shard: part for part in parts}
    clear_site_wide(site_dir, shards)
    for shard in sorted(rebuilt - {SITE_WIDE}):
        target = site_dir / shard
        shutil.rmtree(target, ignore_errors=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(by_shard[shard].built, target)
    move_into(by_shard[SITE_WIDE].built, site_dir)
    (site_dir / SEARCH_SHARDS).write_text(json.dumps(sorted(shards), ensure_ascii=False) + "\n", encoding="utf-8")


def clear_site_wide(folder: Path, shards: list[str], relative: str = "") -> None:
    """Remove everything under folder but the shards' folders (the site-wide output replaces it)."""
    for entry in sorted(folder.iterdir()):
        path = f"{relative}{entry.name}"
        if path in shards:
            continue
        if entry.is_dir() and not entry.is_symlink() and any(s.startswith(f"{path}/") for s in shards):
            clear_site_wide(entry, shards, f"{path}/")
        elif entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def move_into(source: Path, target: Path) -> None:
    """Move source's entries into target, merging the folders both have (those holding shards)."""
    for entry in sorted(source.iterdir()):
        if (target / entry.name).is_dir() and entry.is_dir():
            move_into(entry, target / entry.name)
        else:
            shutil.move(entry, target / entry.name)
