"""Database helpers for the storage tests: a temp-file SQLite URL and a private, resettable PostgreSQL.

PostgreSQL tests run in a database of their own (created for the session from ``TEST_DATABASE_URL``,
dropped at the end), so they never touch tables that other test suites keep in the shared database.  Its
default collation is a locale one (ICU English) where the server has it, so ordering bugs show.

Migrating a database takes longer than most tests, so a test that only needs a migrated, empty
database (``database_url(..., migrated=True)``) gets one without migrating again: SQLite as a copy
of a file migrated once per session, PostgreSQL with every table emptied when its schema is already
at the newest revision (otherwise it is dropped, and opening the database migrates it).
"""

from __future__ import annotations

import asyncio
import atexit
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy.engine import make_url

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")


def asyncpg_dsn(url: str) -> str:
    """The URL as a plain ``postgresql://`` DSN that asyncpg understands."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def create_database(admin_url: str, name: str, *, locale_collation: bool = True) -> str:
    """Create database ``name`` on the server of ``admin_url``; return its URL.

    With ``locale_collation`` its default collation is ICU English where the server has it (so ordering
    bugs show); without, it is a plain ``CREATE DATABASE`` with the server's defaults.
    """
    connection = await asyncpg.connect(asyncpg_dsn(admin_url))
    try:
        if not locale_collation:
            await connection.execute(f'CREATE DATABASE "{name}"')
        else:
            try:
                await connection.execute(
                    f"CREATE DATABASE \"{name}\" TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en' "
                    "LOCALE 'C.UTF-8'"
                )
            except asyncpg.PostgresError:
                await connection.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
    finally:
        await connection.close()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


async def drop_database(admin_url: str, name: str) -> None:
    """Drop database ``name`` (if it exists) on the server of ``admin_url``, closing its connections."""
    connection = await asyncpg.connect(asyncpg_dsn(admin_url))
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await connection.close()


async def reset_postgres(url: str) -> None:
    """Empty the database completely: drop and recreate its ``public`` schema."""
    connection = await asyncpg.connect(asyncpg_dsn(url))
    try:
        await connection.execute("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public")
    finally:
        await connection.close()


def private_postgres_database() -> Iterator[str | None]:
    """Body of a session fixture: a fresh PostgreSQL database's URL (None when TEST_DATABASE_URL is unset)."""
    if not TEST_DATABASE_URL:
        yield None
        return
    name = f"storage_tests_{uuid.uuid4().hex[:12]}"
    url = asyncio.run(create_database(TEST_DATABASE_URL, name))
    try:
        yield url
    finally:
        asyncio.run(drop_database(TEST_DATABASE_URL, name))


def sqlite_file_url(directory: Path) -> str:
    """An async SQLite URL for a file in a not-yet-existing subdirectory (open_database must create it)."""
    return f"sqlite+aiosqlite:///{directory / 'data' / 'bot.db'}"


async def database_url(kind: str, tmp_path: Path, postgres_url: str | None, *, migrated: bool = False) -> str:
    """A URL to an empty database of the given kind ("sqlite" or "postgres"); skips without PostgreSQL.

    With ``migrated`` the database may already have the newest schema (with no rows): for a test that
    opens it with ``open_database`` straight away, which then has nothing to migrate.
    """
    if kind == "sqlite":
        url = sqlite_file_url(tmp_path)
        target = tmp_path / "data" / "bot.db"
        if migrated and not target.exists():  # (an existing file is this test's own database)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(await _sqlite_template(), target)
        return url
    if postgres_url is None:
        pytest.skip("TEST_DATABASE_URL is not set")
    if not (migrated and await _emptied_if_at_head(postgres_url)):
        await reset_postgres(postgres_url)
    return postgres_url


_TEMPLATE: list[Path] = []


async def _sqlite_template() -> Path:
    """A SQLite file with the newest schema and no rows, made once per session (in one event loop or more)."""
    if not _TEMPLATE:
        from storage import open_database  # only when needed: importing this module opens nothing
        from tests.support.fakes import FixedClock

        folder = Path(tempfile.mkdtemp(prefix="bot-db-template-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        database = await open_database(f"sqlite+aiosqlite:///{folder / 'bot.db'}", clock=FixedClock())
        await database.close()
        wal = folder / "bot.db-wal"
        assert not wal.exists() or not wal.stat().st_size, "closing the template left its log unmerged"
        _TEMPLATE.append(folder / "bot.db")
    return _TEMPLATE[0]


@cache
def head_revision() -> str | None:
    """The newest migration's revision."""
    from alembic.script import ScriptDirectory

    from storage.migrate import alembic_config

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


async def _emptied_if_at_head(url: str) -> bool:
    """Empty every table if the schema is at the newest revision (True); otherwise change nothing."""
    connection = await asyncpg.connect(asyncpg_dsn(url))
    try:
        tables = [
            row["tablename"]
            for row in await connection.fetch("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        ]
        if "alembic_version" not in tables:
            return False
        versions = [row[0] for row in await connection.fetch("SELECT version_num FROM alembic_version")]
        if versions != [head_revision()]:
            return False
        others = ", ".join(f'"{name}"' for name in tables if name != "alembic_version")
        if others:
            await connection.execute(f"TRUNCATE {others} RESTART IDENTITY CASCADE")
        return True
    finally:
        await connection.close()
