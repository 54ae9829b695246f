"""Stage 3: a report's layout becomes a typed Report, one extractor per kind of figure."""

from __future__ import annotations

from generator.extract import (
    costs,
    economic,
    functions,
    identity,
    lists,
    performance,
    projects,
    statements,
    three_public,
    totals,
    units,
)
from generator.extract.report_id import report_id
from generator.records import Report
from generator.segment.layout import Layout


def parse_layout(layout: Layout) -> Report:
    """Every figure the report states, each extractor reading the views of the layout it needs."""
    document, passage, rows = layout.document, layout.prose, list(layout.rows)
    cover = identity.title(layout.cover)
    department = identity.department(layout, cover)
    year = identity.year(passage, cover)
    kind = identity.kind(layout.text)
    department.budget_units = units.budget_units(layout, department.name)
    department = identity.with_unit_names(department)
    department.scope = identity.scope(passage, cover)
    report = Report(
        id=report_id(department, year, kind, department.scope),
        source_file=document.path.name,
        sha256=document.sha256,
        department=department,
        page_starts=document.page_starts,
        year=year,
        kind=kind,
        totals=totals.totals(layout),
        income=totals.income(passage),
        expenditure=totals.expenditure(layout),
        functions=functions.functions(passage, rows, year),
        line_items=functions.line_items(passage, rows, year),
        economic=economic.economic(layout),
        economic_detail=economic.economic_detail(rows),
        three_public=three_public.three_public(passage),
        operating_costs=costs.operating_costs(passage),
        procurement=costs.procurement(passage),
        assets=costs.assets(passage),
        staffing=costs.staffing(passage),
        projects=projects.projects(layout),
        performance_managed=performance.performance_managed(passage),
        responsibilities=lists.responsibilities(layout.outline),
        tasks=lists.tasks(layout.outline),
        glossary=lists.glossary(layout.outline),
    )
    statements.fill(report, statements.table_facts(layout.tables, year))
    if not report.economic_detail:
        report.economic_detail = statements.economic_details(layout.tables)
    return report
