"""Durable state on SQLite or PostgreSQL: sqlmodel tables, Alembic migrations, the Store and DrillStore ports.

``open_database(url, clock=…)`` is the way in: it prepares the database (directory, pragmas, schema) and
returns a ``Database`` holding both stores.  Nothing here connects to anything until it is called.
"""

from __future__ import annotations

from storage.database import Database, open_database
from storage.drill_store import SqlDrillStore
from storage.migrate import upgrade_to_head
from storage.sql_store import SqlStore

__all__ = ["Database", "SqlDrillStore", "SqlStore", "open_database", "upgrade_to_head"]
