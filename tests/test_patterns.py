"""The genre's phrases for amounts, shares and changes, on real sentences and on common variants."""

from __future__ import annotations

import pytest

from generator.extract import functions, patterns, totals
from generator.extract.patterns import LabelScan, find_stated, label_scan, literal_heads
from generator.pipeline import parse_file
from generator.read import read_report
from generator.segment.layout import layout
from generator.segment.prose import squeeze
from tests.conftest import figure_values
from tests.fuzzing import CORPUS, SEEDS


def figure_of(make_report, text: str, label: str):
    found = next(find_stated(layout(make_report(text)).prose, label), None)
    assert found is not None, text
    return figure_values(found.figure)


@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [
        # seeds
        (
            "淮北市相山区人民政府办公室2024年支出预算657.88万元，比2023年预算增加22.76万元，增长3.58%，原因主要是政策性追加项目。",
            "支出预算",
            (657.88, None, 22.76, 3.58),
        ),
        (
            "一般公共预算拨款收入657.88万元，占100%，比2023年预算增加22.76万元，增长3.58%，原因主要是政策性追加项目；",
            "一般公共预算拨款收入",
            (657.88, 100, 22.76, 3.58),
        ),
        (
            "2024年青云谱区政府办公室收入预算总额为 462.48    万元,较上年预算安排增加  60.02   万元;",
            "收入预算总额",
            (462.48, None, 60.02, None),
        ),
        (
            "社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）2024年预算0.03万元，比2023年预算减少11.61万元，下降99.75%",
            "行政单位离退休（项）",
            (0.03, None, -11.61, -99.75),
        ),
        (
            "公务员医疗补助（项）2024年预算5.45万元，比2023年预算相比无变化。",
            "公务员医疗补助（项）",
            (5.45, None, 0, 0),
        ),
        ("因公出国  40  万元,比上年减少  20万元，主要原因是：缩减开支过紧日子。", "因公出国", (40, None, -20, None)),
        ("公务接待 0万元,比上年增（减）  0   万元，主要原因是：没有公务接待。", "公务接待", (0, None, 0, None)),
        (
            "公务用车运行维护费 1.10 万元，主要用于开展工作所需公务用车的燃料费等支出，与2023年相比减少 1.50 万元，下降 57.69%，主要原因是：",
            "公务用车运行维护费",
            (1.10, None, -1.5, -57.69),
        ),
        (
            "其中基本支出 550.39 万元，占 92.75%；项目支出 43.00 万元，占 7.25%。",
            "基本支出",
            (550.39, 92.75, None, None),
        ),
        (
            "2024年部门所属各单位政府采购总额25  万元,其中: 政府采购货物预算  25  万元",
            "政府采购",
            (25, None, None, None),
        ),
        # Shanghai PDFs: thousands separators and a sentence wrapped at the page edge
        (
            "   2025年，上海市普陀区人民政府办公室收入预算9,101.68万元，其中：财政拨款收入9,101.68万元，比2024年预算减少2,389.52万\n元；事业收入0万元；",
            "财政拨款收入",
            (9101.68, None, -2389.52, None),
        ),
        ("政府性基金拨款支出预算0万元，比2024年预算持平；", "政府性基金拨款支出预算", (0, None, 0, 0)),
        ("公务用车购置费0万元,与2017年一致,", "公务用车购置费", (0, None, 0, 0)),  # cq 2018
        # the genre's other phrasings
        ("机关运行经费25.3万元，较上年增加1.2万元，增长4.98%。", "机关运行经费", (25.3, None, 1.2, 4.98)),
        ("项目支出120万元，同比下降12.5%。", "项目支出", (120, None, None, -12.5)),
        ("基本支出300万元，与上年持平。", "基本支出", (300, None, 0, 0)),
        ("项目支出80万元，比上年预算数减少20万元，下降20%。", "项目支出", (80, None, -20, -20)),
        ("支出预算总额1,234,500.00元，比上年增加234,500.00元。", "支出预算总额", (123.45, None, 23.45, None)),
        ("上年结转12.5万元。", "上年结转", (12.5, None, None, None)),
        # a change without its direction is not guessed
        ("公务接待费5万元,比上年增（减）2万元，主要原因是：接待增加。", "公务接待费", (5, None, None, None)),
    ],
)
def test_amount_share_and_change(make_report, text, label, expected):
    assert figure_of(make_report, text, label) == pytest.approx(expected)


def test_change_belongs_to_its_own_amount(make_report):
    """A change after a second amount in the clause is not the first amount's."""
    got = figure_of(
        make_report,
        "部门收入总计 593.39 万元，支出总计 593.39 万元，与 2023 年预算相比，收入减少 4.37 万元。",
        "收入总计",
    )
    assert got == (593.39, None, None, None)


