"""The site built from the seeds: pages at stable URLs, every figure citing its source line, search, downloads."""

from __future__ import annotations

import csv
import html
import json
import re
import shutil
from dataclasses import fields
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from click.testing import CliRunner

from generator.check.years import compare_line_items
from generator.cli import main
from generator.render import contexts
from generator.render.escape import cell, md
from generator.render.figures import Citer, path_label
from generator.render.pages import (
    consecutive_years,
    line_item_anchor,
    line_item_key,
    project_views,
    rankings,
    report_file,
    report_page,
)
from generator.render.search_terms import Segmenter
from generator.render.shards import LEVELS, Sharding
from generator.render.site import (
    Charts,
    clean,
    render_site,
    summary,
    write_all_line_items,
    write_file,
    write_record_downloads,
)
from generator.render.urls import report_path
from tests.conftest import SEEDS, build_into, built_records, seed
from tests.sites import HAND_WRITTEN, copy_hand_written

XIANGSHAN_2024 = "anhui/huaibei/xiangshan/zhengfuban/2024"
DUJI = "anhui/huaibei/duji/zhengfuban"
CITE = re.compile(r'<a class="cite" href="source/#L(\d+)" title="([^"]*)">原文第(\d+)行</a>')
SOURCE_LINE = re.compile(r'<p class="source-line" id="L(\d+)"><a class="line-no" href="#L\d+">\d+</a><span>(.*?)</span></p>')


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", html.unescape(text))


def test_seeds_build_with_no_failure_and_stable_urls(seed_site):
    """Every seed gets a department-year page at region pinyin / department / year, and a source page."""
    result, _, site = seed_site
    assert len(result.built) == 5 and not result.failed
    for record in built_records(result):
        assert report_file(record) == f"{report_path(record).department_dir}/{record['year']}/index.md", record["id"]
    for path in (XIANGSHAN_2024, f"{DUJI}/2024", f"{DUJI}/2025", "henan/xinxiang/muye/weiban/2024",
                 "jiangxi/nanchang/qingyunpu/zhengfuban/2024"):
        assert (site / path / "index.html").exists(), path
        assert (site / path / "source" / "index.html").exists(), path
    for region in ("anhui", "anhui/huaibei", "anhui/huaibei/duji", "henan/xinxiang/muye"):
        assert (site / region / "index.html").exists(), region


def test_every_page_is_titled_by_its_heading(seed_site):
    """The browser tab and search results name the report, department, region or source text, not "Index"."""
    _, _, site = seed_site
    for path, title in (
        (XIANGSHAN_2024, "淮北市相山区人民政府办公室 2024年预算"),
        (DUJI, "淮北市杜集区人民政府办公室"),
        ("anhui/huaibei", "安徽省 淮北市"),
        (f"{XIANGSHAN_2024}/source", "淮北市相山区人民政府办公室 2024年预算 · 原文"),
    ):
        assert re.search(r"<title>(.*?) - ", page(site, path))[1] == title, path


def test_department_page_joins_its_years(seed_site):
    """杜集区政府办 2024 and 淮北市杜集区人民政府办公室 2025 are one department with both years."""
    _, _, site = seed_site
    text = page(site, DUJI)
    assert 'href="2024/"' in text and 'href="2025/"' in text
    assert "杜集区政府办" in text and "淮北市杜集区人民政府办公室" in text


@pytest.mark.parametrize("built", ["seed_site", "corpus_site"])
def test_every_figure_cites_a_line_whose_text_holds_the_quote(built, request):
    """Each 原文第N行 link lands on line N of the source page, where the quoted text starts; no figure is left out."""
    result, content, site = request.getfixturevalue(built)
    assert len(result.built) >= 5 and not result.failed
    for record in built_records(result):
        folder = site / report_file(record).removesuffix("index.md")
        report = (folder / "index.html").read_text(encoding="utf-8")
        lines = {int(no): squash(text) for no, text in SOURCE_LINE.findall(
            (folder / "source" / "index.html").read_text(encoding="utf-8"))}
        cites = CITE.findall(report)
        assert cites, record["id"]
        for href_line, quote, shown_line in cites:
            assert href_line == shown_line
            text, quoted = lines[int(href_line)], squash(quote)
            # The quote starts on this line: it is there whole, or the line ends with its first 4 or more characters.
            wraps = any(quoted.startswith(text[at:]) for at in range(len(text) - 3))
            assert quoted in text or wraps, (record["id"], href_line)
        cited_lines = {int(line) for line, _, _ in cites}
        evidence_lines = {entry["line"] for entry in record["evidence"].values()}
        assert evidence_lines - cited_lines <= lines_of_unshown_figures(record), record["id"]


