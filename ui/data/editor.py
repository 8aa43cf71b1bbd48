"""Editing one table in st.data_editor: headers and values in the person's language,
every row checked by the import's rules, and exactly what changed saved."""

from __future__ import annotations

from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from models.db import get_engine
from models.edit_check import edit_problems
from models.editing import TeacherSearch, find_teachers, table_rows
from models.history import identity_fields
from models.loaders import Frames
from models.messages import Refusal
from models.writers import InvalidRows, RowInUse, StaleVersionError, save_changes
from planning import columns
from ui.auth import current_actor
from ui.data.controls import Scope
from ui.data.labels import column_header, shown
from ui.data.problems import problem_table
from ui.i18n import label, lang, t
from ui.text import plain

__all__ = ["DISTRICT_SHOWN", "edit_table", "editor_key", "save_key"]

DISTRICT_SHOWN = "_district"  # teachers: their school's district, shown read-only


def editor_key(base: str, generation: int = 0) -> str:
    """The key of the editor of ``base`` (:func:`edit_table`'s ``key``): a new one
    after each save or reload (``generation``), so it starts fresh from the database."""
    return f"{base}_{generation}"


def save_key(editor: str) -> str:
    """The key of an editor's save button."""
    return f"{editor}_save"


def _names(frame: pd.DataFrame, key: str) -> dict[Any, str]:
    return dict(zip(frame[key], frame["name"], strict=True))


def _choices(table: str, ref: str, data: Frames, scope: Scope) -> dict[Any, str]:
    """The rows a reference may name, by id, as people name them: a school or county by
    name; a person (a teacher, a leader) by name and number, and where the rows belong
    to the county being edited through that person (a wish, a leader's record), the
    people of that county only."""
    target = columns.TABLES[ref]
    frame = getattr(data, target.name)
    if "school_id" not in target.names:
        return _names(frame, str(target.key))
    through = "district_id" not in columns.stored(table).names
    if through and isinstance(scope, dict) and "district_id" in scope:
        schools = data.schools.loc[data.schools["district_id"] == scope["district_id"], "school_id"]
        frame = frame[frame["school_id"].isin(schools)]
    shown = frame["name"] + " " + frame[target.unique[0]]
    return dict(zip(frame[str(target.key)], shown, strict=True))


def _config(table: str, data: Frames, scope: Scope) -> dict[str, Any]:
    """Each column as the column spec describes it, headed in the person's language: a
    vocabulary as a choice of its labels, a reference as a choice of names
    (:func:`_choices`), a bounded number with its bounds and its unit in the header; the
    row's id and version hidden."""
    language = lang()
    config: dict[str, Any] = {"id": None, "version": None}
    for column in columns.stored(table).file_columns:
        header = column.header_with_unit(language)
        if column.vocab:
            config[column.column] = st.column_config.SelectboxColumn(
                header, options=list(column.codes), required=True,
                format_func=partial(label, column.vocab),
            )  # fmt: skip
        elif column.ref:
            names = _choices(table, column.ref, data, scope)
            config[column.column] = st.column_config.SelectboxColumn(
                column_header(column), options=list(names), required=not column.nullable,
                format_func=names.__getitem__,
            )  # fmt: skip
        elif column.kind in ("int", "float"):
            config[column.column] = st.column_config.NumberColumn(
                header, min_value=column.ge, max_value=column.le,
                step=1 if column.kind == "int" else None,
                format="%d" if column.kind == "int" else None,
            )  # fmt: skip
        elif column.kind == "bool":
            config[column.column] = st.column_config.CheckboxColumn(header)
        else:
            config[column.column] = st.column_config.TextColumn(header)
    config[DISTRICT_SHOWN] = st.column_config.TextColumn(
        t("data_edit.district_shown"), disabled=True
    )
    return config


def _rows(table: str, scope: Scope) -> pd.DataFrame:
    engine = get_engine()
    if isinstance(scope, TeacherSearch):
        return find_teachers(engine, scope)
    return table_rows(engine, table, where=scope)


def _shown(frame: pd.DataFrame, table: str, data: Frames) -> pd.DataFrame:
    """The rows as shown: a teacher's district beside the school (read-only)."""
    if table != "teacher":
        return frame
    district_of = dict(zip(data.schools["school_id"], data.schools["district_id"], strict=True))
    names = _names(data.districts, "district_id")
    shown = frame.copy()
    shown.insert(shown.columns.get_loc("school_id") + 1, DISTRICT_SHOWN,
                 shown["school_id"].map(lambda s: names.get(district_of.get(s), "")))  # fmt: skip
    return shown


