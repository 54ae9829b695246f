"""The site built from the seeds: pages at stable URLs, every figure citing its source line, search, downloads."""

from __future__ import annotations

import csv
import html
import json
import re
import shutil
from dataclasses import fields
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main
from generator.render import contexts
from generator.render.escape import cell, md
from generator.render.pages import report_file
from generator.render.search_terms import Segmenter
from generator.render.site import Charts, render_site, write_file
from tests.conftest import HAND_WRITTEN, SEEDS, build_into, hand_written_only, seed

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
    for record in result.built:
        assert record["id"].endswith(record["id"].split("-")[-1])
    for path in (XIANGSHAN_2024, f"{DUJI}/2024", f"{DUJI}/2025", "henan/xinxiang/muye/weiban/2024",
                 "jiangxi/nanchang/qingyunpu/zhengfuban/2024"):
        assert (site / path / "index.html").exists(), path
        assert (site / path / "source" / "index.html").exists(), path
    for region in ("anhui", "anhui/huaibei", "anhui/huaibei/duji", "henan/xinxiang/muye"):
        assert (site / region / "index.html").exists(), region


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
    for record in result.built:
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
    for record in result.built:
        assert yaml.safe_load((downloads / f"{record['id']}.yaml").read_text(encoding="utf-8")) == record
        assert json.loads((downloads / f"{record['id']}.json").read_text(encoding="utf-8")) == record
        rows = list(csv.DictReader((downloads / f"{record['id']}.csv").open(encoding="utf-8")))
        assert [row["amount_wan_yuan"] for row in rows] == [str(item["amount"]) for item in record.get("line_items", [])]
        total += len(rows)
    everything = list(csv.DictReader((downloads / "all-line-items.csv").open(encoding="utf-8")))
    assert len(everything) == total > 0
    assert 'href="huaibei-xiangshan-zfb-2024.csv"' in page(site, "downloads")


def test_home_lists_regions_and_latest_reports(seed_site):
    """The hand-written home page includes the generated lists of regions and reports."""
    _, content, site = seed_site
    text = page(site, "")
    for name in ("安徽省", "江西省", "河南省", "淮北市杜集区人民政府办公室 2025年预算"):
        assert name in text
    assert "--8<--" in (content / "index.md").read_text(encoding="utf-8")


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
    files = {r["id"]: next(SEEDS.glob(f"*{r['source']['file']}")) for r in result.built}
    trees = []
    for name in ("a", "b"):
        render_site(list(reversed(result.built)) if name == "b" else result.built, files, tmp_path / name, Charts())
        trees.append({p.relative_to(tmp_path / name): p.read_bytes() for p in (tmp_path / name).rglob("*") if p.is_file()})
    assert trees[0] == trees[1]


def test_build_command_leaves_bad_reports_out_and_builds_the_rest(tmp_path, monkeypatch):
    """`python -m generator build` on the seeds plus an empty, a binary, a GB18030 and a duplicate report: every bad
    file is named with its error, the others get their pages, the exit status is 1; a rebuild parses nothing anew."""
    monkeypatch.chdir(tmp_path)  # the parse cache's default folder is relative
    reports = tmp_path / "reports"
    shutil.copytree(SEEDS, reports)
    (reports / "empty.txt").write_bytes(b"")
    (reports / "binary.txt").write_bytes(bytes(range(256)) * 8)
    xiangshan = seed("000").read_text(encoding="utf-8")
    (reports / "lieshan-gb18030.txt").write_bytes(xiangshan.replace("相山区", "烈山区").encode("gb18030"))
    (reports / "zz-copy.txt").write_text(xiangshan, encoding="utf-8")
    content = tmp_path / "content"
    shutil.copytree(HAND_WRITTEN, content, ignore=hand_written_only)
    site = tmp_path / "site"
    arguments = ["build", str(reports), "--budgets", str(tmp_path / "budgets"), "--content", str(content)]
    outcome = CliRunner().invoke(main, [*arguments, "--site", str(site)])
    assert outcome.exit_code == 1
    errors = [line for line in outcome.output.splitlines() if line.startswith("error ")]
    assert [line.split(":")[0] for line in errors] == ["error binary.txt", "error empty.txt", "error zz-copy.txt"]
    assert "000_13025beda4217a55.txt" in errors[2], "the duplicate names the report it repeats"
    findings = sum(len(yaml.safe_load(p.read_text(encoding="utf-8")).get("findings") or ())
                   for p in (tmp_path / "budgets").glob("*.yaml"))
    assert f"6 reports built, 3 failed, {findings} findings" in outcome.output
    assert "(7 of 9 files parsed anew" in outcome.output, "the duplicate is parsed, then left out"
    rebuild = CliRunner().invoke(main, [*arguments, "--site", str(tmp_path / "site-again")])
    assert "6 reports built, 3 failed" in rebuild.output and "(0 of 9 files parsed anew" in rebuild.output
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
    record = next(r for r in result.built if r["id"] == "huaibei-xiangshan-zfb-2024")
    finding = {"rule": "functions-sum", "severity": "error", "message": "各类支出之和<b>不等于</b>支出总计",
               "figures": ["functions", "totals.expenditure"], "lines": [46]}
    files = {record["id"]: next(SEEDS.glob(record["source"]["file"]))}
    render_site([{**record, "findings": [finding]}], files, tmp_path, Charts())
    report = (tmp_path / XIANGSHAN_2024 / "index.md").read_text(encoding="utf-8")
    expenditure_line = record["evidence"]["totals.expenditure"]["line"]
    assert "各类支出之和&#60;b&#62;不等于&#60;/b&#62;支出总计" in report
    assert f"[原文第{expenditure_line}行](source.md#L{expenditure_line}" in report
    assert "[原文第46行](source.md#L46" in report
    listing = (tmp_path / "findings" / "index.md").read_text(encoding="utf-8")
    assert "矛盾" in listing and f"../{XIANGSHAN_2024}/source.md#L{expenditure_line}" in listing


def test_cross_year_finding_links_the_other_years_report(seed_site):
    """杜集区's 2025 report disagrees with its 2024 report: the finding shows beside the figures and links 2024."""
    result, _, site = seed_site
    record = next(r for r in result.built if r["id"] == "huaibei-duji-zfb-2025")
    assert any(f.get("with") for f in record["findings"])
    text = page(site, f"{DUJI}/2025")
    assert re.search(r'对照：<a href="\.\./2024/">杜集区政府办 2024年预算</a>', text)
