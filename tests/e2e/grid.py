"""Typing into Streamlit's data grid (st.data_editor) as a person does, by keyboard."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.e2e.helpers import settle

__all__ = ["edit_and_save", "key", "open_cell", "select_cell", "type_into"]

HEADER_ROW = 35  # the editor's header and each row are 35 px high


def key(page: Any, name: str) -> Any:
    """The element of the widget keyed ``name`` (Streamlit marks it ``st-key-<name>``)."""
    return page.locator(f".st-key-{name}")


def select_cell(page: Any, grid: Any, column: int) -> None:
    """Select the first row's cell in ``column`` (0: the first shown column) by keyboard
    from the first cell, as the grid scrolls to follow it."""
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 70, box["y"] + HEADER_ROW + HEADER_ROW // 2)
    for pressed, times in (("ArrowUp", 3), ("ArrowLeft", 20), ("ArrowRight", column)):
        for _ in range(times):
            page.keyboard.press(pressed)


def open_cell(page: Any, grid: Any, column: int, editor: Any) -> None:
    """Open the first row's cell in ``column`` for editing until ``editor`` shows (a
    click the grid takes while it redraws after a run is lost; the next one is not)."""
    for _attempt in range(3):
        select_cell(page, grid, column)
        page.keyboard.press("Enter")
        try:
            editor.first.wait_for(state="visible", timeout=3_000)
            return
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    raise AssertionError(f"the cell in column {column} did not open for editing")


def type_into(page: Any, grid: Any, column: int, text: str) -> None:
    """Replace the text in the first row's ``column``."""
    field = page.locator("textarea.gdg-input")  # the grid's text editor, once it is open
    open_cell(page, grid, column, field)
    field.fill(text)
    field.press("Enter")
    # the grid sends a typed value a moment after the cell closes: wait for that run too
    settle(page, quiet_ms=1500)


def edit_and_save(page: Any, grid: Any, save: Any, column: int, text: str, answer: Any) -> None:
    """Type ``text`` into the first row's ``column`` and save until ``answer`` shows:
    under load the grid can lose a typed value, and a person then types it again."""
    for _attempt in range(4):
        type_into(page, grid, column, text)
        save.click()
        settle(page, quiet_ms=1000)
        if answer.count():
            return
    raise AssertionError(f"saving {text!r} never answered")
