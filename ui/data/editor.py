"""Editing one table in st.data_editor and saving exactly what changed."""

from __future__ import annotations

from functools import partial
from typing import Any

import streamlit as st

from models.db import get_engine
from models.editing import table_rows
from models.messages import Refusal
from models.writers import InvalidRows, RowInUse, StaleVersionError, save_changes
from planning import columns
from ui.auth import current_actor
from ui.i18n import label, lang, t
from ui.text import plain

__all__ = ["edit_table", "editor_key", "save_key"]


def editor_key(base: str, generation: int = 0) -> str:
    """The key of the editor of ``base`` (:func:`edit_table`'s ``key``): a new one
    after each save or reload (``generation``), so it starts fresh from the database."""
    return f"{base}_{generation}"


def save_key(editor: str) -> str:
    """The key of an editor's save button."""
    return f"{editor}_save"


def _config(table: str) -> dict[str, Any]:
    """Each column as the column spec describes it: a vocabulary as a choice of its
    labels, a bounded number with its bounds."""
    config: dict[str, Any] = {"id": None, "version": None}
    for column in columns.stored(table).columns:
        if column.vocab:
            config[column.column] = st.column_config.SelectboxColumn(
                column.column,
                options=list(column.codes),
                required=True,
                format_func=partial(label, column.vocab),
            )
        elif column.kind in ("int", "float") and column.bounds:
            config[column.column] = st.column_config.NumberColumn(
                column.column,
                min_value=column.ge,
                max_value=column.le,
                step=1 if column.kind == "int" else None,
            )
    return config


def edit_table(table: str, where: dict[str, object] | None, key: str) -> None:
    """Show the rows, let the editor change them, save on request (one transaction).

    A refused save leaves the edits on screen with the reason; a colleague's newer
    version is never overwritten.
    """
    engine = get_engine()
    defaults = where or {}
    base = key
    flash = st.session_state.pop(f"{base}_flash", None)
    if flash:
        st.success(flash)
    generation = st.session_state.setdefault(f"{base}_generation", 0)
    key = editor_key(base, generation)
    # The rows as they were when this person started editing: their versions are what a
    # save is checked against, so a colleague's later change is refused, not overwritten.
    if f"{key}_rows" not in st.session_state:
        st.session_state[f"{key}_rows"] = table_rows(engine, table, where=where)
    frame = st.session_state[f"{key}_rows"]
    if st.button(t("data.reload"), key=f"{key}_reload", icon=":material/refresh:"):
        st.session_state[f"{base}_generation"] = generation + 1
        st.rerun()
    st.data_editor(
        frame,
        key=key,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_config=_config(table),
        disabled=["id", "version"],
        height=420,
    )
    # The editor's own change set (in session state) says exactly what changed.
    if not st.button(t("data.save"), type="primary", key=save_key(key)):
        return
    state = st.session_state.get(key, {})
    updates = [
        {"id": int(frame.iloc[int(i)]["id"]), "version": int(frame.iloc[int(i)]["version"]),
         **{c: _py(v) for c, v in changes.items()}}
        for i, changes in state.get("edited_rows", {}).items()
    ]  # fmt: skip
    inserts = [
        {**defaults, **{c: _py(v) for c, v in row.items() if c not in ("id", "version")}}
        for row in state.get("added_rows", [])
    ]
    deletes = [
        {"id": int(frame.iloc[int(i)]["id"]), "version": int(frame.iloc[int(i)]["version"])}
        for i in state.get("deleted_rows", [])
    ]
    try:
        counts = save_changes(
            engine=engine,
            table=table,
            actor=current_actor(),
            updates=updates,
            inserts=inserts,
            deletes=deletes,
        )
    except (StaleVersionError, RowInUse) as exc:
        st.error(
            t("data.refused_rows", rows=plain(", ".join(map(str, exc.keys)))),
            icon=":material/block:",
        )
        st.caption(plain(exc))
    except InvalidRows as exc:
        st.error(t(f"data.invalid_{exc.code}", detail=plain(exc.detail)))
    except Refusal as exc:  # busy, say: in the person's language, not the server's
        st.error(exc.text(lang()))
    except Exception as exc:  # a missing required value, say: keep the edits, say why
        st.error(t("data.invalid", detail=plain(exc)))
    else:
        st.session_state[f"{base}_flash"] = t("data.saved", **counts)
        st.session_state[f"{base}_generation"] = generation + 1
        st.rerun()


def _py(value: object) -> object:
    return value.item() if hasattr(value, "item") else value
