"""The open-data tables, described once as Frictionless Table Schemas: the database, the data package and
datasette's labels are all made from these descriptions, so the three never disagree."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from generator import labels

UNIT = "万元"
# The codes of 政府收支分类科目: 支出功能分类 类 (3 digits) and 项 (7), 支出经济分类 类 (3) and 款 (5).
FUNCTION_CLASS_CODE = r"^\d{3}$"
FUNCTION_ITEM_CODE = r"^\d{7}$"
ECONOMIC_CLASS_CODE = r"^\d{3}$"
ECONOMIC_SECTION_CODE = r"^\d{5}$"
REPORT_ID = r"^[a-z0-9-]+$"

SPENDING_PARTS = {"report": "全部支出", "basic": labels.EXPENDITURE["basic"], "project": labels.EXPENDITURE["project"]}


def field(name: str, kind: str, title: str, description: str = "", **extra: Any) -> dict[str, Any]:
    """One Table Schema field; `extra` carries constraints or the custom `unit`."""
    descriptor: dict[str, Any] = {"name": name, "type": kind, "title": title}
    if description:
        descriptor["description"] = description
    descriptor.update(extra)
    return descriptor


def amount(name: str, title: str) -> dict[str, Any]:
    return field(name, "number", f"{title}（{UNIT}）", f"{title}，单位{UNIT}", unit=UNIT)


def percent(name: str, title: str) -> dict[str, Any]:
    return field(name, "number", f"{title}（%）", f"{title}，百分数（12.5 即 12.5%）", unit="%")


def count(name: str, title: str) -> dict[str, Any]:
    return field(name, "integer", title, constraints={"minimum": 0})


def code(name: str, title: str, pattern: str, required: bool = False) -> dict[str, Any]:
    constraints: dict[str, Any] = {"pattern": pattern}
    if required:
        constraints["required"] = True
    return field(name, "string", title, f"{title}（政府收支分类科目编码，文本）", constraints=constraints)


def text(name: str, title: str, description: str = "", required: bool = False, **extra: Any) -> dict[str, Any]:
    if required:
        extra.setdefault("constraints", {})["required"] = True
    return field(name, "string", title, description, **extra)


def report_key() -> dict[str, Any]:
    return text("report_id", "报告", "所属报告的 id（reports.id）", required=True, constraints={"pattern": REPORT_ID})


def position(title: str) -> dict[str, Any]:
    return field("position", "integer", title, "在报告中的次序，从 1 起", constraints={"required": True, "minimum": 1})


def figure_fields(prefix: str, title: str, attributes: tuple[str, ...]) -> list[dict[str, Any]]:
    """The columns of one stated figure (an income source, a spending part, a 三公 item) in the reports table."""
    makers: dict[str, Callable[[], dict[str, Any]]] = {
        "amount": lambda: amount(f"{prefix}_amount", title),
        "share": lambda: percent(f"{prefix}_share", f"{title}占比"),
        "change_amount": lambda: amount(f"{prefix}_change_amount", f"{title}比上年增减"),
        "change_pct": lambda: percent(f"{prefix}_change_pct", f"{title}比上年增减幅度"),
        "initial_budget": lambda: amount(f"{prefix}_initial_budget", f"{title}年初预算"),
        "adjusted_budget": lambda: amount(f"{prefix}_adjusted_budget", f"{title}调整预算"),
        "execution_rate": lambda: percent(f"{prefix}_execution_rate", f"{title}完成年初预算"),
    }
    return [makers[attribute]() for attribute in attributes]


SHARED_FIGURE = ("amount", "share", "change_amount", "change_pct")
FINAL_FIGURE = (*SHARED_FIGURE, "initial_budget", "adjusted_budget", "execution_rate")


def report_fields() -> list[dict[str, Any]]:
    fields = [
        text("id", "报告 id", "报告的稳定标识，也是网站页面地址", required=True, constraints={"pattern": REPORT_ID}),
        text("title", "报告", "部门名称、年度与类别"),
        text("department_name", "部门", "报告使用的最完整的部门名称", required=True),
        text("department_key", "部门标识", "同一部门各年度报告共用的标识"),
        field("department_aliases", "array", "部门简称", "报告中使用的其他名称（JSON 数组）"),
        text(
            "department_scope",
            "范围",
            "department = 部门预算，own = 部门本级，consolidated = 部门汇总，unit = 单位预算",
            constraints={"enum": ["department", "own", "consolidated", "unit"]},
        ),
        text("province", "省"),
        text("city", "市"),
        text("county", "县（区）"),
        field("year", "integer", "年度"),
        text(
            "kind",
            "类别",
            "，".join(f"{key} = {name}" for key, name in labels.KINDS.items()),
            constraints={"enum": list(labels.KINDS)},
        ),
        text("unit", "单位", "报告金额的单位：万元"),
        text("source_file", "源文件", "site_data/reports/ 下的报告文件名"),
        text("source_sha256", "源文件 SHA-256", constraints={"pattern": r"^[0-9a-f]{64}$"}),
    ]
    fields += [amount(f"totals_{key}", label) for key, label in labels.TOTALS.items()]
    fields += [
        amount("totals_change_amount", "收支总额比上年增减"),
        percent("totals_change_pct", "收支总额比上年增减幅度"),
    ]
    for key, label in labels.INCOME.items():
        fields += figure_fields(f"income_{key}", label, SHARED_FIGURE)
    for key, label in labels.EXPENDITURE.items():
        fields += figure_fields(f"expenditure_{key}", label, FINAL_FIGURE)
    for key, label in labels.THREE_PUBLIC.items():
        fields += figure_fields(f"three_public_{key}", label, FINAL_FIGURE)
    fields += figure_fields("operating_costs", labels.OPERATING_COSTS, FINAL_FIGURE)
    fields += [amount(f"procurement_{key}", label) for key, label in labels.PROCUREMENT.items()]
    fields += [count(f"assets_{key}", label) for key, label in labels.ASSETS.items()]
    fields += [count(f"staffing_{key}", label) for key, label in labels.STAFFING.items()]
    fields += [
        count("performance_managed_count", "实行绩效目标管理的项目数"),
        amount("performance_managed_amount", "实行绩效目标管理的项目资金"),
        field(
            "unlisted_figures",
            "object",
            "其他数字",
            "报告中本表没有单列的其他数字（JSON 对象，键为 YAML 记录中的路径）",
        ),
    ]
    return fields


def child(name: str, title: str, description: str, fields: list[dict[str, Any]], **keys: Any) -> dict[str, Any]:
    """A table of rows belonging to one report: keyed by report and position unless told otherwise."""
    schema: dict[str, Any] = {
        "fields": fields,
        "primaryKey": keys.get("primary_key", ["report_id", "position"]),
        "foreignKeys": [
            {"fields": "report_id", "reference": {"resource": "reports", "fields": "id"}},
            *keys.get("foreign_keys", []),
        ],
    }
    return {"name": name, "title": title, "description": description, "schema": schema}


CLASSIFICATIONS = {
    "functional.csv": ("functional_codes", "支出功能分类科目", r"^\d{3}(\d{2}(\d{2})?)?$"),
    "economic.csv": ("economic_codes", "支出经济分类科目", r"^\d{3}(\d{2})?$"),
}


def classification_tables() -> list[dict[str, Any]]:
    """The 政府收支分类科目 the project reads codes by (generator/reference), so a reader can name any code."""
    return [
        {
            "name": name,
            "title": title,
            "description": f"{title}：类（3位）、款（5位）与项（7位）编码及各时期的名称",
            "schema": {
                "fields": [
                    code("code", "科目编码", pattern, required=True),
                    text("name", "科目名称", required=True),
                    field("valid_from", "integer", "起用年度", "该名称自哪一预算年度起使用（空：一直）"),
                    field("valid_to", "integer", "停用年度", "该名称用到哪一预算年度（空：至今）"),
                    text("note", "备注"),
                ],
                "primaryKey": ["code", "name"],
            },
        }
        for name, title, pattern in CLASSIFICATIONS.values()
    ]


def tables() -> list[dict[str, Any]]:
    """Every table in dependency order (a table's references come before it), as Data Package resources
    without their paths."""
    return [
        {
            "name": "reports",
            "title": "报告",
            "description": "每份部门预算或决算公开说明一行：部门、地区、年度与全部汇总数字（万元）",
            "schema": {"fields": report_fields(), "primaryKey": ["id"]},
        },
        child(
            "budget_units",
            "预算单位",
            "预算单位构成",
            [report_key(), position("次序"), text("name", "单位名称", required=True), text("kind", "单位类别")],
        ),
        child(
            "functions",
            "功能分类（类）",
            "按支出功能分类科目“类”列示的支出",
            [
                report_key(),
                position("次序"),
                code("code", "功能分类类级科目编码", FUNCTION_CLASS_CODE),
                text("name", "科目名称", required=True),
                amount("amount", "金额"),
                percent("share", "占支出总额"),
                amount("change_amount", "比上年增减"),
                percent("change_pct", "比上年增减幅度"),
            ],
        ),
        child(
            "line_items",
            "功能分类（项）",
            "按支出功能分类科目“项”列示的支出，及报告说明的增减原因",
            [
                report_key(),
                position("次序"),
                code("code", "功能分类项级科目编码", FUNCTION_ITEM_CODE),
                text("class", "类", required=True),
                text("section", "款", required=True),
                text("item", "项", required=True),
                amount("amount", "金额"),
                amount("change_amount", "比上年增减"),
                percent("change_pct", "比上年增减幅度"),
                text("reason", "增减原因", "报告说明的原因，不含“原因主要是”"),
                amount("initial_budget", "年初预算"),
                amount("adjusted_budget", "调整预算"),
                percent("execution_rate", "完成年初预算"),
            ],
        ),
        child(
            "economic",
            "经济分类（类）",
            "按支出经济分类科目“类”列示的支出；part 说明是全部支出，还是基本支出或项目支出的构成",
            [
                report_key(),
                position("次序"),
                text(
                    "part",
                    "所属支出",
                    "，".join(f"{key} = {label}" for key, label in SPENDING_PARTS.items()),
                    constraints={"required": True, "enum": list(SPENDING_PARTS)},
                ),
                code("code", "经济分类类级科目编码", ECONOMIC_CLASS_CODE),
                text("name", "科目名称", required=True),
                amount("amount", "金额"),
                amount("change_amount", "比上年增减"),
                percent("change_pct", "比上年增减幅度"),
            ],
        ),
        child(
            "economic_detail",
            "经济分类（款）",
            "基本支出表中按部门经济分类“款”列示的支出，及对应的政府经济分类",
            [
                report_key(),
                position("次序"),
                code("code", "部门经济分类款级科目编码", ECONOMIC_SECTION_CODE, required=True),
                text("name", "科目名称", required=True),
                code("gov_code", "政府经济分类款级科目编码", ECONOMIC_SECTION_CODE),
                text("gov_name", "政府经济分类科目名称"),
                amount("amount", "金额"),
                amount("personnel", labels.EXPENDITURE["personnel"]),
                amount("public", labels.EXPENDITURE["public"]),
            ],
        ),
        child(
            "projects",
            "项目",
            "报告列出的项目及其金额",
            [
                text("id", "项目 id", "报告 id 与项目次序，以冒号相连", required=True),
                report_key(),
                position("次序"),
                text("name", "项目名称", required=True),
                amount("amount", "金额"),
                text("category", "项目类别"),
                text("code", "项目编码"),
            ],
            primary_key=["id"],
        ),
        child(
            "indicators",
            "绩效指标",
            "项目的绩效指标与目标值",
            [
                text("project_id", "项目", "所属项目（projects.id）", required=True),
                position("次序"),
                report_key(),
                text("level1", "一级指标"),
                text("level2", "二级指标"),
                text("name", "指标名称"),
                text("value", "目标值", required=True),
            ],
            primary_key=["project_id", "position"],
            foreign_keys=[{"fields": "project_id", "reference": {"resource": "projects", "fields": "id"}}],
        ),
        child(
            "findings",
            "检查发现",
            "报告数字之间（或与同一部门另一年度报告）的不一致",
            [
                report_key(),
                position("次序"),
                text("rule", "规则", required=True),
                text(
                    "severity",
                    "严重程度",
                    "，".join(f"{key} = {name}" for key, name in labels.SEVERITIES.items()),
                    constraints={"required": True, "enum": list(labels.SEVERITIES)},
                ),
                text("message", "说明", required=True),
                field("figures", "array", "涉及的数字", "各数字在 evidence 中的路径（JSON 数组）"),
                field("lines", "array", "涉及的行", "报告中陈述这些数字的行号（JSON 数组）"),
                text("with", "对照报告", "跨年度检查时另一份报告的文件名"),
                text("explained", "维护者说明"),
            ],
        ),
        child(
            "corrections",
            "更正",
            "维护者对解析结果所作的更正",
            [
                report_key(),
                position("次序"),
                text("path", "数字路径", required=True),
                field("was", "any", "原解析值", "更正前的值（JSON）"),
                field("value", "any", "更正值", "更正后的值（JSON）"),
                text("note", "说明"),
            ],
        ),
        *classification_tables(),
        child(
            "evidence",
            "出处",
            "每个数字在报告原文中的出处：行号与原句",
            [
                report_key(),
                text("path", "数字路径", "如 totals.income、line_items[2010301].amount", required=True),
                field("line", "integer", "行号", "报告文本中从 1 起的行号", constraints={"minimum": 1}),
                text("quote", "原文"),
                text("file", "所在文件", "报告分为几个文件发布时，该数字所在的文件；为空即 reports.source_file"),
            ],
            primary_key=["report_id", "path"],
        ),
    ]


# Columns searched by full text: names a reader types (部门, 科目, 项目) and the stated reasons.
FULL_TEXT = {
    "reports": ["department_name", "department_aliases"],
    "line_items": ["class", "section", "item", "reason"],
    "projects": ["name", "category"],
}
# Columns a reader filters by (every foreign key gets its index as well).
INDEXED = {
    "reports": [
        ["department_name"],
        ["department_key"],
        ["province", "city", "county"],
        ["city"],
        ["county"],
        ["year"],
    ],
    "functions": [["code"]],
    "line_items": [["code"], ["amount"]],
    "economic": [["code"]],
    "economic_detail": [["code"]],
    "findings": [["rule"]],
}
# What datasette offers to narrow a table by, and how it sorts it at first.
FACETS = {"reports": ["province", "county", "year", "kind"], "line_items": ["class"], "findings": ["severity", "rule"]}
SORTED_BY = {"line_items": "amount", "projects": "amount", "functions": "amount"}
# The column datasette shows for a row where another table points at it.
LABELS = {"reports": "title", "projects": "name"}
