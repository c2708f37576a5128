"""The whole schema: importing this registers every table in the one metadata.

Alembic's environment and the migration tests compare the database against ``metadata`` from here,
so a table module that is not imported below would look like a table to drop.
"""

from __future__ import annotations

from storage import (
    appeal_tables,
    drill_tables,
    follow_up_tables,
    interview_tables,
    progress_tables,
    tables,
    update_tables,
)
from storage.metadata import metadata

__all__ = [
    "appeal_tables",
    "drill_tables",
    "follow_up_tables",
    "interview_tables",
    "metadata",
    "progress_tables",
    "tables",
    "update_tables",
]
