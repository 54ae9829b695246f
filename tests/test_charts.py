"""Charts drawn from the seeds' records: what the SVG shows, its text alternative, the cache and escaping."""

from __future__ import annotations

import re

import pytest

from generator.pipeline import parse_file
from generator.render import charts
from generator.render.charts import functions_chart, income_chart, trend_chart
from tests.conftest import SEEDS, SHARED

VIEWBOX = re.compile(r'<svg\b[^>]*\bviewBox="0 0 ([\d.]+) ([\d.]+)"')
TEXTS = re.compile(r"<text\b[^>]*>([^<]*)</text>")


@pytest.fixture(scope="module")
def seeds() -> dict[str, dict]:
    """The five seeds' records by file number ("000" … "004")."""
    return {path.name[:3]: parse_file(path) for path in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture
def cache(tmp_path):
    return tmp_path / "charts"


@pytest.fixture
def conversions(monkeypatch):
    """Counts the charts vl-convert draws, still drawing them."""
    calls = []
    convert = charts._convert

    def spy(spec):
        calls.append(spec)
        return convert(spec)

    monkeypatch.setattr(charts, "_convert", spy)
    return calls


def amount_of(text: str) -> float:
    assert text.endswith("万元"), text
    return float(text.removesuffix("万元").replace(",", ""))


def test_functions_chart_draws_one_row_per_class_of_each_seed(seeds, cache):
    """Every 类 with an amount is named once in the SVG, and alt_rows give its amount, largest first."""
    for number, record in seeds.items():
        stated = [item for item in record["functions"] if item.get("amount", 0) > 0]
        chart = functions_chart(record, cache)
        texts = TEXTS.findall(chart.svg)
        assert sorted(texts.count(item["name"]) for item in stated) == [1] * len(stated), number
        expected = sorted(((item["name"], item["amount"]) for item in stated), key=lambda row: -row[1])
        assert [(label, amount_of(value)) for label, value in chart.alt_rows] == expected, number
        assert chart.caption == f"{record['year']}年预算支出按功能分类（万元）"


def test_functions_chart_leaves_out_classes_stated_as_zero(seeds, cache):
    """青云谱's 教育支出 is stated as 0: a bar of nothing is left out of the chart and its rows."""
    record = seeds["001"]
    zero = [item["name"] for item in record["functions"] if item["amount"] == 0]
    assert "教育支出" in zero
    chart = functions_chart(record, cache)
    assert not {label for label, _ in chart.alt_rows} & set(zero)
    assert not set(TEXTS.findall(chart.svg)) & set(zero)


def test_svg_is_ready_to_inline_and_scales_to_its_container(seeds, cache):
    """No prologue, a viewBox of non-zero size, the container's width, and the caption for screen readers."""
    chart = functions_chart(seeds["000"], cache)
    assert chart.svg.startswith("<svg")
    assert "<?xml" not in chart.svg and "DOCTYPE" not in chart.svg
    width, height = map(float, VIEWBOX.match(chart.svg).groups())
    assert width > 0 and height > 0
    opening = chart.svg[: chart.svg.index(">") + 1]
    assert 'width="100%"' in opening and not re.search(r'\sheight="', opening)
    assert f'aria-label="{chart.caption}"' in opening
    assert "一般公共服务支出" in TEXTS.findall(chart.svg)
    assert "Noto Sans CJK SC" in chart.svg


def test_trend_chart_of_duji_runs_by_year_whatever_the_order(seeds, cache):
    """杜集区's 2025 and 2024 budgets given newest first are drawn 2024 then 2025, with their totals."""
    chart = trend_chart([seeds["003"], seeds["002"]], cache)
    by_year = sorted((record["year"], record["totals"]["expenditure"]) for record in (seeds["002"], seeds["003"]))
    assert [label for label, _ in chart.alt_rows] == [f"{year}年" for year, _ in by_year]
    assert [amount_of(value) for _, value in chart.alt_rows] == [amount for _, amount in by_year]
    assert chart.caption == f"{by_year[0][0]}—{by_year[1][0]}年预算支出总额（万元）"
    texts = TEXTS.findall(chart.svg)
    assert all(f"{year}年" in texts for year, _ in by_year)


def test_trend_chart_needs_two_years(seeds, cache):
    """One year, or the same year twice, is no trend."""
    assert trend_chart([seeds["002"]], cache) is None
    assert trend_chart([seeds["002"], seeds["002"]], cache) is None
    assert trend_chart([], cache) is None
    assert trend_chart([{**seeds["002"], "totals": {}}, seeds["003"]], cache) is None


def test_trend_chart_leaves_out_a_year_whose_records_disagree(cache):
    """A 部门预算 and a 单位预算 of one year state different totals: that year is not guessed."""
    records = [
        {"year": 2023, "kind": "budget", "totals": {"expenditure": 80.0}},
        {"year": 2024, "kind": "budget", "totals": {"expenditure": 90.0}},
        {"year": 2025, "kind": "budget", "totals": {"expenditure": 100.0}},
        {"year": 2025, "kind": "budget", "totals": {"expenditure": 95.5}},
    ]
    chart = trend_chart(records, cache)
    assert chart.alt_rows == [("2023年", "80 万元"), ("2024年", "90 万元")]


def test_trend_chart_does_not_mix_budgets_with_final_accounts(cache):
    """The kind most years state is drawn, 预算 on a tie; the other kind's years are left out."""
    records = [
        {"year": 2023, "kind": "budget", "totals": {"expenditure": 80.0}},
        {"year": 2023, "kind": "final", "totals": {"expenditure": 78.2}},
        {"year": 2024, "kind": "budget", "totals": {"expenditure": 90.0}},
    ]
    chart = trend_chart(records, cache)
    assert [label for label, _ in chart.alt_rows] == ["2023年", "2024年"]
    assert chart.caption == "2023—2024年预算支出总额（万元）"
    records.append({"year": 2022, "kind": "final", "totals": {"expenditure": 70.0}})
    records.append({"year": 2021, "kind": "final", "totals": {"expenditure": 60.0}})
    assert [label for label, _ in trend_chart(records, cache).alt_rows] == ["2021年", "2022年", "2023年"]
    tie = trend_chart([*records[:3], {"year": 2024, "kind": "final", "totals": {"expenditure": 88.0}}], cache)
    assert [label for label, _ in tie.alt_rows] == ["2023年", "2024年"]
    assert tie.caption == "2023—2024年预算支出总额（万元）"


def test_trend_chart_caption_names_no_kind_the_records_do_not_state(cache):
    """Records without a kind, or with one the site does not know, are drawn under a caption naming no kind."""
    for kind in (None, "audit"):
        records = [{"year": year, "kind": kind, "totals": {"expenditure": 10.0 * year}} for year in (2023, 2024)]
        assert trend_chart(records, cache).caption == "2023—2024年支出总额（万元）"
    assert trend_chart([{"year": 2023, "totals": {"expenditure": 1.0}}, {"year": 2024, "totals": {"expenditure": 2.0}}],
                       cache).caption == "2023—2024年支出总额（万元）"


def test_income_chart_is_none_for_the_seeds_single_source(seeds, cache):
    """Each seed is funded by 财政拨款 alone; its general_budget and fiscal are the same money, not two sources."""
    for number, record in seeds.items():
        assert income_chart(record, cache) is None, number
    assert seeds["000"]["income"]["fiscal"]["amount"] == seeds["000"]["income"]["general_budget"]["amount"]


def test_income_chart_draws_fiscal_only_where_its_parts_are_not_stated(cache):
    """财政拨款收入 is the sum of 一般公共预算, 政府性基金 and 国有资本经营 拨款: drawn beside them it counts twice."""
    parts = {
        "year": 2024,
        "kind": "budget",
        "income": {
            "general_budget": {"amount": 100.0},
            "gov_fund": {"amount": 20.5},
            "state_capital": {"amount": 0},
            "fiscal": {"amount": 120.5},
            "carryover": {"amount": 5.25},
        },
    }
    chart = income_chart(parts, cache)
    assert chart.alt_rows == [
        ("一般公共预算拨款", "100 万元"),
        ("政府性基金预算拨款", "20.5 万元"),
        ("上年结转（结余）", "5.25 万元"),
    ]
    assert chart.caption == "2024年预算收入按来源（万元）"
    whole = {"year": 2024, "kind": "final", "income": {"fiscal": {"amount": 2940.05}, "other": {"amount": 6.2}}}
    assert income_chart(whole, cache).alt_rows == [("财政拨款收入", "2,940.05 万元"), ("其他收入", "6.2 万元")]


@pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason="../shared/corpus is not beside the repository")
def test_income_chart_of_real_reports_with_two_sources(cache):
    """重庆's 2018 budget states 一般公共预算 and 政府性基金 拨款; 普陀区财政局's 2024 决算 财政拨款 and 其他收入."""
    chongqing = income_chart(parse_file(SHARED / "corpus" / "cq-jtw-2018-budget.txt"), cache)
    assert [label for label, _ in chongqing.alt_rows] == ["一般公共预算拨款", "政府性基金预算拨款"]
    finance = income_chart(parse_file(SHARED / "corpus" / "sh-putuo-czj-2024-final.txt"), cache)
    assert [label for label, _ in finance.alt_rows] == ["财政拨款收入", "其他收入"]
    assert all(label in TEXTS.findall(finance.svg) for label, _ in finance.alt_rows)


