"""Stored rows as people read them: a table by its name, a column by its header, a
value by its label (a school by name, 是/否), a record by its name and key."""

from __future__ import annotations

from typing import Any

from models.loaders import Frames
from models.writers import EDITABLE
from planning import columns
from ui.i18n import label, lang, t

__all__ = ["column_header", "header", "record", "shown", "table_label"]


def table_label(table: str) -> str:
    """A table as people call it (教师), the seed's ``*`` as every table."""
    return t("data_history.table_all") if table == "*" else t(f"data.table_{table}")


def column_header(column: columns.Column) -> str:
    """A column's header in the person's language; a reference by what it names (学校),
    a second reference to the same table by its own name (交流学校)."""
    if not column.ref:
        return column.header(lang())
    plain = column.name == columns.TABLES[column.ref].key
    return t(f"data_edit.ref_{column.ref if plain else column.name}")


def header(table: str, field: str) -> str:
    """A column's header in the person's language (a reference: what it names)."""
    if table in ("scenario", "decision") or table not in EDITABLE:
        return t(f"data_history.field_{field}")
    try:
        column = columns.stored(table)[field]
    except KeyError:
        return t(f"data_history.field_{field}")
    return column_header(column)


def shown(table: str, field: str, value: Any, data: Frames) -> str:
    """A stored value as people read it: a label, a school by name, 是/否."""
    if value is None or value == "":
        return t("data_history.empty")
    if table == "scenario" and field == "status":
        return label("scenario_status", str(value))
    column = None
    if table in EDITABLE and field in columns.stored(table).names:
        column = columns.stored(table)[field]
    if column is not None and column.vocab and value in column.codes:
        return label(column.vocab, str(value))
    if column is not None and column.ref:
        target = columns.TABLES[column.ref]
        frame = getattr(data, target.name)
        names = dict(zip(frame[str(target.key)], frame["name"], strict=True))
        return str(names.get(value, value))
    if isinstance(value, bool):
        return t("data_history.yes" if value else "data_history.no")
    return str(value)


def record(table: str, fields: dict[str, Any], data: Frames) -> str:
    """教师 张三 T00000107."""
    parts = [shown(table, f, v, data) for f, v in fields.items() if v not in (None, "")]
    return " ".join([table_label(table), *parts])
