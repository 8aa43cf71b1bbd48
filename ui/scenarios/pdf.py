"""The meeting report as a PDF (fpdf2), the same pages as the deck
(:mod:`ui.scenarios.report`), 16:9, with the machine's CJK font embedded (subset), so
it opens anywhere with Chinese text that can be searched and copied. Each page is an
entry of the PDF's outline."""

from __future__ import annotations

import io
from collections.abc import Sequence

import pandas as pd
from fpdf import FPDF
from fpdf.fonts import FontFace
from PIL import Image

from models.loaders import Frames
from planning.scenario import ScenarioResult
from ui.scenarios.chart_images import cjk_font_file
from ui.scenarios.report import Page, report

__all__ = ["NoCJKFont", "build_pdf"]

_W, _H = 338.7, 190.5  # mm: a 13.33 × 7.5 inch page, as the deck's slides
_MARGIN = 12.7
_USABLE = _W - 2 * _MARGIN
_FAMILY = "cjk"


class NoCJKFont(RuntimeError):
    """No font covering Chinese is installed (Debian's fonts-noto-cjk; `make fonts`)."""


def _document(title: str) -> FPDF:
    regular, bold = cjk_font_file(), cjk_font_file(bold=True)
    if regular is None or bold is None:
        raise NoCJKFont(title)
    pdf = FPDF(orientation="L", unit="mm", format=(_H, _W))
    pdf.set_auto_page_break(False)
    pdf.set_margins(_MARGIN, _MARGIN, _MARGIN)
    pdf.add_font(_FAMILY, "", regular.path, collection_font_number=regular.index)
    pdf.add_font(_FAMILY, "B", bold.path, collection_font_number=bold.index)
    pdf.set_title(title)
    pdf.set_creator("Shizi")
    return pdf


def _title(pdf: FPDF, text: str) -> None:
    pdf.set_xy(_MARGIN, 8)
    pdf.set_font(_FAMILY, "B", 20)
    pdf.multi_cell(w=_USABLE, h=10, text=text, align="L")


def _image(pdf: FPDF, image: bytes, top: float) -> None:
    """``image`` as large as fits under ``top``, centred across the page."""
    w, h = Image.open(io.BytesIO(image)).size
    room = _H - top - _MARGIN
    width = min(_USABLE, room * w / h)
    pdf.image(io.BytesIO(image), x=(_W - width) / 2, y=top, w=width)


def _table(pdf: FPDF, frame: pd.DataFrame, top: float, first: Sequence[float]) -> None:
    """``frame`` under a bold header, the ``first`` columns that many inches wide (as on
    a slide), the others sharing the rest."""
    inch = 25.4
    cols = len(frame.columns)
    fixed = [w * inch for w in first]
    rest = (_USABLE - sum(fixed)) / max(cols - len(fixed), 1)
    pdf.set_xy(_MARGIN, top)
    size = 16 if len(frame) <= 12 else 14  # pt, as on a slide; the rows fit the page
    pdf.set_font(_FAMILY, "", size)
    with pdf.table(
        col_widths=(*fixed, *([rest] * (cols - len(fixed)))),
        width=_USABLE,
        line_height=size * 0.5,
        padding=1,
        headings_style=FontFace(emphasis="BOLD", fill_color=(222, 230, 242)),
        first_row_as_headings=True,
    ) as table:
        table.row([str(c) for c in frame.columns])
        for values in frame.itertuples(index=False):
            table.row([str(v) for v in values])


def _page(pdf: FPDF, page: Page) -> None:
    pdf.add_page()
    pdf.start_section(page.title)
    _title(pdf, page.title)
    top = max(pdf.get_y() + 4, 34.0)
    if page.image is not None:
        _image(pdf, page.image, top)
    if page.table is not None:
        _table(pdf, page.table, top, page.widths)


def build_pdf(
    results: Sequence[ScenarioResult], baseline: ScenarioResult | None, data: Frames
) -> bytes:
    """The cover, then a page per page of :func:`ui.scenarios.report.report`; raises
    :class:`NoCJKFont` when the machine has no font to draw Chinese with."""
    content = report(results, baseline, data)
    pdf = _document(content.title)
    pdf.add_page()
    pdf.start_section(content.title)
    pdf.set_xy(_MARGIN, 62)
    pdf.set_font(_FAMILY, "B", 36)
    pdf.multi_cell(w=_USABLE, h=18, text=content.title, align="C")
    pdf.set_xy(_MARGIN, 100)
    pdf.set_font(_FAMILY, "", 18)
    pdf.multi_cell(w=_USABLE, h=10, text=content.subtitle, align="C")
    for page in content.pages:
        _page(pdf, page)
    return bytes(pdf.output())
