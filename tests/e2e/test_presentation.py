"""Presentation mode as a meeting screen (issue 16, Deliver 3): the keyboard and a
presenter's clicker step through the screens, B blacks the screen out, and each step
is saved as a screenshot at a projector's and a laptop's size for review."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.e2e.helpers import assert_no_errors, settle
from ui.presentation.keys import BLACKOUT
from ui.presentation.views import TOPICS

pytestmark = pytest.mark.e2e


def _at_step(page: Any, step: int) -> None:
    page.wait_for_url(f"**/presentation?step={step}")
    settle(page)
    assert_no_errors(page)


def test_keys_step_through_every_screen_and_black_out(
    page: Any, app_url: str, artifacts: Path
) -> None:
    page.goto(f"{app_url}/presentation?step=0")
    settle(page)
    page.wait_for_function("window.__shiziKeys === true")  # the key handler is in
    heading = page.locator("h1").first.inner_text()
    presses = ["ArrowRight", "PageDown", " ", "ArrowRight", "PageDown"]
    for step, key in zip(range(1, len(TOPICS)), presses, strict=True):
        page.keyboard.press(key)
        _at_step(page, step)
        now = page.locator("h1").first.inner_text()
        assert now != heading, f"{key} did not move to step {step}"
        heading = now
    page.keyboard.press("ArrowRight")  # the last screen stays
    settle(page)
    assert page.url.endswith(f"step={len(TOPICS) - 1}")
    page.keyboard.press("ArrowLeft")
    _at_step(page, len(TOPICS) - 2)
    page.keyboard.press("PageUp")
    _at_step(page, len(TOPICS) - 3)

    cover = page.locator(f"#{BLACKOUT}")
    page.keyboard.press("b")
    cover.wait_for(state="visible")
    page.keyboard.press(".")
    cover.wait_for(state="detached")


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)], ids=["1366x768", "1920x1080"])
def test_every_screen_at_meeting_sizes(
    page: Any, app_url: str, artifacts: Path, size: tuple[int, int]
) -> None:
    page.set_viewport_size({"width": size[0], "height": size[1]})
    for step, topic in enumerate(TOPICS):
        page.goto(f"{app_url}/presentation?step={step}")
        settle(page)
        assert_no_errors(page)
        deltas = page.get_by_test_id("stMetric").count()
        assert deltas >= 1, topic
        page.screenshot(path=str(artifacts / f"present-{size[0]}x{size[1]}-{step}-{topic}.png"))
