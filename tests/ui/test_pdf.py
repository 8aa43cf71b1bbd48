"""The meeting report as PDF (issue 16, Deliver 2): the deck's pages in the same
order, Chinese text that can be extracted, an outline entry per page."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from models.loaders import Frames
from planning.scenario import ScenarioResult
from ui.scenarios.pdf import build_pdf
from ui.scenarios.report import report


def _flat(text: str) -> str:
    """Text without spaces (pypdf spaces out CJK glyphs and gives NULs between the
    glyphs of a two-byte font; the glyphs themselves are the check)."""
    return re.sub(r"[\s\x00]+", "", text)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pdf_pages_say_what_the_deck_says(
    compared: tuple[Frames, list[ScenarioResult]], font: str, lang: str
) -> None:
    data, results = compared
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("ui.i18n.lang", lambda: lang)
        content = report(results, results[0], data)
        pdf = PdfReader(io.BytesIO(build_pdf(results, results[0], data)))
    assert len(pdf.pages) == 1 + len(content.pages)
    outline = [o.title for o in pdf.outline if not isinstance(o, list)]
    assert outline == [content.title, *(p.title for p in content.pages)]
    texts = [_flat(page.extract_text()) for page in pdf.pages]
    assert _flat(content.title) in texts[0]
    for page, text in zip(content.pages, texts[1:], strict=True):
        assert _flat(page.title) in text
        if page.table is not None:  # tables are text, not pictures
            assert _flat(str(page.table.iloc[-1, 1])) in text
    if lang == "zh":
        assert "缺编" in texts[1] and "新标准" in texts[1]