def lines_of_unshown_figures(record: dict) -> set[int]:
    """Evidence the page does not show as figures: glossary, responsibilities and tasks are text, not figures."""
    unshown = ("glossary", "responsibilities", "tasks", "department", "year", "budget_units")
    return {entry["line"] for path, entry in record["evidence"].items() if path.startswith(unshown)}


def test_line_items_and_projects_have_stable_anchors(seed_site):
    """A journalist can link to one line item by its code and to one project by its name."""
    _, _, site = seed_site
    text = page(site, XIANGSHAN_2024)
    assert 'id="x2210201"' in text and 'href="#x2210201"' in text
    assert re.search(r'<h3 id="project-zheng-fu-ban-gong-zuo-jing-fei"', text)


def test_charts_are_inline_svg_with_caption_and_table(seed_site):
    """The functions chart is drawn at build time as SVG, with a caption and the same data as a table."""
    _, _, site = seed_site
    text = page(site, XIANGSHAN_2024)
    figure = re.search(r'<figure class="chart">(.*?)</figure>', text, re.S)
    assert figure and "<svg" in figure.group(1) and "<figcaption>" in figure.group(1)
    assert "图表数据" in text
    assert "<svg" in page(site, DUJI), "two years of one department draw a trend chart"


def test_pages_carry_the_words_a_phone_splits_a_query_into(seed_site):
    """Chromium's Intl.Segmenter splits 住房公积金 into 住房|公|积|金 and 杜集区 into 杜|集|区: each piece starts a page word."""
    _, _, site = seed_site
    words = set(re.search(r'<div class="search-terms" hidden>(.*?)</div>', page(site, XIANGSHAN_2024)).group(1).split())
    assert {"住房公积金", "住房", "公积金", "公", "积", "金", "相山区", "相", "山", "区"} <= words
    assert all(re.fullmatch(r"[\u3400-\u9fff]+", word) for word in words)


def test_a_rebuild_takes_pages_search_words_from_the_cache(seed_site, tmp_path):
    """Words segmented once are reused by a later build without loading jieba; other names segment anew."""
    text = (seed_site[1] / XIANGSHAN_2024 / "index.md").read_text(encoding="utf-8")
    first = Segmenter(["相山区"], tmp_path).terms(text)
    again = Segmenter(["相山区"], tmp_path)
    assert again.terms(text) == first and again.tokenizer is None
    other = Segmenter(["相山区", "烈山区"], tmp_path)
    assert other.terms(text) == first and other.tokenizer is not None


def test_search_indexes_pages_but_not_source_texts(seed_site):
    """Pagefind's bundle is built; the department-year page is indexed, its source text is not."""
    _, _, site = seed_site
    assert (site / "pagefind" / "pagefind.js").exists()
    assert "data-pagefind-body" in page(site, XIANGSHAN_2024)
    assert "data-pagefind-body" not in page(site, f"{XIANGSHAN_2024}/source")
    assert not (site / "search" / "search_index.json").exists()


def test_downloads_hold_every_record_and_line_item(seed_site):
    """Each department-year as YAML, JSON and CSV, and one CSV of every line item on the site."""
    result, _, site = seed_site
    downloads = site / "downloads"
    total = 0
    for record in built_records(result):
        assert yaml.safe_load((downloads / f"{record['id']}.yaml").read_text(encoding="utf-8")) == record
        assert json.loads((downloads / f"{record['id']}.json").read_text(encoding="utf-8")) == record
        rows = list(csv.DictReader((downloads / f"{record['id']}.csv").open(encoding="utf-8")))
        assert [row["amount_wan_yuan"] for row in rows] == [str(item["amount"]) for item in record.get("line_items", [])]
        total += len(rows)
    everything = list(csv.DictReader((downloads / "all-line-items.csv").open(encoding="utf-8")))
    assert len(everything) == total > 0
    assert 'href="../../downloads/huaibei-xiangshan-zhengfuban-2024.csv"' in page(site, "anhui/downloads")
    assert '<a href="../anhui/downloads/">安徽省</a>' in page(site, "downloads")


def test_home_lists_regions_and_latest_reports(seed_site):
    """The hand-written home page includes the generated lists of regions and reports."""
    _, _, site = seed_site
    text = page(site, "")
    for name in ("安徽省", "江西省", "河南省", "淮北市杜集区人民政府办公室 2025年预算"):
        assert name in text


