"""Establishment's controls, all bound to the working scenario: the staffing standard
(a stored set, or a custom copy edited in place), enrollment growth per section and
the class floor for small rural schools."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from planning import vocab
from ui.i18n import label, per_language, t
from ui.state import bind, change, owned, working

__all__ = [
    "CLASS_FLOOR",
    "CLASS_FLOOR_ON",
    "CUSTOM",
    "CUSTOM_BASE",
    "STANDARD",
    "class_floor_controls",
    "controls",
    "custom_editor_key",
    "growth_controls",
    "growth_key",
    "standard_controls",
]

CUSTOM = "__custom__"  # the standard choice meaning "a custom copy"
STANDARD = "est_standard"  # + ".<lang>": the standard choice
CUSTOM_BASE = "est_custom_base"  # + ".<lang>": the set a custom copy starts from
CLASS_FLOOR_ON = "est_floor_on"
CLASS_FLOOR = "est_floor"
_COLUMNS = ["level", "location", "students_per_staff"]


def controls(standards: pd.DataFrame) -> None:
    """Every establishment control, in the sidebar."""
    standard_controls(standards)
    growth_controls()
    class_floor_controls()


def growth_key(level: str) -> str:
    """The key of the growth slider of a section (``primary``, ``junior``, ``senior``)."""
    return f"est_growth_{level}"


def custom_editor_key(base: str) -> str:
    """The key of the custom standard's editor, per base set."""
    return f"est_custom_{base}"


def _rows(standards: pd.DataFrame, name: str) -> tuple[tuple[str, str, float], ...]:
    rows = standards[standards["name"] == name]
    return tuple(
        (str(lv), str(loc), float(r))
        for lv, loc, r in rows[_COLUMNS].itertuples(index=False, name=None)
    )


def standard_controls(standards: pd.DataFrame) -> None:
    """The standard choice; with a custom copy, its base set and the editable ratios."""
    names = sorted(standards["name"].unique())

    def chose(choice: str) -> None:
        if choice == CUSTOM:
            base = working().standard if working().standard in names else names[0]
            change(standard=base, custom_standard=_rows(standards, base))
        else:
            change(standard=choice, custom_standard=())

    st.sidebar.selectbox(
        t("establishment.standard"),
        [*names, CUSTOM],
        format_func=lambda n: (
            t("establishment.custom") if n == CUSTOM else t("establishment.standard_name", name=n)
        ),
        **bind(
            per_language(STANDARD),
            lambda s: CUSTOM if s.custom_standard else s.standard,
            chose,
        ),
    )
    if not working().custom_standard:
        return
    base = st.sidebar.selectbox(
        t("establishment.custom_base"),
        names,
        format_func=lambda n: t("establishment.standard_name", name=n),
        **bind(
            per_language(CUSTOM_BASE),
            lambda s: s.standard if s.standard in names else names[0],
            lambda b: change(standard=b, custom_standard=_rows(standards, b)),
        ),
    )
    _custom_editor(base)


def _custom_editor(base: str) -> None:
    current = working().custom_standard
    wide = (
        pd.DataFrame(list(current), columns=_COLUMNS)
        .pivot(index="level", columns="location", values="students_per_staff")
        .reindex(index=list(vocab.LEVELS), columns=list(vocab.LOCATIONS))
    )
    wide.insert(0, "section", [label("level", lv) for lv in wide.index])
    st.sidebar.caption(t("establishment.custom_help"))
    edited = st.sidebar.data_editor(
        wide.reset_index(drop=True),
        key=owned(custom_editor_key(base)),
        hide_index=True,
        disabled=["section"],
        column_config={
            "section": t("common.level"),
            **{
                loc: st.column_config.NumberColumn(
                    label("location", loc),
                    min_value=1.0,
                    max_value=60.0,
                    step=0.5,
                    required=True,
                    format="%.1f",
                )
                for loc in vocab.LOCATIONS
            },
        },
    )
    edited.index = list(vocab.LEVELS)
    rows = tuple(
        (lv, loc, float(edited.loc[lv, loc]))
        for lv in vocab.LEVELS
        for loc in vocab.LOCATIONS
        if pd.notna(edited.loc[lv, loc])
    )
    # The editor shows the scenario's rows plus the person's edits: only an edit
    # differs from them, so the scenario changes only when someone edits a cell.
    if sorted(rows) != sorted(current):
        change(custom_standard=rows)


def growth_controls() -> None:
    """Enrollment growth per section, −30 % … +30 % (wider when a scenario says so)."""
    st.sidebar.markdown(f"**{t('establishment.growth')}**")
    for lv in vocab.LEVELS:
        _growth_slider(lv)


def _growth_slider(level: str) -> None:
    field = f"growth_{level}"
    value = float(getattr(working(), field))
    st.sidebar.slider(
        label("level", level),
        min_value=min(-0.3, value),
        max_value=max(0.3, value),
        step=0.01,
        format="percent",
        **bind(
            growth_key(level),
            lambda s: getattr(s, field),
            lambda v: change(**{field: float(v)}),
        ),
    )


def class_floor_controls() -> None:
    """A floor of staff per class for small rural schools, on or off."""

    def switched(on: bool) -> None:
        change(class_floor=float(st.session_state.get(CLASS_FLOOR, 1.5)) if on else None)

    on = st.sidebar.toggle(
        t("establishment.class_floor"),
        **bind(CLASS_FLOOR_ON, lambda s: s.class_floor is not None, switched),
    )
    floor = working().class_floor
    st.sidebar.slider(
        t("establishment.class_floor_value"),
        min_value=min(1.0, floor or 1.0),
        max_value=max(3.0, floor or 3.0),
        step=0.1,
        disabled=not on,
        **bind(
            CLASS_FLOOR,
            lambda s: s.class_floor or 1.5,
            lambda v: change(class_floor=float(v)) if working().class_floor is not None else None,
        ),
    )
