"""The establishment page reacts to its controls."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests import factories as f
from ui.establishment import controls as c
from ui.establishment import views as v
from ui.filters import filter_key

MakeApp = Callable[[str, str], AppTest]


def _figures(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _open(make_app: MakeApp, url: str) -> AppTest:
    at = make_app(url, "en").run()
    at.switch_page("pages/establishment.py").run()
    assert not at.exception
    return at


def test_growth_slider_changes_the_figures(demo_sqlite: str, make_app: MakeApp) -> None:
    at = _open(make_app, demo_sqlite)
    before = _figures(at)
    at.slider(key=c.growth_key("primary")).set_value(0.2).run()
    after = _figures(at)
    assert not at.exception
    assert int(after["Posts"].replace(",", "")) > int(before["Posts"].replace(",", ""))
    assert after["Staff on the books"] == before["Staff on the books"]


def test_staff_on_the_books_and_present_are_both_shown(demo_sqlite: str, make_app: MakeApp) -> None:
    # Issue 13: everyone on the books holds a post; those present are shown beside.
    at = _open(make_app, demo_sqlite)
    figures = {k: int(v.replace(",", "")) for k, v in _figures(at).items()}
    assert figures["Staff on the books"] > figures["Present and teaching"] > 0
    assert figures["Net gap"] == figures["Posts"] - figures["Staff on the books"]
    tables = [d.value for d in at.main.dataframe if "present" in d.value.columns]
    assert len(tables) == 2  # the schools most short and most over
    assert all((table["staff"] >= table["present"]).all() for table in tables)


def test_subject_gaps_per_school_on_the_page(demo_sqlite: str, make_app: MakeApp) -> None:
    at = _open(make_app, demo_sqlite)
    (table,) = [d.value for d in at.main.dataframe if "Shortage (FTE)" in d.value.columns]
    assert len(table) == 10 and table["Shortage (FTE)"].is_monotonic_decreasing
    assert "Administration" not in table.columns  # admin staff teach no subject
    subjects = table.columns[table.columns.get_loc("Surplus (FTE)") + 1 :]
    assert len(subjects) > 0
    short = table[subjects].clip(lower=0).sum(axis=1)
    assert (short.round(6) == table["Shortage (FTE)"].round(6)).all()


def test_workbook_has_both_figures_and_subject_gaps_per_school(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("ui.i18n.lang", lambda: "en")
    schools = f.schools(f.school(1, code="A1"), f.school(2, code="B2"))
    # school 1: two on the books, one seconded; school 2 is short of posts and of Chinese
    quota = pd.DataFrame({"school_id": [1, 2], "quota": [1, 3], "staff": [2, 1],
                          "present": [1, 1], "gap": [-1, 2],
                          "status": ["over", "short"]})  # fmt: skip
    gaps = pd.DataFrame({"school_id": [1, 1, 2], "subject": ["math", "chinese", "chinese"],
                         "need": [0.5, 1.5, 3.0], "staff": [1, 0, 1],
                         "gap": [-0.5, 1.5, 2.0]})  # fmt: skip
    sheets = v.workbook(quota, gaps, schools, {1: "North"})
    quotas, subjects = sheets.values()
    assert quotas["Code"].tolist() == ["B2", "A1"]  # the most short first
    assert quotas[["Staff on the books", "Present and teaching"]].values.tolist() == [
        [1, 1],
        [2, 1],
    ]
    assert subjects["Code"].tolist() == ["B2", "A1"]
    school_1 = subjects.loc[1, ["Shortage (FTE)", "Surplus (FTE)", "Chinese", "Mathematics"]]
    assert school_1.tolist() == [1.5, 0.5, 1.5, -0.5]


def test_2014_standard_gives_more_posts_than_2001(demo_sqlite: str, make_app: MakeApp) -> None:
    at = _open(make_app, demo_sqlite)
    posts_2001 = int(_figures(at)["Posts"].replace(",", ""))
    at.selectbox(key=f"{c.STANDARD}.en").set_value("2014").run()
    posts_2014 = int(_figures(at)["Posts"].replace(",", ""))
    assert posts_2014 > posts_2001
    delta = next(m for m in at.metric if m.label == "Posts").proto.delta
    assert delta == f"{posts_2014 - posts_2001:,}"


def test_class_floor_adds_rural_posts(demo_sqlite: str, make_app: MakeApp) -> None:
    at = _open(make_app, demo_sqlite)
    before = int(_figures(at)["Posts"].replace(",", ""))
    at.toggle(key=c.CLASS_FLOOR_ON).set_value(True).run()
    at.slider(key=c.CLASS_FLOOR).set_value(2.0).run()
    assert int(_figures(at)["Posts"].replace(",", "")) > before


def test_filters_narrow_the_city(demo_sqlite: str, make_app: MakeApp) -> None:
    at = _open(make_app, demo_sqlite)
    city = int(_figures(at)["Posts"].replace(",", ""))
    at.multiselect(key=f"{filter_key('est', 'locations')}.en").set_value(["rural"]).run()
    assert 0 < int(_figures(at)["Posts"].replace(",", "")) < city


def test_custom_standard_is_edited_in_place(demo_sqlite: str, make_app: MakeApp) -> None:
    at = _open(make_app, demo_sqlite)
    posts = int(_figures(at)["Posts"].replace(",", ""))
    at.selectbox(key=f"{c.STANDARD}.en").set_value(c.CUSTOM).run()
    assert int(_figures(at)["Posts"].replace(",", "")) == posts  # an unedited copy of 2001
    # Halve the urban primary ratio (row 0 = primary, column urban): twice the posts there.
    at.session_state[c.custom_editor_key("2001")] = {
        "edited_rows": {0: {"urban": 9.5}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception
    assert int(_figures(at)["Posts"].replace(",", "")) > posts