def test_rendering_keeps_hand_written_pages_and_refuses_their_folders(seed_site, tmp_path):
    """The generator writes the home page's lists beside a hand-written home page, leaves it and other hand-written
    pages as they are, and will not write into a folder it does not own."""
    result, _, _ = seed_site
    files = {r["id"]: next(SEEDS.glob(f"*{r['source']['file']}")) for r in built_records(result)}
    content = tmp_path / "content"
    (content / "notes").mkdir(parents=True)
    (content / "index.md").write_text("# 首页\n\n--8<-- \"_snippets/home-lists.md\"\n", encoding="utf-8")
    (content / "notes" / "index.md").write_text("手写", encoding="utf-8")
    render_site(built_records(result), files, content, Charts(), tmp_path / "terms")
    assert (content / "index.md").read_text(encoding="utf-8").startswith("# 首页")
    assert (content / "notes" / "index.md").read_text(encoding="utf-8") == "手写"
    assert "淮北市杜集区人民政府办公室 2025年预算" in (content / "_snippets" / "home-lists.md").read_text(encoding="utf-8")
    (content / "findings").rename(content / "findings-old")
    (content / "findings").mkdir()
    (content / "findings" / "index.md").write_text("手写的问题页", encoding="utf-8")
    with pytest.raises(FileExistsError):
        render_site(built_records(result), files, content, Charts(), tmp_path / "terms")
    assert (content / "findings" / "index.md").read_text(encoding="utf-8") == "手写的问题页"


def test_generated_files_never_overwrite_hand_written_pages(tmp_path):
    """Writing at the top of content/ or into a hand-written folder is refused."""
    (tmp_path / "assets").mkdir()
    with pytest.raises(ValueError):
        write_file(tmp_path, "index.md", "x")
    with pytest.raises(FileExistsError):
        write_file(tmp_path, "assets/site.css", "x")


def test_rendering_is_reproducible(seed_site, tmp_path):
    """The same records give byte-identical pages."""
    result, _, _ = seed_site
    files = {r["id"]: next(SEEDS.glob(f"*{r['source']['file']}")) for r in built_records(result)}
    trees = []
    for name in ("a", "b"):
        records = list(reversed(built_records(result))) if name == "b" else built_records(result)
        render_site(records, files, tmp_path / name, Charts(), tmp_path / f"terms-{name}")
        trees.append({p.relative_to(tmp_path / name): p.read_bytes() for p in (tmp_path / name).rglob("*") if p.is_file()})
    assert trees[0] == trees[1]


def test_build_command_leaves_bad_reports_out_and_builds_the_rest(tmp_path, monkeypatch):
    """`python -m generator build` on the seeds plus an empty, a binary, a GB18030 and a duplicate report: every bad
    file is named with its error, the copy with a warning (one report is built of the two), the others get their
    pages, the exit status is 1; a rebuild parses nothing anew."""
    monkeypatch.chdir(tmp_path)  # the parse cache's default folder is relative
    reports = tmp_path / "reports"
    shutil.copytree(SEEDS, reports)
    (reports / "empty.txt").write_bytes(b"")
    (reports / "binary.txt").write_bytes(bytes(range(256)) * 8)
    xiangshan = seed("000").read_text(encoding="utf-8")
    (reports / "lieshan-gb18030.txt").write_bytes(xiangshan.replace("相山区", "烈山区").encode("gb18030"))
    (reports / "zz-copy.txt").write_text(xiangshan, encoding="utf-8")
    content = copy_hand_written(tmp_path / "content")
    site = tmp_path / "site"
    arguments = ["build", str(reports), "--budgets", str(tmp_path / "budgets"), "--content", str(content)]
    outcome = CliRunner().invoke(main, [*arguments, "--site", str(site)])
    assert outcome.exit_code == 1
    errors = [line for line in outcome.output.splitlines() if line.startswith("error ")]
    assert [line.split(":")[0] for line in errors] == ["error binary.txt", "error empty.txt"]
    assert "warning 000_13025beda4217a55.txt and zz-copy.txt are two copies of one report" in outcome.output
    findings = sum(len(yaml.safe_load(p.read_text(encoding="utf-8")).get("findings") or ())
                   for p in (tmp_path / "budgets").glob("*.yaml"))
    assert f"6 reports built, 2 failed, {findings} findings" in outcome.output
    assert "(7 of 9 files parsed anew" in outcome.output, "the copy is parsed, then left out"
    rebuild = CliRunner().invoke(main, [*arguments, "--site", str(tmp_path / "site-again")])
    assert "6 reports built, 2 failed" in rebuild.output and "(0 of 9 files parsed anew" in rebuild.output
    for record in (yaml.safe_load(p.read_text(encoding="utf-8")) for p in (tmp_path / "budgets").glob("*.yaml")):
        assert (site / report_file(record)).with_name("index.html").exists()
    assert (site / XIANGSHAN_2024.replace("xiangshan", "lieshan") / "index.html").exists()
    assert (content / "index.md").read_text(encoding="utf-8") == (HAND_WRITTEN / "index.md").read_text(encoding="utf-8")