def edit_table(table: str, scope: Scope, data: Frames, key: str) -> None:
    """Show the rows, let the editor change them, check every changed row by the
    import's rules and save on request (one transaction).

    A refused save leaves the edits on screen with the reason; a colleague's newer
    version is never overwritten; nothing is written while a problem remains.
    """
    base = key
    flash = st.session_state.pop(f"{base}_flash", None)
    if flash:
        st.success(flash)
    generation = st.session_state.setdefault(f"{base}_generation", 0)
    key = editor_key(base, generation)
    # The rows as they were when this person started editing: their versions are what a
    # save is checked against, so a colleague's later change is refused, not overwritten.
    if f"{key}_rows" not in st.session_state:
        st.session_state[f"{key}_rows"] = _rows(table, scope)
    frame: pd.DataFrame = st.session_state[f"{key}_rows"]
    if isinstance(scope, TeacherSearch):
        st.caption(t("data_edit.found", n=len(frame)))
    if st.button(t("data.reload"), key=f"{key}_reload", icon=":material/refresh:"):
        st.session_state[f"{base}_generation"] = generation + 1
        st.rerun()
    st.data_editor(
        _shown(frame, table, data),
        key=key,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_config=_config(table, data, scope),
        disabled=["id", "version", DISTRICT_SHOWN],
        height=420,
    )
    st.caption(t("data_edit.readonly_note"))
    # The editor's own change set (in session state) says exactly what changed.
    if not st.button(t("data.save"), type="primary", key=save_key(key)):
        return
    state = st.session_state.get(key, {})
    spec = columns.stored(table)
    given = scope if isinstance(scope, dict) else {}
    scoped = {k: v for k, v in given.items() if k in spec.names}  # a school's county
    defaults = {**spec.defaults(), **scoped}
    edited = {int(i): _values(changes) for i, changes in state.get("edited_rows", {}).items()}
    added = [_values(row) for row in state.get("added_rows", [])]
    if _refused(table, frame, edited, added, defaults, data):
        return
    updates = [{"id": int(frame.iloc[i]["id"]), "version": int(frame.iloc[i]["version"]),
                **changes} for i, changes in edited.items()]  # fmt: skip
    inserts = [{**defaults, **row} for row in added]
    deletes = [
        {"id": int(frame.iloc[int(i)]["id"]), "version": int(frame.iloc[int(i)]["version"])}
        for i in state.get("deleted_rows", [])
    ]
    names = {int(r["id"]): _row_name(table, r, data) for r in frame.to_dict("records")}
    _save(table, updates, inserts, deletes, base, generation, names)


def _values(row: dict[str, Any]) -> dict[str, Any]:
    """A row's values as the database takes them (the shown-only columns left out)."""
    return {c: _py(v) for c, v in row.items() if c not in ("id", "version", DISTRICT_SHOWN)}


def _refused(
    table: str, frame: pd.DataFrame, edited: dict[int, dict[str, Any]],
    added: list[dict[str, Any]], defaults: dict[str, Any], data: Frames,
) -> bool:  # fmt: skip
    """Whether a changed or new row breaks an import rule; if so, each problem is shown
    with its row (by name) and column (by header) in the person's language."""
    whole = [{**{c: _py(v) for c, v in frame.iloc[i].items()}, **changes}
             for i, changes in edited.items()]  # fmt: skip
    whole += [{**defaults, **row} for row in added]
    found = edit_problems(table, whole, schools=data.schools, districts=data.districts,
                          teachers=data.teachers, cadres=data.cadres)  # fmt: skip
    if not found:
        return False
    names = [_row_name(table, {c: frame.iloc[i][c] for c in frame.columns}, data) for i in edited]
    names += [t("data_edit.new_row", n=n + 1) for n in range(len(added))]
    st.error(t("data_edit.row_problems", n=len(found)), icon=":material/block:")
    st.dataframe(problem_table(table, found, names.__getitem__), hide_index=True, width="stretch")
    return True


def _row_name(table: str, row: dict[str, Any], data: Frames) -> str:
    """A row as people name it: 张三 T00000107, 小学 数学."""
    fields = identity_fields(table)
    return " ".join(
        shown(table, f, _py(row[f]), data) for f in fields if row.get(f) not in (None, "")
    )


def _save(
    table: str, updates: list[dict[str, Any]], inserts: list[dict[str, Any]],
    deletes: list[dict[str, Any]], base: str, generation: int, names: dict[int, str],
) -> None:  # fmt: skip
    try:
        counts = save_changes(engine=get_engine(), table=table, actor=current_actor(),
                              updates=updates, inserts=inserts, deletes=deletes)  # fmt: skip
    except (StaleVersionError, RowInUse) as exc:
        st.error(
            t("data.refused_rows", rows=plain("、".join(names.get(k) or str(k) for k in exc.keys))),
            icon=":material/block:",
        )
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
