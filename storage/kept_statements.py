"""Statements the store runs again and again, run on SQLite without SQLAlchemy's per-call work.

For every execution SQLAlchemy computes the statement's cache key and looks its compiled form up,
builds an execution context, binds each value through its type and wraps the cursor in a result:
tens of microseconds, several times what SQLite itself takes for a small indexed statement.  The
store builds its statements once and binds values per call, so ``KeptStatements`` keeps, from the
second execution of one statement object with one set of parameter names, what SQLAlchemy's
compiler made of it: the SQL, the order of its parameters, each one's bind processor (or fixed
value), and the result columns' names and processors.  From then on an execution is the values in
order through their processors, one ``sqlite3`` call (``storage.lean_sqlite``), and the rows
through their processors into SQLAlchemy's own ``Result`` type, so callers use ``one()``,
``scalars()`` and ``rowcount`` as before.

Left to SQLAlchemy, always: a statement or connection with execution options, events listening on the engine
(as the tests that count statements do), many parameter sets, an expanding ``IN``, Python-side
column defaults computed per row, textual SQL, and a statement whose result
names SQLAlchemy would give differently (checked when it is kept).  A kept statement that SQLite
refuses did nothing (SQLite undoes a failed statement), so SQLAlchemy runs it again and raises its
usual error.  Statement objects seen are held (so an id is never reused) in a bounded map.
"""

from __future__ import annotations

import sqlite3
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.engine.result import IteratorResult, SimpleResultMetaData
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ClauseElement, TextClause

Outcome = tuple[Any, int, int | None, list[Any]]
Runner = Callable[[sqlite3.Connection, str, Any, bool], Outcome]
KEPT_LIMIT = 512
"""Statement objects remembered at most (each with its parameter names); the least used go first."""
_REFUSED = "refused"


class KeptResult(IteratorResult[Any]):
    """SQLAlchemy's buffered result type, with the row count of the statement that made it."""

    def __init__(self, metadata: SimpleResultMetaData, rows: list[Any], rowcount: int) -> None:
        super().__init__(metadata, iter(rows))
        self.rowcount = rowcount


class Kept:
    """What SQLAlchemy's compiler made of one statement, ready to run with values bound per call."""

    __slots__ = ("_binds", "_metadata", "_results", "sql")

    def __init__(self, compiled: SQLCompiler, names: Sequence[str]) -> None:
        self.sql: str = compiled.string
        processors = compiled._bind_processors
        by_name = {name: bind for bind, name in compiled.bind_names.items()}
        defaults = {column.key: column.default.arg for column in _prefetched(compiled)}
        given = set(names)
        binds: list[tuple[str | None, Any, Any]] = []
        for name in compiled.positiontup or ():
            bind = by_name[name]
            processor = processors.get(name)
            key = bind.key if bind.key in given else name if name in given else None
            if key is None:
                fixed = defaults.get(name, bind.effective_value)
                binds.append((None, processor(fixed) if processor else fixed, None))
            else:
                binds.append((key, None, processor))
        self._binds = binds
        columns = compiled._result_columns
        dialect = compiled.dialect
        self._results = [column.type._cached_result_processor(dialect, None) for column in columns]
        self._metadata = SimpleResultMetaData([column.keyname for column in columns])

    @property
    def keys(self) -> list[str]:
        """The names the result's columns go by."""
        return list(self._metadata.keys)

    def parameters(self, values: dict[str, Any] | None) -> list[Any]:
        """The statement's parameters in order, each through its type's bind processor."""
        given = values or {}
        bound = []
        for key, fixed, processor in self._binds:
            if key is None:
                bound.append(fixed)
            else:
                value = given[key]
                bound.append(processor(value) if processor is not None else value)
        return bound

    def result(self, outcome: Outcome) -> KeptResult:
        """The rows (each column through its result processor) and row count, as a ``Result``."""
        _description, rowcount, _lastrowid, rows = outcome
        processors = self._results
        if rows and any(processors):
            rows = [
                tuple(p(v) if p is not None else v for p, v in zip(processors, row, strict=True))
                for row in rows
            ]
        return KeptResult(self._metadata, rows, rowcount)


