"""One name per data-model key: every key the extractors produce has it, and each stage shows that same name."""

from __future__ import annotations

from dataclasses import fields

from generator import labels
from generator.check.figures import labelled_figures
from generator.extract import costs, three_public, totals
from generator.pipeline import parse_report
from generator.publish.schema import report_fields
from generator.records import Totals
from generator.render.figures import path_label, table_labels
from tests.conftest import SEEDS


def test_every_key_the_extractors_produce_has_a_name():
    assert set(totals.INCOME_LABELS) <= set(labels.INCOME)
    assert set(totals.EXPENDITURE_LABELS) <= set(labels.EXPENDITURE)
    assert set(three_public.LABELS) <= set(labels.THREE_PUBLIC)
    assert set(costs.PROCUREMENT) == set(labels.PROCUREMENT)
    assert set(costs.STAFF_LABELS.values()) == set(labels.STAFFING)
    assert {field.name for field in fields(Totals)} - {"change"} == set(labels.TOTALS)


def test_no_two_keys_of_a_group_share_a_name():
    groups = (labels.TOTALS, labels.INCOME, labels.EXPENDITURE, labels.THREE_PUBLIC, labels.PROCUREMENT)
    for group in (*groups, labels.ASSETS, labels.STAFFING, labels.KINDS, labels.SEVERITIES):
        assert len(set(group.values())) == len(group), group


def test_a_table_row_is_set_off_from_the_one_name_not_renamed():
    rows = table_labels(labels.THREE_PUBLIC)
    assert rows["total"] == "“三公”经费合计"
    assert rows["vehicle_purchase"] == "　公务用车购置费"
    assert rows["reception"] == "公务接待费"
    assert table_labels(labels.EXPENDITURE)["personnel"] == "　其中：人员经费"
    assert all(labels.THREE_PUBLIC[key] in row for key, row in rows.items())


def test_checks_pages_and_data_package_name_a_seed_figure_alike():
    """A seed's 三公 and spending figures: the check's label, the path's words and the column title agree."""
    titles = {field["name"]: field["title"] for field in report_fields()}
    named = 0
    for seed in sorted(SEEDS.glob("*.txt")):
        for prefix, label, *_ in labelled_figures(parse_report(seed)):
            group, _, key = prefix.partition(".")
            if group in ("expenditure", "three_public") and key:
                assert path_label(prefix).endswith(f" · {label}")
                assert titles[f"{group}_{key}_amount"] == f"{label}（万元）"
                named += 1
    assert named > 10
    assert path_label("procurement.goods") == "政府采购 · 政府采购货物"
    assert path_label("three_public.total.amount") == "“三公”经费 · “三公”经费 · 金额"
