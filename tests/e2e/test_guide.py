"""The planners' guide's screenshots (docs/guide.zh.md): one per page, in Chinese, at a
laptop's 1366×768, written into docs/images/. They are committed; this test renews them
(`.venv/bin/python -m pytest tests/e2e -k guide`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.helpers import assert_no_errors, settle
from ui.i18n import catalog
from ui.pages import PAGES, PageSpec

pytestmark = pytest.mark.e2e

IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"
# Every Altair chart has drawn its canvas (or SVG): charts render after the script ends.
CHARTS_DRAWN = (
    "() => Array.from(document.querySelectorAll(\"[data-testid='stVegaLiteChart']\"))"
    ".every(chart => chart.querySelector('canvas, svg'))"
)
# No element is still a loading placeholder (a page's first run on a fresh server can
# show them after the run has ended, with no chart in the page yet to wait for).
NO_SKELETONS = "() => !document.querySelector(\"[data-testid='stSkeleton']\")"


@pytest.fixture
def laptop(browser: Any) -> Iterator[Any]:
    context = browser.new_context(
        viewport={"width": 1366, "height": 768}, locale="zh-CN", device_scale_factor=1
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


@pytest.mark.parametrize("spec", PAGES, ids=lambda p: p.url_path)
def test_guide_screenshot(laptop: Any, app_url: str, spec: PageSpec) -> None:
    laptop.goto(f"{app_url}/{spec.route}")
    settle(laptop)
    if spec.url_path != "presentation":  # the presentation shows its topic, not the title
        laptop.get_by_role("heading", name=catalog("zh")[spec.title_key]).first.wait_for()
    laptop.wait_for_function(NO_SKELETONS)
    laptop.wait_for_function(CHARTS_DRAWN)
    assert_no_errors(laptop)
    IMAGES.mkdir(parents=True, exist_ok=True)
    path = IMAGES / f"{spec.url_path}.png"
    laptop.screenshot(path=str(path))
    assert path.stat().st_size > 10_000, "the screenshot is (nearly) blank"
