"""Cadres (干部队伍): succession, training compliance, assessment and duties of school
leaders, as pure functions on the cadre frames (docs/domain.md, "Cadres and training
(干部培训)")."""

from planning.cadres.assessment import AssessmentRules, grade, grade_changes
from planning.cadres.duties import DutyRules, duties
from planning.cadres.exchange import Exchange, ExchangeRules, exchange
from planning.cadres.succession import (
    LEVELS,
    Succession,
    SuccessionRules,
    rotation_due,
    succession,
    vacancies,
)
from planning.cadres.training import TrainingRules, TrainingSummary, training, training_summary
from planning.params import ParameterRefused

__all__ = [
    "LEVELS",
    "AssessmentRules",
    "DutyRules",
    "Exchange",
    "ExchangeRules",
    "ParameterRefused",
    "Succession",
    "SuccessionRules",
    "TrainingRules",
    "TrainingSummary",
    "duties",
    "exchange",
    "grade",
    "grade_changes",
    "rotation_due",
    "succession",
    "training",
    "training_summary",
    "vacancies",
]
