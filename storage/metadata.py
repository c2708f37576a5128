"""The one metadata every table joins, with stable constraint names, and the base of the table classes.

Only this module defines them, so the table modules import it and never each other's metadata.
"""

from __future__ import annotations

from sqlalchemy import MetaData, Table
from sqlalchemy.orm import registry
from sqlmodel import SQLModel

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_N_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)


class TableBase(SQLModel, registry=registry(metadata=metadata)):
    """Base of every table here: keeps them out of sqlmodel's global metadata."""


def table_of(row_class: type[TableBase]) -> Table:
    """The Core ``Table`` of a table class: what the stores build their statements on."""
    return row_class.__table__  # type: ignore[attr-defined,no-any-return]