def test_no_chart_without_figures(cache):
    """A record stating no 类 amount (or only amounts that are no number) and one income source has no chart."""
    record = {"year": 2024, "kind": "budget", "functions": [{"name": "一般公共服务支出", "code": "201"}]}
    assert functions_chart(record, cache) is None
    assert functions_chart({"year": 2024}, cache) is None
    assert income_chart({"year": 2024, "income": {"general_budget": {"amount": 10}}}, cache) is None
    odd = [
        {"name": "甲", "amount": float("nan")},
        {"name": "乙", "amount": float("inf")},
        {"name": "丙", "amount": True},
    ]
    assert functions_chart({"functions": odd}, cache) is None


def test_second_drawing_of_the_same_data_comes_from_the_cache(seeds, cache, conversions):
    """A rebuild with the same data re-renders nothing; other data is drawn anew."""
    first = functions_chart(seeds["000"], cache)
    assert len(conversions) == 1
    assert functions_chart(seeds["000"], cache) == first
    assert len(conversions) == 1
    functions_chart(seeds["004"], cache)
    assert len(conversions) == 2
    assert sorted(path.suffix for path in cache.iterdir()) == [".svg", ".svg"]


def test_labels_from_the_report_are_escaped(cache):
    """A 类 name is untrusted report text: it reaches the SVG only as escaped text."""
    record = {"year": 2024, "kind": "budget", "functions": [{"name": "<script>alert(1)</script>", "amount": 3.0}]}
    chart = functions_chart(record, cache)
    assert "<script" not in chart.svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in chart.svg
    assert chart.alt_rows == [("<script>alert(1)</script>", "3 万元")]


