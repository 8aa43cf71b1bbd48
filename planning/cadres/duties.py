"""Leaders' yearly duties (§1 of the work plan): party lectures and research reports
against the minimum (docs/domain.md, "Cadres and training (干部培训)")."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from planning.contracts import check
from planning.params import ParameterRefused

__all__ = ["DutyRules", "duties"]


@dataclass(frozen=True)
class DutyRules:
    """The yearly minimum of party lectures and research reports per leader."""

    lectures: int = 1
    reports: int = 2

    def __post_init__(self) -> None:
        if self.lectures < 0 or self.reports < 0:
            raise ParameterRefused(
                "cadres.refused.duties", "the minimums must be >= 0",
                value=f"{self.lectures}, {self.reports}",
            )  # fmt: skip


def duties(
    cadres: pd.DataFrame,
    records: pd.DataFrame,
    rules: DutyRules | None = None,
    *,
    year: int,
) -> pd.DataFrame:
    """Per leader: lectures and reports in the growth file for ``year``, what each lacks
    of the minimum (``lectures_short``, ``reports_short``) and ``met`` (lacks nothing).

    >>> c = pd.DataFrame({"cadre_id": [1, 2]})
    >>> r = pd.DataFrame({"cadre_id": [1, 1, 1, 2], "year": [2026, 2026, 2026, 2025],
    ...     "kind": ["lecture", "report", "report", "lecture"]})
    >>> duties(c, r, year=2026)[["cadre_id", "lectures", "reports", "met"]].to_dict("records")
    [{'cadre_id': 1, 'lectures': 1, 'reports': 2, 'met': True},
     {'cadre_id': 2, 'lectures': 0, 'reports': 0, 'met': False}]
    """
    rules = rules or DutyRules()
    check(cadres, "cadres", ["cadre_id"])
    check(records, "cadre_records", ["cadre_id", "year", "kind"])
    done = records[records["year"] == year]
    out = cadres[["cadre_id"]].copy()
    for kind, column, minimum in (("lecture", "lectures", rules.lectures),
                                  ("report", "reports", rules.reports)):  # fmt: skip
        count = done[done["kind"] == kind].groupby("cadre_id").size()
        out[column] = out["cadre_id"].map(count).fillna(0).astype("int64")
        out[f"{column}_short"] = (minimum - out[column]).clip(lower=0)
    out["met"] = (out["lectures_short"] == 0) & (out["reports_short"] == 0)
    return out.reset_index(drop=True)
