"""The Chinese name of each data-model key, stated once: a figure is called the same in a finding's message, on
its page and in the data package. Stages that present a name differently (an indented sub-row, a 合计 row) derive
that form from these names; wording follows the reports' usual names and the data model's comments."""

from __future__ import annotations

KINDS = {"budget": "预算", "final": "决算"}
# In order of weight: a page lists contradictions first.
SEVERITIES = {"error": "矛盾", "warning": "提示", "info": "说明"}

TOTALS = {
    "income": "收入总计",
    "expenditure": "支出总计",
    "current_income": "本年收入合计",
    "current_expenditure": "本年支出合计",
    "carryover_start": "年初结转和结余",
    "carryover_end": "年末结转和结余",
}
# 财政拨款收入 (`fiscal`) is the sum of the three 拨款 below it, where a report states it apart: a sum, share or chart
# counting both would count the same money twice.
FISCAL_PARTS = ("general_budget", "gov_fund", "state_capital")
INCOME = {
    "fiscal": "财政拨款收入",
    "general_budget": "一般公共预算拨款",
    "gov_fund": "政府性基金预算拨款",
    "state_capital": "国有资本经营预算拨款",
    "special_account": "财政专户管理资金",
    "business": "事业收入",
    "operating": "事业单位经营收入",
    "superior_subsidy": "上级补助收入",
    "affiliated": "附属单位上缴收入",
    "other": "其他收入",
    "carryover": "上年结转（结余）",
}
# 人员经费 and 公用经费 are the two parts of 基本支出.
EXPENDITURE = {"basic": "基本支出", "personnel": "人员经费", "public": "公用经费", "project": "项目支出"}
THREE_PUBLIC = {
    "total": "“三公”经费",
    "outbound": "因公出国（境）费",
    "vehicles": "公务用车购置及运行（维护）费",
    "vehicle_purchase": "公务用车购置费",
    "vehicle_operation": "公务用车运行维护费",
    "reception": "公务接待费",
}
OPERATING_COSTS = "机关运行经费"
PROCUREMENT = {"total": "政府采购", "goods": "政府采购货物", "works": "政府采购工程", "services": "政府采购服务"}
ASSETS = {"vehicles": "车辆数"}
STAFFING = {
    "authorized": "编制人数",
    "authorized_admin": "行政编制",
    "authorized_civil_service_managed": "参照公务员管理事业编制",
    "authorized_funded_institution": "全部补助事业编制",
    "authorized_partly_funded_institution": "部分补助事业编制",
    "authorized_self_funded": "自收自支事业编制",
    "actual": "实有人数",
    "in_service": "在职人数",
    "in_service_admin": "行政在职",
    "in_service_civil_service_managed": "参照公务员管理事业单位在职",
    "in_service_funded_institution": "全部补助事业在职",
    "in_service_partly_funded_institution": "部分补助事业在职",
    "in_service_self_funded": "自收自支事业在职",
    "retired_veteran": "离休人数",
    "retired": "退休人数",
    "resigned": "退职人员",
    "survivors": "遗属人数",
    "students": "在校学生",
}
