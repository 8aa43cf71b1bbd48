"""What a person does to one control, as Playwright steps: a step prepares (opens a
dropdown, types a name; not timed) and then gives the one input that starts a rerun
(timed from that key or pointer event).

Controls are found by the ``st-key-<key>`` class Streamlit gives a keyed widget, so
the keys are the constants defined next to the widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["Control", "Step", "button", "keyed", "multiselect", "number", "open_expanders",
           "selectbox", "slider", "text", "toggle"]  # fmt: skip

Step = tuple[Callable[[], object] | None, Callable[[], object]]  # (prepare, act)


def keyed(page: Any, key: str) -> Any:
    """The container of the widget with ``key`` (Streamlit writes '.' as '-')."""
    return page.locator(f".st-key-{key.replace('.', '-')}")


def open_expanders(page: Any) -> None:
    """Open every closed expander (no rerun), so the controls inside can be reached."""
    closed = page.locator("details:not([open]) > summary")
    for _ in range(closed.count()):
        closed.first.click()


@dataclass(frozen=True)
class Control:
    """A control and the steps of its repetitions (``step(page, k)`` for the k-th)."""

    name: str
    step: Callable[[Any, int], Step]


def slider(
    name: str, key: str, pattern: Callable[[int], int] = lambda k: 1 - 2 * (k % 2)
) -> Control:
    """Arrow keys on the thumb: +1, -1, +1, … by default (``pattern(k)`` presses)."""

    def step(page: Any, k: int) -> Step:
        thumb = keyed(page, key).get_by_role("slider").first
        presses = pattern(k)
        arrow = "ArrowRight" if presses > 0 else "ArrowLeft"

        def act() -> None:
            for _ in range(abs(presses)):
                thumb.press(arrow)

        return thumb.focus, act

    return Control(name, step)


def toggle(name: str, key: str) -> Control:
    return Control(name, lambda page, k: (None, keyed(page, key).locator("label").first.click))


def number(name: str, key: str) -> Control:
    """The + and − buttons in turn."""

    def step(page: Any, k: int) -> Step:
        which = "stNumberInputStepUp" if k % 2 == 0 else "stNumberInputStepDown"
        return None, keyed(page, key).get_by_test_id(which).click

    return Control(name, step)


def selectbox(name: str, key: str, options: tuple[int | str, ...] = (1, 0)) -> Control:
    """Open the dropdown (untimed), pick options in turn (by index or by label)."""

    def step(page: Any, k: int) -> Step:
        choice = options[k % len(options)]
        option = (
            page.get_by_role("option").nth(choice)
            if isinstance(choice, int)
            else page.get_by_role("option", name=choice, exact=True)
        )
        return keyed(page, key).get_by_role("combobox").click, option.click

    return Control(name, step)


def multiselect(name: str, key: str) -> Control:
    """Add the first offered option, then take it away (Backspace), in turn."""

    def step(page: Any, k: int) -> Step:
        box = keyed(page, key).get_by_role("combobox")
        if k % 2 == 0:
            offered = page.locator("[role='option']:not([data-key='__select_all__'])").first

            def open_menu() -> None:
                box.click()
                try:
                    offered.wait_for(timeout=3_000)
                except Exception:  # the click closed a menu left open: open it again
                    box.press("ArrowDown")

            return open_menu, offered.click
        return box.focus, lambda: box.press("Backspace")

    return Control(name, step)


def button(name: str, key: str) -> Control:
    return Control(name, lambda page, k: (None, keyed(page, key).get_by_role("button").click))


def text(name: str, key: str, values: tuple[str, ...]) -> Control:
    """Type a value (untimed), then Enter."""

    def step(page: Any, k: int) -> Step:
        box = keyed(page, key).locator("input")
        return (lambda: box.fill(values[k % len(values)])), (lambda: box.press("Enter"))

    return Control(name, step)
