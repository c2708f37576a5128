"""Alembic migrations on SQLite and PostgreSQL: empty to head, idempotent, matching the models, reversible."""

from __future__ import annotations

import asyncio
import itertools
import shutil
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from storage import open_database, upgrade_to_head
from storage.connection import async_url, create_engine_for
from storage.migrate import (
    MIGRATIONS_DIR,
    alembic_config,
    current_revision,
    downgrade_to,
    run_in_migration_transaction,
)
from storage.schema import metadata
from tests.support.databases import database_url
from tests.support.fakes import FixedClock

SCRIPTS = ScriptDirectory.from_config(alembic_config())
HEAD = SCRIPTS.get_current_head()
MODEL_TABLES = set(metadata.tables)


@pytest.fixture(params=["sqlite", "postgres"])
async def empty_url(request: pytest.FixtureRequest, tmp_path: Path, private_postgres_url: str | None) -> str:
    """The URL of an empty database of each kind."""
    return await database_url(request.param, tmp_path, private_postgres_url)


async def on_connection(url: str, job: Any) -> Any:
    """Run a synchronous function on a connection to the database and return its result."""
    engine = create_engine_for(url)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(job)
    finally:
        await engine.dispose()


def table_names(connection: Connection) -> set[str]:
    """The tables in the database, without Alembic's bookkeeping table."""
    return set(inspect(connection).get_table_names()) - {"alembic_version"}


def schema_differences(connection: Connection) -> list[Any]:
    """What autogenerate would change to make the database match the models (empty when they agree)."""
    context = MigrationContext.configure(
        connection, opts={"compare_type": True, "compare_server_default": True}
    )
    return compare_metadata(context, metadata)


def test_the_migrations_form_one_line_from_base_to_a_single_head() -> None:
    assert len(SCRIPTS.get_heads()) == 1
    chain = list(SCRIPTS.walk_revisions("base", "heads"))
    assert chain[-1].down_revision is None
    for newer, older in itertools.pairwise(chain):
        assert newer.down_revision == older.revision


async def test_an_empty_database_upgrades_to_head_with_every_model_table(empty_url: str) -> None:
    assert await current_revision(empty_url) is None
    await upgrade_to_head(empty_url)
    assert await current_revision(empty_url) == HEAD
    assert await on_connection(empty_url, table_names) == MODEL_TABLES


async def test_upgrading_twice_is_a_no_op_that_keeps_the_data(empty_url: str) -> None:
    await upgrade_to_head(empty_url)
    database = await open_database(empty_url, clock=FixedClock(), migrate=False)
    user = await database.store.ensure_user("telegram", "1", "Alice")
    await database.close()

    await upgrade_to_head(empty_url)
    database = await open_database(empty_url, clock=FixedClock())
    try:
        assert await database.store.get_user(user.id) == user
    finally:
        await database.close()
    assert await current_revision(empty_url) == HEAD


async def test_workers_upgrading_at_once_do_not_collide(empty_url: str) -> None:
    await asyncio.gather(*(upgrade_to_head(empty_url) for _ in range(4)))
    assert await current_revision(empty_url) == HEAD
    assert await on_connection(empty_url, table_names) == MODEL_TABLES


async def test_the_migrated_schema_matches_the_models(empty_url: str) -> None:
    await upgrade_to_head(empty_url)
    assert await on_connection(empty_url, schema_differences) == []


async def test_downgrade_to_base_removes_every_table_and_upgrade_works_again(empty_url: str) -> None:
    await upgrade_to_head(empty_url)
    await downgrade_to(empty_url, "base")
    assert await on_connection(empty_url, table_names) == set()
    assert await current_revision(empty_url) is None
    await upgrade_to_head(empty_url)
    assert await on_connection(empty_url, schema_differences) == []


BROKEN_REVISION = '''"""A revision that fails half-way, to show a failed upgrade changes nothing."""

import sqlalchemy as sa
from alembic import op

revision = "0999"
down_revision = HEAD
branch_labels = None
depends_on = None


def upgrade():
    """Change two things, then fail."""
    op.create_table("half_done", sa.Column("id", sa.Integer(), primary_key=True))
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("half_column", sa.Integer(), nullable=True))
    raise RuntimeError("broken on purpose")


def downgrade():
    """Nothing to undo."""
'''


async def test_a_migration_that_fails_part_way_changes_nothing(empty_url: str, tmp_path: Path) -> None:
    migrations = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, migrations, ignore=shutil.ignore_patterns("__pycache__"))
    (migrations / "versions" / "0999_broken.py").write_text(BROKEN_REVISION.replace("HEAD", repr(HEAD)))
    await upgrade_to_head(empty_url)

    def upgrade_with_the_broken_revision(connection: Connection) -> None:
        config = alembic_config(connection)
        config.set_main_option("script_location", str(migrations))
        command.upgrade(config, "head")

    engine = create_engine_for(empty_url)
    try:
        with pytest.raises(RuntimeError, match="broken on purpose"):
            await run_in_migration_transaction(engine, upgrade_with_the_broken_revision)
    finally:
        await engine.dispose()
    assert await current_revision(empty_url) == HEAD
    assert await on_connection(empty_url, table_names) == MODEL_TABLES
    assert await on_connection(empty_url, schema_differences) == []


async def test_open_database_without_migrate_leaves_the_schema_alone(empty_url: str) -> None:
    database = await open_database(empty_url, clock=FixedClock(), migrate=False)
    await database.close()
    assert await on_connection(empty_url, table_names) == set()


async def test_opening_sqlite_creates_the_directory_and_configures_connections(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "deeper" / "bot.db"
    database = await open_database(f"sqlite:///{path}", clock=FixedClock())
    try:
        assert path.exists()
        async with database.engine.connect() as connection:
            pragmas = {
                name: (await connection.exec_driver_sql(f"PRAGMA {name}")).scalar()
                for name in ("journal_mode", "foreign_keys", "busy_timeout")
            }
        assert pragmas == {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 5000}
    finally:
        await database.close()


def test_plain_urls_get_their_async_driver_and_others_are_refused() -> None:
    assert async_url("sqlite:///bot.db").drivername == "sqlite+aiosqlite"
    assert async_url("postgresql://bot@db/bot").drivername == "postgresql+asyncpg"
    assert async_url("postgres://bot@db/bot").drivername == "postgresql+asyncpg"
    assert async_url("postgresql+asyncpg://bot@db/bot").drivername == "postgresql+asyncpg"
    with pytest.raises(ValueError, match="unsupported database URL"):
        async_url("mysql://bot@db/bot")


@pytest.mark.parametrize("url", ["sqlite+aiosqlite://", "sqlite:///:memory:"])
async def test_in_memory_sqlite_is_refused_clearly(url: str) -> None:
    with pytest.raises(ValueError, match="in-memory SQLite is not supported"):
        await open_database(url, clock=FixedClock())
