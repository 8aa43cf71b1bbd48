"""The meeting deck (python-pptx), 16:9: the report (:mod:`ui.scenarios.report`) as
slides. Every slide has a real title placeholder (the outline and screen readers see
it) holding the page's message; charts fill the width; tables are native tables in
large type; the page's notes are the slide's speaker notes."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import pandas as pd
from PIL import Image
from pptx import Presentation
from pptx.util import Emu, Inches, Pt

from models.loaders import Frames
from planning.scenario import ScenarioResult
from ui.scenarios.chart_images import cjk_font
from ui.scenarios.report import Page, report

__all__ = ["build_deck"]

_FONT = "Noto Sans CJK SC"
_WIDTH, _HEIGHT = Inches(13.333), Inches(7.5)
_MARGIN = Inches(0.5)
_USABLE = 12.3  # inches across between the margins
_TITLE_ONLY, _COVER = 5, 0  # layouts of python-pptx's default template


def _style(frame: Any, size: int, bold: bool = False) -> None:
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(size)
            run.font.bold = bold
            run.font.name = cjk_font() or _FONT


def _slide(deck: Any, page: Page) -> Any:
    """A title-only slide whose title placeholder spans the top and holds the page's
    message."""
    slide = deck.slides.add_slide(deck.slide_layouts[_TITLE_ONLY])
    head = slide.shapes.title
    head.left, head.top = _MARGIN, Inches(0.25)
    head.width, head.height = Inches(_USABLE), Inches(1.0)
    head.text_frame.word_wrap = True
    head.text = page.title
    _style(head.text_frame, 26, bold=True)
    slide.notes_slide.notes_text_frame.text = page.notes
    return slide


def _picture(slide: Any, image: bytes, top: float, height: float) -> None:
    """``image`` as large as fits the usable width × ``height`` inches, centred."""
    w, h = Image.open(io.BytesIO(image)).size
    width = min(Inches(_USABLE), int(Inches(height) * w / h))
    left = int((_WIDTH - width) / 2)
    slide.shapes.add_picture(io.BytesIO(image), Emu(left), Inches(top), width=Emu(width))


def _table(slide: Any, frame: pd.DataFrame, top: float, size: int, first: Sequence[float]) -> None:
    """``frame`` as a native table: the ``first`` columns that many inches wide, the
    others sharing the rest of the width."""
    rows, cols = len(frame) + 1, len(frame.columns)
    rest = (_USABLE - sum(first)) / max(cols - len(first), 1)
    widths = [*first, *([rest] * (cols - len(first)))]
    row_height = Pt(size * 2.1)
    shape = slide.shapes.add_table(
        rows, cols, _MARGIN, Inches(top), Inches(sum(widths)), Emu(row_height * rows)
    )
    for j, width in enumerate(widths):
        shape.table.columns[j].width = Inches(width)
    for i in range(rows):
        shape.table.rows[i].height = Emu(row_height)
    for j, col in enumerate(frame.columns):
        cell = shape.table.cell(0, j).text_frame
        cell.text = str(col)
        _style(cell, size, bold=True)
    for i, row in enumerate(frame.itertuples(index=False), start=1):
        for j, value in enumerate(row):
            cell = shape.table.cell(i, j).text_frame
            cell.text = str(value)
            _style(cell, size)


def build_deck(
    results: Sequence[ScenarioResult], baseline: ScenarioResult | None, data: Frames
) -> bytes:
    """The cover, then a slide per page of :func:`ui.scenarios.report.report`."""
    content = report(results, baseline, data)
    deck = Presentation()
    deck.slide_width, deck.slide_height = _WIDTH, _HEIGHT

    cover = deck.slides.add_slide(deck.slide_layouts[_COVER])
    title, subtitle = cover.shapes.title, cover.placeholders[1]
    title.left, title.top = _MARGIN, Inches(2.2)
    title.width, title.height = Inches(_USABLE), Inches(1.6)
    subtitle.left, subtitle.top = _MARGIN, Inches(4.0)
    subtitle.width, subtitle.height = Inches(_USABLE), Inches(1.2)
    title.text = content.title
    _style(title.text_frame, 44, bold=True)
    subtitle.text = content.subtitle
    _style(subtitle.text_frame, 24)
    cover.notes_slide.notes_text_frame.text = content.cover_notes

    for page in content.pages:
        slide = _slide(deck, page)
        if page.image is not None:
            _picture(slide, page.image, 1.4, 5.8)
        if page.table is not None:
            size = 16 if len(page.table) <= 12 else 14  # the rows fit above the slide's foot
            _table(slide, page.table, 1.3, size, page.widths)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()