def test_svg_is_one_line_whatever_the_labels(cache):
    """Inlined in Markdown, a blank line inside the SVG would end its raw HTML block and spill the rest as text."""
    record = {"year": 2024, "functions": [{"name": "住房\n\n保障支出", "amount": 3.0}]}
    chart = functions_chart(record, cache)
    assert "\n" not in chart.svg
    assert "住房 保障支出" in TEXTS.findall(chart.svg)


def test_long_names_are_cut_in_the_chart_and_whole_in_alt_rows(cache):
    """A name longer than the line is shortened with an ellipsis; the text alternative keeps it whole."""
    name = "一般公共服务支出" * 4
    chart = functions_chart({"year": 2024, "functions": [{"name": name, "amount": 12.0}]}, cache)
    (drawn,) = [text for text in TEXTS.findall(chart.svg) if text.startswith("一般")]
    assert drawn.endswith("…") and len(drawn) < len(name)
    assert chart.alt_rows == [(name, "12 万元")]
    assert chart.caption == "2024年支出按功能分类（万元）"


def test_names_get_the_room_their_amounts_leave(cache):
    """A name beside a short amount is cut later than the same name beside a long one."""
    name = "文化旅游体育与传媒支出" * 2

    def drawn(amount: float) -> str:
        chart = functions_chart({"functions": [{"name": name, "amount": amount}]}, cache)
        (text,) = [text for text in TEXTS.findall(chart.svg) if text.startswith("文化")]
        return text

    assert len(drawn(8.5)) > len(drawn(12_345_678.9)) > 6


def test_ids_are_prefixed_so_charts_on_one_page_do_not_share_them():
    """Inlined SVGs share the page's id space: a clip path of one chart must not clip another."""
    svg = '<svg width="10" height="5" viewBox="0 0 10 5"><clipPath id="clip1"/><g clip-path="url(#clip1)"/></svg>'
    inlined = charts._inline(svg, "标题", "abc")
    assert 'id="cabc-clip1"' in inlined and "url(#cabc-clip1)" in inlined
    assert 'id="clip1"' not in inlined and "url(#clip1)" not in inlined


