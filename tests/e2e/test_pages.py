"""Visit every page in both languages, move a control, see a figure change, no errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.helpers import (
    assert_no_errors,
    choose_option,
    metric_texts,
    nudge_slider,
    settle,
    switch_language,
)
from ui.i18n import catalog
from ui.pages import PAGES

pytestmark = pytest.mark.e2e


def _overview(page: Any) -> None:
    choose_option(page, page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").first, 1)


def _establishment(page: Any) -> None:
    nudge_slider(page, page.get_by_test_id("stSidebar").get_by_test_id("stSlider").first, 10)


def _pay(page: Any) -> None:
    sliders = page.get_by_test_id("stSidebar").get_by_test_id("stSlider")
    nudge_slider(page, sliders.nth(1), 4)  # the rural subsidy, 50 yuan a step


def _rotation(page: Any) -> None:
    sliders = page.get_by_test_id("stSidebar").get_by_test_id("stSlider")
    nudge_slider(page, sliders.nth(1), 5)  # the rate, 10 % -> 15 %


INTERACTIONS: dict[str, Callable[[Any], None]] = {
    "rotation": _rotation,
    "performance_pay": _pay,
    "overview": _overview,
    "establishment": _establishment,
}


def test_every_page_has_an_interaction() -> None:
    assert {p.url_path for p in PAGES} == set(INTERACTIONS)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("spec", PAGES, ids=lambda p: p.url_path)
def test_visit_page(page: Any, app_url: str, artifacts: Path, spec: Any, lang: str) -> None:
    page.goto(f"{app_url}/{spec.route}")
    settle(page)
    if lang == "en":
        switch_language(page, catalog("en")["app.language_name"])
    title = catalog(lang)[spec.title_key]
    page.get_by_role("heading", name=title).first.wait_for()
    assert_no_errors(page)
    before = metric_texts(page)
    assert before, "the page shows figures"

    INTERACTIONS[spec.url_path](page)

    page.wait_for_function(
        "before => Array.from(document.querySelectorAll(\"[data-testid='stMetricValue']\"))"
        ".map(e => e.innerText).join('|') !== before.join('|')",
        arg=before,
    )
    assert_no_errors(page)
    page.screenshot(path=str(artifacts / f"{spec.url_path}-{lang}.png"), full_page=True)


def test_language_switch_keeps_choices(page: Any, app_url: str) -> None:
    """A choice made in one language survives switching to the other."""
    page.goto(f"{app_url}/performance_pay")
    settle(page)
    subsidy = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").first
    assert "乡村" in subsidy.inner_text()
    switch_language(page, "English")
    assert "Rural" in subsidy.inner_text()
    assert_no_errors(page)
