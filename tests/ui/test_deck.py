"""The meeting deck: 16:9, a real title on every slide stating its message with a
number, full-width charts, speaker notes, every parameter in the appendix, no slide
twice (issue 16, Deliver 1)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import date

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.util import Inches, Pt

from models.loaders import Frames
from planning.scenario import ScenarioResult
from ui import people
from ui.figures import figure_text
from ui.scenarios.deck import build_deck
from ui.scenarios.parameters import namer, parameter_table
from ui.scenarios.report import APPENDIX_ROWS

Deck = tuple[str, object]


@pytest.fixture(scope="module", params=["zh", "en"])
def deck(
    request: pytest.FixtureRequest, compared: tuple[Frames, list[ScenarioResult]], font: str
) -> Iterator[Deck]:
    data, results = compared
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("ui.i18n.lang", lambda: request.param)
        built = build_deck(results, results[0], data)
        yield request.param, Presentation(io.BytesIO(built))


def _title(slide: object) -> str:
    title = slide.shapes.title  # type: ignore[attr-defined]
    assert title is not None and title.is_placeholder
    return str(title.text_frame.text)


def test_every_slide_has_a_title_placeholder_and_none_repeats(deck: Deck) -> None:
    _, pres = deck
    assert (pres.slide_width, pres.slide_height) == (Inches(13.333), Inches(7.5))  # type: ignore[attr-defined]
    slides = list(pres.slides)  # type: ignore[attr-defined]
    titles = [_title(s) for s in slides]
    assert all(titles) and len(set(titles)) == len(titles), titles
    kinds = {s.shapes.title.placeholder_format.type for s in slides}
    assert kinds <= {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE}
    texts = ["\n".join(sh.text_frame.text for sh in s.shapes if sh.has_text_frame) for s in slides]
    assert len(set(texts)) == len(texts)


def test_message_slides_state_the_proposal_against_the_baseline(
    deck: Deck, compared: tuple[Frames, list[ScenarioResult]]
) -> None:
    lang, pres = deck
    proposal = compared[1][1]
    slides = list(pres.slides)  # type: ignore[attr-defined]
    # headline, four modules with the county balance and move map, pay spread
    messages = [_title(s) for s in slides[1:9]]
    for title in messages:
        assert "新标准" in title and re.search(r"\d", title), title
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("ui.i18n.lang", lambda: lang)
        assert figure_text(proposal, "short_posts") in messages[0]
        assert figure_text(proposal, "moved") in messages[2]
        assert figure_text(proposal, "moved") in messages[5]  # the move map
    over = int((proposal.balance["after"] > proposal.balance["threshold"]).sum())
    assert f" {over} " in messages[4]  # coefficients still above the threshold
    assert "基准" in messages[0] if lang == "zh" else "baseline" in messages[0]


def test_charts_fill_the_width_and_tables_are_large(deck: Deck) -> None:
    _, pres = deck
    slides = list(pres.slides)  # type: ignore[attr-defined]
    pictures = [sh for s in slides for sh in s.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(pictures) == 7  # four modules, county balance, move map, pay spread
    for picture in pictures:
        assert picture.width >= Inches(10) or picture.height >= Inches(5.5)
        assert picture.top + picture.height <= Inches(7.5)
    table = next(sh for sh in slides[1].shapes if sh.has_table).table
    sizes = {
        r.font.size for c in table.iter_cells() for p in c.text_frame.paragraphs for r in p.runs
    }
    assert min(sizes) >= Pt(14)


def test_notes_give_the_rules_and_the_appendix_every_parameter(
    deck: Deck, compared: tuple[Frames, list[ScenarioResult]]
) -> None:
    lang, pres = deck
    data, results = compared
    slides = list(pres.slides)  # type: ignore[attr-defined]
    for slide in slides:
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("ui.i18n.lang", lambda: lang)
        params = parameter_table([r.scenario for r in results], namer(data))
    rotation_notes = slides[3].notes_slide.notes_text_frame.text
    assert "15.0%" in rotation_notes and "10.0%" in rotation_notes
    appendix = slides[10:]  # after the leaders-and-talent slide
    assert len(appendix) == -(-len(params) // APPENDIX_ROWS)
    tables = [sh.table for s in appendix for sh in s.shapes if sh.has_table]
    listed = [tb.cell(i, 1).text_frame.text for tb in tables for i in range(1, len(tb.rows))]
    assert listed == params.iloc[:, 1].tolist()


def test_a_slide_gives_the_leaders_and_talent_figures(
    deck: Deck, compared: tuple[Frames, list[ScenarioResult]]
) -> None:
    _, pres = deck
    data, results = compared
    slide = list(pres.slides)[9]  # type: ignore[attr-defined]
    proposal = results[1].scenario
    figures = people.compute(data, date.today().year, proposal.district_id, proposal)
    assert figures.unmentored_cells is not None and figures.head_no_successor > 0
    title = _title(slide)
    assert f"{figures.head_no_successor:,}" in title and f"{figures.unmentored_cells:,}" in title
    table = next(sh for sh in slide.shapes if sh.has_table).table
    counts = [table.cell(i, 1).text_frame.text for i in range(1, len(table.rows))]
    assert counts == [f"{n:,}" for n in (figures.head_no_successor, figures.behind_training,
                                         figures.unmentored_cells,
                                         figures.schools_over_ceiling)]  # fmt: skip
