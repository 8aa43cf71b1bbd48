"""Scenarios: the parameters of every engine under a name; run them all, diff two runs.

docs/design.md, "Parameters are values": a scenario serialises to JSON and back
unchanged.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from planning import establishment, pay, pay_analysis, rotation
from planning.scope import restrict

__all__ = ["Scenario", "ScenarioDiff", "ScenarioResult", "diff", "run"]


@dataclass(frozen=True)
class Scenario:
    """Everything a plan depends on: standard and growth, rotation rules and year, pay
    policy, and the scope (a county, or the whole city when ``district_id`` is None).

    ``custom_standard`` (rows of level, location, students per staff) replaces the
    named ``standard`` set when given.
    """

    name: str
    standard: str = "2001"
    custom_standard: tuple[tuple[str, str, float], ...] = ()
    growth_primary: float = 0.0
    growth_junior: float = 0.0
    growth_senior: float = 0.0
    class_floor: float | None = None
    rotation: rotation.RotationRules = field(default_factory=rotation.RotationRules)
    rotation_year: int = 2026
    pay: pay.PayPolicy = field(default_factory=pay.PayPolicy)
    district_id: int | None = None

    def growth(self) -> dict[str, float]:
        return {
            "primary": self.growth_primary,
            "junior": self.growth_junior,
            "senior": self.growth_senior,
        }

    def to_json(self) -> str:
        """JSON with the rotation rules and pay policy nested.

        >>> s = Scenario("A", growth_primary=0.05, custom_standard=(("primary", "rural", 19.0),))
        >>> Scenario.from_json(s.to_json()) == s
        True
        """
        return json.dumps(dataclasses.asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Scenario:
        data: dict[str, Any] = json.loads(text)
        unknown = set(data) - {f.name for f in dataclasses.fields(cls)}
        if unknown:
            raise ValueError(f"Scenario: unknown field(s) {', '.join(sorted(unknown))}")
        data["rotation"] = rotation.RotationRules.from_json(json.dumps(data.get("rotation", {})))
        data["pay"] = pay.PayPolicy.from_json(json.dumps(data.get("pay", {})))
        data["custom_standard"] = tuple(tuple(r) for r in data.get("custom_standard", ()))
        return cls(**data)


@dataclass(frozen=True)
class ScenarioResult:
    """Every engine's output for one scenario, and the headline figures per module;
    ``balance``: each county's balance indicators before and after the rotation plan
    (:meth:`planning.rotation.RotationSummary.balance`)."""

    scenario: Scenario
    headline: dict[str, dict[str, float]]
    quotas: pd.DataFrame
    moves: pd.DataFrame
    allocation: pd.DataFrame
    balance: pd.DataFrame


@dataclass(frozen=True)
class ScenarioDiff:
    """``headline``: module, figure, a, b, delta; ``moves_only_a`` / ``moves_only_b``:
    moves in one plan and not the other (by teacher and destination); ``pay``: the
    teachers whose pay changes most (:func:`planning.pay.compare`, largest first);
    ``quotas``: schools whose quota changes."""

    headline: pd.DataFrame
    moves_only_a: pd.DataFrame
    moves_only_b: pd.DataFrame
    pay: pd.DataFrame
    quotas: pd.DataFrame


def _standard(scenario: Scenario, standards: pd.DataFrame) -> pd.DataFrame:
    if scenario.custom_standard:
        return pd.DataFrame(
            list(scenario.custom_standard), columns=["level", "location", "students_per_staff"]
        )
    rows = standards[standards["name"] == scenario.standard]
    if rows.empty:
        raise ValueError(
            f"Scenario {scenario.name!r}: unknown staffing standard {scenario.standard!r}"
        )
    return rows.drop(columns="name").reset_index(drop=True)


def run(
    scenario: Scenario,
    *,
    schools: pd.DataFrame,
    teachers: pd.DataFrame,
    standards: pd.DataFrame,
    curriculum: pd.DataFrame,
    wishes: pd.DataFrame | None = None,
) -> ScenarioResult:
    """Run establishment, rotation and pay for ``scenario`` on the given frames
    (``standards`` holds every named set, column ``name``); the rotation honours the
    teachers' ``wishes`` when the scenario's rules use them (``use_wishes``), as the
    Rotation page does, so a scenario shows the plan its page showed."""
    if scenario.district_id is not None:
        schools, teachers = restrict(schools, teachers, district_ids=[scenario.district_id])
    quota = establishment.quotas(
        schools, teachers, _standard(scenario, standards),
        growth=scenario.growth(), class_floor=scenario.class_floor,
    )  # fmt: skip
    gaps = establishment.subject_gaps(schools, teachers, curriculum, growth=scenario.growth())
    teaching = gaps[~gaps["subject"].isin(scenario.rotation.non_teaching_subjects)]
    if wishes is not None:
        wishes = wishes[wishes["teacher_id"].isin(teachers["teacher_id"])]
    plan = rotation.plan(
        teachers, schools, scenario.rotation, year=scenario.rotation_year,
        curriculum=curriculum, wishes=wishes,
    )  # fmt: skip
    allocation = pay.allocate(teachers, schools, scenario.pay)
    money = pay_analysis.summary(allocation, teachers, schools)
    headline = {
        "establishment": {
            **{k: float(v) for k, v in establishment.summary(quota).items()},
            "subject_shortage": round(float(teaching["gap"].clip(lower=0).sum()), 3),
        },
        "rotation": {
            "eligible": float(plan.summary.eligible),
            "required": float(plan.summary.required),
            "moved": float(plan.summary.moved),
            "backbone_share": plan.summary.backbone_share,
            "shortage_after": plan.summary.shortage_after,
            "shortage_created": plan.summary.shortage_created,
            "mean_km": plan.summary.mean_km,
            "counties": float(plan.summary.counties),
            **{
                f"counties_{level}_{when}": float(plan.summary.counties_meeting(when, level))
                for level in ("primary", "junior")
                for when in ("before", "after")
            },
        },
        "pay": {
            "budget_fen": float(money.budget_fen),
            "mean_fen": money.mean_fen,
            "urban_rural_ratio": money.urban_rural_ratio,
            "gini": money.gini,
        },
    }
    return ScenarioResult(scenario, headline, quota, plan.moves, allocation, plan.summary.balance())


def diff(a: ScenarioResult, b: ScenarioResult, *, top: int = 50) -> ScenarioDiff:
    """What changes from ``a`` to ``b``."""
    rows = [
        (module, figure, value, b.headline[module].get(figure, float("nan")))
        for module, figures in a.headline.items()
        for figure, value in figures.items()
    ]
    headline = pd.DataFrame(rows, columns=["module", "figure", "a", "b"])
    headline["delta"] = headline["b"] - headline["a"]
    key = ["teacher_id", "to_school"]
    merged = a.moves.merge(b.moves[key], on=key, how="left", indicator=True)
    only_a = merged[merged["_merge"] == "left_only"].drop(columns="_merge")
    merged = b.moves.merge(a.moves[key], on=key, how="left", indicator=True)
    only_b = merged[merged["_merge"] == "left_only"].drop(columns="_merge")
    change = pay.compare(a.allocation, b.allocation)
    change = change.reindex(change["delta_fen"].abs().sort_values(ascending=False).index)
    quotas = a.quotas[["school_id", "quota"]].merge(
        b.quotas[["school_id", "quota"]], on="school_id", suffixes=("_a", "_b")
    )
    quotas = quotas[quotas["quota_a"] != quotas["quota_b"]].assign(
        delta=lambda f: f["quota_b"] - f["quota_a"]
    )
    return ScenarioDiff(
        headline=headline,
        moves_only_a=only_a.reset_index(drop=True),
        moves_only_b=only_b.reset_index(drop=True),
        pay=change.head(top).reset_index(drop=True),
        quotas=quotas.reset_index(drop=True),
    )
