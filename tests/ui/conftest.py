"""Two compared scenarios on a generated demo city, shared by the export tests."""

from __future__ import annotations

import pytest

from models.loaders import Frames
from planning.rotation import RotationRules
from planning.scenario import Scenario, ScenarioResult, run
from seed.cadres import CADRE_FRAMES
from seed.city import generate
from seed.reference import CURRICULUM, standards_frame
from tests.requirements import unavailable
from ui.scenarios.chart_images import cjk_font


@pytest.fixture(scope="session")
def compared() -> tuple[Frames, list[ScenarioResult]]:
    """The city's frames, and 现行方案 (the baseline) and 新标准 (the 2014 standard,
    15 % rotating) run on them."""
    c = generate("demo", seed=11)
    inputs = dict(
        schools=c.schools, teachers=c.teachers, standards=standards_frame(), curriculum=CURRICULUM
    )
    cadres = {name: getattr(c, name) for name in CADRE_FRAMES}
    data = Frames(
        districts=c.districts,
        pay_policies=c.teachers.iloc[:0],
        stamp=0,
        **inputs,
        **cadres,
        wishes=c.wishes,
        mentor_links=c.mentor_links,
    )
    plans = [
        Scenario("现行方案"),
        Scenario("新标准", standard="2014", rotation=RotationRules(rate=0.15)),
    ]
    return data, [run(s, **inputs) for s in plans]


@pytest.fixture(scope="session")
def font() -> str:
    name = cjk_font()
    if name is None:
        unavailable("no CJK font installed (Debian package fonts-noto-cjk; `make fonts`)")
    return name
