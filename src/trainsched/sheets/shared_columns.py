"""Columns several sheets share: ids, people and places, dates, priorities and contacts."""

from __future__ import annotations

from trainsched.sheets.spec import Column

REGIONS_KEY = "regions"
_UNAVAILABLE_HELP = "不可用的日期：单日或区间，如 2027-03-01~2027-03-05；多项用 ; 或 ，分隔"
_CONTACT_HELP = "个人信息，仅协调员可见，不会出现在公开页面"


def id_column(example: str) -> Column:
    """The id column every list sheet starts with."""
    return Column("id", "编号", "id", True, "唯一编号；再次导入时按编号更新同一条记录", example)


def contact_columns(examples: tuple[str | None, str | None]) -> tuple[Column, ...]:
    """A person's contact: free text, or phone and e-mail (coordinators only)."""
    return (
        Column("contact", "联系方式", "text", help="联系方式（自由文字）；" + _CONTACT_HELP),
        Column("contact.phone", "电话", "text", help="电话；" + _CONTACT_HELP, example=examples[0]),
        Column(
            "contact.email", "邮箱", "text", help="电子邮箱；" + _CONTACT_HELP, example=examples[1]
        ),
    )


def person_columns(example: str, who: str, name: str) -> tuple[Column, ...]:
    """Id, name and home district of a person (trainers and mentors)."""
    return (
        id_column(example),
        Column("name", "姓名", "text", True, f"{who}姓名", name),
        located_column(who),
    )


def located_column(what: str) -> Column:
    """The district a person or venue belongs to."""
    return Column("region", "所在区县", "ref", True, f"{what}所在区县", "R01", target=REGIONS_KEY)


def unavailable_column(example: str | None = None) -> Column:
    """Days a trainer, venue or mentor cannot be booked."""
    return Column(
        "unavailable",
        "不可用日期",
        "unavailable",
        help=_UNAVAILABLE_HELP,
        example=example,
        width=28,
    )


def period_columns(first: str, last: str) -> tuple[Column, ...]:
    """From and to dates (funds, visit requests), with what each day means."""
    # Both example periods are the example scenario's half-year.
    return (
        Column("from", "开始日期", "date", True, first, "2027-03-01"),
        Column("to", "结束日期", "date", True, last, "2027-06-30"),
    )


PRIORITY = Column(  # cohorts and visit requests rank the same way
    "priority", "优先级", "int", help="1–5，默认 1", example=1, low=1, high=5
)


def latlon_columns(required: bool, lat: float, lon: float) -> tuple[Column, ...]:
    """Latitude and longitude in decimal degrees."""
    return (
        Column("lat", "纬度", "float", required, "纬度（小数度）", lat, low=-90, high=90),
        Column("lon", "经度", "float", required, "经度（小数度）", lon, low=-180, high=180),
    )


# Where the founder's business is: the visiting mentor's own diary and feed show it, never a
# public page (kept in the visit request's extension area, as the spec has no field for it).
FOUNDER_ADDRESS = Column(
    "x.address",
    "经营地址",
    "text",
    help="创业者的经营地址，只在上门导师自己的日程里显示",
    example="示例路3号",
    width=24,
    aliases=("地址", "address"),
)
