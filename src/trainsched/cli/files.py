"""What every command shares: reading scenario and plan files, writing results, refusing input."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from trainsched.formats import FormatError, Message, Plan, Scenario, load_plan, load_scenario

EXIT_BROKEN = 1  # a rule is broken, or the server cannot start
EXIT_BAD_INPUT = 2  # a file or an option was refused

ScenarioArg = Annotated[Path, typer.Argument(help="Scenario JSON file.", show_default=False)]


class Lang(StrEnum):
    """Languages warnings and reasons are said in (one per run, never both glued)."""

    en = "en"
    zh = "zh"


LangOpt = Annotated[Lang, typer.Option(help="Language of warnings and reasons: en or zh.")]


def say(message: str) -> None:
    """One line for the person at the terminal (warnings, progress): stderr, never the output."""
    typer.echo(message, err=True)


def say_each(label: str, messages: Iterable[Message], lang: Lang) -> None:
    """One line per message, in the run's language: "warning: …", "left out C0067: …"."""
    for message in messages:
        say(f"{label}: {message.text(lang.value)}")


def fail(message: str, code: int = EXIT_BAD_INPUT) -> typer.Exit:
    """Say why the command stops; the caller raises the returned exit."""
    say(message)
    return typer.Exit(code)


def problems_line(exc: FormatError) -> str:
    """A refused document's problems on one line."""
    return "; ".join(str(p) for p in exc.problems)


def _refused(exc: FormatError) -> typer.Exit:
    lines = [f"  {problem}" for problem in exc.problems]
    return fail("\n".join([f"{exc.what} refused ({len(exc.problems)} problem(s)):", *lines]))


def load_scenario_or_exit(path: Path) -> Scenario:
    """The scenario in ``path``, or every problem listed and exit 2."""
    try:
        return load_scenario(path)
    except FormatError as exc:
        raise _refused(exc) from None


def load_plan_or_exit(path: Path, scenario: Scenario | None) -> Plan:
    """The plan in ``path`` (checked against ``scenario`` when given), or exit 2."""
    try:
        return load_plan(path, scenario)
    except FormatError as exc:
        raise _refused(exc) from None


def write_output(data: str | bytes, output: Path | None) -> None:
    """Write a result whole or not at all; text ends with a new line, None means stdout."""
    if output is None:
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data + "\n")
        return
    raw = (data + "\n").encode("utf-8") if isinstance(data, str) else data
    tmp = output.with_name(output.name + ".part")
    tmp.write_bytes(raw)
    tmp.replace(output)  # never leave a half-written file behind