PAYLOADS = {
    "原因主要是行政运行支出增加": "原因主要是<script>alert(1)</script>行政运行支出增加",
    "负责组织起草上报市委、市政府的各项报告、请示等": "负责组织起草[link](http://evil)上报{{ 7*7 }}市委、市政府的各项报告、请示等{% raw %}",
    "政府办工作经费": "政府办<img src=x onerror=alert(1)>工作经费",
}


def test_report_text_reaches_html_only_escaped(tmp_path):
    """Tags, Markdown links and template syntax in a report show as text on the built pages, never as markup."""
    text = seed("000").read_text(encoding="utf-8")
    for plain, injected in PAYLOADS.items():
        assert plain in text
        text = text.replace(plain, injected)
    report = tmp_path / "injected.txt"
    report.write_text(text, encoding="utf-8")
    result, _, site = build_into(tmp_path / "build", [report])
    assert not result.failed
    built = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    assert "<script>alert" not in built and "<img src=x" not in built and 'href="http://evil"' not in built
    shown = squash(re.sub(r"<[^>]+>", "", page(site, XIANGSHAN_2024)))
    assert "上报49市委" not in shown
    for visible in ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[link](http://evil)", "{{7*7}}",
                    "{% raw %}"):
        assert squash(visible) in shown, visible


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("<b>&'\"", "&#60;b&#62;&#38;&#39;&#34;"),
        ("[a](b) *c* _d_ `e`", "&#91;a&#93;&#40;b&#41; &#42;c&#42; &#95;d&#95; &#96;e&#96;"),
        ("{{ x }} {% y %}", "&#123;&#123; x &#125;&#125; &#123;% y %&#125;"),
        ("1. 第一", "1&#46; 第一"),
        ("- 列表", "&#45; 列表"),
        ("a|b\nc", "a&#124;b c"),
        ("住房公积金 12.5%", "住房公积金 12.5%"),
        ("    缩进的代码块", "缩进的代码块"),
        ("  - 嵌套列表", "&#45; 嵌套列表"),
        (" 1. 编号", "1&#46; 编号"),
    ],
)
def test_escape_leaves_no_markup(text, escaped):
    """Made-up strings: every syntax character becomes a character reference; plain text is kept."""
    assert md(text) == escaped


def test_empty_table_cell_shows_a_dash():
    assert cell("") == "—" and cell(" a|b ") == "a&#124;b"


def test_every_context_field_is_documented():
    """Templates get typed contexts whose every field says what it holds."""
    for value in vars(contexts).values():
        if isinstance(value, type) and value.__module__ == contexts.__name__:
            for field in fields(value):
                assert field.metadata.get("help"), f"{value.__name__}.{field.name}"


def test_findings_show_beside_the_figures_and_on_the_findings_page(seed_site, tmp_path):
    """A made-up finding on a seed record appears on its page and the site-wide list, citing its figures' lines."""
    result, _, _ = seed_site
    record = next(r for r in built_records(result) if r["id"] == "huaibei-xiangshan-zhengfuban-2024")
    finding = {"rule": "functions-sum", "severity": "error", "message": "各类支出之和<b>不等于</b>支出总计",
               "figures": ["functions", "totals.expenditure"], "lines": [46]}
    files = {record["id"]: next(SEEDS.glob(record["source"]["file"]))}
    render_site([{**record, "findings": [finding]}], files, tmp_path, Charts(), tmp_path / "terms")
    report = (tmp_path / XIANGSHAN_2024 / "index.md").read_text(encoding="utf-8")
    expenditure_line = record["evidence"]["totals.expenditure"]["line"]
    assert "各类支出之和&#60;b&#62;不等于&#60;/b&#62;支出总计" in report
    assert f"[原文第{expenditure_line}行](source.md#L{expenditure_line}" in report
    assert "[原文第46行](source.md#L46" in report
    listing = (tmp_path / "anhui" / "findings" / "index.md").read_text(encoding="utf-8")
    in_anhui = XIANGSHAN_2024.removeprefix("anhui/")
    assert "矛盾" in listing and f"../{in_anhui}/source.md#L{expenditure_line}" in listing
    overview = (tmp_path / "findings" / "index.md").read_text(encoding="utf-8")
    assert "| [安徽省](../anhui/findings/index.md) | 1 |" in overview


