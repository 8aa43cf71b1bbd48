"""Playwright steps a person takes in Shizi, and waiting for Streamlit to settle."""

from __future__ import annotations

import time
from typing import Any

from playwright.sync_api import expect

__all__ = [
    "assert_no_errors",
    "choose_option",
    "metric_texts",
    "nudge_slider",
    "settle",
    "switch_language",
]

APP = "[data-testid='stApp']"


def settle(page: Any, quiet_ms: int = 400, timeout_s: float = 30.0) -> None:
    """Wait until the app is connected and no script run has been under way for
    ``quiet_ms`` (a rerun a click asked for may start a moment after the click)."""
    page.wait_for_selector(f"{APP}[data-test-connection-state='CONNECTED']")
    page.wait_for_load_state("networkidle")
    running = f"{APP}[data-test-script-state='running']"
    deadline = time.monotonic() + timeout_s
    quiet_since = time.monotonic()
    while time.monotonic() < deadline:
        if page.locator(running).count():
            quiet_since = time.monotonic()
        elif (time.monotonic() - quiet_since) * 1000 >= quiet_ms:
            return
        page.wait_for_timeout(25)
    raise AssertionError(f"the app kept running for {timeout_s} s")


def metric_texts(page: Any) -> list[str]:
    return [m.inner_text() for m in page.get_by_test_id("stMetricValue").all()]


def assert_no_errors(page: Any) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)
    expect(page.get_by_role("dialog")).to_have_count(0)  # e.g. Streamlit's "Page not found"
    assert "Traceback" not in page.inner_text("body")


def switch_language(page: Any, label: str) -> None:
    """Click the sidebar's language switch (中文 / English)."""
    page.get_by_test_id("stSidebar").get_by_role("radio", name=label, exact=True).click()
    settle(page)


def choose_option(page: Any, selectbox: Any, index: int) -> None:
    """Open a selectbox and pick its ``index``-th option."""
    selectbox.click()
    page.get_by_role("option").nth(index).click()
    settle(page)


def nudge_slider(page: Any, slider: Any, presses: int) -> None:
    """Move a slider by keyboard, as a person with arrow keys would."""
    thumb = slider.get_by_role("slider").first
    thumb.focus()
    key = "ArrowRight" if presses > 0 else "ArrowLeft"
    for _ in range(abs(presses)):
        thumb.press(key)
    settle(page)
