"""YAML records → page contexts: which pages the site has, where they live, and what each shows; one module per
page kind, with what they share in `common`."""

from generator.render.pages.common import (
    ALL_LINE_ITEMS,
    Page,
    counterparts,
    download_file,
    line_item_anchor,
    line_item_key,
    record_downloads,
    report_file,
    sources,
)
from generator.render.pages.department import ChangesChart, consecutive_years, department_pages
from generator.render.pages.lists import (
    DOWNLOADS_PAGE,
    FINDINGS_PAGE,
    downloads_page,
    findings_page,
    glossary_page,
    home_lists,
    part_name,
    part_page,
)
from generator.render.pages.region import RANKED_FIGURES, RankingChart, rankings, region_pages
from generator.render.pages.report import PlanChart, project_views, report_page, source_page

__all__ = [
    "ALL_LINE_ITEMS",
    "DOWNLOADS_PAGE",
    "FINDINGS_PAGE",
    "RANKED_FIGURES",
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
    "part_name",
    "part_page",
    "project_views",
    "rankings",
    "record_downloads",
    "region_pages",
    "report_file",
    "report_page",
    "source_page",
    "sources",
]