def test_cross_year_finding_links_the_other_years_report(seed_site):
    """杜集区's 2025 report disagrees with its 2024 report: the finding shows beside the figures and links 2024."""
    result, _, site = seed_site
    record = next(r for r in built_records(result) if r["id"] == "huaibei-duji-zhengfuban-2025")
    assert any(f.get("with") for f in record["findings"])
    text = page(site, f"{DUJI}/2025")
    assert re.search(r'对照：<a href="\.\./2024/">杜集区政府办 2024年预算</a>', text)


FILTER_LINK = re.compile(r'<a href="#(findings-[a-z-]+)">(\d+)</a>')
GROUP = re.compile(r'<div class="finding-group" id="([a-z-]+)">(.*?)<a href="#findings-filter">', re.S)


PART_ROW = re.compile(r'<tr>\s*<td[^>]*><a href="\.\./([a-z]+)/findings/">[^<]+</a></td>(.*?)</tr>', re.S)


def test_findings_pages_group_by_severity_and_region_with_a_filter_table(seed_site):
    """Each province lists its findings on its own page: each count in its filter table links to the group of that
    severity and region, holding that many findings; the site-wide page links each province's list with its counts,
    which add up to every finding."""
    result, _, site = seed_site
    overview = {province: sum(map(int, re.findall(r"<td[^>]*>(\d+)</td>", cells)))
                for province, cells in PART_ROW.findall(page(site, "findings"))}
    assert set(overview) == {"anhui", "henan", "jiangxi"} and sum(overview.values()) == result.findings
    groups: dict[str, str] = {}
    for province, total in overview.items():
        text = page(site, f"{province}/findings")
        found = {anchor: body for anchor, body in GROUP.findall(text)}
        links = FILTER_LINK.findall(text)
        assert links and {anchor for anchor, _ in links} == set(found)
        for anchor, count in links:
            assert found[anchor].count("<tr>") - 1 == int(count), anchor
        assert sum(int(count) for _, count in links) == total
        groups |= found
    duji_errors = groups["findings-error-anhui-huaibei-duji"]
    assert "矛盾" in duji_errors and "相山区" not in duji_errors and "提示" not in duji_errors
    expected = sum(f["severity"] == "error" for r in built_records(result) if "duji" in r["id"] for f in r["findings"])
    assert duji_errors.count("<tr>") - 1 == expected > 0


def test_department_page_compares_consecutive_years_line_by_line(seed_site):
    """杜集区 2024 → 2025: every 项 of either year with its status, both amounts cited and linked to its year's row."""
    result, _, site = seed_site
    older, newer = (next(r for r in built_records(result) if r["id"] == f"huaibei-duji-zhengfuban-{year}") for year in (2024, 2025))
    text = page(site, DUJI)
    section = text[text.index('id="compare-2024-2025-budget"'):]
    assert "<svg" in section.split("<table>")[0], "a chart of the largest changes comes before the table"
    rows = re.findall(r"<tr>(.*?)</tr>", section.split('<div class="cards changes">')[1], re.S)[1:]
    changes = compare_line_items(older, newer)
    assert len(rows) == len(changes)
    statuses = {"grew": "增加", "shrank": "减少", "appeared": "新增", "disappeared": "不再列出", "unchanged": "持平"}
    for change in changes:
        row = next(r for r in rows if change.name.split("-")[-1] in r and (change.key in r or "/" in change.key))
        assert f">{statuses[change.status]}</td>" in row, change
        for year, record, amount in ((2024, older, change.before), (2025, newer, change.after)):
            if amount is None:
                continue
            anchor = line_item_anchor(next(i for i in record["line_items"] if line_item_key(i) == change.key))
            assert f'href="{year}/#{anchor}"' in row, (change, year)
            assert f'id="{anchor}"' in page(site, f"{DUJI}/{year}")
            line = re.search(rf'href="{year}/source/#L(\d+)"', row)
            source = page(site, f"{DUJI}/{year}/source")
            stated = re.search(rf'id="L{line.group(1)}">.*?</p>', source).group(0)
            assert f"{amount:g}" in html.unescape(stated), (change, year)
        if change.before is not None and change.after is not None:
            assert f"{change.delta:+g} 万元" in html.unescape(row), change


