"""Shared by the migration and store tests: compare a migrated schema with the models."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine
from sqlmodel import SQLModel

import trainsched.store.tables  # noqa: F401  (registers the tables on SQLModel.metadata)

POSTGRES_ENV = "TRAINSCHED_TEST_POSTGRES_URL"
STORE_TABLES = {
    "scenario",
    "plan",
    "solvejob",
    "feedtoken",
    "coordinator",
    "websession",
    "authfailure",
    "office",
    "officerole",
    "audit",
}


def schema_differences(engine: Engine) -> list[Any]:
    """What Alembic's autogenerate would change to make the database match the models."""
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, SQLModel.metadata))


def table_names(engine: Engine) -> set[str]:
    return set(sa.inspect(engine).get_table_names())
