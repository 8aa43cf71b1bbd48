"""Blank templates explain every column (issue 15, Deliver 3)."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from models.loaders import Frames
from planning import columns
from planning.scenario import ScenarioResult
from ui.data.template import column_guide, template_xlsx


@pytest.mark.parametrize("table", ["school", "teacher"])
def test_the_guide_explains_every_column_in_chinese(
    table: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for where in ("ui.i18n.lang", "ui.data.template.lang"):
        monkeypatch.setattr(where, lambda: "zh")
    guide = column_guide(table).set_index("列名")
    spec = columns.stored(table).file_columns
    assert list(guide.index) == [c.header("zh") for c in spec]
    required = {c.header("zh") for c in spec if c.default is None and not c.nullable}
    assert set(guide.index[guide["必填"] == "是"]) == required
    if table == "teacher":
        assert guide.loc["交流学校代码", "必填"] == "否"  # only teachers on exchange have one
        assert "一级" in guide.loc["职称", "可选值或范围"]
        assert guide.loc["班主任", "可选值或范围"] == "是 / 否"
        assert guide.loc["学校代码", "可选值或范围"] == "学校代码（须已存在）"
        assert guide.loc["岗位等级", "可选值或范围"] == "1–13"
    else:
        assert guide.loc["城乡类别", "可选值或范围"] == "城区、镇区、乡村"


def test_the_template_has_the_headers_and_the_guide(
    compared: tuple[Frames, list[ScenarioResult]], monkeypatch: pytest.MonkeyPatch
) -> None:
    for where in ("ui.i18n.lang", "ui.data.template.lang"):
        monkeypatch.setattr(where, lambda: "en")
    book = load_workbook(io.BytesIO(template_xlsx(compared[0], "teacher")))
    blank, guide = book.worksheets
    assert (blank.title, guide.title) == ("Teachers", "How to fill in")
    headers = [c.value for c in blank[1]]
    assert headers == [c.header("en") for c in columns.stored("teacher").file_columns]
    assert blank.max_row == 1
    assert guide.max_row == len(headers) + 1
