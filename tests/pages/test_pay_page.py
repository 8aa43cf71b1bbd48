"""The performance-pay page reacts to its controls and explains bad values."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import text
from streamlit.testing.v1 import AppTest

from models.db import get_engine
from models.roles import Actor
from models.schema import migrate
from models.writers import save_changes
from seed.database import seed_database
from ui.performance_pay import controls as c
from ui.performance_pay import views as v

MakeApp = Callable[[str, str], AppTest]


def _figures(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _open(make_app: MakeApp, url: str) -> AppTest:
    at = make_app(url, "en").run()
    at.switch_page("pages/performance_pay.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def test_budget_follows_per_capita(demo_sqlite: str, make_app: MakeApp) -> None:
    at = _open(make_app, demo_sqlite)
    before = _figures(at)
    # the default policy is the baseline
    assert (before["Teachers who gain"], before["Teachers who lose"]) == ("0", "0")
    at.number_input(key=c.key("per_capita_yuan")).set_value(40_000).run()
    after = _figures(at)
    assert _number(after["Budget (10k yuan)"]) > _number(before["Budget (10k yuan)"])
    assert _number(after["Teachers who gain"]) > 0 and after["Teachers who lose"] == "0"


def test_basic_share_reads_as_a_percentage(demo_sqlite: str, make_app: MakeApp) -> None:
    at = _open(make_app, demo_sqlite)
    assert at.slider(key=c.key("basic_share")).proto.format == "percent"


def test_losers_are_listed_and_counted(demo_sqlite: str, make_app: MakeApp) -> None:
    at = _open(make_app, demo_sqlite)
    assert not any(s.value.startswith("Who loses") for s in at.subheader)
    at.number_input(key=c.key("head_teacher_points")).set_value(0).run()
    lost = _number(_figures(at)["Teachers who lose"])
    assert lost > 0
    assert any(s.value == f"Who loses ({lost:,.0f} teachers)" for s in at.subheader)
    change = "Change vs baseline (yuan)"
    (listed,) = [d.value for d in at.main.dataframe if change in d.value.columns]
    assert len(listed) == lost and (listed[change] < 0).all()
    assert listed[change].is_monotonic_increasing


def test_rural_subsidy_raises_rural_pay(demo_sqlite: str, make_app: MakeApp) -> None:
    at = _open(make_app, demo_sqlite)
    ratio = _number(_figures(at)["Urban/rural ratio"])
    at.slider(key=c.key("rural_subsidy_yuan_month")).set_value(1_500).run()
    assert _number(_figures(at)["Urban/rural ratio"]) < ratio


def test_pay_slip_lookup(demo_sqlite: str, make_app: MakeApp) -> None:
    at = _open(make_app, demo_sqlite)
    at.text_input(key=v.SEARCH).set_value("T00000001").run()
    assert not at.exception
    slip = at.table[0].value
    assert len(slip) == 4
    total = slip.iloc[3]
    assert total.iloc[1] == total.iloc[2]  # nothing changed yet


def test_breaking_a_rule_is_explained(demo_sqlite: str, make_app: MakeApp) -> None:
    at = _open(make_app, demo_sqlite)
    at.number_input(key=c.key("excellent_multiplier")).set_value(0.5).run()
    assert not at.exception
    assert "“Excellent” must be such that excellent ≥ pass" in at.error[0].value  # its label
    assert at.number_input(key=c.key("excellent_multiplier")).value == 1.2  # put back


def test_the_recorded_host_pays_when_chosen(
    tmp_path_factory: pytest.TempPathFactory, make_app: MakeApp
) -> None:
    """A teacher on exchange with a host school on record (支教): choosing the host as
    payer moves their pay to the host's pool, so someone's pay changes."""
    url = f"sqlite:///{tmp_path_factory.mktemp('host') / 'demo.db'}"
    migrate(url)
    engine = get_engine(url)
    seed_database(engine=engine, scale="demo")
    with engine.connect() as conn:
        away = conn.execute(text(
            "SELECT id, version, school_id FROM teacher WHERE status = 'exchange_out' ORDER BY id"
        )).first()  # fmt: skip
        assert away is not None
        host = conn.execute(
            text("SELECT min(id) FROM school WHERE id <> :s AND location = 'rural'"),
            {"s": away.school_id},
        ).scalar_one()
    row = {"id": away.id, "version": away.version, "host_school_id": host}
    save_changes(engine=engine, table="teacher", actor=Actor("t", "editor"), updates=[row])
    at = _open(make_app, url)
    payer = at.radio(key=f"{c.PAYERS}.exchange_paid_by.en")
    assert payer.value == "home" and payer.options == [
        "the school holding the post",
        "the receiving school",
    ]
    assert (_figures(at)["Teachers who gain"], _figures(at)["Teachers who lose"]) == ("0", "0")
    payer.set_value("host").run()
    assert not at.exception, [e.value for e in at.exception]
    after = _figures(at)
    assert (after["Teachers who gain"], after["Teachers who lose"]) != ("0", "0")
