"""Training compliance (干部培训): in-post hours per five-year cycle, qualification
training before a principal post, and the seats a year to clear the backlog
(docs/domain.md, "Cadres and training (干部培训)")."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from planning.contracts import check
from planning.params import ParameterRefused

__all__ = ["TrainingRules", "TrainingSummary", "training", "training_summary"]


@dataclass(frozen=True)
class TrainingRules:
    """Parameters of training compliance; defaults in docs/domain.md."""

    cycle_hours: float = 360.0
    cycle_years: int = 5
    qualification_hours: float = 300.0
    qualification_positions: tuple[str, ...] = ("principal",)
    clear_years: int = 2

    def __post_init__(self) -> None:
        if self.cycle_hours < 0 or self.qualification_hours < 0:
            raise ParameterRefused(
                "cadres.refused.hours", "training hours must be >= 0",
                value=f"{self.cycle_hours}, {self.qualification_hours}",
            )  # fmt: skip
        if self.cycle_years < 1 or self.clear_years < 1:
            raise ParameterRefused(
                "cadres.refused.years", "cycle_years and clear_years must be >= 1",
                value=f"{self.cycle_years}, {self.clear_years}",
            )  # fmt: skip


@dataclass(frozen=True)
class TrainingSummary:
    """Counts of leaders by status, those lacking qualification training, and the
    training seats a year that clear the backlog within ``clear_years``."""

    leaders: int
    met: int
    on_track: int
    behind: int
    lacking_qualification: int
    seats_per_year: int


def training(
    cadres: pd.DataFrame,
    records: pd.DataFrame,
    rules: TrainingRules | None = None,
    *,
    year: int,
) -> pd.DataFrame:
    """Each leader's in-post training in the current cycle against the requirement.

    Cycles of ``cycle_years`` run from the year the leader took the present post
    (``appointed_year``); the current one began at ``appointed_year + cycle_years ×
    floor((year − appointed_year) / cycle_years)`` and is due at the end of its last
    year (``due_year``). ``hours`` sums the growth file's training entries from the
    cycle's start to ``year``. Status: ``met`` at ``cycle_hours`` or more; ``behind``
    below the pro-rata share (``cycle_hours × years elapsed / cycle_years``, the year
    itself counted); else ``on_track``. ``lacks_qualification``: a leader in a
    qualification position, in the first term, with fewer than ``qualification_hours``
    of qualification training (任职资格培训) before taking post.

    >>> c = pd.DataFrame({"cadre_id": [1, 2], "position": ["principal", "middle"],
    ...     "appointed_year": [2022, 2017], "term": [1, 1],
    ...     "pretraining_hours": [0.0, 0.0]})
    >>> r = pd.DataFrame({"cadre_id": [1, 2, 2], "year": [2023, 2020, 2022],
    ...     "kind": ["training"] * 3, "hours": [200.0, 300.0, 72.0]})
    >>> out = training(c, r, year=2026)
    >>> out[["cadre_id", "cycle_start", "due_year", "hours", "status"]].to_dict("records")
    [{'cadre_id': 1, 'cycle_start': 2022, 'due_year': 2026, 'hours': 200.0, 'status': 'behind'},
     {'cadre_id': 2, 'cycle_start': 2022, 'due_year': 2026, 'hours': 72.0, 'status': 'behind'}]
    >>> out["lacks_qualification"].tolist()
    [True, False]
    """
    rules = rules or TrainingRules()
    check(cadres, "cadres", ["cadre_id", "position", "appointed_year", "term", "pretraining_hours"])
    check(records, "cadre_records", ["cadre_id", "year", "kind", "hours"])
    since = np.minimum(cadres["appointed_year"].to_numpy(), year)
    start = since + rules.cycle_years * ((year - since) // rules.cycle_years)
    out = cadres[["cadre_id"]].assign(cycle_start=start, due_year=start + rules.cycle_years - 1)
    courses = records[(records["kind"] == "training") & (records["year"] <= year)]
    courses = courses.merge(out[["cadre_id", "cycle_start"]], on="cadre_id")
    courses = courses[courses["year"] >= courses["cycle_start"]]
    hours = courses.groupby("cadre_id")["hours"].sum()
    out["hours"] = out["cadre_id"].map(hours).fillna(0.0).to_numpy()
    elapsed = year - out["cycle_start"] + 1
    expected = rules.cycle_hours * elapsed / rules.cycle_years
    out["required"] = rules.cycle_hours
    out["shortfall"] = (rules.cycle_hours - out["hours"]).clip(lower=0.0)
    out["status"] = np.select(
        [out["hours"] >= rules.cycle_hours, out["hours"] < expected], ["met", "behind"], "on_track"
    )
    out["lacks_qualification"] = (
        cadres["position"].isin(rules.qualification_positions)
        & (cadres["term"] == 1)
        & (cadres["pretraining_hours"] < rules.qualification_hours)
    ).to_numpy()
    return out.reset_index(drop=True)


def training_summary(table: pd.DataFrame, rules: TrainingRules | None = None) -> TrainingSummary:
    """Counts of :func:`training`'s table. Seats a year: every leader behind and every
    leader lacking qualification training takes one seat (a person in both, two: the
    courses differ), spread evenly over ``clear_years`` and rounded up.

    >>> t = pd.DataFrame({"status": ["met", "behind", "behind", "on_track"],
    ...                   "lacks_qualification": [False, True, False, False]})
    >>> training_summary(t)
    TrainingSummary(leaders=4, met=1, on_track=1, behind=2, lacking_qualification=1,
                    seats_per_year=2)
    """
    rules = rules or TrainingRules()
    behind = int((table["status"] == "behind").sum())
    lacking = int(table["lacks_qualification"].sum())
    return TrainingSummary(
        leaders=len(table),
        met=int((table["status"] == "met").sum()),
        on_track=int((table["status"] == "on_track").sum()),
        behind=behind,
        lacking_qualification=lacking,
        seats_per_year=math.ceil((behind + lacking) / rules.clear_years),
    )
