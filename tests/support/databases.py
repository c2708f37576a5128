"""Database helpers for the storage tests: a temp-file SQLite URL and a private, resettable PostgreSQL.

PostgreSQL tests run in a database of their own (created for the session from ``TEST_DATABASE_URL``,
dropped at the end), so they never touch tables that other test suites keep in the shared database.  Its
default collation is a locale one (ICU English) where the server has it, so ordering bugs show.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Iterator
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


async def database_url(kind: str, tmp_path: Path, postgres_url: str | None) -> str:
    """A URL to an empty database of the given kind ("sqlite" or "postgres"); skips without PostgreSQL."""
    if kind == "sqlite":
        return sqlite_file_url(tmp_path)
    if postgres_url is None:
        pytest.skip("TEST_DATABASE_URL is not set")
    await reset_postgres(postgres_url)
    return postgres_url
