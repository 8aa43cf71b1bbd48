"""Storing the proposed mentoring pairs as links, and ending a running link
(:func:`models.writers.store_mentor_links`, :func:`models.writers.end_mentor_link`).
Editors only; storing asks for a confirmation first; refusals are sentences."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from models.db import get_engine
from models.decisions import today
from models.roles import PermissionDenied
from models.writers import LinkRefused, end_mentor_link, store_mentor_links
from planning.talent import LinkCoverage
from ui.auth import can, current_actor
from ui.confirm import confirmed
from ui.i18n import label, lang, t

__all__ = ["END", "ENDED", "NO", "STORE", "YES", "end_link", "store_pairs"]

STORE = "talent_links_store"
YES, NO = "talent_links_yes", "talent_links_no"
END, ENDED = "talent_links_end", "talent_links_end_button"
_PENDING = "talent_links_pending"  # the pairs waiting for their confirmation
_DONE = "talent_links_done"  # the last write's message, shown once after the rerun


def store_pairs(coverage: LinkCoverage) -> None:
    """For editors: a button storing the proposal's pairs not stored yet, then a
    confirmation naming how many and from which year."""
    done = st.session_state.pop(_DONE, None)
    if done:
        st.success(done)
    if not can("editor"):
        return
    new = coverage.new_pairs
    if new.empty:
        st.caption(t("talent.links_all_stored"))
        return
    pairs = new[["teacher_id", "school_id", "subject"]].to_dict("records")
    if st.button(t("talent.links_store", n=len(pairs)), key=STORE):
        st.session_state[_PENDING] = pairs
    if st.session_state.get(_PENDING) != pairs:
        return
    year = today().year
    question = t("talent.links_confirm", n=len(pairs), year=year)
    if not confirmed(_PENDING, question, yes=(t("talent.links_yes"), YES),
                     no=(t("talent.links_no"), NO)):  # fmt: skip
        return
    try:
        ids = store_mentor_links(engine=get_engine(), pairs=pairs, year=year,
                                 actor=current_actor())  # fmt: skip
    except LinkRefused as exc:
        st.error(exc.text(lang()), icon=":material/block:")
    except PermissionDenied:
        st.error(t("data.viewers"))
    else:
        st.session_state[_DONE] = t("talent.links_stored", n=len(ids), year=year)
        st.rerun()


def end_link(links: pd.DataFrame, names: dict[int, str], schools: dict[int, str]) -> None:
    """For editors: choose a running link and end it this year."""
    running = links[links["status"] == "active"]
    if not can("editor") or running.empty:
        return
    shown = {
        int(r.link_id): t("talent.links_choice", mentor=names.get(r.teacher_id, r.teacher_id),
                          school=schools.get(r.school_id, r.school_id),
                          subject=label("subject", str(r.subject)))
        for r in running.itertuples()
    }  # fmt: skip
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    chosen = left.selectbox(t("talent.links_end_choose"), list(shown),
                            format_func=lambda k: shown[k], index=None, key=END)  # fmt: skip
    if not right.button(t("talent.links_end"), key=ENDED, disabled=chosen is None):
        return
    if chosen is None:
        return
    row = running.set_index("link_id").loc[int(chosen)]
    year = max(today().year, int(row["started_year"]))
    try:
        end_mentor_link(engine=get_engine(), link_id=int(chosen), year=year,
                        actor=current_actor())  # fmt: skip
    except LinkRefused as exc:
        st.error(exc.text(lang()), icon=":material/block:")
    except PermissionDenied:
        st.error(t("data.viewers"))
    else:
        st.session_state[_DONE] = t("talent.links_ended", link=shown[int(chosen)], year=year)
        st.rerun()
