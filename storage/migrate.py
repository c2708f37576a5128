"""Runs the Alembic migrations in ``storage/migrations`` on an async engine, configured in code."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from storage.connection import create_engine_for

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Any fixed 64-bit number: serialises migrations of several workers starting at once on PostgreSQL.
_PG_MIGRATION_LOCK = 0x1B7E_5701_D8A1_0001
_T = TypeVar("_T")


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config pointing at the packaged migrations, optionally bound to a connection."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


async def upgrade_to_head(database_url: str) -> None:
    """Bring the database at the URL to the newest schema (a no-op when it is already there)."""
    await _with_engine(database_url, upgrade_engine)


async def downgrade_to(database_url: str, revision: str = "base") -> None:
    """Revert the database at the URL to an older revision (``base``: no tables at all)."""

    async def downgrade(engine: AsyncEngine) -> None:
        await _run_alembic(engine, lambda config: command.downgrade(config, revision))

    await _with_engine(database_url, downgrade)


async def current_revision(database_url: str) -> str | None:
    """The revision the database is at, or None for an empty database."""

    async def read(engine: AsyncEngine) -> str | None:
        async with engine.connect() as connection:
            return await connection.run_sync(
                lambda sync: MigrationContext.configure(sync).get_current_revision()
            )

    return await _with_engine(database_url, read)


async def upgrade_engine(engine: AsyncEngine) -> None:
    """Apply every pending migration through an existing engine."""
    await _run_alembic(engine, lambda config: command.upgrade(config, "head"))


async def _with_engine(database_url: str, job: Callable[[AsyncEngine], Awaitable[_T]]) -> _T:
    engine = create_engine_for(database_url)
    try:
        return await job(engine)
    finally:
        await engine.dispose()


async def _run_alembic(engine: AsyncEngine, action: Callable[[Config], None]) -> None:
    await run_in_migration_transaction(engine, lambda sync: action(alembic_config(sync)))


async def run_in_migration_transaction(engine: AsyncEngine, job: Callable[[Connection], None]) -> None:
    """Run a synchronous migration job in one transaction that no other migrating process interleaves with.

    PostgreSQL takes a transaction-scoped advisory lock; SQLite takes the write lock (``BEGIN IMMEDIATE``).
    Either way a job that fails part-way leaves the schema as it was.
    """
    async with engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            await _run_on_sqlite(connection, job)
        else:
            await connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_MIGRATION_LOCK})")
            await connection.run_sync(job)
            await connection.commit()


async def _run_on_sqlite(connection: AsyncConnection, job: Callable[[Connection], None]) -> None:
    """SQLite rebuilds tables to alter them; with foreign keys on, dropping the old copy would cascade.

    So foreign keys are off while migrating (the pragma only works outside a transaction), checked before
    committing, and back on afterwards.
    """
    await connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
    await connection.commit()
    try:
        await connection.exec_driver_sql("BEGIN IMMEDIATE")
        await connection.run_sync(job)
        broken = (await connection.exec_driver_sql("PRAGMA foreign_key_check")).fetchall()
        if broken:
            raise RuntimeError(f"migration left rows with dangling foreign keys: {broken[:5]}")
        await connection.commit()
    finally:
        await connection.rollback()
        await connection.exec_driver_sql("PRAGMA foreign_keys=ON")
        await connection.commit()