def test_only_consecutive_years_of_one_kind_are_compared():
    """Made-up records: 2022 and 2024 are not consecutive, a 决算 is not compared with a 预算, a doubled year is skipped."""
    records = [{"id": f"r{n}", "year": year, "kind": kind} for n, (year, kind) in enumerate(
        [(2022, "budget"), (2024, "budget"), (2025, "budget"), (2025, "final"), (2026, "final"), (2026, "final"),
         (2027, "final")])]
    pairs = [(older["id"], newer["id"]) for older, newer in consecutive_years(records)]
    assert pairs == [("r1", "r2")]


def follow(site: Path, at: str, href: str) -> tuple[str, str, str]:
    """The page a relative link of page `at` (a directory URL) leads to: its URL, its HTML and the link's fragment."""
    target = urljoin(f"https://site/{at}", href)
    path, _, fragment = target.removeprefix("https://site/").partition("#")
    return path, (site / path / "index.html").read_text(encoding="utf-8"), fragment


def test_region_page_leads_by_links_to_a_ranked_chart_a_department_a_line_item_and_its_source_line(seed_site):
    """淮北市: ranking link → chart and table → the largest department's page → a line item → its source line."""
    _, _, site = seed_site
    at = "anhui/huaibei/"
    region = page(site, at)
    href = re.search(r'<a href="(#rank-2024-budget-expenditure)">', region).group(1)
    section = region[region.index(f'id="{href[1:]}"'):]
    section = section[: section.index("<h3")] if "<h3" in section else section
    assert "<svg" in section and "未公开该数字的部门不参与排名" in section
    ranked = re.findall(r'<td[^>]*>(\d+)</td>\s*<td[^>]*><a href="([^"]+)">([^<]+)</a></td>\s*<td[^>]*>([\d.,&#;]+) 万元', section)
    amounts = [float(html.unescape(amount).replace(",", "")) for *_, amount in ranked]
    assert [rank for rank, *_ in ranked] == ["1", "2"] and amounts == sorted(amounts, reverse=True)
    at, department, _ = follow(site, at, ranked[0][1])
    assert at == f"{XIANGSHAN_2024}/" and ranked[0][2] == "淮北市相山区人民政府办公室"
    item = re.search(r'<span id="(x\d+)"></span><a href="(#x\d+)">\d+</a></td>(.*?)</tr>', department, re.S)
    assert item.group(2) == f"#{item.group(1)}"
    line_href = re.search(r'<a class="cite" href="([^"]+)"', item.group(3)).group(1)
    _, source, fragment = follow(site, at, line_href)
    stated = re.search(rf'<p class="source-line" id="{fragment}">.*?</p>', source).group(0)
    amount = re.search(r">([\d.,&#;]+) 万元", item.group(3)).group(1)
    assert html.unescape(amount) in html.unescape(stated)


def test_rankings_compare_like_with_like_and_name_who_is_left_out():
    """Made-up records: 预算 and 决算 are ranked apart, equal amounts share a rank, a department not stating it is named."""
    def record(name, kind, expenditure, three_public=None):
        return {"id": f"{name}-2024{'-final' if kind == 'final' else ''}", "year": 2024, "kind": kind,
                "department": {"name": name, "region": {"province": "安徽省", "city": "淮北市"}},
                "totals": {"expenditure": expenditure}, "evidence": {"totals.expenditure": {"line": 3, "quote": "q"}},
                **({"three_public": {"total": {"amount": three_public}}} if three_public is not None else {})}
    records = [record("甲", "budget", 10.0, 1.0), record("乙", "budget", 30.0, 1.0), record("丙", "budget", 10.0),
               record("丁", "final", 50.0), record("戊", "final", 5.0)]
    ranked, unranked = rankings(records, "anhui/huaibei/index.md", lambda rows, caption: None)
    tables = {(r.period, r.figure): [(row.rank, row.department, row.amount.text) for row in r.rows] for r in ranked}
    assert tables == {
        ("2024年预算", "支出总计"): [(1, "乙", "30 万元"), (2, "丙", "10 万元"), (2, "甲", "10 万元")],
        ("2024年预算", "“三公”经费"): [(1, "乙", "1 万元"), (1, "甲", "1 万元")],
        ("2024年决算", "支出总计"): [(1, "丁", "50 万元"), (2, "戊", "5 万元")],
    }
    assert next(r for r in ranked if r.figure == "“三公”经费").left_out == ("丙",)
    assert ranked[0].rows[0].amount.cites[0].line == 3
    assert "2024年预算 · 项目支出" in unranked and "2024年决算 · “三公”经费" in unranked


