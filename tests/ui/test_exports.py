"""Meeting exports: the deck opens with Chinese text, chart images show real glyphs."""

from __future__ import annotations

import io

import altair as alt
import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook
from PIL import Image
from pptx import Presentation

from planning.rotation import RotationRules
from planning.scenario import Scenario, ScenarioResult, run
from seed.city import generate
from seed.reference import CURRICULUM, standards_frame
from tests.requirements import unavailable
from ui.export import neutralise, to_csv_bytes
from ui.scenarios.chart_images import cjk_font, png
from ui.scenarios.deck import build_deck, build_workbook


@pytest.fixture(scope="module")
def results() -> list[ScenarioResult]:
    city = generate("demo", seed=11)
    frames = dict(
        schools=city.schools,
        teachers=city.teachers,
        standards=standards_frame(),
        curriculum=CURRICULUM,
    )
    return [
        run(Scenario("现行方案"), **frames),
        run(Scenario("新标准", standard="2014", rotation=RotationRules(rate=0.15)), **frames),
    ]


@pytest.fixture
def font() -> str:
    name = cjk_font()
    if name is None:
        unavailable("no CJK font installed (Debian package fonts-noto-cjk; `make fonts`)")
    return name


def _image(chart: alt.Chart) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png(chart))).convert("L"))


def _title_chart(title: str) -> alt.Chart:
    data = pd.DataFrame({"x": ["a"], "y": [1]})
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(x="x:N", y="y:Q")
        .properties(title=alt.TitleParams(title, fontSize=40), width=300, height=120)
    )


def test_chart_image_is_not_blank_and_draws_chinese_glyphs(font: str) -> None:
    one, two = _image(_title_chart("教师交流轮岗")), _image(_title_chart("绩效工资测算"))
    assert one.std() > 10  # not a blank image
    # Missing glyphs all render as the same empty box; real glyphs differ per character.
    top = slice(0, one.shape[0] // 4)
    assert not np.array_equal(one[top], two[top])
    ink = (one[top] < 128).mean()
    assert ink > 0.01


def test_deck_has_the_expected_slides_with_chinese_text(
    results: list[ScenarioResult], font: str
) -> None:
    deck = Presentation(io.BytesIO(build_deck(results, results[0])))
    texts = [
        " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
        for slide in deck.slides
    ]
    assert len(deck.slides) == 7  # title, headline, 4 modules, comparison
    assert "师资规划方案" in texts[0] and "现行方案" in texts[0] and "新标准" in texts[0]
    assert "主要指标" in texts[1]
    assert "交流轮岗" in texts[3]
    pictures = [s for slide in deck.slides for s in slide.shapes if s.shape_type == 13]
    assert len(pictures) == 4
    tables = [s for s in deck.slides[1].shapes if s.has_table]
    assert tables and tables[0].table.cell(1, 1).text == "核定编制"


def test_workbook_has_a_sheet_per_module(results: list[ScenarioResult]) -> None:
    book = load_workbook(io.BytesIO(build_workbook(results, results[0])))
    assert book.sheetnames[0] == "主要指标"
    assert {"1-编制", "1-交流轮岗", "1-绩效工资", "2-编制"} <= set(book.sheetnames)


def test_formulas_are_neutralised() -> None:
    frame = pd.DataFrame(
        {"name": ['=HYPERLINK("x")', "+1", "-2", "@a", "\tb", "王芳"], "n": range(6)}
    )
    out = neutralise(frame)
    assert out["name"].tolist() == ['\'=HYPERLINK("x")', "'+1", "'-2", "'@a", "'\tb", "王芳"]
    assert to_csv_bytes(frame).startswith("\ufeff".encode())
