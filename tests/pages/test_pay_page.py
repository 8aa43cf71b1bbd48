"""The performance-pay page reacts to its controls and explains bad values."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

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
