"""Visit every page in both languages, move a control, see a figure change, no errors."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import (
    assert_no_errors,
    choose_option,
    nudge_slider,
    settle,
    switch_language,
)
from ui.i18n import catalog
from ui.pages import PAGES
from ui.performance_pay.controls import SUBSIDY_LOCATIONS

pytestmark = pytest.mark.e2e


METRICS = "[data-testid='stMetricValue']"


def _overview(page: Any) -> None:
    choose_option(page, page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").first, 1)


def _establishment(page: Any) -> None:
    nudge_slider(page, page.get_by_test_id("stSidebar").get_by_test_id("stSlider").first, 10)


def _rotation(page: Any) -> None:
    sliders = page.get_by_test_id("stSidebar").get_by_test_id("stSlider")
    nudge_slider(page, sliders.nth(1), 5)  # the rate, 10 % -> 15 %


def _pay(page: Any) -> None:
    sliders = page.get_by_test_id("stSidebar").get_by_test_id("stSlider")
    nudge_slider(page, sliders.nth(1), 4)  # the rural subsidy, 50 yuan a step


def _scenarios(page: Any) -> None:
    """Make the other scenario the baseline: the comparison is then against it."""
    main = page.get_by_test_id("stMain")
    caption = _texts(page, "[data-testid='stCaptionContainer']")
    for option in (0, 1):  # whichever is not the baseline yet
        choose_option(page, main.get_by_test_id("stSelectbox").first, option)
        main.get_by_test_id("stButton").nth(1).click()  # mark as baseline
        settle(page)
        if _texts(page, "[data-testid='stCaptionContainer']") != caption:
            return


def _presentation(page: Any) -> None:
    page.get_by_test_id("stMain").get_by_test_id("stButton").nth(1).click()  # next
    settle(page)


def _data(page: Any) -> None:
    """Open the change history: the main area now shows its filters."""
    history = re.compile(
        f"^({catalog('zh')['data.view_history']}|{catalog('en')['data.view_history']})$"
    )
    page.get_by_test_id("stSidebar").get_by_text(history).click()
    settle(page)
    page.get_by_test_id("stMain").get_by_test_id("stDateInput").first.wait_for()


def _talent(page: Any) -> None:
    """Show the recruitment plan: the figures become vacancies, posts and cost."""
    recruit = re.compile(
        f"^({catalog('zh')['talent.tab_recruit']}|{catalog('en')['talent.tab_recruit']})$"
    )
    page.get_by_test_id("stMain").get_by_test_id("stRadio").get_by_text(recruit).click()
    settle(page)


def _decisions(page: Any) -> None:
    """Look for one meeting's decisions: the count says how many were found."""
    box = page.get_by_test_id("stMain").get_by_test_id("stTextInput").locator("input")
    box.fill("局务会")
    box.press("Enter")
    settle(page)


def _cadres(page: Any) -> None:
    sliders = page.get_by_test_id("stSidebar").get_by_test_id("stSlider")
    nudge_slider(page, sliders.first, 3)  # the horizon, 5 -> 8 years


# Each page: what a person does, and where a shown figure must change.
INTERACTIONS: dict[str, tuple[Callable[[Any], None], str]] = {
    "overview": (_overview, METRICS),
    "establishment": (_establishment, METRICS),
    "rotation": (_rotation, METRICS),
    "performance_pay": (_pay, METRICS),
    "cadres": (_cadres, METRICS),
    "scenarios": (_scenarios, "[data-testid='stCaptionContainer']"),
    "presentation": (_presentation, "h1"),
    "decisions": (_decisions, "[data-testid='stCaptionContainer']"),
    "data": (_data, "[data-testid='stMain'] [data-testid='stMarkdownContainer']"),
    "talent": (_talent, METRICS),
}


def test_every_page_has_an_interaction() -> None:
    assert {p.url_path for p in PAGES} == set(INTERACTIONS)


def _texts(page: Any, selector: str) -> list[str]:
    return [e.inner_text() for e in page.locator(selector).all()]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("spec", PAGES, ids=lambda p: p.url_path)
def test_visit_page(page: Any, app_url: str, artifacts: Path, spec: Any, lang: str) -> None:
    page.goto(f"{app_url}/{spec.route}")
    settle(page)
    if lang == "en":
        if spec.url_path == "presentation":  # no sidebar there: switch on the way in
            page.goto(f"{app_url}/")
            settle(page)
            switch_language(page, catalog("en")["app.language_name"])
            nav = page.get_by_test_id("stSidebarNav")
            nav.get_by_role("link", name=catalog("en")["present.title"]).click()
            settle(page)
        else:
            switch_language(page, catalog("en")["app.language_name"])
    if spec.url_path != "presentation":
        title = catalog(lang)[spec.title_key]
        page.get_by_role("heading", name=title).first.wait_for()
    assert_no_errors(page)
    action, selector = INTERACTIONS[spec.url_path]
    page.locator(selector).first.wait_for()
    before = _texts(page, selector)
    assert before, "the page shows figures"

    action(page)

    page.wait_for_function(
        "([selector, before]) => Array.from(document.querySelectorAll(selector))"
        ".map(e => e.innerText).join('|') !== before.join('|')",
        arg=[selector, before],
    )
    settle(page)
    assert_no_errors(page)
    page.screenshot(path=str(artifacts / f"{spec.url_path}-{lang}.png"), full_page=True)


def test_language_switch_keeps_choices(page: Any, app_url: str) -> None:
    """A choice made in one language survives switching to the other."""
    page.goto(f"{app_url}/performance_pay")
    settle(page)

    def subsidy(lang: str) -> Any:  # the widget's key carries the language
        return page.locator(f".st-key-{SUBSIDY_LOCATIONS}-{lang}")

    expect(subsidy("zh")).to_contain_text("乡村")
    switch_language(page, "English")
    expect(subsidy("en")).to_contain_text("Rural")
    assert_no_errors(page)
