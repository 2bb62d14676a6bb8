"""Export a plan as a printable coordinator workbook (A4 landscape, Chinese headers)."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Font

from trainsched.formats import FormatError, Plan, Scenario
from trainsched.formats.common import ContactInfo
from trainsched.formats.legacy_words import scenario_names
from trainsched.formats.plan_text import cohort_reasons, visit_reasons
from trainsched.formats.scenario import Trainer
from trainsched.formats.validate import plan_problems
from trainsched.formats.words import topic_words
from trainsched.sheets.application import application_sheets
from trainsched.sheets.money_sheet import MoneySheet, money_sheet
from trainsched.sheets.plan_facts import PlanFacts, number, plan_facts, weekday
from trainsched.sheets.style import new_workbook, table_sheet, to_bytes

STATUS_ZH = {"optimal": "最优", "feasible": "可行", "infeasible": "无可行解", "unknown": "未知"}
CLASS_SHEET = "开班计划"
FUND_SHEET = "资金使用"


def _phone(trainer: Trainer) -> str | None:
    # Trainers' contacts belong in the coordinator's own document, nowhere public.
    contact = trainer.contact
    if isinstance(contact, ContactInfo):
        return contact.phone or contact.email
    return contact


def _overview(wb: Workbook, facts: PlanFacts) -> None:
    plan, s = facts.plan, facts.scenario
    rows: list[list[object]] = [
        ["计划名称", s.name],
        ["规划期", f"{s.horizon.start} 至 {s.horizon.end}"],
        ["求解状态", STATUS_ZH.get(plan.status, plan.status)],
        ["服务价值", plan.objective],
        ["服务价值上界", plan.bound],
        ["已安排班级", len(plan.cohorts)],
        ["未安排班级", len(plan.unscheduled_cohorts)],
        ["计划培训人数", sum(f.cohort.size for f in facts.classes)],
        ["其中补贴对象", sum(f.subsidised for f in facts.classes)],
        ["预计补贴（元）", sum(f.subsidy for f in facts.classes)],
        ["已安排走访", len(plan.visits)],
        ["未满足走访", sum(u.missing for u in plan.unscheduled_visits)],
    ]
    table_sheet(wb, "概览", ["项目", "内容"], rows)


CLASS_HEADERS = (
    "序号", "班级编号", "课程", "课程名称", "区县", "开班日期", "结业日期", "上课天数", "上课日期",
    "每日时间", "总时长（小时）", "场地编号", "场地名称", "场地地址", "讲师",
)  # fmt: skip
CLASS_MONEY_HEADERS = ("合计人数", "补贴人数", "每人补贴（元）", "补贴金额（元）", "资金", "优先级")
TRAINER_HEADERS = (
    "讲师编号", "姓名", "联系方式", "日期", "星期", "安排", "班级/走访", "内容", "场地", "地址",
)  # fmt: skip
VENUE_HEADERS = (
    "场地编号", "场地名称", "地址", "日期", "星期", "班级编号", "课程", "讲师", "人数",
    "日租金（元）",
)  # fmt: skip
VISIT_HEADERS = (
    "导师编号", "导师姓名", "日期", "星期", "顺序", "走访需求编号", "创业者", "群体", "区县",
    "指导方向",
)  # fmt: skip
FUND_HEADERS = (
    "资金编号", "名称", "适用区县", "开始日期", "结束日期", "预算（元）", "已用（元）",
    "剩余（元）", "使用率（%）", "班级数", "按班级核算（元）",
)  # fmt: skip
UNSCHEDULED_HEADERS = ("类型", "编号", "内容", "缺少走访次数", "原因")


def _classes(wb: Workbook, facts: PlanFacts) -> None:
    groups = list(facts.scenario.groups.items())
    headers = [*CLASS_HEADERS, *(f"{g.name}人数" for _, g in groups), *CLASS_MONEY_HEADERS]
    rows: list[list[object]] = []
    for n, f in enumerate(facts.classes, start=1):
        rows.append([
            n, f.cohort.id, f.course.id, f.course.name, facts.region_name(f.cohort.region),
            f.first, f.last, len(f.placed.days),
            "、".join(d.strftime("%m-%d") for d in sorted(f.placed.days)),
            f"{f.course.hours.start}–{f.course.hours.end}", f.total_hours,
            f.placed.venue, f.venue_name, f.venue_address, f.trainer_names(),
            *(f.cohort.trainees.get(gid, 0) for gid, _ in groups),
            f.cohort.size, f.subsidised, f.course.subsidy_per_trainee, f.subsidy,
            f.fund.id if f.fund else "无资金覆盖", f.cohort.priority,
        ])  # fmt: skip
    table_sheet(wb, CLASS_SHEET, headers, rows)


def _trainer_days(wb: Workbook, facts: PlanFacts) -> None:
    rows: list[list[object]] = []
    for f in facts.classes:
        for t in f.trainers:
            for day in sorted(f.placed.days):
                rows.append([
                    t.id, t.name, _phone(t), day, weekday(day), "授课", f.cohort.id, f.course.name,
                    f.venue_name or f.placed.venue, f.venue_address,
                ])  # fmt: skip
    trainers = {t.id: t for t in facts.scenario.trainers}
    for v in facts.plan.visits:
        person = facts.mentors.get(v.mentor)
        trainer = trainers.get(person.trainer) if person and person.trainer else None
        if trainer is not None:
            request = facts.requests.get(v.request)
            who = request.entrepreneur if request else v.request
            rows.append([
                trainer.id, trainer.name, _phone(trainer), v.date, weekday(v.date), "导师走访",
                v.request, f"走访 {who}（第{v.order}站）", "", "",
            ])  # fmt: skip
    rows.sort(key=lambda r: (str(r[0]), str(r[3])))
    table_sheet(wb, "讲师日程", TRAINER_HEADERS, rows)


def _venue_days(wb: Workbook, facts: PlanFacts) -> None:
    rows: list[list[object]] = []
    for f in facts.classes:
        venue = f.venue
        for day in sorted(f.placed.days):
            rows.append([
                f.placed.venue, f.venue_name, f.venue_address, day, weekday(day), f.cohort.id,
                f.course.name, f.trainer_names(), f.cohort.size, venue.daily_cost if venue else 0,
            ])  # fmt: skip
    rows.sort(key=lambda r: (str(r[0]), str(r[3])))
    table_sheet(wb, "场地日程", VENUE_HEADERS, rows)


def _visits(wb: Workbook, facts: PlanFacts) -> None:
    rows: list[list[object]] = []
    for v in sorted(facts.plan.visits, key=lambda v: (v.mentor, v.date, v.order)):
        m, r = facts.mentors.get(v.mentor), facts.requests.get(v.request)
        group = facts.scenario.groups.get(r.group) if r else None
        rows.append([
            v.mentor, m.name if m else "", v.date, weekday(v.date), v.order, v.request,
            r.entrepreneur if r else "", group.name if group else "",
            facts.region_name(r.region) if r else "", r.topic if r else "",
        ])  # fmt: skip
    table_sheet(wb, "导师走访", VISIT_HEADERS, rows)


def _funds(wb: Workbook, facts: PlanFacts) -> None:
    used = {u.id: u for u in facts.plan.funds}
    rows: list[list[object]] = []
    for fund in facts.scenario.funds:
        charged = [f for f in facts.classes if f.fund is not None and f.fund.id == fund.id]
        computed = sum(f.subsidy for f in charged)
        spent = used[fund.id].used if fund.id in used else computed
        rows.append([
            fund.id, fund.name or "", "、".join(facts.region_name(r) for r in fund.regions),
            fund.start, fund.end, fund.amount, spent, fund.amount - spent,
            number(round(100 * spent / fund.amount, 1)) if fund.amount else None,
            len(charged), computed,
        ])  # fmt: skip
    table_sheet(wb, FUND_SHEET, FUND_HEADERS, rows)


def _unscheduled(wb: Workbook, facts: PlanFacts) -> None:
    # The workbook is filed in Chinese: each reason's Chinese text only, from old and new plans.
    cohorts = {c.id: c for c in facts.scenario.cohorts}
    names = scenario_names(facts.scenario)
    cohort_why, visit_why = cohort_reasons(facts.plan, names), visit_reasons(facts.plan, names)
    rows: list[list[object]] = []
    for u in facts.plan.unscheduled_cohorts:
        c = cohorts.get(u.id)
        what = f"{c.course}，{facts.region_name(c.region)}，{c.size}人" if c else ""
        rows.append(["培训班", u.id, what, None, cohort_why[u.id].zh])
    for uv in facts.plan.unscheduled_visits:
        r = facts.requests.get(uv.request)
        what = f"{r.entrepreneur}，{topic_words(r.topic).zh}" if r else ""
        rows.append(["导师走访", uv.request, what, uv.missing, visit_why[uv.request].zh])
    table_sheet(wb, "未安排", UNSCHEDULED_HEADERS, rows)


def export_plan(scenario: Scenario, plan: Plan, money: MoneySheet | None = None) -> bytes:
    """The plan as a coordinator's workbook, with a class-opening application per district
    (and its money curves, once computed)."""
    problems = plan_problems(plan, scenario)
    if problems:
        raise FormatError(problems, "plan")
    facts = plan_facts(scenario, plan)
    wb = new_workbook()
    for write in (_overview, _classes, _trainer_days, _venue_days, _visits, _funds, _unscheduled):
        write(wb, facts)
    if money is not None:
        money_sheet(wb, money)
    wb["概览"]["A1"].font = Font(bold=True)
    application_sheets(wb, facts)
    return to_bytes(wb)