# A final account of 杜集区政府办 2024 in the genre's words, made up to pair with the seed's 2024 budget (003):
# 行政运行 states its rate, 一般行政管理事务 does not, 信访事务 is not in the budget.
DUJI_FINAL_2024 = """杜集区政府办
2024年度部门决算

第一部分 杜集区政府办概况

第三部分 杜集区政府办2024年度部门决算情况说明

一、收入支出决算总体情况说明
杜集区政府办2024年度收入总计600.00万元，支出总计600.00万元。

五、一般公共预算财政拨款支出决算情况说明
1、一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）。主要用于：机关基本支出。年初预算为212.89万元，支出决算为205.12万元，完成年初预算的96.35%。决算数小于预算数的主要原因：人员变动。

2、一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）一般行政管理事务（项）。主要用于：调研等活动。年初预算为267.66万元，支出决算为250.00万元。决算数小于预算数的主要原因：厉行节约。

3、一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）信访事务（项）。主要用于：信访工作。年初预算为5.00万元，支出决算为4.50万元。
"""


@pytest.fixture(scope="module")
def paired_site(tmp_path_factory):
    """The seed's 杜集区 2024 budget beside a made-up final account of the same department and year."""
    root = tmp_path_factory.mktemp("paired")
    final = root / "duji-2024-final.txt"
    final.write_text(DUJI_FINAL_2024, encoding="utf-8")
    return build_into(root / "build", [seed("003"), final])


def plan_rows_of(text: str) -> dict[str, str]:
    """The plan-against-outcome table's rows by code, as HTML."""
    table = text[text.index('id="plan-outcome"'):].split('<div class="cards plan">')[1].split("</table>")[0]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]
    return {re.search(r"<td[^>]*>(?:<a [^>]*>)?([^<]+)", row).group(1): row for row in rows}


def test_final_account_shows_plan_from_the_budget_report_against_outcome(paired_site):
    """Plan from the same year's budget (its own line cited), outcome and stated rate from the final, chart, links."""
    result, _, site = paired_site
    assert not result.failed and len(result.built) == 2
    final, budget = page(site, f"{DUJI}/2024-final"), page(site, f"{DUJI}/2024")
    assert re.search(r'同年预算：<a href="\.\./2024/">', final)
    assert re.search(r'同年决算：<a href="\.\./2024-final/#plan-outcome">', budget)
    rows = plan_rows_of(final)
    budget_line = next(r for r in built_records(result) if r["kind"] == "budget")["evidence"]["line_items[2010301].amount"]["line"]
    running = html.unescape(rows["2010301"])
    assert f'212.89 万元 <a class="cite" href="../2024/source/#L{budget_line}"' in running and "出自同年预算报告" in running
    assert re.search(r'205.12 万元 <a class="cite" href="source/#L\d+"', running)
    assert re.search(r'96.35% <a class="cite" href="source/#L\d+"', running)
    assert '<a href="#x2010301">' in rows["2010301"]
    assert "93.40%（计算所得）" in html.unescape(rows["2010302"])
    petitions = html.unescape(rows["2010308"])
    assert "出自决算报告" in petitions and "90.00%（计算所得）" in petitions
    only_budgeted = next(row for code, row in rows.items() if code not in ("2010301", "2010302", "2010308"))
    assert "出自同年预算报告" in only_budgeted and "计算所得" not in only_budgeted
    section = final[final.index('id="plan-outcome"'):final.index('id="line-items"')]
    assert "<svg" in section and "预算 212.89 万元，决算 205.12 万元" in section


def test_final_account_without_its_budget_uses_its_own_stated_plan(corpus_site):
    """Shanghai's 财政局 2024 决算 (no budget of that year on the site): 年初预算 as the final states it, rate computed."""
    result, _, site = corpus_site
    record = next(r for r in built_records(result) if r["id"] == "shanghai-putuo-caizhengju-2024-final")
    text = page(site, report_file(record).removesuffix("/index.md"))
    assert "同年预算" not in text
    row = html.unescape(plan_rows_of(text)["2010601"])
    item = next(i for i in record["line_items"] if i["code"] == "2010601")
    assert (item["initial_budget"], item["amount"]) == (1560.05, 1511.89)
    assert "1,560.05 万元" in row and "出自决算报告" in row and "1,511.89 万元" in row
    assert f"{1511.89 / 1560.05 * 100:.2f}%（计算所得）" in row


