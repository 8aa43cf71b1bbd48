"""The rotation rules (交流轮岗) as one frozen parameter object.

docs/domain.md, “Teacher rotation”. Source: 教师〔2014〕4号.
"""

from __future__ import annotations

from dataclasses import dataclass

from planning import params, vocab

__all__ = ["RotationRules"]


@dataclass(frozen=True)
class RotationRules:
    """The rotation rules, with the defaults of docs/domain.md, “Teacher rotation”
    (教师〔2014〕4号).

    ``min_years``: years at the same school before a teacher must rotate; ``rate``:
    share of a sending school's eligible teachers to rotate each year; ``backbone_share``:
    share of the rotating teachers who must be backbone teachers (``backbone_levels``);
    ``retire_guard_years``: teachers this close to the retirement age are exempt;
    ``sender_locations`` (and ``quality_school_ids``) send, ``receiver_locations`` and
    weak schools receive (a weak school never sends); ``max_km``: the longest move;
    ``within_district``: moves stay inside a county (县域内); ``fill_shortage``: fill
    as much receiver shortage as senders can spare, beyond the quotas;
    ``non_teaching_subjects`` never rotate; ``term_years``: a rotation's length, used by
    the multi-year simulation. ``weak_weight``: how many times a weak school's shortfall
    below its county's mean counts in the plan's balance objective;
    ``keep_sole_backbone``: a sender never gives away its last backbone teacher, even for
    the backbone share (the share then goes unmet and the plan says so);
    ``solve_seconds``: the longest the solver may take per county before it returns its
    best plan with the gap left. ``wish_tolerance``: the share of the plan's balance
    gain that teachers' wishes (志愿) may give up (0: wishes only choose among equally
    balanced plans; docs/domain.md, “Teachers' wishes”); the quotas and the shortage
    filled are never given up for a wish. ``use_wishes``: whether the plan takes the
    wishes into account at all (off by default: the wish stage is a second solve of
    every county's model and costs several times the plan's solver time).
    """

    min_years: int = 6
    rate: float = 0.10
    backbone_share: float = 0.20
    max_km: float | None = None
    retire_guard_years: int = 3
    retire_age_male: int = 60
    retire_age_female: int = 55
    sender_locations: tuple[str, ...] = ("urban",)
    receiver_locations: tuple[str, ...] = ("town", "rural")
    quality_school_ids: tuple[int, ...] = ()
    fill_shortage: bool = False
    within_district: bool = True
    backbone_levels: tuple[str, ...] = ("county", "city", "province")
    non_teaching_subjects: tuple[str, ...] = vocab.NON_TEACHING
    term_years: int = 3
    weak_weight: float = 2.0
    keep_sole_backbone: bool = True
    solve_seconds: float = 20.0
    wish_tolerance: float = 0.1
    use_wishes: bool = False

    def __post_init__(self) -> None:
        def bad(name: str, rule: str, english: str) -> params.ParameterRefused:
            return params.refused_rule(self, "rotation", name, rule, english)

        if not 0 <= self.rate <= 1:
            raise bad("rate", "share", "in [0, 1]")
        if not 0 <= self.backbone_share <= 1:
            raise bad("backbone_share", "share", "in [0, 1]")
        if self.min_years < 0:
            raise bad("min_years", "nonneg", ">= 0")
        if self.retire_guard_years < 0:
            raise bad("retire_guard_years", "nonneg", ">= 0")
        if self.max_km is not None and self.max_km <= 0:
            raise bad("max_km", "positive_or_none", "> 0 or None")
        if self.term_years < 1:
            raise bad("term_years", "at_least_one", ">= 1")
        if self.weak_weight < 0:
            raise bad("weak_weight", "nonneg", ">= 0")
        if not 0 <= self.wish_tolerance <= 1:
            raise bad("wish_tolerance", "share", "in [0, 1]")
        if self.solve_seconds <= 0:
            raise bad("solve_seconds", "positive", "> 0")
        for name in ("sender_locations", "receiver_locations"):
            if set(getattr(self, name)) - set(vocab.LOCATIONS):
                raise bad(name, "locations", f"a subset of {', '.join(vocab.LOCATIONS)}")
        if set(self.backbone_levels) - set(vocab.BACKBONES):
            raise bad("backbone_levels", "backbones", f"a subset of {', '.join(vocab.BACKBONES)}")

    def to_json(self) -> str:
        return params.to_json(self)

    @classmethod
    def from_json(cls, text: str) -> RotationRules:
        return params.from_json(cls, text)
