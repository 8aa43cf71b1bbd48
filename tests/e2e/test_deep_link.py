"""A bookmark to a page on a freshly started server still goes through app.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import serve
from tests.e2e.helpers import assert_no_errors, settle
from ui.i18n import catalog
from ui.pages import PAGES

pytestmark = pytest.mark.e2e


def test_first_request_to_a_page_shows_the_app_shell(
    browser: Any, demo_db: str, tmp_path: Path
) -> None:
    with serve(demo_db, tmp_path) as base:
        page = browser.new_page()
        spec = next(p for p in PAGES if p.url_path == "rotation")  # not the default page
        page.goto(f"{base}/{spec.url_path}")
        settle(page)
        sidebar = page.get_by_test_id("stSidebar")
        sidebar.get_by_role("radio", name="English", exact=True).wait_for()
        page.get_by_role("heading", name=catalog("zh")[spec.title_key]).first.wait_for()
        assert_no_errors(page)
        page.close()
