"""A meeting, walked in Chromium (issue 16, "Done when"): a shared link opens a
what-if, presentation mode shows it and the keyboard steps through every screen, and
the deck and the PDF download with their Chinese text in them. The deck is rendered
to PNG once with LibreOffice where it is installed, for a person to look at."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation
from pypdf import PdfReader

from planning.rotation import RotationRules
from planning.scenario import Scenario
from tests.e2e.conftest import ROOT
from tests.e2e.helpers import assert_no_errors, settle
from ui.i18n import catalog
from ui.presentation.views import TOPICS
from ui.scenarios import views as scn_views
from ui.share import token

pytestmark = pytest.mark.e2e

WHAT_IF = Scenario("会上讨论的方案", standard="2014", rotation=RotationRules(rate=0.15))
SIZES = ((1366, 768), (1920, 1080))


def _download(page: Any, key: str) -> bytes:
    button = page.locator(f".st-key-{key}").get_by_role("button")
    with page.expect_download(timeout=180_000) as info:
        button.click()
    return Path(info.value.path()).read_bytes()


def _deck_text(deck: bytes) -> str:
    slides = Presentation(io.BytesIO(deck)).slides
    return "\n".join(sh.text_frame.text for s in slides for sh in s.shapes if sh.has_text_frame)


def test_a_meeting_from_a_shared_link_to_the_downloads(
    page: Any, app_url: str, artifacts: Path
) -> None:
    zh = catalog("zh")
    page.goto(f"{app_url}/establishment?plan={token(WHAT_IF)}")
    settle(page)
    assert_no_errors(page)
    assert "plan=" not in page.url  # applied once, then dropped from the address

    nav = page.get_by_test_id("stSidebarNav")
    nav.get_by_role("link", name=zh["present.title"]).click()
    settle(page)
    page.wait_for_function("window.__shiziKeys === true")
    assert WHAT_IF.name in page.locator("h1").first.inner_text()  # the link's what-if
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        settle(page)
        page.screenshot(path=str(artifacts / f"meeting-{width}x{height}-0.png"))
    headings = [page.locator("h1").first.inner_text()]
    for step in range(1, len(TOPICS)):
        page.keyboard.press("ArrowRight")
        page.wait_for_url(f"**/presentation?step={step}")
        wanted = zh["present.heading"].format(
            name=WHAT_IF.name, topic=zh[f"present.topic_{TOPICS[step]}"]
        )
        page.get_by_role("heading", name=wanted).wait_for()
        settle(page)
        assert_no_errors(page)
        headings.append(page.locator("h1").first.inner_text())
        page.screenshot(path=str(artifacts / f"meeting-1920x1080-{step}.png"))
    assert len(set(headings)) == len(TOPICS), headings
    assert all(WHAT_IF.name in h for h in headings), headings

    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{app_url}/scenarios")
    settle(page)
    assert_no_errors(page)
    deck = _download(page, scn_views.DECK)
    pdf = _download(page, scn_views.PDF)
    assert_no_errors(page)
    (artifacts / "meeting.pptx").write_bytes(deck)
    (artifacts / "meeting.pdf").write_bytes(pdf)

    said = _deck_text(deck)
    assert zh["deck.title"] in said and "编制：" in said and "基准" in said, said[:300]
    # pypdf spaces out CJK glyphs and puts NULs between a two-byte font's glyphs
    pages = [re.sub(r"[\s\x00]+", "", p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages]
    assert len(pages) == len(Presentation(io.BytesIO(deck)).slides)
    assert zh["deck.title"] in pages[0] and "编制：" in "".join(pages), pages[0][:300]


def test_the_deck_renders_for_a_person_to_look_at(artifacts: Path) -> None:
    """LibreOffice turns the walk's deck into PNG pages (artifacts/meeting-deck-*.png)."""
    office = shutil.which("soffice")
    if office is None:
        pytest.skip("LibreOffice is not installed (Debian package libreoffice-impress)")
    deck = artifacts / "meeting.pptx"
    if not deck.is_file():
        pytest.skip("the meeting walk did not leave a deck to render")
    folder = artifacts / "meeting-render"
    folder.mkdir(exist_ok=True)
    subprocess.run(
        [office, "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(deck)],
        check=True, capture_output=True, timeout=300, cwd=ROOT,
    )  # fmt: skip
    rendered = PdfReader(folder / "meeting.pdf")
    assert len(rendered.pages) == len(Presentation(str(deck)).slides)
    first = re.sub(r"[\s\x00]+", "", rendered.pages[0].extract_text())
    assert catalog("zh")["deck.title"] in first
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", str(folder / "meeting.pdf"),
             str(artifacts / "meeting-deck")],
            check=True, capture_output=True, timeout=300,
        )  # fmt: skip
