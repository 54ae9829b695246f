"""Build a site of N reports (the seeds' records under other counties and departments) and measure search.

    python -m benchmarks.search_index [--reports 1000] [--keep DIR]

Prints the build time, the Pagefind bundle's size, and, where Debian's chromium is installed, the bytes a
390 px phone downloads to open the home page and to get results for 住房公积金, 三公经费 and a county name.
Target (issue 4): a visitor downloads at most 1 MB to get a search result on a 1,000-report site.
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
import tempfile
import time
from pathlib import Path

from pypinyin import Style, lazy_pinyin

from generator.build import linked_downloads, work_folder
from generator.extract.report_id import place_slug
from generator.pipeline import parse_file
from generator.render.shards import BY_PROVINCE, SITE_WIDE
from generator.render.site import Charts, render_site
from generator.sites import SiteJob, assemble, build_part
from tests.sites import CHROMIUM, FLAGS, copy_hand_written, served

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "site_data" / "reports").glob("*.txt"))
DIVISIONS = ROOT / "generator" / "reference" / "admin-divisions"
DEPARTMENTS = (
    "财政局", "教育局", "卫生健康委员会", "民政局", "司法局", "审计局", "统计局", "商务局", "水利局", "文化旅游局",
)


def counties() -> list[tuple[str, str, str]]:
    """(province, city, county) for every county of the gazetteer with a named city."""
    provinces = {row["code"]: row["name"] for row in csv.DictReader((DIVISIONS / "provinces.csv").open())}
    cities = {
        row["code"]: (row["name"], row["provinceCode"]) for row in csv.DictReader((DIVISIONS / "cities.csv").open())
    }
    found = []
    for row in csv.DictReader((DIVISIONS / "areas.csv").open()):
        city, province_code = cities.get(row["cityCode"], ("", ""))
        if city and city != "市辖区":
            found.append((provinces[province_code], city, row["name"]))
    return found


def perturbed_records(count: int, rng: random.Random) -> tuple[list[dict], dict[str, Path]]:
    """count records: each seed's record moved to a county and department of its own."""
    seeds = [(parse_file(path), path) for path in SEEDS]
    places = rng.sample(counties(), count)
    records, files = [], {}
    for index, (province, city, county) in enumerate(places):
        record, path = seeds[index % len(seeds)]
        department = rng.choice(DEPARTMENTS)
        name = f"{city}{county}{department}"
        initials = "".join(lazy_pinyin(department, style=Style.FIRST_LETTER))
        record_id = f"{place_slug(city)}-{place_slug(county)}-{initials}{index}-{record['year']}"
        copy = {
            **record,
            "id": record_id,
            "department": {**record["department"], "name": name, "aliases": [],
                           "region": {"province": province, "city": city, "county": county}},
        }
        records.append(copy)
        files[record_id] = path
    return records, files


def measure_in_browser(site: Path, queries: list[str]) -> dict[str, int]:
    """Bytes a phone downloads for the home page, then for each query typed into the search box."""
    from playwright.sync_api import sync_playwright

    sizes: dict[str, int] = {}
    with served(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for query in ["(home page)", *queries]:
            page = browser.new_page(viewport={"width": 390, "height": 844})
            received: list[int] = []
            page.on("response", lambda response, got=received: got.append(len(response.body())))
            page.goto(url, wait_until="networkidle")
            home = sum(received)
            if query == "(home page)":
                sizes[query] = home
            else:
                page.locator("label.md-header__button[for='__search']").click()
                page.locator("input.md-search__input").fill(query)
                page.locator(".md-search-result__item").first.wait_for(timeout=30000)
                page.wait_for_load_state("networkidle")
                sizes[query] = sum(received) - home
            page.close()
        browser.close()
    return sizes


def build_shards(records: list[dict], content: Path, site: Path, work: Path) -> None:
    """The site built as `python -m generator build` builds it: a MkDocs site and a Pagefind index per province and
    one of the site-wide pages, assembled in `site`."""
    by_shard: dict[str, list[dict]] = {}
    for record in records:
        by_shard.setdefault(BY_PROVINCE.of_record(record), []).append(record)
    shards = sorted(set(by_shard) - {SITE_WIDE})
    parts = [
        SiteJob(shard, tuple(shards), linked_downloads(by_shard.get(shard, [])), content, work / work_folder(shard))
        for shard in [SITE_WIDE, *shards]
    ]
    for part in parts:
        build_part(part)
    assemble(site, parts, {part.shard for part in parts}, shards)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--keep", type=Path, help="build here and keep the site (default: a temporary folder)")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="search-bench-"))
    records, files = perturbed_records(args.reports, random.Random(4))
    content = copy_hand_written(root / "content")
    started = time.perf_counter()
    pages = render_site(records, files, content, Charts(), root / "cache" / "search-terms")
    rendered = time.perf_counter()
    build_shards(records, content, root / "site", root / "work")
    built = time.perf_counter()
    bundle = sum(p.stat().st_size for p in (root / "site").rglob("pagefind/**/*") if p.is_file())
    print(f"{len(records)} reports, {pages} pages: rendered in {rendered - started:.1f} s, "
          f"mkdocs + pagefind in {built - rendered:.1f} s")
    print(f"Pagefind bundle on disk: {bundle / 1e6:.1f} MB (a visitor downloads only the chunks a query needs)")
    if Path(CHROMIUM).exists():
        county = records[0]["department"]["region"]["county"]
        for query, size in measure_in_browser(root / "site", ["住房公积金", "三公经费", county]).items():
            print(f"downloaded for {query}: {size / 1e3:.0f} KB")
    if not args.keep:
        shutil.rmtree(root)


if __name__ == "__main__":
    main()
