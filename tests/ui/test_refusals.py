"""A parameter a rule refuses is explained in the reader's language, naming the field
by its label and the rule in words, and the previous value is kept."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from planning.pay import PayPolicy
from planning.rotation import RotationRules
from ui.performance_pay import controls as pay_controls
from ui.state import WORKING

MakeApp = Callable[[str, str], AppTest]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh", "“优秀”应当满足 优秀 ≥ 合格 ≥ 基本合格 ≥ 0，现在是 0.9。已保留原来的值。"),
        ("en", "must be such that excellent ≥ pass ≥ basic pass ≥ 0; it was 0.9"),
    ],
)
def test_a_refused_pay_value_is_explained_in_the_readers_language(
    demo_sqlite: str, make_app: MakeApp, lang: str, expected: str
) -> None:
    at = make_app(demo_sqlite, lang).run()
    at.switch_page("pages/performance_pay.py").run()
    before = at.session_state[WORKING].pay
    at.number_input(key=pay_controls.key("excellent_multiplier")).set_value(0.9).run()
    assert not at.exception, [e.value for e in at.exception]
    errors = [e.value for e in at.error]
    assert any(expected in e for e in errors), errors
    if lang == "zh":
        assert not any("parameter" in e or "PayPolicy" in e for e in errors)
    assert at.session_state[WORKING].pay == before  # nothing changed


def test_the_english_sentence_stays_for_logs() -> None:
    with pytest.raises(ValueError, match="The 'rate' parameter of RotationRules must be in"):
        RotationRules(rate=1.5)
    with pytest.raises(ValueError, match="'basic_share' parameter of PayPolicy"):
        PayPolicy(basic_share=2.0)
