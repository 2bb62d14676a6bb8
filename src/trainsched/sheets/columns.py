"""The one table of truth for sheets and columns: used by import, template and export."""

from __future__ import annotations

from trainsched.sheets import provider_columns as inst
from trainsched.sheets.shared_columns import (
    FOUNDER_ADDRESS,
    PRIORITY,
    REGIONS_KEY,
    contact_columns,
    id_column,
    latlon_columns,
    located_column,
    period_columns,
    person_columns,
    unavailable_column,
)
from trainsched.sheets.spec import Column, SheetSpec, normalize

_R = REGIONS_KEY

SETTINGS = SheetSpec(
    "settings",
    "基本信息",
    "整个计划的基本信息：每行一项，A列为项目，B列为值",
    (
        Column("name", "名称", "text", True, "计划名称", "示例市 2027年上半年", width=30),
        Column(
            "horizon.start",
            "规划开始日期",
            "date",
            True,
            "规划期第一天",
            "2027-03-01",
            aliases=("开始日期", "horizon_start"),
        ),
        Column(
            "horizon.end",
            "规划结束日期",
            "date",
            True,
            "规划期最后一天（含）",
            "2027-06-30",
            aliases=("结束日期", "horizon_end"),
        ),
        Column(
            "timezone",
            "时区",
            "text",
            help="IANA 时区，默认 Asia/Shanghai",
            example="Asia/Shanghai",
        ),
        Column(
            "calendar.official",
            "官方节假日",
            "official",
            help="填 CN 使用国家法定节假日和调休；留空则只按周一至周五",
            example="CN",
            aliases=("official_calendar",),
        ),
        Column(
            "calendar.holidays",
            "本地停课日",
            "holidays",
            help="额外的非工作日，可写区间，如 2027-04-05~2027-04-06",
            aliases=("holidays",),
        ),
        Column(
            "calendar.workdays",
            "调休上班日",
            "dates",
            help="周末改为上班的日期",
            aliases=("workdays",),
        ),
        Column("weights", "目标权重", "weights", help="软目标权重，如 travel=1; fairness=2"),
        Column("x", "扩展数据", "json", help="其他系统写入的扩展数据（JSON 对象），一般无需填写"),
    ),
    aliases=("说明", "设置", "基本设置"),
    keyed=False,
)

GROUPS = SheetSpec(
    "groups",
    "重点群体",
    "学员和创业者所属的重点群体；不填此表则使用默认四类",
    (
        Column("id", "编号", "id", True, "群体编号，如 graduate", "graduate"),
        Column("name", "名称", "text", True, "群体名称", "高校毕业生"),
        Column("weight", "权重", "int", True, "服务该群体的重要程度（整数）", 2, low=0),
        Column("subsidised", "享受补贴", "bool", True, "是否享受培训补贴：是/否", "是"),
    ),
    aliases=("群体",),
)

REGIONS = SheetSpec(
    REGIONS_KEY,
    "区县",
    "辖区内的区县",
    (
        id_column("R01"),
        Column("name", "名称", "text", True, "区县名称", "示例区"),
        *latlon_columns(True, 25.27, 110.29),
    ),
    aliases=("区县列表", "districts"),
)

COURSES = SheetSpec(
    "courses",
    "课程",
    "培训课程目录",
    (
        id_column("SYB"),
        Column("name", "名称", "text", True, "课程名称", "SYB 创办你的企业", width=20),
        Column("days", "上课天数", "int", True, "连续上课的工作日数", 10, low=1),
        Column(
            "max_span_days",
            "最长跨度天数",
            "int",
            help="首日到末日最多跨越的日历天数",
            example=16,
            low=1,
        ),
        Column("min_size", "最少人数", "int", help="开班最少人数，默认 0", example=15, low=0),
        Column("max_size", "最多人数", "int", True, "每班最多人数", 30, low=1),
        Column("trainers_required", "每班讲师数", "int", True, "每天授课的讲师人数", 2, low=1),
        Column("qualification", "资质标签", "text", help="讲师须持有的资质，默认同课程编号"),
        Column(
            "subsidy_per_trainee",
            "每人补贴（元）",
            "money",
            True,
            "每名享受补贴的学员的补贴（元）",
            1500,
        ),
        Column("hours.start", "上课时间", "time", help="每天开始时间，默认 09:00", example="09:00"),
        Column("hours.end", "下课时间", "time", help="每天结束时间，默认 17:00", example="17:00"),
    ),
    aliases=("课程目录",),
)

TRAINERS = SheetSpec(
    "trainers",
    "讲师",
    "持证创业培训讲师",
    (
        *person_columns("T01", "讲师", "王老师"),
        Column("qualifications", "资质", "quals", True, "持证课程，多项用 ; 分隔", "SYB", width=16),
        Column(
            "serves_regions",
            "可授课区县",
            "refs",
            help="可去授课的区县，默认所在区县",
            target=REGIONS_KEY,
        ),
        unavailable_column("2027-03-15~2027-03-19; 2027-04-02"),
        Column("max_days_per_month", "每月最多天数", "int", help="每个自然月最多授课天数", low=1),
        Column("max_days_total", "总天数上限", "int", help="整个规划期最多授课天数", low=1),
        inst.TRAINER_PROVIDERS,
        *contact_columns(("13800000000", None)),
    ),
    aliases=("讲师名单",),
)

