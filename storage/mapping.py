"""Turns table rows into the core's record dataclasses, and records into row values.

A record's fields are named as its table's columns, so one pair of functions maps every table: JSON
list columns hold the records' tuples, and string columns their enums (``Verdict``, ``DeliveryStatus``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from datetime import datetime
from enum import Enum
from functools import cache
from typing import Any, TypeVar, get_type_hints

from sqlalchemy import Row

from bot.model.records import Attempt, Subscription

_R = TypeVar("_R")


@cache
def _readers(record_type: type) -> tuple[tuple[str, Callable[[Any], Any] | None], ...]:
    """Each field's name, and what turns its column's value into the field's type (None: nothing)."""
    hints = get_type_hints(record_type)
    readers: list[tuple[str, Callable[[Any], Any] | None]] = []
    for field in fields(record_type):
        hint = hints[field.name]
        if isinstance(hint, type) and issubclass(hint, Enum):
            readers.append((field.name, hint))
        elif getattr(hint, "__origin__", None) is tuple:
            readers.append((field.name, tuple))
        else:
            readers.append((field.name, None))
    return tuple(readers)


def to_record(record_type: type[_R], row: Row[Any]) -> _R:
    """A row as a record: each field from the column of its name, as the field's type."""
    columns = row._mapping
    values = {}
    for name, read in _readers(record_type):
        value = columns[name]
        values[name] = value if read is None or value is None else read(value)
    return record_type(**values)


def row_values(record: Any) -> dict[str, Any]:
    """A record's column values for a new row (tuples become lists, enums their values; no id: the
    database gives it)."""
    values = {}
    for name, _ in _readers(type(record)):
        value = getattr(record, name)
        if isinstance(value, tuple):
            value = list(value)
        elif isinstance(value, Enum):
            value = value.value
        if name != "id":
            values[name] = value
    return values


def attempt_values(attempt: Attempt) -> dict[str, Any]:
    """The column values for a new attempts row, with ``points`` worked out once here."""
    return row_values(attempt) | {"points": round(attempt.score * 10)}


def subscription_values(subscription: Subscription, created_at: datetime) -> dict[str, Any]:
    """The column values for a subscriptions row; ``subscriber_key`` is the user id, or 0 for a channel."""
    return row_values(subscription) | {
        "subscriber_key": subscription.user_id or 0,
        "created_at": subscription.created_at or created_at,
    }
