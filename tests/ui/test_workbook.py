"""The scenarios' workbook: numbers as numbers, headers in the person's language, names
beside codes, yuan with two decimals, km with one, frozen headers with filters, and a
parameters sheet (issue 16, Deliver 6)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import pytest
from openpyxl import load_workbook
from openpyxl.workbook import Workbook

from models.loaders import Frames
from planning.scenario import ScenarioResult
from ui.scenarios.workbook import build_workbook


@pytest.fixture(scope="module", params=["zh", "en"])
def book(
    request: pytest.FixtureRequest, compared: tuple[Frames, list[ScenarioResult]]
) -> Iterator[tuple[str, Workbook]]:
    """The workbook of both scenarios against the first, built once per language."""
    data, results = compared
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("ui.i18n.lang", lambda: request.param)
        built = build_workbook(results, results[0], data)
        yield request.param, load_workbook(io.BytesIO(built))


def _rows(book: Workbook, sheet: str) -> list[dict[str, object]]:
    rows = list(book[sheet].iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def test_sheets_in_order_with_frozen_filtered_headers(book: tuple[str, Workbook]) -> None:
    lang, wb = book
    modules = {"zh": ["编制", "交流轮岗", "绩效工资"],
               "en": ["Establishment", "Rotation", "Performance pay"]}[lang]  # fmt: skip
    first = {"zh": ["主要指标", "参数"], "en": ["Headline figures", "Parameters"]}[lang]
    assert wb.sheetnames == first + modules  # one sheet per topic
    for sheet in wb.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
        assert sheet.auto_filter.ref is not None and sheet.auto_filter.ref.startswith("A1:"), (
            sheet.title
        )


def test_chinese_headers_hold_no_internal_names(book: tuple[str, Workbook]) -> None:
    lang, wb = book
    if lang != "zh":
        return
    for sheet in wb.worksheets:
        headers = [str(c.value) for c in sheet[1]]
        english = [h for h in headers if re.search(r"[A-Za-z_]{2,}", h)]
        assert english == [], (sheet.title, english)


def test_headline_figures_are_numbers_with_the_change(
    book: tuple[str, Workbook], compared: tuple[Frames, list[ScenarioResult]]
) -> None:
    lang, wb = book
    base, other = compared[1]
    rows = _rows(wb, wb.sheetnames[0])
    change = {"zh": "新标准 较基准", "en": "新标准 vs baseline"}[lang]
    posts = rows[0]  # FIGURES starts with the establishment's posts
    assert posts["现行方案"] == base.headline["establishment"]["posts"]
    assert posts["新标准"] == other.headline["establishment"]["posts"]
    assert posts[change] == posts["新标准"] - posts["现行方案"]
    for row in rows:
        assert isinstance(row["现行方案"], (int, float)), row
    budget = next(
        r for r in rows if r["现行方案"] == round(base.headline["pay"]["budget_fen"] / 1e6, 1)
    )
    assert budget[{"zh": "单位", "en": "Unit"}[lang]] == {"zh": "万元", "en": "10k yuan"}[lang]


def test_pay_sheet_in_yuan_to_the_fen(
    book: tuple[str, Workbook], compared: tuple[Frames, list[ScenarioResult]]
) -> None:
    lang, wb = book
    results = compared[1]
    sheet = wb[wb.sheetnames[4]]
    header = [c.value for c in sheet[1]]
    rows = list(sheet.iter_rows(min_row=2))
    assert len(rows) == len(results[0].allocation)  # a row per teacher
    total = {"zh": "{}：合计（元）", "en": "{}: Total (yuan)"}[lang]
    change = {"zh": "新标准：较基准变化（元）", "en": "新标准: Change vs baseline (yuan)"}[lang]
    for r in results:
        cells = [row[header.index(total.format(r.scenario.name))] for row in rows]
        assert {c.number_format for c in cells} == {"#,##0.00"}
        assert sum(round(c.value * 100) for c in cells) == int(r.allocation["total_fen"].sum())
    deltas = [row[header.index(change)].value for row in rows]
    budgets = [int(r.allocation["total_fen"].sum()) for r in results]
    assert sum(round(d * 100) for d in deltas) == budgets[1] - budgets[0]
    assert header.count(change) == 1 and not any("现行方案" in h and "较基准" in h for h in header)
    name = header.index({"zh": "姓名", "en": "Name"}[lang])
    teachers = set(compared[0].teachers["name"])
    assert all(row[name].value in teachers for row in sheet.iter_rows(min_row=2, max_row=50))


def test_moves_name_schools_and_give_km_with_one_decimal(
    book: tuple[str, Workbook], compared: tuple[Frames, list[ScenarioResult]]
) -> None:
    lang, wb = book
    data, results = compared
    sheet = wb[wb.sheetnames[3]]
    header = [c.value for c in sheet[1]]
    assert sum(len(r.moves) for r in results) == sheet.max_row - 1 > 0
    named = [r[0].value for r in sheet.iter_rows(min_row=2)]
    assert [named.count(r.scenario.name) for r in results] == [len(r.moves) for r in results]
    km = header.index({"zh": "距离（公里）", "en": "Distance (km)"}[lang])
    to = header.index({"zh": "受援学校", "en": "To school"}[lang])
    rows = list(sheet.iter_rows(min_row=2))
    assert {r[km].number_format for r in rows} == {"0.0"}
    assert all(r[km].value == round(r[km].value, 1) for r in rows)
    assert {r[to].value for r in rows} <= set(data.schools["name"])


def test_quotas_give_each_scenario_its_posts_and_gap(
    book: tuple[str, Workbook], compared: tuple[Frames, list[ScenarioResult]]
) -> None:
    lang, wb = book
    data, results = compared
    rows = _rows(wb, wb.sheetnames[2])
    assert len(rows) == len(data.schools)
    posts = {"zh": "{}：核定编制", "en": "{}: Posts"}[lang]
    for r in results:
        column = [float(str(row[posts.format(r.scenario.name)])) for row in rows]
        assert sum(column) == r.quotas["quota"].sum()


def test_parameters_sheet_reads_as_the_pages_do(book: tuple[str, Workbook]) -> None:
    lang, wb = book
    rows = _rows(wb, wb.sheetnames[1])
    param = {"zh": "参数", "en": "Parameter"}[lang]
    by_label = {r[param]: r for r in rows}
    rate = by_label[
        {
            "zh": "每年交流比例（占应交流人数）",
            "en": "Share of eligible teachers rotating each year",
        }[lang]
    ]
    assert (rate["现行方案"], rate["新标准"]) == ("10.0%", "15.0%")
    standard = next(r for r in rows if r["现行方案"] != r["新标准"] and "2014" in str(r["新标准"]))
    assert "2001" in str(standard["现行方案"])
    senders = by_label[{"zh": "派出学校类别", "en": "Sending schools"}[lang]]
    assert senders["现行方案"] == {"zh": "城区", "en": "Urban"}[lang]
    assert all(v is not None for r in rows for v in r.values())