VENUES = SheetSpec(
    "venues",
    "场地",
    "培训教室",
    (
        id_column("V01"),
        Column("name", "名称", "text", True, "场地名称", "示例创业孵化基地", width=20),
        located_column("场地"),
        Column("address", "地址", "text", help="详细地址", example="示例路1号", width=24),
        *latlon_columns(False, 25.28, 110.30),
        Column("capacity", "容纳人数", "int", True, "最多容纳学员人数", 40, low=0),
        Column("daily_cost", "日租金（元）", "money", help="每天费用，政府孵化基地为 0", example=0),
        Column("kind", "类型", "text", help="如 孵化基地、培训机构", example="孵化基地"),
        inst.VENUE_PROVIDER,
        unavailable_column(),
    ),
    aliases=("培训场地", "教室"),
)

COHORTS = SheetSpec(
    "cohorts",
    "开班需求",
    "需要安排的培训班；每个重点群体一列人数",
    (
        id_column("C01"),
        Column("course", "课程", "ref", True, "课程编号", "SYB", target="courses"),
        Column("region", "区县", "ref", True, "学员所在区县", "R01", target=_R),
        Column("earliest", "最早开课日期", "date", True, "最早可开课的日期", "2027-03-01"),
        Column("latest_end", "最晚结课日期", "date", True, "最晚结课的日期", "2027-04-30"),
        Column(
            "venue_regions",
            "可用场地区县",
            "refs",
            help="可使用哪些区县的场地，默认本区县",
            target=REGIONS_KEY,
        ),
        PRIORITY,
        inst.COHORT_PROVIDER,
        Column("pinned.days", "锁定日期", "dates", help="已公布、不可改动的上课日期（逐日列出）"),
        Column("pinned.venue", "锁定场地", "ref", help="已确定的场地编号", target="venues"),
        Column("pinned.trainers", "锁定讲师", "refs", help="已确定的讲师编号", target="trainers"),
    ),
    aliases=("开班计划需求", "班级"),
    trainee_columns=True,
    examples={"graduate": 20, "migrant": 6, "hardship": 4},
)

FUNDS = SheetSpec(
    "funds",
    "补贴资金",
    "就业补助资金预算：按区县和时段",
    (
        id_column("F01"),
        Column("name", "名称", "text", help="资金名称", example="2027年上半年培训补贴"),
        Column(
            "regions",
            "适用区县",
            "refs",
            True,
            "资金覆盖的区县，多项用 ; 分隔",
            "R01",
            target=REGIONS_KEY,
        ),
        *period_columns("资金覆盖的第一天（按开班首日计）", "资金覆盖的最后一天"),
        Column("amount", "金额（元）", "money", True, "预算总额（元，整数）", 500000),
    ),
    aliases=("资金",),
)

MENTORS = SheetSpec(
    "mentors",
    "创业导师",
    "专家库中的创业导师",
    (
        *person_columns("M01", "导师", "李导师"),
        *latlon_columns(True, 25.27, 110.29),
        Column("expertise", "专长", "tags", True, "指导方向，多项用 ; 分隔", "ecommerce; catering"),
        unavailable_column(),
        Column("max_visits_per_day", "每日最多走访", "int", help="默认 3", example=3, low=1),
        Column("max_visits_per_week", "每周最多走访", "int", help="默认 10", example=10, low=1),
        Column(
            "max_km_per_day", "每日最多公里", "float", help="每日往返里程上限，留空不限", low=0.1
        ),
        Column(
            "trainer",
            "兼任讲师",
            "ref",
            help="同一人的讲师编号（授课日不安排走访）",
            target="trainers",
        ),
        *contact_columns((None, None)),
    ),
    aliases=("导师",),
)

VISIT_REQUESTS = SheetSpec(
    "visit_requests",
    "走访需求",
    "需要导师上门指导的创业者",
    (
        id_column("Q01"),
        Column(
            "entrepreneur", "创业者", "text", True, "创业者或企业名称", "张某（示例农产品网店）"
        ),
        Column("group", "群体", "ref", True, "所属重点群体", "migrant", target="groups"),
        Column("region", "区县", "ref", True, "所在区县", "R01", target=_R),
        *latlon_columns(True, 25.25, 110.31),
        Column(
            "topic", "指导方向", "text", True, "需要的指导方向（须为某位导师的专长）", "ecommerce"
        ),
        Column("visits", "走访次数", "int", True, "需要走访的次数", 2, low=1),
        Column(
            "min_gap_days", "最少间隔天数", "int", help="两次走访至少间隔的天数", example=14, low=0
        ),
        *period_columns("可走访的第一天", "可走访的最后一天"),
        PRIORITY,
        *contact_columns((None, None)),
        FOUNDER_ADDRESS,
    ),
    aliases=("走访", "导师走访需求"),
)

SHEETS: tuple[SheetSpec, ...] = (
    SETTINGS, GROUPS, REGIONS, COURSES, inst.PROVIDERS, TRAINERS, VENUES, COHORTS, FUNDS, MENTORS,
    VISIT_REQUESTS,
)  # fmt: skip
LIST_SHEETS = tuple(s for s in SHEETS if s.keyed)


def sheet_for(title: str) -> SheetSpec | None:
    """The sheet a workbook tab or CSV kind names, if any."""
    wanted = normalize(title)
    for spec in SHEETS:
        if wanted in {normalize(n) for n in spec.names()}:
            return spec
    return None
