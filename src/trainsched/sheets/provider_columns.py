"""The training institutions' sheet (培训机构) and the columns that name an institution."""

from __future__ import annotations

from trainsched.sheets.shared_columns import REGIONS_KEY, id_column
from trainsched.sheets.spec import Column, SheetSpec

PROVIDERS_KEY = "providers"

PROVIDERS = SheetSpec(
    PROVIDERS_KEY,
    "培训机构",
    "定点培训机构：申请并承办培训班；电话和地址是公开的报名信息",
    (
        id_column("P01"),
        Column("name", "名称", "text", True, "机构名称", "示例职业培训学校", width=20),
        Column("phone", "报名电话", "text", True, "机构的办公电话（公开）", "0000-0000000"),
        Column("address", "地址", "text", True, "机构的办公地址（公开）", "示例路2号", width=24),
        Column(
            "regions",
            "定点区县",
            "refs",
            help="承办哪些区县的班，多项用 ; 分隔；留空为全部区县",
            target=REGIONS_KEY,
        ),
        Column(
            "courses",
            "定点课程",
            "refs",
            help="承办哪些课程，多项用 ; 分隔；留空为全部课程",
            target="courses",
        ),
        Column("enrol", "报名须知", "text", help="如何报名、需带的材料", width=24),
        Column(
            "enrol_close_days",
            "报名截止工作日",
            "int",
            help="开班前几个工作日截止报名，默认 3",
            example=3,
            low=0,
        ),
    ),
    aliases=("机构", "定点培训机构", "institutions"),
)

TRAINER_PROVIDERS = Column(
    "providers",
    "所属机构",
    "refs",
    help="只为这些机构授课，多项用 ; 分隔；留空为共享讲师（可为任何机构授课）",
    target=PROVIDERS_KEY,
)
VENUE_PROVIDER = Column(
    "provider",
    "所属机构",
    "ref",
    help="机构自有教室只供本机构的班使用；留空为公共场地",
    target=PROVIDERS_KEY,
)
COHORT_PROVIDER = Column(
    "provider",
    "承办机构",
    "ref",
    help="申请开班的定点培训机构；留空为不限",
    target=PROVIDERS_KEY,
)
