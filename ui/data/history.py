"""The change history as people read it: local time, who, which record by name, each
changed field as label: old → new, and an undo per change (confirmed first)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd
import streamlit as st

from models.config import settings
from models.db import get_engine
from models.history import history, identities
from models.loaders import Frames
from models.messages import Refusal
from models.roles import PermissionDenied
from models.writers import EDITABLE, InvalidRows, RowInUse, StaleVersionError, revert
from ui import auth
from ui.confirm import confirmed
from ui.data.labels import header, record, shown
from ui.i18n import catalog, lang, t
from ui.local_time import local_time, zone_name
from ui.text import plain

__all__ = ["CONFIRM", "NO", "SHOWN", "TABLES", "YES", "history_view", "undo_key"]

TABLES = (*EDITABLE, "scenario", "decision")
SHOWN = 50  # the newest changes shown with an undo each
CONFIRM = "data_h_confirm"  # the change waiting for its confirmation
YES, NO = "data_h_yes", "data_h_no"
_UNDOABLE = ("insert", "update", "delete")


def undo_key(audit_id: int) -> str:
    """The key of the undo button of the change ``audit_id``."""
    return f"data_h_undo_{audit_id}"


def _tables(text: str) -> list[str] | None:
    """The tables whose code or name (in either language) contains ``text``."""
    wanted = text.strip().lower()
    if not wanted:
        return None
    return [x for x in (*TABLES, "*") if wanted in x.lower()
            or any(wanted in catalog(lg).get(f"data.table_{x}", "").lower() for lg in ("zh", "en"))
            or (x == "*" and wanted in t("data_history.table_all").lower())]  # fmt: skip


def _changes(entry: Any, data: Frames) -> str:
    """Each changed field as header: old → new (or what happened, for the others)."""
    before = json.loads(entry.before) if isinstance(entry.before, str) else {}
    after = json.loads(entry.after) if isinstance(entry.after, str) else {}
    table = str(entry.table_name)
    if entry.action == "revert":
        return t("data_history.reverted", id=after.get("audit_id", ""))
    if entry.action == "apply":  # a rotation plan recorded: its moves are rows of their own
        return t("data_history.did_apply", n=after.get("moved", ""))
    if entry.action in ("insert", "delete", "seed") or table not in (*TABLES,):
        return t(f"data_history.did_{entry.action}")
    arrow = "；".join(
        f"{header(table, f)}：{shown(table, f, before.get(f), data)} → "
        f"{shown(table, f, v, data)}"
        for f, v in after.items() if f not in before or before[f] != v
    )  # fmt: skip
    return arrow or t("data_history.did_nothing")


def history_view(data: Frames) -> None:
    """Filters, then the newest changes, each with an undo."""
    engine = get_engine()
    cols = st.columns(4)
    table = cols[0].text_input(t("data.h_table"), key="data_h_table",
                               placeholder=t("data_history.table_hint"))  # fmt: skip
    person = cols[1].text_input(t("data.h_person"), key="data_h_person")
    since = cols[2].date_input(t("data.h_since"), value=None, key="data_h_since")
    until = cols[3].date_input(t("data.h_until"), value=None, key="data_h_until")
    _confirm(data)
    entries = history(engine, tables=_tables(table), actor=person.strip() or None,
                      since=_utc(since), until=_utc(until, days=1))  # fmt: skip
    if entries.empty:
        st.info(t("data_history.none"))
        return
    st.caption(t("data_history.shown", n=min(SHOWN, len(entries)), zone=zone_name()))
    names = identities(engine, entries.head(SHOWN))
    widths = [1.4, 1, 2, 4, 0.8]
    head = st.columns(widths)
    keys = ("data_history.h_at", "data.h_person", "data_history.h_key",
            "data_history.h_change", "data_history.h_undo")  # fmt: skip
    for col, key in zip(head, keys, strict=True):
        col.markdown(f"**{t(key)}**")
    for entry in entries.head(SHOWN).itertuples():
        row = st.columns(widths)
        fields = names.get((str(entry.table_name), str(entry.key)), {})
        row[0].write(local_time(entry.at))
        row[1].write(plain(_who(str(entry.actor))))
        row[2].write(plain(record(str(entry.table_name), fields, data)))
        row[3].write(plain(f"{t(f'data_history.action_{entry.action}')}：{_changes(entry, data)}"))
        undoable = entry.action == "apply" or (
            entry.action in _UNDOABLE and entry.table_name in EDITABLE
        )
        if undoable and row[4].button(t("data_history.undo"), key=undo_key(int(entry.id))):
            st.session_state[CONFIRM] = int(entry.id)
            st.rerun()


def _who(actor: str) -> str:
    """A person by name; the built-in names (the seed, the local user of the embedded
    default) as what they are."""
    return t(f"data_history.who_{actor}") if actor in ("seed", "local") else actor


def _utc(day: date | None, *, days: int = 0) -> pd.Timestamp | None:
    """The start of ``day`` (plus ``days``) in the configured zone, as UTC."""
    if day is None:
        return None
    local = pd.Timestamp(day).tz_localize(ZoneInfo(settings().shizi_timezone))
    return (local + pd.Timedelta(days=days)).tz_convert("UTC").tz_localize(None)


def _confirm(data: Frames) -> None:
    """The undo waiting for its confirmation: what it will do, yes or no."""
    audit_id = st.session_state.get(CONFIRM)
    if audit_id is None:
        return
    question = t("data_history.confirm", id=audit_id)
    if not confirmed(CONFIRM, question, yes=(t("data_history.yes_undo"), YES),
                     no=(t("data_history.no_undo"), NO)):  # fmt: skip
        return
    try:
        revert(engine=get_engine(), audit_id=int(audit_id), actor=auth.current_actor())
    except Refusal as exc:  # a later change, say: in the person's language
        st.error(exc.text(lang()), icon=":material/block:")
    except (StaleVersionError, RowInUse) as exc:
        st.error(t("data.refused_rows", rows=", ".join(map(str, exc.keys))))
    except InvalidRows as exc:
        st.error(t(f"data.invalid_{exc.code}", detail=plain(exc.detail)))
    except PermissionDenied:
        st.error(t("data.viewers"))
    else:
        st.success(t("data.h_reverted", id=audit_id))
