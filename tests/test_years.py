"""Departments linked across years, the maintainer's mapping, the cross-year check and the 项-by-项 comparison."""

from __future__ import annotations

import shutil

import pytest

from generator.batch import parse_reports
from generator.check.years import (
    YearView,
    check_years,
    compare_line_items,
    cross_year_change,
    department_key,
    departments,
    load_mapping,
    normalised_name,
)
from generator.records import Change, Department, Evidence, Fact, Figure, Region, Report
from tests.conftest import SHARED, seed

HUAIBEI_DUJI = Region("安徽省", "淮北市", "杜集区")
CORPUS = SHARED / "corpus"


@pytest.mark.parametrize(
    ("short", "full", "region"),
    [
        ("杜集区政府办", "淮北市杜集区人民政府办公室", HUAIBEI_DUJI),
        ("区委办", "中共新乡市牧野区委办公室", Region("河南省", "新乡市", "牧野区")),
        ("某县人大办", "某县人民代表大会常务委员会办公室", None),
        ("某县人大办", "某县人大常委会办公室", None),
        ("某区发展改革委", "某区发展改革委员会", None),
    ],
)
def test_abbreviations_fold_to_one_name(short, full, region):
    assert normalised_name(short, region) == normalised_name(full, region)


def test_different_departments_keep_different_keys():
    keys = {
        department_key(name, HUAIBEI_DUJI, "x-2024")
        for name in ("杜集区政府办", "杜集区财政局", "杜集区司法局", "中共杜集区委办公室", "杜集区人大常委会办公室")
    }
    assert len(keys) == 5


def test_unit_budget_is_its_own_entity():
    region = Region("上海市", "上海市", "普陀区")
    budget = department_key("上海市普陀区司法局", region, "shanghai-putuo-sifaju-2026")
    unit = department_key("上海市普陀区司法局", region, "shanghai-putuo-sifaju-2026-unit")
    assert budget == "shanghai-putuo-sifaju" and unit == "shanghai-putuo-sifaju-unit"


@pytest.fixture(scope="module")
def duji(tmp_path_factory):
    """The two 杜集区 seeds parsed together: 003 (2024, 杜集区政府办) and 002 (2025, the full name)."""
    out = tmp_path_factory.mktemp("duji")
    result = parse_reports([seed("003"), seed("002")], out, mapping_path=out / "none.yaml")
    assert result.errors == []
    return {record["year"]: record for _, _, record in result.written}


def test_duji_reports_are_one_department_with_two_years(duji):
    assert duji[2024]["department"]["key"] == duji[2025]["department"]["key"] == "anhui-huaibei-duji-zhengfuban"
    [(key, years)] = departments(duji.values()).items()
    assert [record["year"] for record in years] == [2024, 2025]


def test_duji_2025_operating_costs_change_checked_against_2024(duji):
    """002 says 机关运行经费 40.99, +4.03 over 2024; 003 published 39.96, so the change is +1.03."""
    [found] = [f for f in duji[2025]["findings"] if f["rule"] == "cross-year-change"]
    assert found["severity"] == "error"
    assert found["figures"] == ["operating_costs.change.amount", "operating_costs.amount"]
    assert found["with"] == seed("003").name and found["lines"] == [1124]
    assert "36.96万元" in found["message"] and "39.96万元" in found["message"]
    assert not [f for f in duji[2024]["findings"] if f["rule"] == "cross-year-change"]


def test_duji_years_compared_item_by_item(duji):
    changes = {change.key: change for change in compare_line_items(duji[2024], duji[2025])}
    assert changes["2010301"].status == "grew" and changes["2010301"].before == 212.89
    assert changes["2010301"].delta == pytest.approx(changes["2010301"].after - 212.89)
    assert {change.status for change in changes.values()} <= {"grew", "shrank", "unchanged", "appeared", "disappeared"}


def test_compare_line_items_made_up():
    older = {"line_items": [{"code": "2010301", "class": "一般公共服务支出", "section": "政府办公厅（室）及相关机构事务",
                             "item": "行政运行", "amount": 100},
                            {"code": "2010302", "item": "一般行政管理事务", "amount": 50},
                            {"code": "2080501", "item": "行政单位离退休", "amount": 10}]}  # fmt: skip
    newer = {"line_items": [{"code": "2010301", "item": "行政运行", "amount": 120},
                            {"code": "2010302", "item": "一般行政管理事务", "amount": 40},
                            {"code": "2101101", "item": "行政单位医疗", "amount": 5}]}  # fmt: skip
    found = {change.key: (change.status, change.before, change.after) for change in compare_line_items(older, newer)}
    assert found == {
        "2010301": ("grew", 100, 120),
        "2010302": ("shrank", 50, 40),
        "2080501": ("disappeared", 10, None),
        "2101101": ("appeared", None, 5),
    }


def made_up(year: int, amount: float, change: float | None = None) -> Report:
    stated = Change(Fact(change, Evidence(9, "比上年…")) if change is not None else None)
    return Report(
        id=f"somewhere-dept-{year}",
        source_file=f"{year}.txt",
        sha256="",
        department=Department("某区某局", region=Region("某省", "某市", "某区"), key="mou-mou-mou-mouju"),
        year=year,
        operating_costs=Figure(amount=Fact(amount, Evidence(9, "机关运行经费…")), change=stated),
    )


def viewed(*reports: Report, mapping: dict[str, str] | None = None) -> list[YearView]:
    """The reports as the batch sees them across years, each keyed by the maintainer's `mapping` where it names it."""
    for report in reports:
        report.department.key = (mapping or {}).get(report.id) or report.department.key
    return [YearView.of(report) for report in reports]


