"""YAML records → page contexts: which pages the site has, where they live, and what each shows; one module per
page kind, with what they share in `common`."""

from generator.render.pages.common import (
    ALL_LINE_ITEMS,
    Page,
    counterparts,
    download_file,
    line_item_anchor,
    line_item_key,
    report_file,
    sources,
)
from generator.render.pages.department import ChangesChart, consecutive_years, department_pages
from generator.render.pages.lists import downloads_page, findings_page, glossary_page, home_lists
from generator.render.pages.region import RankingChart, rankings, region_pages
from generator.render.pages.report import PlanChart, project_views, report_page, source_page

__all__ = [
    "ALL_LINE_ITEMS",
    "ChangesChart",
    "Page",
    "PlanChart",
    "RankingChart",
    "consecutive_years",
    "counterparts",
    "department_pages",
    "download_file",
    "downloads_page",
    "findings_page",
    "glossary_page",
    "home_lists",
    "line_item_anchor",
    "line_item_key",
    "project_views",
    "rankings",
    "region_pages",
    "report_file",
    "report_page",
    "source_page",
    "sources",
]
