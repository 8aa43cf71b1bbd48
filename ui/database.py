"""The database gate: before any page reads, make sure the database is usable.

Empty: offer an admin to create the demo city (everyone else is told the command to
ask for). Unreachable (also when the server goes away after the app started), not a
database, foreign, older or newer schema: say what is wrong and what to do, in the
user's language, and stop — nothing is migrated, overwritten or re-seeded here.
"""

from __future__ import annotations

import streamlit as st
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from models.db import get_engine, resolve_url
from models.schema import SchemaState, migrate, status
from seed.database import SeedRefused, has_data, seed_database
from ui.auth import may_seed
from ui.i18n import t

__all__ = ["ensure_ready"]

_READY: set[str] = set()  # URLs known current and seeded in this process


def _shown_url(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def ensure_ready() -> None:
    """Return when the database is current and holds data; otherwise explain and stop."""
    url = resolve_url()
    if url in _READY and _reachable(url):
        return
    _READY.discard(url)
    state, detail = status(url)
    shown = _shown_url(url)
    if state == SchemaState.CURRENT and has_data(get_engine(url)):
        _READY.add(url)
        return
    if state in (SchemaState.EMPTY, SchemaState.CURRENT):
        _offer_seed(url, shown, fresh=state == SchemaState.EMPTY)
    else:
        st.error(t(f"db.{state.value}.title"), icon=":material/error:")
        st.markdown(t(f"db.{state.value}.body", url=shown, detail=detail))
    st.stop()


def _reachable(url: str) -> bool:
    """A pooled connection answers (the engine pings it): the server is still there."""
    try:
        with get_engine(url).connect():
            return True
    except (DBAPIError, OSError):
        return False


def _offer_seed(url: str, shown: str, *, fresh: bool) -> None:
    st.title(t("db.empty.title"))
    st.markdown(t("db.empty.body", url=shown))
    if not may_seed():
        st.info(t("db.empty.ask_admin"), icon=":material/admin_panel_settings:")
        st.code("shizi seed --scale city", language="bash")
        return
    st.code(
        "make seed SCALE=city\n# " + t("db.empty.or") + "\nshizi seed --scale city", language="bash"
    )
    scale = st.radio(
        t("db.empty.scale"),
        ["demo", "city"],
        format_func=lambda s: t(f"db.scale.{s}"),
        horizontal=True,
        key="db_seed_scale",
    )
    if not st.button(t("db.empty.button"), type="primary", key="db_seed_go"):
        return
    with st.status(t("db.empty.running"), expanded=True) as box:
        bar = st.progress(0.0)

        def advance(fraction: float, _stage: str) -> None:
            bar.progress(min(1.0, fraction))

        if fresh:
            migrate(url)
        try:
            counts = seed_database(
                engine=get_engine(url),
                scale=scale,
                progress=advance,
            )
        except SeedRefused:
            box.update(label=t("db.empty.refused"), state="error")
            return
        box.update(label=t("db.empty.done", **counts), state="complete")
    _READY.add(url)
    st.rerun()
