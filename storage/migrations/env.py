"""Alembic environment for interview-bot's schema.

``storage.migrate`` hands over an open connection in ``config.attributes["connection"]``; the ``alembic``
command line (with ``storage/alembic.ini``) instead connects to ``sqlalchemy.url`` or ``DATABASE_URL``.
"""

from __future__ import annotations

import asyncio
import os

from alembic import context
from sqlalchemy.engine import Connection

from storage.connection import create_engine_for
from storage.migrate import run_in_migration_transaction
from storage.schema import metadata


def run_migrations(connection: Connection) -> None:
    """Run the pending migrations on a synchronous connection (batch mode on SQLite)."""
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def _configured_url() -> str:
    url = context.config.get_main_option("sqlalchemy.url") or os.environ.get("DATABASE_URL")
    if not url:
        raise RuntimeError("set DATABASE_URL (or sqlalchemy.url) to the database to migrate")
    return url


async def _run_with_own_engine() -> None:
    engine = create_engine_for(_configured_url())
    try:
        await run_in_migration_transaction(engine, run_migrations)
    finally:
        await engine.dispose()


def _run_offline() -> None:
    context.configure(url=_configured_url(), target_metadata=metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    _run_offline()
elif context.config.attributes.get("connection") is not None:
    run_migrations(context.config.attributes["connection"])
else:
    asyncio.run(_run_with_own_engine())
