"""The rotation page plans, explains and simulates."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from ui.rotation import controls as c

MakeApp = Callable[[str, str], AppTest]


def _figures(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _open(make_app: MakeApp, url: str) -> AppTest:
    at = make_app(url, "en").run()
    at.switch_page("pages/rotation.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_rate_changes_the_required_moves(demo_sqlite: str, make_app: MakeApp) -> None:
    at = _open(make_app, demo_sqlite)
    before = int(_figures(at)["Required"].replace(",", ""))
    assert before > 0
    at.slider(key=c.key("rate")).set_value(0.2).run()
    assert not at.exception
    assert int(_figures(at)["Required"].replace(",", "")) > before


def test_one_county_and_the_move_list(demo_sqlite: str, make_app: MakeApp) -> None:
    at = _open(make_app, demo_sqlite)
    assert at.selectbox(key=f"{c.SCOPE}.en").index == 0  # "whole city", not empty
    city = int(_figures(at)["Eligible"].replace(",", ""))
    at.selectbox(key=f"{c.SCOPE}.en").set_value(1).run()
    assert not at.exception
    county = int(_figures(at)["Eligible"].replace(",", ""))
    assert 0 < county < city
    moves = at.dataframe[-1].value
    assert len(moves) == int(_figures(at)["Moved"].replace(",", ""))


def test_a_distance_limit_is_explained(demo_sqlite: str, make_app: MakeApp) -> None:
    at = _open(make_app, demo_sqlite)
    at.toggle(key=c.LIMIT_KM).set_value(True).run()
    at.slider(key=c.key("max_km")).set_value(5.0).run()
    assert not at.exception
    text = " ".join(str(df.value.to_dict()) for df in at.dataframe)
    assert "beyond the distance limit" in text or "already filled" in text


def test_simulation_runs(demo_sqlite: str, make_app: MakeApp) -> None:
    at = _open(make_app, demo_sqlite)
    at.slider(key=c.SIM_YEARS).set_value(2).run()
    at.button(key=c.SIM_RUN).click().run()
    assert not at.exception
    sim = at.session_state[c.SIMULATION]
    assert sim["year"].tolist() == [sim["year"].iloc[0], sim["year"].iloc[0] + 1]


def test_the_fewest_moves_that_meet_the_thresholds(demo_sqlite: str, make_app: MakeApp) -> None:
    at = _open(make_app, demo_sqlite)
    assert "Moves needed to meet the thresholds" not in _figures(at)
    at.button(key=c.INVERSE_RUN).click().run()
    assert not at.exception, [e.value for e in at.exception]
    _, answer = at.session_state[c.INVERSE]
    total = int(_figures(at)["Moves needed to meet the thresholds"].replace(",", ""))
    assert total == int(answer.counties["moves"].sum()) == len(answer.moves)
    table = next(df.value for df in at.dataframe if "Fewest moves" in df.value.columns)
    assert table["Fewest moves"].sum() == total
    assert not table["County"].astype(str).str.fullmatch(r"\d+").any()  # names, not ids
    # another rule: the old answer is not shown as if it answered the new question
    at.slider(key=c.key("rate")).set_value(0.2).run()
    assert "Moves needed to meet the thresholds" not in _figures(at)


def test_a_term_past_the_retirement_guard_is_explained_in_chinese(
    demo_sqlite: str, make_app: MakeApp
) -> None:
    at = make_app(demo_sqlite, "zh").run()
    at.switch_page("pages/rotation.py").run()
    at.slider(key=c.key("term_years")).set_value(5).run()
    at.slider(key=c.key("retire_guard_years")).set_value(3).run()
    at.button(key=c.SIM_RUN).click().run()
    assert not at.exception
    [error] = [e.value for e in at.error]
    assert "交流期限（5 年）长于退休保护年限（3 年）" in error
    assert "term_years" not in error


def _share(text: str) -> float:
    return float(text.rstrip("%"))


def test_wishes_shares_and_reasons_in_english(demo_sqlite: str, make_app: MakeApp) -> None:
    at = _open(make_app, demo_sqlite)
    assert any("leaves the teachers' wishes aside" in str(c.value) for c in at.caption)
    assert at.slider(key=c.key("wish_tolerance")).disabled
    at.toggle(key=c.key("use_wishes")).set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    figures = _figures(at)
    first = _share(figures["Placed at their first choice"])
    top3 = _share(figures["Placed at one of their first three"])
    assert 0 <= first <= top3 <= 100
    deltas = [m.delta for m in at.metric if m.label == "Placed at their first choice"]
    assert deltas and "plan without wishes" in str(deltas[0])
    moves = at.dataframe[-1].value
    reasons = set(moves["Why there"])
    known = {"No wish listed: placed for balance and shortage",
             "Listed schools need no teacher of this subject and section",
             "Listed schools' places in this subject are taken",
             "A listed school would give up balance beyond the tolerance"}  # fmt: skip
    assert reasons, "no reasons shown"
    assert all(r in known or r.startswith("Wish no. ") for r in reasons), reasons
    placed = moves[moves["Why there"].str.startswith("Wish no. ")]
    assert (placed["Wish rank"].astype(int).astype(str).to_numpy()
            == placed["Why there"].str.removeprefix("Wish no. ").to_numpy()).all()  # fmt: skip
    assert placed["Listed schools"].str.len().gt(0).all()
    # no tolerance: wishes only break ties, and the page still answers
    at.slider(key=c.key("wish_tolerance")).set_value(0.0).run()
    assert not at.exception, [e.value for e in at.exception]
    assert _share(_figures(at)["Placed at one of their first three"]) <= top3


def test_wishes_in_chinese(demo_sqlite: str, make_app: MakeApp) -> None:
    at = make_app(demo_sqlite, "zh").run()
    at.switch_page("pages/rotation.py").run()
    at.toggle(key=c.key("use_wishes")).set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    figures = _figures(at)
    assert _share(figures["去第一志愿学校"]) <= _share(figures["去前三志愿学校"])
    moves = at.dataframe[-1].value
    assert {"去向原因", "志愿序号", "所填志愿"} <= set(moves.columns)
    fixed = {"未填志愿：按均衡和缺口安排", "所填学校不缺该学科该学段教师",
             "所填学校该学科名额已满", "去所填学校会使均衡让步超过允许比例"}  # fmt: skip
    assert moves["去向原因"].map(lambda r: r in fixed or r.endswith("志愿")).all()
    assert any("应交流教师填报了有效志愿" in str(cap.value) for cap in at.caption)
