"""Sidebar controls for every rotation rule."""

from __future__ import annotations

import streamlit as st

from planning import vocab
from planning.rotation import RotationRules
from ui.i18n import label, lang_key, t

__all__ = ["rules_controls"]


def rules_controls(base: RotationRules) -> RotationRules:
    """Every rule as a control, starting from ``base``."""
    sb = st.sidebar
    min_years = sb.slider(t("rotation.min_years"), 1, 15, base.min_years, key="rot_min_years")
    rate = sb.slider(
        t("rotation.rate"), 0, 50, round(base.rate * 100), 1, format="%d%%", key="rot_rate"
    )
    backbone_share = sb.slider(
        t("rotation.backbone_share"),
        0,
        100,
        round(base.backbone_share * 100),
        5,
        format="%d%%",
        key="rot_backbone_share",
    )
    limit_km = sb.toggle(t("rotation.limit_km"), value=base.max_km is not None, key="rot_limit_km")
    max_km = sb.slider(
        t("rotation.max_km"),
        5,
        200,
        int(base.max_km or 50),
        5,
        disabled=not limit_km,
        key="rot_max_km",
    )
    fill = sb.toggle(
        t("rotation.fill_shortage"),
        value=base.fill_shortage,
        key="rot_fill",
        help=t("rotation.fill_shortage_help"),
    )
    with sb.expander(t("rotation.more_rules")):
        guard = st.slider(
            t("rotation.retire_guard_years"), 0, 10, base.retire_guard_years, key="rot_guard"
        )
        male = st.number_input(
            t("rotation.retire_age_male"), 50, 70, base.retire_age_male, key="rot_age_m"
        )
        female = st.number_input(
            t("rotation.retire_age_female"), 45, 70, base.retire_age_female, key="rot_age_f"
        )
        send = st.multiselect(
            t("rotation.sender_locations"),
            list(vocab.LOCATIONS),
            format_func=lambda c: label("location", c),
            key=lang_key("rot_senders", default=list(base.sender_locations)),
        )
        receive = st.multiselect(
            t("rotation.receiver_locations"),
            list(vocab.LOCATIONS),
            format_func=lambda c: label("location", c),
            key=lang_key("rot_receivers", default=list(base.receiver_locations)),
        )
        backbone_levels = st.multiselect(
            t("rotation.backbone_levels"),
            [b for b in vocab.BACKBONES if b != "none"],
            format_func=lambda c: label("backbone", c),
            key=lang_key("rot_backbone_levels", default=list(base.backbone_levels)),
        )
        within = st.toggle(
            t("rotation.within_district"), value=base.within_district, key="rot_within"
        )
        term = st.slider(t("rotation.term_years"), 1, 6, base.term_years, key="rot_term")
    return RotationRules(
        min_years=int(min_years),
        rate=rate / 100,
        backbone_share=backbone_share / 100,
        max_km=float(max_km) if limit_km else None,
        retire_guard_years=int(guard),
        retire_age_male=int(male),
        retire_age_female=int(female),
        sender_locations=tuple(send),
        receiver_locations=tuple(receive),
        fill_shortage=bool(fill),
        within_district=bool(within),
        backbone_levels=tuple(backbone_levels),
        term_years=int(term),
    )
