"""Column and constraint shapes the revisions share, with names as the models' naming convention gives them.

A released revision must keep producing the same schema, so a helper here is never changed once a
revision uses it; a different shape gets a new helper.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

TIMESTAMP = sa.DateTime(timezone=True)
"""Every time column: ``timestamptz`` on PostgreSQL (``UTCDateTime`` in the models)."""


def required(name: str, type_: sa.types.TypeEngine[Any], **options: Any) -> sa.Column[Any]:
    """A NOT NULL column."""
    return sa.Column(name, type_, nullable=False, **options)


def optional(name: str, type_: sa.types.TypeEngine[Any]) -> sa.Column[Any]:
    """A column that may be NULL."""
    return sa.Column(name, type_, nullable=True)


def primary_key(table: str, *columns: str) -> sa.PrimaryKeyConstraint:
    """The table's primary key, named ``pk_<table>``."""
    return sa.PrimaryKeyConstraint(*columns, name=f"pk_{table}")


def foreign_key(table: str, column: str, referred: str, ondelete: str) -> sa.ForeignKeyConstraint:
    """``table.column`` referring to ``referred.id``, named ``fk_<table>_<column>_<referred>``."""
    return sa.ForeignKeyConstraint(
        [column], [f"{referred}.id"], name=f"fk_{table}_{column}_{referred}", ondelete=ondelete
    )


def unique(table: str, *columns: str) -> sa.UniqueConstraint:
    """A unique constraint over the columns, named ``uq_<table>_<columns>``."""
    return sa.UniqueConstraint(*columns, name=f"uq_{table}_{'_'.join(columns)}")
