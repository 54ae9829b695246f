"""“三公”经费: the total and its parts (因公出国（境）费, 公务用车购置及运行费, 公务接待费).

Reports state the total ("“三公”经费预算为2.30万元") and often its change in the next sentence without
repeating the amount ("“三公”经费支出预算数比2023年减少1.50万元，下降57.69%"); both are read.
"""

from __future__ import annotations

import re

from generator.extract.patterns import CHANGE, find_labelled, parse_change
from generator.extract.totals import merged
from generator.records import Fact, Figure
from generator.segment.prose import Passage

LABELS = {
    "total": r"三公[”\"]?经费(?:支出)?(?:[^，,；;。\d%\n]{0,16}?)",
    "outbound": r"因公出国(?:[（(]境[）)])?(?:费用|费)?",
    "vehicles": r"公务用车购置[及和]运行(?:维护)?费",
    "vehicle_purchase": r"公务用车购置(?:费)?(?![及和])",
    # "公务用车运行维护费", "公车运行费", "公务车辆运行维护费", and "车运行维护费" where a line lost its start.
    "vehicle_operation": r"(?:公务用车|公务车辆|公车|车辆|车)运行(?:维护)?(?:费)?",
    "reception": r"公务接待(?:费)?",
}
# Between a label and its amount: a few words ("预算为"), or a heading's full stop and the year's plan
# ("1.因公出国（境）费用。2026年预算数13.20万元", "公务用车购置费2026年预算数54.00万元").
FILLER = r"[^，,；;。\d%\n]{0,8}?(?:。?20\d\d年(?:预算数?|预算安排)为?)?[：:]?"
# The total's change stated on its own: "“三公”经费支出预算数比2023年减少1.50万元".
TOTAL_CHANGE = re.compile(r"三公[”\"]?经费[^，,；;。\d%\n]{0,12}?(?=比|较|与|同比)")
# A department with none says so instead of "0万元": "2024年度无“三公”经费财政拨款支出", "没有财政拨款“三公”经费支出".
NONE_STATED = re.compile(r"(?:无|没有)(?:财政拨款)?[“\"]?三公[”\"]?经费")


def three_public(passage: Passage) -> dict[str, Figure]:
    found: dict[str, Figure] = {}
    stated = find_labelled(passage, LABELS, filler=FILLER)
    for key in LABELS:
        figure = merged(stated.get(key, []))
        if figure is not None:
            found[key] = figure
    none = NONE_STATED.search(passage.text) if "total" not in found else None
    if none:
        found["total"] = Figure(amount=Fact(0, passage.evidence(none.start(), none.end())))
    total = found.get("total")
    if total is not None and total.change is None:
        for match in TOTAL_CHANGE.finditer(passage.text):
            change = CHANGE.match(passage.text, match.end())
            if change:
                total.change = parse_change(passage, change)
                break
    return found
