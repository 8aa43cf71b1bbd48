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
    assert before["Gain / lose"] == "0 / 0"  # the default policy is the baseline
    at.number_input(key=c.key("per_capita_yuan")).set_value(40_000).run()
    after = _figures(at)
    assert _number(after["Budget (10k yuan)"]) > _number(before["Budget (10k yuan)"])
    gains, losses = after["Gain / lose"].split(" / ")
    assert int(gains.replace(",", "")) > 0 and losses == "0"


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
    assert "excellent_multiplier" in at.error[0].value
    assert at.number_input(key=c.key("excellent_multiplier")).value == 1.2  # put back
