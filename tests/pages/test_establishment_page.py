"""The establishment page reacts to its controls."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from ui.establishment import controls as c
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
    assert after["Active staff"] == before["Active staff"]


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
