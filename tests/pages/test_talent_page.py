"""The Talent & posts page: renders in both languages, a what-if changes a figure,
bad input gets a sentence, not an empty chart."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import text
from streamlit.testing.v1 import AppTest

import models
from models.db import get_engine
from models.roles import Actor
from models.schema import migrate
from planning.talent import link_coverage, mentoring
from seed.database import seed_database
from ui.talent import controls as c
from ui.talent import links as link_ui

MakeApp = Callable[[str, str], AppTest]


def _open(make_app: MakeApp, url: str, lang: str) -> AppTest:
    at = make_app(url, lang).run()
    at.switch_page("pages/talent.py").run()
    assert not at.exception
    return at


def _figures(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _int(text: str) -> int:
    return int(text.replace(",", ""))


def _show(at: AppTest, part: str, lang: str = "en") -> AppTest:
    at.radio(key=f"{c.PART}.{lang}").set_value(part).run()
    assert not at.exception
    return at


@pytest.mark.parametrize(
    ("lang", "title", "vacancies"),
    [("zh", "人才与岗位", "空缺"), ("en", "Talent & posts", "Vacancies")],
)
def test_every_part_shows_names_and_a_download(
    demo_sqlite: str, make_app: MakeApp, lang: str, title: str, vacancies: str
) -> None:
    at = _open(make_app, demo_sqlite, lang)
    assert at.title[0].value == title
    for part in c.PARTS:
        _show(at, part, lang)
        assert not at.error, part
        assert len(at.get("download_button")) == 1, part  # each list downloadable
        tables = [d.value for d in at.main.dataframe]
        assert any(len(tb) > 0 for tb in tables), part
        assert not any(tb.columns.str.endswith("_id").any() for tb in tables)  # names, not ids
        if part == "recruit":
            assert _int(_figures(at)[vacancies]) > 0


def test_a_longer_horizon_opens_more_vacancies(demo_sqlite: str, make_app: MakeApp) -> None:
    at = _show(_open(make_app, demo_sqlite, "en"), "recruit")
    at.slider(key=c.RECRUIT_YEARS).set_value(1).run()
    one = _int(_figures(at)["Vacancies"])
    at.slider(key=c.RECRUIT_YEARS).set_value(5).run()
    five = _int(_figures(at)["Vacancies"])
    assert not at.exception
    assert five > one > 0


def test_the_award_split_adds_up_to_the_quota(demo_sqlite: str, make_app: MakeApp) -> None:
    at = _show(_open(make_app, demo_sqlite, "en"), "award")
    at.number_input(key=c.AWARD).set_value(37).run()
    (table,) = [d.value for d in at.main.dataframe if "Awards" in d.value.columns]
    assert int(table["Awards"].sum()) == 37
    assert ((table["Awards"] - table["Exact share"]).abs() < 1).all()


def test_bad_input_is_refused_in_chinese(demo_sqlite: str, make_app: MakeApp) -> None:
    at = _show(_open(make_app, demo_sqlite, "zh"), "recruit", "zh")
    at.number_input(key=c.LEAVER_RATE).set_value(-2.0).run()
    assert not at.exception
    assert any("流失率不能小于 0" in e.value for e in at.error)
    _show(at, "mentor", "zh").number_input(key=c.MAX_SCHOOLS).set_value(0).run()
    assert any("每位导师至少带教 1 所学校" in e.value for e in at.error)
    _show(at, "posts", "zh")
    for target in ("second", "first", "senior", "senior_plus"):
        at.number_input(key=f"{c.MIN_YEARS}_{target}").set_value(99).run()
    assert any("所选条件没有选出任何人" in e.value for e in at.error)


@pytest.fixture
def links_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A demo city of its own: the test stores and ends links."""
    url = f"sqlite:///{tmp_path_factory.mktemp('links') / 'demo.db'}"
    migrate(url)
    seed_database(engine=get_engine(url), scale="demo")
    return url


def _stored(url: str) -> list[tuple[int, int, str, str]]:
    with get_engine(url).connect() as conn:
        return [tuple(r) for r in conn.execute(text(
            "SELECT teacher_id, school_id, subject, status FROM mentor_link ORDER BY id"
        ))]  # fmt: skip


def test_the_proposal_is_stored_as_links_after_a_confirmation_and_a_link_ends(
    links_db: str, make_app: MakeApp
) -> None:
    seeded = _stored(links_db)
    data = models.load(links_db)
    plan = mentoring(data.schools, data.teachers, data.curriculum)
    new = link_coverage(plan, data.mentor_links, data.schools).new_pairs
    assert len(new) > 0 and any(s == "active" for *_, s in seeded)
    at = _show(_open(make_app, links_db, "en"), "mentor")
    figures = _figures(at)
    assert _int(figures["Running links"]) == sum(s == "active" for *_, s in seeded)
    at.button(key=link_ui.STORE).click().run()
    assert _stored(links_db) == seeded  # nothing before the confirmation
    at.button(key=link_ui.YES).click().run()
    assert not at.exception and not at.error
    stored = _stored(links_db)
    added = {(t, s, j) for t, s, j, _ in stored[len(seeded) :]}
    assert added == set(zip(new["teacher_id"], new["school_id"], new["subject"], strict=True))
    assert any(f"{len(new)} mentoring links stored" in m.value for m in at.success)
    after = _figures(at)
    assert after["Covered by stored links"] == after["Covered after"]  # all of it stored now
    assert all(b.key != link_ui.STORE for b in at.button)
    # ending one running link
    first = next(i for i, row in enumerate(stored, 1) if row[3] == "active")
    at.selectbox(key=link_ui.END).set_value(first).run()
    at.button(key=link_ui.ENDED).click().run()
    assert not at.exception and not at.error
    assert _stored(links_db)[first - 1][3] == "ended"
    assert _int(_figures(at)["Running links"]) == sum(s == "active" for *_, s in _stored(links_db))


def test_a_viewer_sees_the_links_but_stores_nothing(
    links_db: str, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ui.auth

    monkeypatch.setattr(ui.auth, "current_actor", lambda: Actor("guest", "viewer"))
    at = _show(_open(make_app, links_db, "en"), "mentor")
    assert "Running links" in _figures(at)
    keys = {b.key for b in at.button}
    assert link_ui.STORE not in keys and link_ui.ENDED not in keys
