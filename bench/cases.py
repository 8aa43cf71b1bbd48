"""The benchmark steps: seeding, loading, each engine, page reruns via AppTest.

Targets come from the issues (ms, by scale); a step without one is reported only.
Later engines add their steps here.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

from bench import cadres as cadre_steps
from bench.timing import Result, measure
from models import loaders
from models.config import settings
from models.db import get_engine
from models.schema import migrate
from planning import establishment as est
from planning import pay, rotation, talent
from planning.scope import restrict
from seed.database import seed_database

ROOT = Path(__file__).resolve().parents[1]

TARGETS: dict[str, dict[str, float]] = {
    "seed": {"city": 20_000},
    "load (cold)": {"city": 500},
    "establishment: quotas + subject_gaps": {"city": 30, "province": 500},
    "page: overview first render": {"city": 1_500},
    "page: establishment rerun after slider": {"city": 250},
    "pay: allocate": {"city": 100, "province": 1_500},
    "page: performance pay rerun after slider": {"city": 250},
    "rotation: plan one county": {"city": 1_000},
    "scenarios: compare two, all engines": {"city": 8_000},
    "scenarios: build the deck": {"city": 10_000},
    "scenarios: build the workbook": {"city": 3_000},  # issue 16
    "scenarios: build the PDF": {"city": 10_000},
    "data: import all teachers (XLSX)": {"city": 30_000},
    "data: save 100 edited rows": {"city": 1_000},
    "page: scenarios, compare two (first)": {"city": 8_000},
    "rotation: plan whole scale": {"city": 5_000, "province": 120_000},
    # issue 18
    "talent: post levels + promotion candidates": {"city": 100},
    "talent: recruitment plan, 5 years": {"city": 2_000},
    "talent: mentoring assignment": {"city": 2_000},
}
# Page reruns must also stay within this multiple of the trivial page's rerun.
PAGE_RATIO_TARGET = 10.0


def _runs(scale: str, fast: int, slow: int) -> int:
    return {"demo": fast, "city": max(3, fast // 2), "province": slow}[scale]


def _target(name: str, scale: str) -> float | None:
    return TARGETS.get(name, {}).get(scale)


def _fresh_url(workdir: Path, name: str) -> str:
    path = workdir / f"{name}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return f"sqlite:///{path}"


def steps(scale: str, workdir: Path) -> Iterator[Result]:
    """Run every step at ``scale``; yields results as they finish."""
    counter = iter(range(1_000))

    def seed_once() -> None:
        url = _fresh_url(workdir, f"seed{next(counter)}")
        migrate(url)
        seed_database(engine=get_engine(url), scale=scale)

    yield measure("seed", seed_once, runs=_runs(scale, 3, 1), target_ms=_target("seed", scale))

    url = _fresh_url(workdir, "bench")
    migrate(url)
    seed_database(engine=get_engine(url), scale=scale)
    yield measure(
        "load (cold)",
        lambda: loaders.load(url),
        setup=loaders.invalidate,
        runs=_runs(scale, 10, 3),
        target_ms=_target("load (cold)", scale),
    )
    frames = loaders.load(url)
    standard = frames.standard("2001")

    def establishment() -> None:
        est.quotas(frames.schools, frames.teachers, standard, growth=0.05)
        est.subject_gaps(frames.schools, frames.teachers, frames.curriculum)

    name = "establishment: quotas + subject_gaps"
    yield measure(name, establishment, runs=_runs(scale, 20, 5), target_ms=_target(name, scale))
    policy = pay.PayPolicy()
    name = "pay: allocate"
    yield measure(
        name,
        lambda: pay.allocate(frames.teachers, frames.schools, policy),
        runs=_runs(scale, 20, 5),
        target_ms=_target(name, scale),
    )
    yield from _rotation(scale, frames)
    yield from _talent(scale, frames)
    yield from cadre_steps.steps(scale, frames)
    yield from _scenarios(scale, frames)
    yield from _data_entry(scale, url, frames)
    yield from _pages(scale, url)


def _talent(scale: str, frames: loaders.Frames) -> Iterator[Result]:
    """The talent engines (issue 18) on the whole scale, quotas computed beforehand
    (the page takes them from the establishment cache)."""
    schools, teachers, standard = frames.schools, frames.teachers, frames.standard("2001")
    quota = est.quotas(schools, teachers, standard)

    def posts() -> None:
        levels = talent.post_levels(quota, schools, teachers)
        talent.promotion_candidates(teachers, levels, year=2026)

    rules = talent.RecruitmentRules(years=5)
    cases: list[tuple[str, Any]] = [
        ("talent: post levels + promotion candidates", posts),
        ("talent: recruitment plan, 5 years", lambda: talent.recruitment_plan(
            schools, teachers, standard, frames.curriculum, rules, year=2026)),
        ("talent: mentoring assignment",
         lambda: talent.mentoring(schools, teachers, frames.curriculum)),
        ("talent: special-grade pipeline",
         lambda: talent.pipeline(schools, teachers, year=2026)),
        ("talent: award split", lambda: talent.split_award(100, schools, teachers)),
    ]  # fmt: skip
    for name, step in cases:
        yield measure(name, step, runs=_runs(scale, 10, 3), target_ms=_target(name, scale))


def _data_entry(scale: str, url: str, frames: loaders.Frames) -> Iterator[Result]:
    from models.exporter import export_frame
    from models.importer import MAX_ROWS, apply, check, read_file
    from models.roles import Actor
    from models.writers import save_changes
    from ui.export import to_xlsx_bytes

    editor = Actor("bench", "editor")
    engine = get_engine(url)
    if len(frames.teachers) > MAX_ROWS:  # a province's file is over the import cap: by design
        print(
            f"(data import skipped: {len(frames.teachers):,} rows exceed the cap of {MAX_ROWS:,})"
        )
        return
    xlsx = to_xlsx_bytes({"teacher": export_frame(frames, "teacher")})

    def import_all() -> None:
        rows = check(read_file(xlsx, "teachers.xlsx"), "teacher",
                     schools=frames.schools, districts=frames.districts)  # fmt: skip
        apply(engine=engine, table="teacher", rows=rows, actor=editor)

    name = "data: import all teachers (XLSX)"
    yield measure(f"{name} ({len(frames.teachers):,} rows)", import_all, runs=1,
                  target_ms=_target(name, scale))  # fmt: skip
    ids = frames.schools["school_id"].head(100).tolist()

    def save_hundred() -> None:
        current = loaders.load(url).schools.set_index("school_id")
        from models.editing import table_rows

        versions = table_rows(engine, "school").set_index("id")["version"]
        updates = [
            {
                "id": i,
                "version": int(versions[i]),
                "students_senior": int(current.loc[i, "students_senior"]) + 1,
            }
            for i in ids
        ]
        save_changes(engine=engine, table="school", actor=editor, updates=updates)

    name = "data: save 100 edited rows"
    yield measure(name, save_hundred, runs=_runs(scale, 5, 3), target_ms=_target(name, scale))


def _scenarios(scale: str, frames: loaders.Frames) -> Iterator[Result]:
    from planning.scenario import Scenario, ScenarioResult, diff, run
    from ui.scenarios.deck import build_deck
    from ui.scenarios.pdf import build_pdf
    from ui.scenarios.workbook import build_workbook

    inputs = dict(
        schools=frames.schools,
        teachers=frames.teachers,
        standards=frames.standards,
        curriculum=frames.curriculum,
        wishes=frames.wishes,
    )
    pair = (
        Scenario("A"),
        Scenario("B", standard="2014", rotation=rotation.RotationRules(rate=0.15)),
    )
    results: list[ScenarioResult] = []

    def compare() -> None:
        results[:] = [run(s, **inputs) for s in pair]
        diff(*results)

    name = "scenarios: compare two, all engines"
    yield measure(name, compare, runs=_runs(scale, 3, 1), target_ms=_target(name, scale))
    for name, build in (
        ("scenarios: build the deck", build_deck),
        ("scenarios: build the PDF", build_pdf),
        ("scenarios: build the workbook", build_workbook),
    ):
        yield measure(
            name,
            partial(build, results, results[0], frames),
            runs=_runs(scale, 3, 1),
            target_ms=_target(name, scale),
        )


def _rotation(scale: str, frames: loaders.Frames) -> Iterator[Result]:
    rules = rotation.RotationRules()
    sizes = frames.teachers.groupby(
        frames.teachers["school_id"].map(frames.schools.set_index("school_id")["district_id"])
    ).size()
    county = int((sizes - 7_000).abs().idxmin())  # the county nearest 7,000 teachers
    schools, teachers = restrict(frames.schools, frames.teachers, district_ids=[county])
    name = "rotation: plan one county"
    yield measure(
        f"{name} ({len(teachers):,} teachers)",
        lambda: rotation.plan(teachers, schools, rules, year=2026, curriculum=frames.curriculum),
        runs=_runs(scale, 5, 2),
        target_ms=_target(name, scale),
    )
    name = "rotation: plan whole scale"
    yield measure(
        name,
        lambda: rotation.plan(
            frames.teachers, frames.schools, rules, year=2026, curriculum=frames.curriculum
        ),
        runs=_runs(scale, 3, 1),
        target_ms=_target(name, scale),
    )


def _scenario_page(scale: str, url: str, app: Any) -> Iterator[Result]:
    """The scenarios page comparing two saved scenarios: first (engines run) and cached."""
    import streamlit as st

    from models.roles import Actor
    from models.scenarios import list_scenarios, save_scenario
    from planning.scenario import Scenario

    engine = get_engine(url)
    if list_scenarios(engine).empty:
        for s in (Scenario("A"), Scenario("B", standard="2014")):
            save_scenario(
                engine=engine, name=s.name, params=s.to_json(), actor=Actor("bench", "editor")
            )
    name = "page: scenarios, compare two (first)"
    yield measure(
        name,
        lambda: app.switch_page("pages/scenarios.py").run(),
        setup=st.cache_data.clear,
        runs=_runs(scale, 3, 1),
        target_ms=_target(name, scale),
    )
    name = "page: scenarios, compare two (cached)"
    yield measure(
        name,
        lambda: app.run(),
        runs=_runs(scale, 5, 2),
        target_ms=_target(name, scale),
    )


def _pages(scale: str, url: str) -> Iterator[Result]:
    from streamlit.testing.v1 import AppTest

    from ui.establishment.controls import growth_key
    from ui.performance_pay.controls import key as policy_key
    from ui.rotation.controls import key as rules_key

    os.environ["DATABASE_URL"] = url
    settings.cache_clear()

    trivial = AppTest.from_file(str(ROOT / "bench" / "trivial_page.py"), default_timeout=600).run()
    values = iter(range(1_000_000))
    yield measure(
        "page: trivial rerun after slider",
        lambda: trivial.slider(key="value").set_value(next(values) % 100).run(),
        runs=20,
    )

    def overview_first() -> None:
        AppTest.from_file(str(ROOT / "app.py"), default_timeout=600).run()

    name = "page: overview first render"
    yield measure(
        name,
        overview_first,
        setup=loaders.invalidate,
        runs=_runs(scale, 5, 2),
        target_ms=_target(name, scale),
    )

    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600).run()
    app.switch_page("pages/establishment.py").run()
    growth = iter(range(1_000_000))
    name = "page: establishment rerun after slider"
    yield measure(
        name,
        lambda: app.slider(key=growth_key("primary")).set_value(next(growth) % 30 / 100).run(),
        runs=_runs(scale, 10, 3),
        target_ms=_target(name, scale),
    )
    app.switch_page("pages/rotation.py").run()
    rates = iter(range(1_000_000))
    name = "page: rotation rerun after slider"
    yield measure(
        name,
        lambda: app.slider(key=rules_key("rate")).set_value((5 + next(rates) % 20) / 100).run(),
        runs=_runs(scale, 5, 2),
        target_ms=_target(name, scale),
    )
    yield from _scenario_page(scale, url, app)
    app.switch_page("pages/performance_pay.py").run()
    subsidy = iter(range(1_000_000))
    name = "page: performance pay rerun after slider"
    yield measure(
        name,
        lambda: (
            app.slider(key=policy_key("rural_subsidy_yuan_month"))
            .set_value(50 * (next(subsidy) % 60))
            .run()
        ),
        runs=_runs(scale, 10, 3),
        target_ms=_target(name, scale),
    )