def test_cross_year_change_within_rounding_is_no_finding():
    before, within, beyond = viewed(made_up(2024, 39.96), made_up(2025, 40.99, 1.04), made_up(2025, 40.99, 4.03))
    assert list(cross_year_change(within, before)) == []
    [found] = cross_year_change(beyond, before)
    assert found.with_ == "2024.txt" and found.figures == ["operating_costs.change.amount", "operating_costs.amount"]


def test_years_are_checked_only_against_the_year_before_of_the_same_kind():
    assert check_years(viewed(made_up(2023, 30), made_up(2025, 40.99, 4.03))) == {}


def test_mapping_forces_and_splits(tmp_path):
    mapping = tmp_path / "departments.yaml"
    mapping.write_text("# links\nsomewhere-dept-2024: other-dept\n", encoding="utf-8")
    forced, errors = load_mapping(mapping)
    assert errors == []
    assert forced == {"somewhere-dept-2024": "other-dept"}
    by_rule = check_years(viewed(made_up(2024, 39.96), made_up(2025, 40.99, 4.03)))
    assert [f.rule for f in by_rule["somewhere-dept-2025"]] == ["cross-year-change"]  # by rule, one department
    assert check_years(viewed(made_up(2024, 39.96), made_up(2025, 40.99, 4.03), mapping=forced)) == {}  # split
    together = {"somewhere-dept-2024": "one-dept", "somewhere-dept-2025": "one-dept"}
    forced_together = check_years(viewed(made_up(2024, 39.96), made_up(2025, 40.99, 4.03), mapping=together))
    assert [f.rule for f in forced_together["somewhere-dept-2025"]] == ["cross-year-change"]


def test_mapping_errors_name_file_and_line(tmp_path):
    mapping = tmp_path / "departments.yaml"
    mapping.write_text(
        "# links\ngood-2024: some-dept\nbad-2024: 不是ASCII\ngood-2024: again\nlist-2024: [a]\n", encoding="utf-8"
    )
    found, errors = load_mapping(mapping)
    assert found == {"good-2024": "some-dept"}
    assert [(error.path.name, error.line) for error in errors] == [
        ("departments.yaml", 3),
        ("departments.yaml", 4),
        ("departments.yaml", 5),
    ]


def test_mapping_that_is_not_yaml_is_one_error(tmp_path):
    mapping = tmp_path / "departments.yaml"
    mapping.write_text("a: [unclosed\n", encoding="utf-8")
    found, [error] = load_mapping(mapping)
    assert found == {} and error.line


def test_parse_reports_applies_the_mapping_and_warns_of_stale_entries(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    for prefix in ("002", "003"):
        shutil.copy(seed(prefix), reports)
    mapping = tmp_path / "departments.yaml"
    mapping.write_text("huaibei-duji-zhengfuban-2024: duji-office-old\nno-such-report-2020: x\n", encoding="utf-8")
    result = parse_reports(sorted(reports.iterdir()), tmp_path / "out", mapping_path=mapping)
    keys = {record["id"]: record["department"]["key"] for _, _, record in result.written}
    assert keys == {
        "huaibei-duji-zhengfuban-2024": "duji-office-old",
        "huaibei-duji-zhengfuban-2025": "anhui-huaibei-duji-zhengfuban",
    }
    assert result.warnings == ["departments.yaml: no-such-report-2020 names no report parsed here"]
    assert not any(f["rule"] == "cross-year-change" for _, _, r in result.written for f in r.get("findings", []))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    if not CORPUS.exists():
        pytest.skip("../shared/corpus is not beside the repository")
    out = tmp_path_factory.mktemp("corpus")
    result = parse_reports(sorted(CORPUS.glob("*.txt")), out, mapping_path=out / "none.yaml")
    assert result.errors == []
    return [record for _, _, record in result.written]


def test_corpus_wanli_years_link_and_sifaju_budgets_stay_apart(corpus):
    grouped = departments(corpus)
    wanli = [key for key, records in grouped.items() if "万里" in records[0]["department"]["name"]]
    assert [[r["year"] for r in grouped[key]] for key in wanli] == [[2024, 2025]]
    sifaju = [key for key, records in grouped.items() if records[0]["department"]["name"].endswith("司法局")]
    assert sorted(sifaju) == ["shanghai-putuo-sifaju", "shanghai-putuo-sifaju-unit"]
    assert all(len(grouped[key]) == 1 for key in sifaju)


def test_corpus_errors_are_the_ones_read_by_eye(corpus):
    """Every error the rules raise on the corpus was checked against the text: czj 2024 prints 一般公共服务支出
    2106.66万元 as 71.73% of 一般公共预算财政拨款支出 2940.05万元 (71.65%; its four shares add up to 100.07%)."""
    errors = [(r["id"], f["figures"]) for r in corpus for f in r.get("findings", []) if f["severity"] == "error"]
    assert errors == [
        ("shanghai-putuo-caizhengju-2024-final", ["functions[一般公共服务支出].amount", "functions[一般公共服务支出].share"])
    ]


def test_records_without_a_key_are_grouped_by_the_same_rule():
    """Records written before keys existed (or by hand) still group: the key is computed from name and region."""
    region = {"province": "安徽省", "city": "淮北市", "county": "杜集区"}
    records = [
        {
            "id": "huaibei-duji-zhengfuban-2025",
            "year": 2025,
            "department": {"name": "淮北市杜集区人民政府办公室", "region": region},
        },
        {"id": "huaibei-duji-zhengfuban-2024", "year": 2024, "department": {"name": "杜集区政府办", "region": region}},
    ]
    [(key, years)] = departments(records).items()
    assert key == "anhui-huaibei-duji-zhengfuban" and [r["year"] for r in years] == [2024, 2025]