def test_charts_still_render_without_a_cjk_font(monkeypatch, tmp_path, cache):
    """No CJK font installed: a warning, and the chart is drawn all the same."""
    monkeypatch.setattr(charts, "FONT_ROOTS", (tmp_path / "no-fonts",))
    charts._register_cjk_font.cache_clear()
    try:
        with pytest.warns(UserWarning, match="no CJK font"):
            chart = functions_chart({"year": 2024, "functions": [{"name": "住房保障支出", "amount": 4.5}]}, cache)
    finally:
        charts._register_cjk_font.cache_clear()
    assert "住房保障支出" in TEXTS.findall(chart.svg)


def test_changes_chart_draws_the_largest_differences_signed(cache):
    """Rises and falls of 项 stated in both years, largest first by size; an unchanged 项 is not drawn."""
    rows = [("2010301 行政运行", 212.89, 229.37), ("2010302 一般行政管理事务", 267.66, 216.77),
            ("2210201 住房公积金", 20.0, 20.0), ("2101101 行政单位医疗", 10.0, 8.98)]
    chart = charts.changes_chart(rows, "2024—2025年预算：变化最大的项（万元）", cache)
    assert chart.alt_rows == [("2010302 一般行政管理事务", "−50.89 万元"), ("2010301 行政运行", "+16.48 万元"),
                              ("2101101 行政单位医疗", "−1.02 万元")]
    texts = TEXTS.findall(chart.svg)
    assert "+16.48 万元" in texts and "−50.89 万元" in texts and "2210201 住房公积金" not in texts
    assert charts.changes_chart([("a", 1.0, 1.0)], "x", cache) is None


def test_changes_chart_keeps_the_ten_largest(cache):
    rows = [(f"项{n}", 100.0, 100.0 + n) for n in range(1, 15)]
    chart = charts.changes_chart(rows, "x", cache)
    assert [label for label, _ in chart.alt_rows] == [f"项{n}" for n in range(14, 4, -1)]


def test_ranking_chart_needs_two_departments_and_puts_the_largest_first(cache):
    assert charts.ranking_chart([("甲", 1.0)], "x", cache) is None
    chart = charts.ranking_chart([("甲", 1.0), ("乙", 3.0), ("丙", 0.0)], "x", cache)
    assert [label for label, _ in chart.alt_rows] == ["乙", "甲", "丙"] and chart.caption == "x"


def test_ranking_chart_draws_the_first_ten_and_says_so(cache):
    chart = charts.ranking_chart([(f"部门{n}", float(n)) for n in range(1, 13)], "2025年预算支出总计排名（万元）", cache)
    assert [label for label, _ in chart.alt_rows] == [f"部门{n}" for n in range(12, 2, -1)]
    assert chart.caption == "2025年预算支出总计排名（万元），前10名"


def test_plan_chart_pairs_plan_and_outcome(cache):
    """Each row names plan and outcome in its text alternative; rows with neither amount positive are left out."""
    chart = charts.plan_chart([("行政运行", 32.56, 30.12), ("空", 0.0, 0.0), ("信息化", 100.0, 104.2)], "x", cache)
    assert chart.alt_rows == [("信息化", "预算 100 万元，决算 104.2 万元"), ("行政运行", "预算 32.56 万元，决算 30.12 万元")]
    assert "30.12 / 32.56" in TEXTS.findall(chart.svg)
    assert charts.plan_chart([("空", 0.0, 0.0)], "x", cache) is None


def test_amounts_keep_every_stated_digit(cache):
    """A chart neither rounds 12.3456 nor pads 255: labels and the table beside it read as the report states."""
    record = {"year": 2024, "kind": "budget", "functions": [{"name": "甲", "amount": 12.3456}, {"name": "乙", "amount": 255}]}
    chart = functions_chart(record, cache)
    assert chart.alt_rows == [("乙", "255 万元"), ("甲", "12.3456 万元")]
    assert {"255 万元", "12.3456 万元"} <= set(TEXTS.findall(chart.svg))
    plan = charts.plan_chart([("行政运行", 255, 12.3456)], "计划与决算", cache)
    assert "12.3456 / 255" in TEXTS.findall(plan.svg)
    assert plan.alt_rows == [("行政运行", "预算 255 万元，决算 12.3456 万元")]
