"""Stage 3: a segmented report becomes a typed Report, one extractor per kind of figure."""

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
from generator.read import Document
from generator.records import Report
from generator.segment.prose import document_prose
from generator.segment.statements import standard_tables
from generator.segment.tables import coded_rows


def parse_document(document: Document) -> Report:
    passage = document_prose(document)
    rows = list(coded_rows(document))
    cover = identity.title(passage)
    department = identity.department(passage, document, cover)
    year = identity.year(passage, cover)
    kind = identity.kind(document)
    department.budget_units = units.budget_units(passage, document, department.name)
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
        totals=totals.totals(passage, document),
        income=totals.income(passage),
        expenditure=totals.expenditure(passage, document),
        functions=functions.functions(passage, rows, year),
        line_items=functions.line_items(passage, rows, year),
        economic=economic.economic(passage, rows, document),
        economic_detail=economic.economic_detail(rows),
        three_public=three_public.three_public(passage),
        operating_costs=costs.operating_costs(passage),
        procurement=costs.procurement(passage),
        assets=costs.assets(passage),
        staffing=costs.staffing(passage),
        projects=projects.projects(document, passage),
        performance_managed=performance.performance_managed(passage),
        responsibilities=lists.responsibilities(document),
        tasks=lists.tasks(document),
        glossary=lists.glossary(document),
    )
    statements.fill(report, statements.table_facts(standard_tables(document), year))
    return report
