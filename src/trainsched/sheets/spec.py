"""Building blocks of the sheet table: column kinds, columns, sheets, header matching."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal[
    "id",  # identifier text (numbers typed by Excel become text)
    "text",
    "int",
    "money",  # whole yuan
    "float",
    "date",
    "dates",  # list of single dates
    "holidays",  # list of dates; ranges expand to every date
    "unavailable",  # dates and inclusive ranges, kept as written
    "time",  # HH:MM
    "bool",
    "ref",  # one id (or unique name) of another list
    "refs",  # several ids
    "tags",  # free tags (expertise)
    "quals",  # qualification tags, checked against the course catalogue
    "official",  # CN or nothing
    "weights",  # key=value pairs of whole numbers
    "json",  # a JSON object (extension data other tools wrote)
]


@dataclass(frozen=True)
class Column:
    """One column of a list sheet (or one key row of the settings sheet)."""

    key: str
    header: str
    kind: Kind
    required: bool = False
    help: str = ""
    example: object = None
    target: str | None = None
    low: float | None = None
    high: float | None = None
    aliases: tuple[str, ...] = ()
    width: int = 12
    path: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.path:
            object.__setattr__(self, "path", tuple(self.key.split(".")))

    def names(self) -> tuple[str, ...]:
        """Every header text this column answers to."""
        return (self.header, self.key, *self.aliases)


@dataclass(frozen=True)
class SheetSpec:
    """One sheet: the scenario list it fills and its columns."""

    key: str
    name: str
    help: str
    columns: tuple[Column, ...]
    aliases: tuple[str, ...] = ()
    keyed: bool = True
    trainee_columns: bool = False
    examples: Mapping[str, int] = field(default_factory=dict)

    def names(self) -> tuple[str, ...]:
        """Every sheet title (or CSV kind) this sheet answers to."""
        return (self.name, self.key, *self.aliases)


NOTES_SHEET = "填写说明"
NOTES_ALIASES = ("notes", "readme", "instructions")
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
IGNORED_HEADER_PREFIXES = ("备注", "remark", "note", "comment")

_PARENS = re.compile(r"\(.*?\)")
_SPACES = re.compile(r"[\s_.*:：\-]+")


def normalize(text: str) -> str:
    """Fold a header or sheet title for matching: width, case, units in brackets, spacing."""
    folded = unicodedata.normalize("NFKC", text).lower()
    return _SPACES.sub("", _PARENS.sub("", folded))


def is_notes_sheet(title: str) -> bool:
    """True for the template's own notes tab, which import skips."""
    return normalize(title) in {normalize(n) for n in (NOTES_SHEET, *NOTES_ALIASES)}


def trainee_column(group_id: str, group_name: str, example: int | None = None) -> Column:
    """The head-count column of one key group: ``高校毕业生人数``."""
    return Column(
        f"trainees.{group_id}",
        f"{group_name}人数",
        "int",
        help=f"学员中{group_name}的人数",
        example=example,
        low=0,
        aliases=(group_id, group_name, f"人数{group_id}"),
        path=("trainees", group_id),
    )


def columns_of(spec: SheetSpec, groups: Mapping[str, str]) -> tuple[Column, ...]:
    """The concrete columns of a sheet; cohorts get one head-count column per group (id → name)."""
    if not spec.trainee_columns:
        return spec.columns
    family = tuple(trainee_column(g, name, spec.examples.get(g)) for g, name in groups.items())
    return spec.columns[:3] + family + spec.columns[3:]
