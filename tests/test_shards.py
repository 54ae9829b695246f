"""The site in shards: a rebuild after a change to one province's report builds that province again and nothing
else, and gives the site a fresh build gives; a build with nothing changed does nothing."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from click.testing import CliRunner

from generator.build import build
from generator.cli import main
from generator.render.shards import Sharding
from tests.conftest import SEEDS, seed
from tests.sites import copy_hand_written

YEAR_PAGE = re.compile(r"/\d{4}/index\.html$")


def tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def inode(path: Path) -> int:
    return path.stat().st_ino


def test_a_changed_report_rebuilds_its_province_only_and_the_site_is_as_fresh(tmp_path):
    reports = tmp_path / "reports"
    shutil.copytree(SEEDS, reports)
    folders = (tmp_path / "budgets", copy_hand_written(tmp_path / "content"), tmp_path / "site")
    build(sorted(reports.glob("*.txt")), *folders, charts=False, caches=tmp_path / "cache")
    site = folders[2]
    pages = {province: site / province / "index.html" for province in ("anhui", "henan", "jiangxi")}
    before = {province: inode(page) for province, page in pages.items()}
    changed = reports / seed("001").name  # 青云谱区, the only report of 江西
    changed.write_text(changed.read_text(encoding="utf-8") + "\n本说明已于发布后补充。\n", encoding="utf-8")
    build(sorted(reports.glob("*.txt")), *folders, charts=False, caches=tmp_path / "cache")
    after = {province: inode(page) for province, page in pages.items()}
    assert after["anhui"] == before["anhui"] and after["henan"] == before["henan"]
    assert after["jiangxi"] != before["jiangxi"]
    fresh = tmp_path / "fresh"
    build(sorted(reports.glob("*.txt")), fresh / "budgets", copy_hand_written(fresh / "content"), fresh / "site",
          charts=False, caches=fresh / "cache")
    assert tree(site) == tree(fresh / "site")


def test_a_build_with_nothing_changed_says_so_and_does_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the caches' default folder is relative
    copy_hand_written(tmp_path / "content")
    command = ["build", str(SEEDS), "--content", "content", "--site", "site", "--budgets", "budgets", "--jobs", "1"]
    first = CliRunner().invoke(main, command)
    assert first.exit_code == 0, first.output
    page = tmp_path / "site" / "index.html"
    built_at = page.stat().st_mtime_ns
    again = CliRunner().invoke(main, command)
    assert again.exit_code == 0 and "没有任何变化" in again.output
    assert again.output.splitlines()[-1] == first.output.splitlines()[-1]
    assert page.stat().st_mtime_ns == built_at
    (tmp_path / "content" / "about.md").write_text("# 关于本站\n\n改过了。\n", encoding="utf-8")
    third = CliRunner().invoke(main, command)
    assert third.exit_code == 0 and "没有任何变化" not in third.output
    assert "改过了" in (tmp_path / "site" / "about" / "index.html").read_text(encoding="utf-8")


def test_a_province_of_more_reports_than_a_shard_holds_is_built_city_by_city(tmp_path):
    """淮北's three reports over a limit of two: 安徽 builds as the shard anhui/huaibei (its province page site-wide),
    and its reports' pages are the pages of a province-sharded build."""
    reports = sorted(SEEDS.glob("*.txt"))
    whole, split = tmp_path / "whole", tmp_path / "split"
    for root, sharding in ((whole, Sharding()), (split, Sharding(most=2))):
        build(reports, root / "budgets", copy_hand_written(root / "content"), root / "site", charts=False,
              caches=root / "cache", sharding=sharding)
    assert json.loads((split / "site" / "search-shards.json").read_text()) == ["anhui/huaibei", "henan", "jiangxi"]
    assert json.loads((whole / "site" / "search-shards.json").read_text()) == ["anhui", "henan", "jiangxi"]
    shown = {name: tree(root / "site" / "anhui" / "huaibei") for name, root in (("whole", whole), ("split", split))}
    years = {path for path in shown["whole"] if YEAR_PAGE.search(path)}
    assert len(years) == 3 and all(shown["split"][path] == shown["whole"][path] for path in years)
    assert (split / "site" / "anhui" / "index.html").is_file()
    overview = (split / "site" / "findings" / "index.html").read_text(encoding="utf-8")
    assert 'href="../anhui/huaibei/findings/"' in overview and 'href="../anhui/findings/"' not in overview
