"""Meeting exports: the deck opens with Chinese text, chart images show real glyphs."""

from __future__ import annotations

import io

import altair as alt
import numpy as np
import pandas as pd
from PIL import Image

from ui.export import neutralise, to_csv_bytes
from ui.scenarios.chart_images import png


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


def test_formulas_are_neutralised() -> None:
    frame = pd.DataFrame(
        {"name": ['=HYPERLINK("x")', "+1", "-2", "@a", "\tb", "王芳"], "n": range(6)}
    )
    out = neutralise(frame)
    assert out["name"].tolist() == ['\'=HYPERLINK("x")', "'+1", "'-2", "'@a", "'\tb", "王芳"]
    assert to_csv_bytes(frame).startswith("\ufeff".encode())
