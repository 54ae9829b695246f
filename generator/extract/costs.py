"""机关运行经费, 政府采购, 国有资产 (vehicles) and 人员编制: the short figures of the 其他重要事项 notes."""

from __future__ import annotations

import re

from generator.extract.patterns import find_labelled, find_stated
from generator.extract.totals import merged
from generator.records import Fact, Figure
from generator.segment.prose import Passage

# "机关运行经费", "机构运行经费", and the source-first "一般公共预算财政拨款运行经费"; not another kind of
# 运行经费 ("车辆运行经费").
OPERATING_COSTS = r"机关运行经费|机关运行费|机构运行经费|拨款运行经费|运行经费(?<![\u4e00-\u9fa5]运行经费)"
PROCUREMENT = {
    # "…纳入2026年部门预算的政府采购项目共有66,796.73万元", not another sentence's 政府采购项目
    "total": r"政府采购(?!货物|工程|服务|项目|执行|[”\"])(?:支出)?(?:预算)?(?:总额)?|政府采购项目共有",
    "goods": r"政府采购货物(?:预算)?",
    "works": r"政府采购工程(?:预算)?",
    "services": r"政府采购服务(?:预算)?",
}
# The parts named short after the total, within its sentence: "政府采购预算总额300万元，其中：货物类200万元，
# 工程类0万元，服务类100万元"; a final account's "政府采购金额为251.25万元，其中：货物采购金额4.79万元…";
# "其中：货物类项目743.20万元、工程类项目0.00万元、服务类项目…".
PROCUREMENT_PARTS = {
    "goods": r"货物(?:类)?(?:项目)?(?:采购)?(?:预算|金额|支出)?",
    "works": r"工程(?:类)?(?:项目)?(?:采购)?(?:预算|金额|支出)?",
    "services": r"服务(?:类)?(?:项目)?(?:采购)?(?:预算|金额|支出)?",
}
# No procurement at all, said in words: "本部门2024年无政府采购预算" (a 0 it states); "没有使用政府性基金…安排的
# 政府采购支出" rules out one source only and says nothing of the total.
NO_PROCUREMENT = re.compile(r"(?:无|没有)政府采购(?:预算|支出)")
# "共有车辆2辆", "部门共有车辆0 辆", "共有公务用车5辆".
VEHICLES = re.compile(r"共有(?:车辆|公务用车|公车)(?P<count>\d+)辆")
# 人员编制 and 实有人数, label → data-model key; longest labels first so "行政编制人数" is not read as "编制人数".
STAFF_LABELS = {
    "行政编制人数": "authorized_admin",
    "参照公务员管理的事业编制人数": "authorized_civil_service_managed",
    "全部补助事业编制人数": "authorized_funded_institution",
    "部分补助事业编制人数": "authorized_partly_funded_institution",
    "自收自支编制人数": "authorized_self_funded",
    "编制人数小计": "authorized",
    "编制人数合计": "authorized",
    "编制人数": "authorized",
    "核定编制": "authorized",
    "编制数": "authorized",
    "实有人数小计": "actual",
    "实有人数合计": "actual",
    "实有人数": "actual",
    "在职人数小计": "in_service",
    "行政在职人数": "in_service_admin",
    "参照公务员管理的事业单位在职人数": "in_service_civil_service_managed",
    "全部补助事业在职人数": "in_service_funded_institution",
    "部分补助事业在职人数": "in_service_partly_funded_institution",
    "自收自支事业在职人数": "in_service_self_funded",
    "离休人数小计": "retired_veteran",
    "离休人数": "retired_veteran",
    "退休人数小计": "retired",
    "退休人数": "retired",
    "退职人员": "resigned",
    "遗属人数": "survivors",
    "在校学生": "students",
}
# "编制人数：20人", matched in the text read backwards ("人02：数人制编"): the scan then jumps from one 人 to the
# next instead of trying twenty labels at every character. Read backwards, the longest label that ends before the
# count is tried first, as the longest label that starts earliest is when read forwards.
STAFF_REVERSED = re.compile(
    r"人(?P<count>\d+)[：:为]?(?P<label>"
    + "|".join(sorted((re.escape(label[::-1]) for label in STAFF_LABELS), key=len, reverse=True))
    + ")"
)


def operating_costs(passage: Passage) -> Figure | None:
    return merged(list(find_stated(passage, OPERATING_COSTS)))


def procurement(passage: Passage) -> dict[str, Fact]:
    found: dict[str, Fact] = {}
    stated = find_labelled(passage, PROCUREMENT)
    for total in stated["total"][:1]:
        sentence_end = passage.text.find("。", total.end) % (len(passage.text) + 1)  # no 。: to the end
        for key, label in PROCUREMENT_PARTS.items():
            if not stated[key]:
                stated[key] = list(find_stated(passage, label, start=total.end, end=sentence_end, filler=r"[：:为]?"))
    for key in PROCUREMENT:
        figure = merged(stated.get(key, []))
        if figure is not None and figure.amount is not None:
            found[key] = figure.amount
    none = NO_PROCUREMENT.search(passage.text) if "total" not in found else None
    if none:
        found["total"] = Fact(0, passage.evidence(none.start(), none.end()))
    return found


def assets(passage: Passage) -> dict[str, Fact]:
    match = VEHICLES.search(passage.text)
    if not match:
        return {}
    return {"vehicles": Fact(int(match["count"]), passage.evidence(match.start(), match.end()))}


def staffing(passage: Passage) -> dict[str, Fact]:
    """Each count the report states, the first statement of a key holding."""
    found: dict[str, Fact] = {}
    size = len(passage.text)
    for match in reversed(list(STAFF_REVERSED.finditer(passage.text[::-1]))):  # in text order
        key = STAFF_LABELS[match["label"][::-1]]
        evidence = passage.evidence(size - match.end(), size - match.start())
        found.setdefault(key, Fact(int(match["count"][::-1]), evidence))
    return found
