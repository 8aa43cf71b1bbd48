"""Links that reproduce a what-if: the working scenario travels in the URL.

``?plan=TOKEN`` carries every parameter of a scenario (its JSON, deflated and
base64url-encoded, so a link stays a few hundred characters); opening it on any
machine makes that scenario the working one, so every page shows the same figures
(from the same data). ``?scenario=NAME`` is the short link of a stored scenario.
Each link is applied once per session, then taken out of the address bar, so moving a
slider afterwards is not undone by a rerun. The presentation page reads ``scenario``
itself (which plan to present) and is left alone.
"""

from __future__ import annotations

import base64
import binascii
import json
import zlib

import streamlit as st

from planning.scenario import Scenario
from ui.i18n import t
from ui.saved import saved_scenarios, stored
from ui.state import load, working
from ui.text import plain

__all__ = ["PLAN", "SCENARIO", "open_link", "scenario_of", "share_box", "token"]

PLAN = "plan"
SCENARIO = "scenario"
_LIMIT = 64_000  # bytes a plan may inflate to: a scenario is about 1.5 kB


def token(scenario: Scenario) -> str:
    """``scenario`` as a URL-safe token (deflated JSON, base64url without padding)."""
    packed = zlib.compress(scenario.to_json().encode(), 9)
    return base64.urlsafe_b64encode(packed).decode().rstrip("=")


def scenario_of(text: str) -> Scenario:
    """The scenario a :func:`token` holds; ``ValueError`` when it holds none (cut short,
    altered, or a rule the parameters refuse)."""
    try:
        packed = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        inflater = zlib.decompressobj()
        raw = inflater.decompress(packed, _LIMIT)
        if inflater.unconsumed_tail:
            raise ValueError("plan too large")
        return Scenario.from_json(raw.decode())
    except (binascii.Error, zlib.error, UnicodeDecodeError, json.JSONDecodeError, TypeError) as exc:
        raise ValueError(str(exc)) from exc


def open_link(page: str) -> None:
    """Apply this session's ``?plan=`` or (except on the presentation page)
    ``?scenario=`` link once, and say what it opened; a link that holds no plan is
    explained and changes nothing."""
    wanted = st.query_params.get(PLAN)
    name = st.query_params.get(SCENARIO) if page != "presentation" else None
    if wanted:
        del st.query_params[PLAN]
        try:
            scenario = scenario_of(wanted)
        except ValueError:
            st.warning(t("share.bad_plan"))
            return
        load(scenario)
        st.toast(t("share.opened", name=plain(scenario.name)))
    elif name:
        del st.query_params[SCENARIO]
        rows = saved_scenarios()
        if name not in set(rows["name"]):
            st.warning(t("share.unknown", name=plain(name)))
            return
        load(stored(rows, name))
        st.toast(t("share.opened", name=plain(name)))


def share_box() -> None:
    """Sidebar: the link to this page with the working scenario, to copy."""
    base = str(st.context.url or "").split("?")[0]
    with st.sidebar.expander(t("share.title")):
        st.caption(t("share.help"))
        st.code(f"{base}?{PLAN}={token(working())}", language=None, wrap_lines=True)
