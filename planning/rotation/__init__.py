"""Urban–rural teacher rotation (交流轮岗): who is eligible, the best set of moves, what
limited it, and several years of it.

docs/domain.md, “Teacher rotation” and “Balance indicators”. Source: 教师〔2014〕4号.
One module per concern: :mod:`~planning.rotation.rules` (the parameters),
:mod:`~planning.rotation.eligibility` (senders, receivers, who must rotate, quotas),
:mod:`~planning.rotation.arcs` (the candidate moves), :mod:`~planning.rotation.objective`
(what a move is worth), :mod:`~planning.rotation.solve` (the optimisers),
:mod:`~planning.rotation.report` (summary, binding rules, roles, flows),
:mod:`~planning.rotation.counties` (the inputs, split by county),
:mod:`~planning.rotation.planner` (:func:`plan`, which runs them in order),
:mod:`~planning.rotation.wishes` (teachers' wishes, a further stage, and why each
teacher goes where they go),
:mod:`~planning.rotation.inverse` (the fewest moves that meet the thresholds) and
:mod:`~planning.rotation.simulation` (several school years).
"""

from planning.rotation.eligibility import eligible, receivers, senders
from planning.rotation.inverse import ThresholdPlan, moves_to_meet
from planning.rotation.planner import RotationPlan, plan
from planning.rotation.report import RotationSummary, district_flows, school_roles
from planning.rotation.rules import RotationRules
from planning.rotation.simulation import TermPastGuard, simulate
from planning.rotation.wishes import WishOutcome, wish_outcome

__all__ = [
    "RotationPlan", "RotationRules", "RotationSummary", "TermPastGuard", "ThresholdPlan",
    "WishOutcome", "district_flows",
    "eligible", "moves_to_meet", "plan", "receivers", "school_roles", "senders", "simulate",
    "wish_outcome",
]  # fmt: skip
