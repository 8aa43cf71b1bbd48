"""The meeting deck (python-pptx) and workbook (openpyxl) for compared scenarios.

Text comes from the i18n catalog in the session's language; charts are PNG images
rendered by vl-convert (:mod:`ui.scenarios.chart_images`).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from typing import Any

import pandas as pd
from pptx import Presentation
from pptx.util import Inches, Pt

from planning.scenario import ScenarioResult
from ui.compare_charts import MODULE_FIGURES, module_chart
from ui.export import to_xlsx_bytes
from ui.figures import headline_table
from ui.i18n import labelled, t
from ui.scenarios.chart_images import cjk_font, png

__all__ = ["build_deck", "build_workbook"]

_FONT = "Noto Sans CJK SC"


def _text(frame: Any, text: str, size: int, bold: bool = False) -> None:
    frame.text = text
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(size)
            run.font.bold = bold
            run.font.name = cjk_font() or _FONT


def _table(slide: Any, frame: pd.DataFrame, left: float, top: float, width: float) -> None:
    rows, cols = len(frame) + 1, len(frame.columns)
    shape = slide.shapes.add_table(
        rows, cols, Inches(left), Inches(top), Inches(width), Inches(0.3 * rows)
    )
    for j, col in enumerate(frame.columns):
        _text(shape.table.cell(0, j).text_frame, str(col), 11, bold=True)
    for i, row in enumerate(frame.itertuples(index=False), start=1):
        for j, value in enumerate(row):
            _text(shape.table.cell(i, j).text_frame, str(value), 10)


def build_deck(results: Sequence[ScenarioResult], baseline: ScenarioResult | None) -> bytes:
    """Title; headline figures; one slide per module with its chart and a compact
    table; a comparison slide against the baseline."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    blank = deck.slide_layouts[6]

    slide = deck.slides.add_slide(blank)
    box = slide.shapes.add_textbox(Inches(0.8), Inches(2.4), Inches(11.7), Inches(1.5))
    _text(box.text_frame, t("deck.title"), 40, bold=True)
    sub = slide.shapes.add_textbox(Inches(0.8), Inches(4.0), Inches(11.7), Inches(1.0))
    names = "、".join(r.scenario.name for r in results)
    _text(sub.text_frame, t("deck.subtitle", names=names, date=date.today().isoformat()), 20)

    table = headline_table(results, baseline)
    slide = deck.slides.add_slide(blank)
    _text(
        slide.shapes.add_textbox(Inches(0.5), Inches(0.3), Inches(12), Inches(0.8)).text_frame,
        t("deck.headline"),
        28,
        bold=True,
    )
    _table(slide, table, 0.5, 1.1, 12.3)

    for module in MODULE_FIGURES:
        slide = deck.slides.add_slide(blank)
        _text(
            slide.shapes.add_textbox(Inches(0.5), Inches(0.3), Inches(12), Inches(0.8)).text_frame,
            t(f"compare.module_{module}"),
            28,
            bold=True,
        )
        image = io.BytesIO(png(module_chart(results, module)))
        slide.shapes.add_picture(image, Inches(0.5), Inches(1.2), width=Inches(7.2))
        rows = headline_table(results, baseline, figures=MODULE_FIGURES[module])
        _table(slide, rows.drop(columns=t("compare.module")), 8.0, 1.4, 4.9)

    if baseline is not None:
        slide = deck.slides.add_slide(blank)
        _text(
            slide.shapes.add_textbox(Inches(0.5), Inches(0.3), Inches(12), Inches(0.8)).text_frame,
            t("deck.comparison", name=baseline.scenario.name),
            28,
            bold=True,
        )
        _table(slide, table, 0.5, 1.1, 12.3)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def build_workbook(results: Sequence[ScenarioResult], baseline: ScenarioResult | None) -> bytes:
    """A sheet of headline figures, then per scenario its quotas, moves and pay."""
    sheets = {t("deck.headline"): headline_table(results, baseline)}
    for k, r in enumerate(results, start=1):
        sheets[f"{k}-{t('compare.module_establishment')}"] = r.quotas.assign(
            status=labelled(r.quotas["status"], "quota_status")
        )
        sheets[f"{k}-{t('compare.module_rotation')}"] = r.moves.assign(
            subject=labelled(r.moves["subject"], "subject")
        )
        sheets[f"{k}-{t('compare.module_pay')}"] = r.allocation.assign(
            **{
                c: r.allocation[c] / 100
                for c in ("basic_fen", "incentive_fen", "subsidy_fen", "total_fen")
            }
        )
    return to_xlsx_bytes(sheets)