def test_budget_pages_show_no_plan_table(seed_site):
    _, _, site = seed_site
    assert 'id="plan-outcome"' not in page(site, f"{DUJI}/2024")


def test_a_figure_a_finding_cites_keeps_its_own_row(seed_site):
    """A figure no section shows is listed under 其他数字 even when a finding, listed first, cites it too."""
    result, _, _ = seed_site
    record = next(r for r in built_records(result) if r["id"] == "huaibei-xiangshan-zhengfuban-2024")
    unfound = report_page(record).context.other
    assert unfound, "the seed has figures only 其他数字 shows"
    path = next(path for path in record["evidence"] if path_label(path) == unfound[0].label)
    finding = {"rule": "share-amount", "severity": "warning", "message": "占比与金额不符", "figures": [path]}
    page_context = report_page({**record, "findings": [finding]}).context
    assert [row.label for row in page_context.other] == [row.label for row in unfound]
    assert page_context.findings[0].cites == page_context.other[0].amount.cites


def test_download_csvs_write_formula_like_text_as_text(tmp_path):
    """CSV injection: a reason or name starting with = + - @ (tab, CR) opens in a spreadsheet as text, not a formula."""
    record = {
        "id": "e-2024", "department": {"name": "+局"}, "year": 2024, "kind": "budget",
        "line_items": [
            {"code": "2010301", "item": "@项", "amount": 5.5, "change": {"amount": -3}, "reason": "=1+1"},
            {"code": "2010302", "item": "\t项", "amount": 1, "reason": "增加"},
        ],
    }
    write_record_downloads(record, tmp_path)
    write_all_line_items([record["id"]], tmp_path)
    for name in ("downloads/e-2024.csv", "downloads/all-line-items.csv"):
        rows = list(csv.DictReader((tmp_path / name).open(encoding="utf-8")))
        assert [(row["department"], row["item"], row["reason"]) for row in rows] == [
            ("'+局", "'@项", "'=1+1"), ("'+局", "'\t项", "增加")
        ]
        assert (rows[0]["amount_wan_yuan"], rows[0]["change_amount"]) == ("5.5", "-3")


def test_downloads_page_links_to_the_database_and_data_package(seed_site):
    """The open data written beside the site after MkDocs is linked from 数据下载, and the links resolve."""
    _, _, site = seed_site
    hrefs = re.findall(r'href="([^"]*data/[^"]*)"', page(site, "downloads"))
    targets = {urljoin("https://example.org/downloads/", href).removeprefix("https://example.org/") for href in hrefs}
    assert targets == {"data/budgets.db", "data/datapackage.json"}
    assert all((site / target).is_file() for target in targets)


def test_a_generated_folder_that_cannot_be_removed_stops_the_build(tmp_path):
    """Its stale pages would otherwise be published beside the new ones."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / ".generated").write_text("")
    content = tmp_path / "content"
    content.mkdir()
    (content / "old").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(OSError):
        clean(content)


def test_projects_of_one_name_get_numbered_anchors():
    """Three projects named alike: project-…, project-…-2, project-…-3."""
    projects = [{"name": "工作经费", "amount": amount} for amount in (1, 2, 3)]
    first, second, third = (view.anchor for view in project_views(Citer({}, "source.md"), projects))
    assert (second, third) == (f"{first}-2", f"{first}-3")


def test_a_sharded_records_summary_keeps_only_its_findings_severities(seed_site):
    """The site-wide findings page counts a shard's findings and lists none, so the build holds no more of them;
    a record above the shards (with city shards, a province's own department) keeps its findings whole, with the
    evidence they cite."""
    result, _, _ = seed_site
    record = next(r for r in built_records(result) if r["findings"])
    severities = [{"severity": finding["severity"]} for finding in record["findings"]]
    kept = summary(record)
    assert kept["findings"] == severities and kept["totals"] == record["totals"]
    region = record["department"]["region"]
    provincial = {**record, "department": {**record["department"], "region": {"province": region["province"]}}}
    whole = summary(provincial, Sharding(LEVELS["city"]))  # a province's own department, above the city shards
    assert whole["findings"] == record["findings"]
    cited = {path for finding in record["findings"] for path in finding.get("figures") or ()}
    assert cited and cited <= set(whole["evidence"])
    assert len(kept["evidence"]) < len(whole["evidence"])
