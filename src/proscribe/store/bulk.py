"""Bulk inserts straight to the driver: the store's hot write path (tens of thousands of rows per file).

SQLAlchemy's executemany builds and type-processes a parameter dict per row, which costs more than
SQLite's own insert. Here the statement is compiled once per table and column set, each column's
bind processor (dates as text on SQLite, nothing on PostgreSQL) is applied only where the
dialect has one, and the driver's executemany gets plain tuples. Same rows, same types, same
transaction as the Core path.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Table

_PLACEHOLDER = {"qmark": "?", "format": "%s", "pyformat": "%s"}


def insert_rows(conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """INSERT `rows` (dicts with the same keys) into `table` in one driver executemany."""
    if not rows:
        return
    names = list(rows[0])
    dialect = conn.dialect
    marker = _PLACEHOLDER.get(dialect.paramstyle)
    if marker is None:  # pragma: no cover - every supported driver uses one of the above
        conn.execute(table.insert(), list(rows))
        return
    quote = dialect.identifier_preparer.quote
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(n) for n in names)}) "
        f"VALUES ({', '.join(marker for _ in names)})"
    )
    params = _tuples(conn, table, names, rows)
    conn.exec_driver_sql(sql, params)


def update_rows(
    conn: Connection, table: Table, keys: Sequence[str], rows: Sequence[Mapping[str, Any]]
) -> None:
    """UPDATE `table` rows found by the `keys` columns, setting the other columns each row gives."""
    if not rows:
        return
    names = [name for name in rows[0] if name not in keys]
    dialect = conn.dialect
    marker = _PLACEHOLDER.get(dialect.paramstyle)
    if marker is None:  # pragma: no cover - every supported driver uses one of the above
        raise NotImplementedError(f"paramstyle {dialect.paramstyle}")
    quote = dialect.identifier_preparer.quote
    sql = (
        f"UPDATE {quote(table.name)} SET {', '.join(f'{quote(n)} = {marker}' for n in names)} "
        f"WHERE {' AND '.join(f'{quote(k)} = {marker}' for k in keys)}"
    )
    params = _tuples(conn, table, [*names, *keys], rows)
    conn.exec_driver_sql(sql, params)


def _tuples(
    conn: Connection, table: Table, names: Sequence[str], rows: Sequence[Mapping[str, Any]]
) -> list[tuple[Any, ...]]:
    """The rows' values in `names` order, through the dialect's bind processor where a column has one."""
    dialect = conn.dialect
    # The dialect's own type (sqlite.DATE, not the generic Date) holds the processor; without it the
    # driver's default adapters would write another text form than SQLAlchemy's (a datetime with
    # "+00:00"), and Python 3.12 deprecates those adapters.
    processed = [
        (index, fn)
        for index, name in enumerate(names)
        if (fn := table.c[name].type.dialect_impl(dialect).bind_processor(dialect)) is not None
    ]
    pick = operator.itemgetter(*names)
    # itemgetter of one name returns the bare value, of several a tuple.
    values = [(pick(row),) for row in rows] if len(names) == 1 else [pick(row) for row in rows]
    if not processed:
        return values
    # Column by column: only the processed columns are touched, and the rows are rebuilt once, in C.
    columns: list[Sequence[Any]] = list(zip(*values, strict=True))
    for index, fn in processed:
        columns[index] = _processed(columns[index], fn)
    return list(zip(*columns, strict=True))


def _processed(column: Sequence[Any], fn: Callable[[Any], Any]) -> list[Any]:
    """A column's values through its bind processor (None stays None).

    Rows repeat a handful of dates (a snapshot's day, the ingest's stamp) tens of thousands of
    times: each distinct one goes through the processor once. Dates and datetimes only, which the
    processors read by value alone (equal values, equal results).
    """
    memo: dict[Any, Any] = {}
    out: list[Any] = []
    for item in column:
        if item is None:
            out.append(None)
            continue
        kind = type(item)
        if kind is date:
            key: Any = item
        elif kind is datetime:
            # Equal datetimes of one zone may be different instants (`fold`), and of two zones,
            # one instant: each is kept apart.
            key = (item, item.tzinfo, item.fold)
        else:
            out.append(fn(item))
            continue
        done = memo.get(key, _MISSING)
        if done is _MISSING:
            done = memo[key] = fn(item)
        out.append(done)
    return out


_MISSING = object()


def existing(conn: Connection, column: Any, values: Sequence[str], chunk: int = 500) -> set[str]:
    """Which of `values` are already in `column` (one plain IN query per `chunk` values)."""
    return {row[0] for row in select_in(conn, [column], column, values, chunk)}


def select_in(
    conn: Connection, columns: Sequence[Any], where: Any, values: Sequence[Any], chunk: int = 500
) -> list[tuple[Any, ...]]:
    """`columns` of the rows whose `where` column holds one of `values` (one plain IN query per `chunk`).

    Plain statement text, with no SQLAlchemy compilation per chunk: that compilation costs more
    than the index probes when a first import looks up tens of thousands of names.
    """
    found: list[tuple[Any, ...]] = []
    if not values:
        return found
    dialect = conn.dialect
    marker = _PLACEHOLDER.get(dialect.paramstyle, "?")
    quote = dialect.identifier_preparer.quote
    table = quote(where.table.name)
    wanted = ", ".join(quote(column.name) for column in columns)
    for start in range(0, len(values), chunk):
        part = tuple(values[start : start + chunk])
        sql = f"SELECT {wanted} FROM {table} WHERE {quote(where.name)} IN ({', '.join(marker for _ in part)})"
        found.extend(tuple(row) for row in conn.exec_driver_sql(sql, part).all())
    return found
