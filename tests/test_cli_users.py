"""`trainsched users`: add with a token name and expiry, list, disable, rotate."""

from __future__ import annotations

import datetime as dt

import pytest
from typer.testing import CliRunner, Result

from tests.auth_support import Clock, app_client
from trainsched.cli import app
from trainsched.services.credentials import token_expiry
from trainsched.settings import Settings

runner = CliRunner()


@pytest.fixture
def users(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """The CLI's store is this test's database; its settings."""
    monkeypatch.setenv("TRAINSCHED_DATABASE_URL", db_url)
    return Settings(database_url=db_url)


def _run(*args: str) -> Result:
    return runner.invoke(app, ["users", *args])


def _last_line(result: Result) -> str:
    assert result.exit_code == 0, result.output
    return result.output.strip().splitlines()[-1]


def _works(settings: Settings, token: str, clock: Clock | None = None) -> bool:
    with app_client(settings, clock or Clock()) as client:
        answer = client.get("/api/v1/scenarios", headers={"Authorization": f"Bearer {token}"})
    status: int = answer.status_code
    assert status in (200, 401), answer.text
    return status == 200


def test_add_prints_the_token_on_its_last_line_and_list_never_shows_it(users: Settings) -> None:
    token = _last_line(
        _run("add", "孙老师", "--token-name", "办公室电脑", "--expires", "2040-06-30")
    )
    assert _works(users, token)
    listed = _run("list")
    assert listed.exit_code == 0
    assert token not in listed.output
    row = listed.output.strip().splitlines()[-1].split("\t")
    # The expiry is the end of that day in Shanghai; last use is noted by the API call above.
    assert row[:4] == ["孙老师", "no", "办公室电脑", "2040-07-01T00:00+08:00"]
    assert row[4] != "-"


def test_expiry_is_the_end_of_the_local_day() -> None:
    assert token_expiry(dt.date(2027, 6, 30)) == dt.datetime(2027, 6, 30, 16, tzinfo=dt.UTC)


def test_an_expired_token_is_refused(users: Settings) -> None:
    token = _last_line(_run("add", "周老师", "--expires", "2040-06-30"))
    before = Clock(dt.datetime(2040, 6, 30, 15, 59, tzinfo=dt.UTC))
    after = Clock(dt.datetime(2040, 6, 30, 16, 0, tzinfo=dt.UTC))
    assert _works(users, token, before)
    assert not _works(users, token, after)


def test_disable_refuses_the_token_and_shows_in_the_list(users: Settings) -> None:
    token = _last_line(_run("add", "吴老师"))
    assert _run("disable", "吴老师").exit_code == 0
    assert not _works(users, token)
    assert "吴老师\tyes" in _run("list").output


def test_rotate_prints_a_new_token_and_the_old_one_is_dead(users: Settings) -> None:
    old = _last_line(_run("add", "郑老师", "--token-name", "脚本"))
    new = _last_line(_run("rotate", "郑老师"))
    assert new != old
    assert not _works(users, old)
    assert _works(users, new)
    assert "郑老师\tno\t脚本" in _run("list").output


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (("add", "冯老师", "--expires", "2040-13-01"), 2, "--expires"),
        (("add", "冯老师", "--expires", "2001-01-01"), 2, "expires"),
        (("add", "  "), 2, "name"),
        (("disable", "无此人"), 1, "无此人"),
        (("rotate", "无此人"), 1, "无此人"),
    ],
)
def test_refusals_name_what_is_wrong_and_write_nothing(
    users: Settings, args: tuple[str, ...], code: int, says: str
) -> None:
    result = _run(*args)
    assert result.exit_code == code
    assert says in result.output
    assert _run("list").output.strip().splitlines()[1:] == []


def test_adding_a_taken_name_is_refused(users: Settings) -> None:
    _last_line(_run("add", "陈老师"))
    taken = _run("add", "陈老师")
    assert taken.exit_code == 1 and "exists" in taken.output


def test_rotating_a_disabled_user_is_refused(users: Settings) -> None:
    _last_line(_run("add", "褚老师"))
    _run("disable", "褚老师")
    assert _run("rotate", "褚老师").exit_code == 1
