"""The migrations are the only way the schema is made, and they match the models exactly."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

import trainsched.store.tables  # noqa: F401  (registers the tables on SQLModel.metadata)
from tests.migration_support import POSTGRES_ENV, STORE_TABLES, schema_differences, table_names
from trainsched.store.db import make_engine, scratch_database, session_scope
from trainsched.store.migrate import current_revision, downgrade, head_revision, upgrade
from trainsched.store.tables import DEFAULT_OFFICE_ID, ScenarioRow
from trainsched.store.tokens import coordinator_by_token, hash_token


def test_fresh_database_has_no_revision(db_url: str) -> None:
    assert current_revision(db_url) is None


def test_migrations_build_schema_from_empty_holds(db_url: str) -> None:
    upgrade(db_url)
    engine = make_engine(db_url)
    try:
        assert current_revision(db_url) == head_revision()
        assert table_names(engine) >= STORE_TABLES
        assert schema_differences(engine) == []
    finally:
        engine.dispose()


def test_migrations_build_schema_from_empty_broken(db_url: str) -> None:
    # The comparison must notice drift, or the test above could never fail.
    upgrade(db_url)
    engine = make_engine(db_url)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql("DROP INDEX ix_solvejob_state")
        differences = schema_differences(engine)
        assert [d[0] for d in differences] == ["add_index"]
        assert differences[0][1].name == "ix_solvejob_state"
    finally:
        engine.dispose()


def test_upgrade_twice_is_harmless(db_url: str) -> None:
    upgrade(db_url)
    upgrade(db_url)
    assert current_revision(db_url) == head_revision()


def test_downgrade_to_base_removes_every_table(db_url: str) -> None:
    upgrade(db_url)
    downgrade(db_url, "base")
    engine = make_engine(db_url)
    try:
        assert table_names(engine) & STORE_TABLES == set()
        assert current_revision(db_url) is None
    finally:
        engine.dispose()


def test_upgrade_through_an_engine_serves_an_in_memory_database() -> None:
    engine = make_engine("sqlite://")
    try:
        upgrade(engine)
        assert schema_differences(engine) == []
        with engine.connect() as connection:
            # Migrating turns foreign keys off for a while; they must come back.
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        with session_scope(engine) as session:
            session.add(ScenarioRow(name="内存", document="{}"))
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A brand-new PostgreSQL database for one test, dropped afterwards."""
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(f"PostgreSQL not configured: set {POSTGRES_ENV} to run this test")
    pytest.importorskip("psycopg", reason="psycopg is not installed (the 'postgres' extra)")
    try:
        with scratch_database(base, "trainsched_test") as url:
            yield url
    except sa.exc.OperationalError as exc:
        pytest.skip(f"PostgreSQL at {POSTGRES_ENV} is not reachable: {exc.orig}")


def test_migrations_match_models_on_postgres(postgres_url: str) -> None:
    upgrade(postgres_url)
    engine = make_engine(postgres_url)
    try:
        assert current_revision(postgres_url) == head_revision()
        assert schema_differences(engine) == []
    finally:
        engine.dispose()
    downgrade(postgres_url, "base")
    assert current_revision(postgres_url) is None


def _coordinator_survives_0006(url: str) -> None:
    # A coordinator made before 0006 keeps their token: unnamed, never expiring.
    upgrade(url, "0005")
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(
                sa.text(
                    "INSERT INTO coordinator (id, name, token_hash, created_at, disabled) "
                    "VALUES ('c1', '老用户', :hash, :at, false)"
                ),
                {"hash": hash_token("old-token"), "at": dt.datetime(2026, 1, 1, tzinfo=dt.UTC)},
            )
        upgrade(url)
        with session_scope(engine) as session:
            row = coordinator_by_token(session, "old-token")
            assert row is not None and row.name == "老用户"
            assert (row.token_name, row.token_expires_at, row.last_used_at) == ("", None, None)
        downgrade(url, "0005")
        assert table_names(engine) & {"websession", "authfailure"} == set()
        upgrade(url)
        assert schema_differences(engine) == []
    finally:
        engine.dispose()


def test_existing_coordinators_keep_their_tokens_through_0006(db_url: str) -> None:
    _coordinator_survives_0006(db_url)


def test_existing_coordinators_keep_their_tokens_through_0006_on_postgres(
    postgres_url: str,
) -> None:
    _coordinator_survives_0006(postgres_url)


def _seed_single_office_data(url: str) -> None:
    # What a server held before offices existed: a coordinator and a scenario, at 0004.
    upgrade(url, "0004")
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(
                sa.text(
                    "INSERT INTO coordinator (id, name, token_hash, created_at, disabled) "
                    "VALUES ('u1', '老协调员', :hash, :at, false)"
                ),
                {"hash": "0" * 64, "at": dt.datetime(2026, 11, 1, tzinfo=dt.UTC)},
            )
            connection.execute(
                sa.text(
                    "INSERT INTO scenario (id, name, document, revision, created_at, updated_at) "
                    "VALUES ('s1', '旧方案', '{}', 3, :at, :at)"
                ),
                {"at": dt.datetime(2026, 11, 1, tzinfo=dt.UTC)},
            )
    finally:
        engine.dispose()


def _assert_moved_into_default_office(url: str) -> None:
    upgrade(url)
    engine = make_engine(url)
    try:
        assert schema_differences(engine) == []
        with engine.connect() as connection:
            offices = connection.execute(sa.text("SELECT id, name FROM office")).all()
            owners = connection.execute(sa.text("SELECT office_id FROM scenario")).scalars()
            roles = connection.execute(
                sa.text("SELECT coordinator_id, office_id, role FROM officerole")
            ).all()
        assert offices == [(DEFAULT_OFFICE_ID, "默认单位")]
        assert list(owners) == [DEFAULT_OFFICE_ID]
        # Publisher: may plan and publish, as every coordinator could before.
        assert roles == [("u1", DEFAULT_OFFICE_ID, "publisher")]
    finally:
        engine.dispose()
    downgrade(url, "0004")
    assert current_revision(url) == "0004"


def test_existing_coordinators_and_scenarios_move_into_the_default_office(db_url: str) -> None:
    _seed_single_office_data(db_url)
    _assert_moved_into_default_office(db_url)


def test_existing_data_moves_into_the_default_office_on_postgres(postgres_url: str) -> None:
    _seed_single_office_data(postgres_url)
    _assert_moved_into_default_office(postgres_url)
