"""Rotation's controls: every rotation rule, the planning year and the scope, bound to
the working scenario; the simulation's length (a view setting)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from planning import vocab
from ui.i18n import label, per_language, t
from ui.scope import WHOLE_CITY
from ui.state import bind, change, change_rules, working

__all__ = [
    "BACKBONE_LEVELS",
    "INVERSE",
    "INVERSE_RUN",
    "LIMIT_KM",
    "RECEIVERS",
    "SCOPE",
    "SENDERS",
    "SIMULATION",
    "SIM_RUN",
    "SIM_YEARS",
    "YEAR",
    "inverse_button",
    "key",
    "rules_controls",
    "scope_controls",
    "simulation_years",
]

YEAR = "rot_year"
SCOPE = "rot_scope"  # + ".<lang>"
LIMIT_KM = "rot_limit_km"
SENDERS = "rot_sender_locations"  # + ".<lang>"
RECEIVERS = "rot_receiver_locations"  # + ".<lang>"
BACKBONE_LEVELS = "rot_backbone_levels"  # + ".<lang>"
SIM_YEARS = "rot_sim_years"
SIM_RUN = "rot_sim_run"
SIMULATION = "rot_sim"  # the last simulation's result, in session state
INVERSE = "rot_inverse"  # the last inverse answer and the inputs it answers, in session state
INVERSE_RUN = "rot_inverse_run"


def key(field: str) -> str:
    """The key of the control of a :class:`planning.rotation.RotationRules` field."""
    return f"rot_{field}"


def _rule(widget: Any, field: str, lo: float, hi: float, step: float, **extra: Any) -> None:
    """A slider or number input bound to the rule ``field``; its range widens to take
    a scenario's value outside it."""
    value = getattr(working().rotation, field)
    kind = type(step)
    widget(
        t(f"rotation.{field}"),
        min_value=kind(min(lo, value)),
        max_value=kind(max(hi, value)),
        step=step,
        **extra,
        **bind(
            key(field),
            lambda s: kind(getattr(s.rotation, field)),
            lambda v: change_rules(**{field: kind(v)}),
        ),
    )


def _locations(widget: Any, field: str, base: str, options: list[str], kind: str) -> None:
    widget(
        t(f"rotation.{field}"),
        options,
        format_func=lambda c: label(kind, c),
        **bind(
            per_language(base),
            lambda s: list(getattr(s.rotation, field)),
            lambda v: change_rules(**{field: tuple(v)}),
        ),
    )


def scope_controls(names: dict[int, str]) -> None:
    """The planning year and the scope (the whole city or one county)."""
    year = working().rotation_year
    st.sidebar.number_input(
        t("rotation.year"),
        min_value=min(2000, year),
        max_value=max(2100, year),
        **bind(YEAR, lambda s: s.rotation_year, lambda v: change(rotation_year=int(v))),
    )
    labels = {WHOLE_CITY: t("common.whole_city"), **names}  # in the language of this run
    st.sidebar.selectbox(
        t("common.scope"),
        list(labels),
        format_func=labels.__getitem__,
        **bind(
            per_language(SCOPE),
            lambda s: WHOLE_CITY if s.district_id is None else s.district_id,
            lambda v: change(district_id=None if v == WHOLE_CITY else int(v)),
        ),
    )


def rules_controls() -> None:
    """Every rule as a control in the sidebar (the rarer ones in an expander)."""
    sb = st.sidebar
    _rule(sb.slider, "min_years", 1, 15, 1)
    _rule(sb.slider, "rate", 0.0, 0.5, 0.01, format="percent")
    _rule(sb.slider, "backbone_share", 0.0, 1.0, 0.05, format="percent")

    def limit(on: bool) -> None:
        change_rules(max_km=float(st.session_state.get(key("max_km"), 50.0)) if on else None)

    on = sb.toggle(
        t("rotation.limit_km"), **bind(LIMIT_KM, lambda s: s.rotation.max_km is not None, limit)
    )
    max_km = working().rotation.max_km
    sb.slider(
        t("rotation.max_km"),
        min_value=min(5.0, max_km or 5.0),
        max_value=max(200.0, max_km or 200.0),
        step=5.0,
        disabled=not on,
        **bind(
            key("max_km"),
            lambda s: float(s.rotation.max_km or 50.0),
            lambda v: change_rules(max_km=float(v)) if working().rotation.max_km else None,
        ),
    )
    sb.toggle(
        t("rotation.fill_shortage"),
        help=t("rotation.fill_shortage_help"),
        **bind(
            key("fill_shortage"),
            lambda s: s.rotation.fill_shortage,
            lambda v: change_rules(fill_shortage=bool(v)),
        ),
    )
    wishes_on = working().rotation.use_wishes
    sb.toggle(
        t("rotation.use_wishes"),
        help=t("rotation.use_wishes_help"),
        **bind(
            key("use_wishes"),
            lambda s: s.rotation.use_wishes,
            lambda v: change_rules(use_wishes=bool(v)),
        ),
    )
    _rule(sb.slider, "wish_tolerance", 0.0, 1.0, 0.05, format="percent",
          help=t("rotation.wish_tolerance_help"), disabled=not wishes_on)  # fmt: skip
    with sb.expander(t("rotation.more_rules")):
        _rule(st.slider, "retire_guard_years", 0, 10, 1)
        _rule(st.number_input, "retire_age_male", 50, 70, 1)
        _rule(st.number_input, "retire_age_female", 45, 70, 1)
        locations = list(vocab.LOCATIONS)
        _locations(st.multiselect, "sender_locations", SENDERS, locations, "location")
        _locations(st.multiselect, "receiver_locations", RECEIVERS, locations, "location")
        backbones = [b for b in vocab.BACKBONES if b != "none"]
        _locations(st.multiselect, "backbone_levels", BACKBONE_LEVELS, backbones, "backbone")
        st.toggle(
            t("rotation.within_district"),
            **bind(
                key("within_district"),
                lambda s: s.rotation.within_district,
                lambda v: change_rules(within_district=bool(v)),
            ),
        )
        _rule(st.slider, "term_years", 1, 6, 1)
        _rule(st.slider, "weak_weight", 1.0, 5.0, 0.5)
        st.toggle(
            t("rotation.keep_sole_backbone"),
            help=t("rotation.keep_sole_backbone_help"),
            **bind(
                key("keep_sole_backbone"),
                lambda s: s.rotation.keep_sole_backbone,
                lambda v: change_rules(keep_sole_backbone=bool(v)),
            ),
        )


def simulation_years() -> tuple[int, bool]:
    """How many years to simulate, and whether the person asked for it now."""
    years = int(st.slider(t("rotation.sim_years"), 1, 5, 3, key=SIM_YEARS))
    return years, st.button(t("rotation.sim_run"), key=SIM_RUN)


def inverse_button() -> bool:
    """Whether the person asked now for the fewest moves that meet the thresholds."""
    return st.button(t("rotation.inverse_run"), key=INVERSE_RUN)