class KeptStatements:
    """The statements one SQLite engine keeps (``Kept``), and the rule for which it keeps."""

    def __init__(self, runner: Runner) -> None:
        self._runner = runner
        self._seen: OrderedDict[tuple[int, tuple[str, ...]], tuple[Any, Any]] = OrderedDict()
        self.kept_runs = 0
        """Executions that went the kept way (a diagnostic, and what tests check)."""

    def execute(self, connection: Connection, statement: Any, values: dict[str, Any] | None) -> Any:
        """Run ``statement`` with ``values`` on ``connection``: the kept way when it is kept, else
        SQLAlchemy's (keeping it on its second run when it qualifies)."""
        names = tuple(sorted(values)) if values else ()
        key = (id(statement), names)
        seen = self._seen.get(key)
        if seen is not None and type(seen[1]) is Kept and not _has_events(connection):
            result = self._run(connection, seen[1], values)
            if result is not None:
                self._seen.move_to_end(key)
                return result
        result = connection.execute(statement, values)
        if seen is None:
            self._remember(key, statement, 1)
        elif seen[1] == 1:
            try:
                state = _keep(connection.dialect, statement, names, result)
            except Exception:  # whatever the reason, the statement stays with SQLAlchemy
                state = _REFUSED
            self._remember(key, statement, state)
        return result

    def _run(self, connection: Connection, kept: Kept, values: dict[str, Any] | None) -> KeptResult | None:
        try:
            parameters = kept.parameters(values)
            driver = connection.connection.dbapi_connection._connection._conn  # type: ignore[union-attr]
        except Exception:  # a value its type refuses, a closed connection: SQLAlchemy says what is wrong
            return None
        try:
            outcome = self._runner(driver, kept.sql, parameters, False)
        except sqlite3.Error:  # SQLite undid the statement; SQLAlchemy runs it again and raises as usual
            return None
        self.kept_runs += 1
        return kept.result(outcome)

    def _remember(self, key: tuple[int, tuple[str, ...]], statement: Any, state: Any) -> None:
        self._seen[key] = (statement, state)
        self._seen.move_to_end(key)
        while len(self._seen) > KEPT_LIMIT:
            self._seen.popitem(last=False)


def _has_events(connection: Connection) -> bool:
    """Whether anything listens on the connection's statements, or the connection has options of its own
    (either is SQLAlchemy's to honour)."""
    return bool(connection._has_events or connection.engine._has_events or connection._execution_options)


def _keep(dialect: Dialect, statement: Any, names: tuple[str, ...], result: Any) -> Any:
    """The statement's ``Kept`` form, or ``_REFUSED`` when it must stay with SQLAlchemy."""
    if not isinstance(statement, ClauseElement) or isinstance(statement, TextClause):
        return _REFUSED
    if statement._execution_options:
        return _REFUSED
    try:
        compiled = statement.compile(dialect=dialect, column_keys=list(names))
    except Exception:
        return _REFUSED
    if not isinstance(compiled, SQLCompiler) or not _plain(compiled):
        return _REFUSED
    try:
        kept = Kept(compiled, names)
    except Exception:
        return _REFUSED
    if (list(result.keys()) if result.returns_rows else []) != kept.keys:
        return _REFUSED  # SQLAlchemy names the columns otherwise, or shows no rows where SQLite gives some
    return kept


def _prefetched(compiled: SQLCompiler) -> list[Any]:
    """The columns whose Python-side default SQLAlchemy fills in before running the statement."""
    return [*compiled.insert_prefetch, *compiled.update_prefetch]


def _plain(compiled: SQLCompiler) -> bool:
    """Whether running the SQL with its bound values (and constant column defaults) is all SQLAlchemy
    would do for this statement."""
    positions = set(compiled.positiontup or ())
    for column in _prefetched(compiled):
        if column.default is None or not column.default.is_scalar or column.key not in positions:
            return False  # a default computed per row (a callable, a sequence)
    if getattr(compiled, "postfetch", None):
        return False
    if compiled.literal_execute_params or compiled.post_compile_params or compiled.escaped_bind_names:
        return False
    if any(bind.callable is not None for bind in compiled.bind_names):
        return False
    return compiled.positiontup is not None
