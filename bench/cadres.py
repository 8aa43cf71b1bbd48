"""Benchmark steps of the cadre engines (issue 17): each what-if at most 150 ms, the
principal exchange plan at most 1 s."""

from __future__ import annotations

from collections.abc import Iterator

from bench.timing import Result, measure
from models import loaders
from planning import cadres

__all__ = ["TARGETS", "steps"]

TARGETS: dict[str, dict[str, float]] = {
    "cadres: succession": {"city": 150},
    "cadres: training": {"city": 150},
    "cadres: assessment + grade changes": {"city": 150},
    "cadres: duties": {"city": 150},
    "cadres: principal exchange plan": {"city": 1_000},
}


def steps(scale: str, frames: loaders.Frames, *, year: int = 2026) -> Iterator[Result]:
    """Each cadre engine on the whole scale, at its defaults (the assessment against
    other weights, as the page computes it)."""
    runs = {"demo": 20, "city": 10, "province": 3}[scale]
    moved = cadres.AssessmentRules(0.4, 0.4, 0.2)
    latest = int(frames.cadre_scores["year"].max()) if len(frames.cadre_scores) else year
    cases = {
        "cadres: succession": lambda: cadres.succession(
            frames.cadres, frames.schools, frames.cadre_reserves, year=year
        ),
        "cadres: training": lambda: cadres.training_summary(
            cadres.training(frames.cadres, frames.cadre_records, year=year)
        ),
        "cadres: assessment + grade changes": lambda: (
            cadres.grade(frames.cadre_scores, moved, year=latest),
            cadres.grade_changes(frames.cadre_scores, moved, cadres.AssessmentRules(), year=latest),
        ),
        "cadres: duties": lambda: cadres.duties(frames.cadres, frames.cadre_records, year=year),
        "cadres: principal exchange plan": lambda: cadres.exchange(
            cadres.rotation_due(frames.cadres, year=year),
            frames.schools,
            cadres.grade(frames.cadre_scores, year=latest).set_index("cadre_id")["composite"],
        ),
    }
    for name, step in cases.items():
        yield measure(name, step, runs=runs, target_ms=TARGETS[name].get(scale))