def test_squeeze_keeps_spaces_between_figures():
    assert squeeze("201   03   01   行政运行 2024 年 12 月") == "201 03 01行政运行2024年12月"


@pytest.mark.parametrize(
    ("label", "heads"),
    [
        ("收入支出总计|收支总计|收入预算总额|收入预算", ("收入支出总计", "收入预算", "收支总计")),
        ("一般公共预算资金|一般公共预算(?![\u4e00-\u9fa5])", ("一般公共预算",)),
        ("(?:公务用车|车)运行(?:维护)?费?", ("公务用车", "车")),
        ("公务接待(?:费)?|因公出国(?:[（(]境[）)])?", ("公务接待", "因公出国")),
        ("人员经费?", ("人员经",)),
        (r"车\-辆", ("车",)),
        ("(?:支出)?基本", None),  # the group may be left out
        ("[收支]出总计", None),
        ("收入|(?:费)", ("收入", "费")),
        ("收入|(?:[收支]出)", None),
    ],
)
def test_literal_heads(label, heads):
    assert literal_heads(label) == heads


def test_subject_change_is_the_first_before_any_相比(passage):
    """A change whose subject follows 相比 is looked for only just before each 相比: the first such change wins."""
    text = "与上年相比，支出增加1万元。比较相比，与2023年预算相比，收入减少4.37万元，下降0.73%；与上年相比，收入减少1万元。"
    change = totals.subject_change(passage(text), "收入")
    assert (change.amount.value, change.pct.value) == (-4.37, -0.73)
    assert change.amount.evidence.quote == "比较相比，与2023年预算相比，收入减少4.37万元，下降0.73%"
    assert totals.subject_change(passage("与上年相比，支出增加1万元。"), "收入") is None


def test_share_and_change_are_quoted_as_if_found_alone(passage):
    """A share or change on its amount's line has the amount's quote; in a clause too long to quote whole, each
    quote is cut around its own figure."""
    short = passage("其中基本支出 550.39 万元，占 92.75%，比上年增加1.2万元，增长4.98%。")
    figure = next(find_stated(short, "基本支出")).figure
    assert figure.share.evidence == figure.amount.evidence == figure.change.amount.evidence
    text = "基本支出550.39万元，占92.75%" + "，主要用于保障机构正常运转和完成各项工作任务" * 8 + "，比上年增加1.2万元，增长4.98%。"
    long = passage(text)
    figure = next(find_stated(long, "基本支出")).figure
    change = long.text.index("比上年")
    assert figure.change.pct.evidence == long.evidence(change, long.text.index("。"))
    assert "比上年增加1.2万元" in figure.change.pct.evidence.quote
    assert figure.change.pct.evidence != figure.amount.evidence
    assert figure.share.evidence == long.evidence(long.text.index("，占"), long.text.index("%") + 1)


@pytest.mark.parametrize(
    "text",
    [
        "（类）（201类）(类)类）（1234类）（（类）类（类）",
        "一般公共服务支出（类）人大事务（款）行政运行（项）；“一般公共服务支出-人大事务-行政运行”科目1.00万元",
        "行政运行（2010801）800.00万元，(2010802)1万元（2024年）",
        "2024-2025年，“支出-”",
    ],
)
def test_item_mention_scans_find_what_the_regex_finds(text):
    """The line-item forms are looked for from a rare character (类, "-", a bracketed 2): the same matches as a scan
    of the whole text, on these and on every seed and corpus report."""
    for sample in [text, *(layout(read_report(path)).prose.text for path in SEEDS + CORPUS)]:
        spans = functions.class_marks(sample), functions.CLASS_MARK.finditer(sample)
        assert [match.span() for match in spans[0]] == [match.span() for match in spans[1]]
        coded = functions.CODE_IN_BRACKETS
        assert list(map(repr, coded.matches(sample, 0, len(sample)))) == list(map(repr, coded.pattern.finditer(sample)))
        assert list(map(repr, functions.dashed_mentions(sample))) == list(map(repr, functions.DASHED_ITEM.finditer(sample)))


def test_label_scan_finds_what_the_regex_finds(monkeypatch):
    """Every label the extractors scan for, on every seed and corpus report: the head-led scan gives the same
    matches as the regex engine's own."""
    used: set[tuple[str, str]] = set()

    def recording(label: str, filler: str) -> LabelScan:
        used.add((label, filler))
        return label_scan(label, filler)

    monkeypatch.setattr(patterns, "label_scan", recording)
    texts = [layout(read_report(path)).prose.text for path in SEEDS + CORPUS]
    for path in SEEDS + CORPUS:
        parse_file(path)
    assert len(used) > 30
    for label, filler in used:
        scan = label_scan(label, filler)
        for text in texts:
            expected = [(match.start(), match.end()) for match in scan.pattern.finditer(text)]
            assert [(match.start(), match.end()) for match in scan.matches(text, 0, len(text))] == expected, label
