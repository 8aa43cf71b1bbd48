"""The meeting deck (python-pptx) for compared scenarios, 16:9.

Every slide has a real title (the outline and screen readers see it) stating its one
message as a sentence with its number, against the baseline; charts fill the width
with type sized for a projector (:func:`ui.compare_charts.projected`); speaker notes
give the rules used; the appendix lists every parameter. Text comes from the i18n
catalog in the session's language; charts are PNG images rendered by vl-convert
(:mod:`ui.scenarios.chart_images`).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from typing import Any

import pandas as pd
from PIL import Image
from pptx import Presentation
from pptx.util import Emu, Inches, Pt

from models.loaders import Frames
from planning import pay_analysis
from planning.scenario import ScenarioResult
from ui.compare_charts import MODULE_FIGURES, module_chart, pay_spread, projected
from ui.figures import FIGURES, figure_change, figure_text, headline_table
from ui.i18n import labelled, t
from ui.scenarios.chart_images import cjk_font, png
from ui.scenarios.parameters import namer, parameter_table

__all__ = ["APPENDIX_ROWS", "build_deck"]

_FONT = "Noto Sans CJK SC"
_WIDTH, _HEIGHT = Inches(13.333), Inches(7.5)
_MARGIN = Inches(0.5)
_TITLE_ONLY, _COVER = 5, 0  # layouts of python-pptx's default template
APPENDIX_ROWS = 12  # parameters per appendix slide, at 14 pt
# The parameters a module's speaker notes give (the parameters table's module column).
_NOTES_MODULE = {"establishment": "establishment", "rotation": "rotation",
                 "balance": "rotation", "pay": "pay"}  # fmt: skip


def _style(frame: Any, size: int, bold: bool = False) -> None:
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(size)
            run.font.bold = bold
            run.font.name = cjk_font() or _FONT


def _slide(deck: Any, title: str, notes: str) -> Any:
    """A title-only slide whose title placeholder spans the top and holds ``title``."""
    slide = deck.slides.add_slide(deck.slide_layouts[_TITLE_ONLY])
    head = slide.shapes.title
    head.left, head.top, head.width, head.height = _MARGIN, Inches(0.25), Inches(12.3), Inches(1.0)
    head.text_frame.word_wrap = True
    head.text = title
    _style(head.text_frame, 26, bold=True)
    slide.notes_slide.notes_text_frame.text = notes
    return slide


def _picture(slide: Any, image: bytes, top: float, height: float) -> None:
    """``image`` as large as fits 12.3 in × ``height`` in, centred across the slide."""
    w, h = Image.open(io.BytesIO(image)).size
    width = min(Inches(12.3), int(Inches(height) * w / h))
    left = int((_WIDTH - width) / 2)
    slide.shapes.add_picture(io.BytesIO(image), Emu(left), Inches(top), width=Emu(width))


def _table(slide: Any, frame: pd.DataFrame, top: float, size: int, widths: Sequence[float]) -> None:
    """``frame`` as a native table (a projector and a screen reader read it), the
    columns ``widths`` inches wide."""
    rows, cols = len(frame) + 1, len(frame.columns)
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


def _widths(first: Sequence[float], n: int) -> list[float]:
    """``first`` fixed columns, then ``n`` columns sharing what is left of 12.3 in."""
    rest = (12.3 - sum(first)) / max(n, 1)
    return [*first, *([rest] * n)]


def _figures(proposal: ScenarioResult, base: ScenarioResult) -> dict[str, str]:
    """Every headline figure of ``proposal`` and (``d_`` + name) its change against
    ``base``, for the catalog's headline sentences."""
    values = {"name": proposal.scenario.name, "base": base.scenario.name}
    for _, figure, _ in FIGURES:
        values[figure] = figure_text(proposal, figure)
        values[f"d_{figure}"] = figure_change(proposal, base, figure)
    return values


def _notes(params: pd.DataFrame, module: str) -> str:
    """The rules a module's figures used, one line per parameter, each scenario's value."""
    rows = params[params[t("compare.module")] == t(f"compare.module_{module}")]
    return "\n".join(
        f"{row.iloc[1]}：" + " | ".join(f"{name} {value}" for name, value in row.iloc[2:].items())
        for _, row in rows.iterrows()
    )


def _spread(results: Sequence[ScenarioResult], data: Frames) -> pd.DataFrame:
    """Each scenario's pay distribution by location, locations as labels."""
    frames = [
        pay_analysis.distribution(r.allocation, data.teachers, data.schools, "location").assign(
            scenario=r.scenario.name
        )
        for r in results
    ]
    spread = pd.concat(frames, ignore_index=True)
    return spread.assign(location=labelled(spread["location"], "location"))


def build_deck(
    results: Sequence[ScenarioResult], baseline: ScenarioResult | None, data: Frames
) -> bytes:
    """Cover; the headline figures; a slide per module (chart and sentence); the pay
    distribution; the parameters as an appendix. The sentences speak of the first
    scenario that is not the baseline (the proposal) against the baseline."""
    base = baseline or results[0]
    proposal = next((r for r in results if r.scenario.name != base.scenario.name), results[0])
    said = _figures(proposal, base)
    params = parameter_table([r.scenario for r in results], namer(data))
    deck = Presentation()
    deck.slide_width, deck.slide_height = _WIDTH, _HEIGHT

    cover = deck.slides.add_slide(deck.slide_layouts[_COVER])
    title, subtitle = cover.shapes.title, cover.placeholders[1]
    title.left, title.top, title.width, title.height = (
        _MARGIN,
        Inches(2.2),
        Inches(12.3),
        Inches(1.6),
    )
    subtitle.left, subtitle.top = _MARGIN, Inches(4.0)
    subtitle.width, subtitle.height = Inches(12.3), Inches(1.2)
    title.text = t("deck.title")
    _style(title.text_frame, 44, bold=True)
    names = "、".join(r.scenario.name for r in results)
    subtitle.text = t("deck.subtitle", names=names, date=date.today().isoformat())
    _style(subtitle.text_frame, 24)
    cover.notes_slide.notes_text_frame.text = t("deck.cover_notes", base=base.scenario.name)

    slide = _slide(deck, t("deck.say_headline", **said), t("deck.headline_notes"))
    table = headline_table(results, baseline)
    _table(slide, table, 1.4, 16, _widths([1.7, 3.6], len(results)))

    for module in MODULE_FIGURES:
        slide = _slide(deck, t(f"deck.say_{module}", **said), _notes(params, _NOTES_MODULE[module]))
        _picture(slide, png(projected(module_chart(results, module), 860, 360)), 1.4, 5.8)

    slide = _slide(deck, t("deck.say_spread", **said), _notes(params, "pay"))
    _picture(slide, png(projected(pay_spread(_spread(results, data)), 860, 360)), 1.4, 5.8)

    pages = max(1, -(-len(params) // APPENDIX_ROWS))
    for k in range(pages):
        rows = params.iloc[k * APPENDIX_ROWS : (k + 1) * APPENDIX_ROWS]
        slide = _slide(deck, t("deck.appendix", k=k + 1, n=pages), t("deck.appendix_notes"))
        _table(slide, rows, 1.3, 14, _widths([1.6, 4.4], len(results)))
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()
