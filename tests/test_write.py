"""A Report written as its YAML record: values without their None and empty parts, every figure's evidence by path."""

from __future__ import annotations

from generator.records import (
    Change,
    Department,
    Evidence,
    Fact,
    Figure,
    Finding,
    Indicator,
    LineItem,
    Project,
    Report,
    Totals,
)
from generator.write import to_record


def made_up_report() -> Report:
    return Report(
        id="made-up-2025",
        source_file="made-up.txt",
        sha256="0" * 64,
        department=Department(name="某某局"),
        year=2025,
        totals=Totals(income=Fact(120.5, Evidence(3, "收入总计120.50万元")), change=Change(pct=Fact(-2.5))),
        income={"fiscal": Figure(amount=Fact(100, Evidence(5, "财政拨款收入100万元"))), "other": Figure()},
        line_items=[
            LineItem(
                "一般公共服务支出", "政府办公厅", "行政运行", code="2010301", amount=Fact(8, Evidence(9, "8万元"))
            ),
            LineItem("一般公共服务支出", "政府办公厅", "一般行政管理事务"),
        ],
        projects=[Project("信息化建设", indicators=[Indicator("≥95%", name="满意度", line=12), Indicator("按时")])],
        findings=[Finding("sum", "warning", "合计不符", ["totals.income"], [3, 5])],
    )


def test_a_report_is_written_without_its_empty_parts_and_with_evidence_by_path():
    """Keys in the data model's order; a list entry is named by its key or index; a Fact without evidence is kept."""
    record = to_record(made_up_report())
    assert list(record) == [
        "schema_version", "id", "source", "department", "year", "kind", "unit", "totals", "income", "line_items",
        "projects", "findings", "evidence",
    ]  # fmt: skip
    assert record["totals"] == {"income": 120.5, "change": {"pct": -2.5}}
    assert record["income"] == {"fiscal": {"amount": 100}}
    assert record["line_items"][1] == {"class": "一般公共服务支出", "section": "政府办公厅", "item": "一般行政管理事务"}
    assert record["projects"] == [
        {"name": "信息化建设", "indicators": [{"value": "≥95%", "name": "满意度"}, {"value": "按时"}]}
    ]
    assert record["findings"] == [
        {"rule": "sum", "severity": "warning", "message": "合计不符", "figures": ["totals.income"], "lines": [3, 5]}
    ]
    assert record["evidence"] == {
        "income.fiscal.amount": {"line": 5, "quote": "财政拨款收入100万元"},
        "line_items[2010301].amount": {"line": 9, "quote": "8万元"},
        "projects[信息化建设].indicators[0]": {"line": 12, "quote": "≥95%"},
        "totals.income": {"line": 3, "quote": "收入总计120.50万元"},
    }
    assert list(record["evidence"]) == sorted(record["evidence"])


def test_a_value_of_another_type_than_declared_is_written_as_it_is():
    """A maintainer's correction may put any YAML value in a field: a plain value where a Fact or a record was
    declared, a mapping where a string was; each is written as a value, a Fact anywhere still cites its line."""
    report = made_up_report()
    report.totals.income = 121
    report.totals.change = "持平"
    report.department.name = {"full": "某某局", "short": None, "quoted": Fact(1, Evidence(2, "1"))}
    report.line_items[0].change = Fact(3.0, Evidence(10, "增加3万元"))
    report.projects = {"信息化建设": [Indicator("按时")]}
    record = to_record(report)
    assert record["totals"] == {"income": 121, "change": "持平"}
    assert record["department"]["name"] == {"full": "某某局", "quoted": 1}
    assert record["line_items"][0]["change"] == 3.0
    assert record["projects"] == {"信息化建设": [{"value": "按时"}]}
    assert record["evidence"]["department.name.quoted"] == {"line": 2, "quote": "1"}
    assert record["evidence"]["line_items[2010301].change"] == {"line": 10, "quote": "增加3万元"}
    assert "totals.income" not in record["evidence"]
