"""The comparison's progress bar names each scenario as text (a name holding Markdown
must not load an image while the bar is shown; issue 19)."""

from __future__ import annotations

from typing import Any

import pytest

from planning.scenario import Scenario
from ui.scenarios import views


class _Slot:
    """Stands in for ``st.empty()``: records what the bar shows."""

    def __init__(self) -> None:
        self.shown: list[tuple[float, str]] = []
        self.cleared = False

    def progress(self, value: float, text: str) -> None:
        self.shown.append((value, text))

    def empty(self) -> None:
        self.cleared = True


def test_each_step_names_the_scenario_escaped(monkeypatch: pytest.MonkeyPatch) -> None:
    slot = _Slot()
    monkeypatch.setattr(views.st, "empty", lambda: slot)
    names = ["![x](http://127.0.0.1:9/x.png)", "方案乙"]
    ran: list[str] = []

    def run(one: Scenario) -> Any:
        ran.append(one.name)
        return one.name

    out = views.run_each([Scenario(n) for n in names], run)
    assert out == names and ran == names
    assert [v for v, _ in slot.shown] == [0.0, 0.5]
    first, second = (text for _, text in slot.shown)
    assert "![x](" not in first and r"\!\[x\]\(http\:" in first
    assert "方案乙" in second and "2" in second
    assert slot.cleared
