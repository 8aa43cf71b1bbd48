"""The meeting report's content, once: what each page says and shows. The deck
(:mod:`ui.scenarios.deck`) and the PDF (:mod:`ui.scenarios.pdf`) lay out the same
pages, so the two never say different things.

Every page states its one message as its title, a sentence with its number against
the baseline; the sentences speak of the first compared scenario that is not the
baseline (the proposal). Text comes from the i18n catalog in the session's language;
charts are PNG images rendered by vl-convert (:mod:`ui.scenarios.chart_images`) with
projector-sized type (:func:`ui.compare_charts.projected`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from models.loaders import Frames
from planning import pay_analysis
from planning.cadres import SuccessionRules
from planning.rotation import school_roles
from planning.scenario import ScenarioResult
from ui import people
from ui.compare_charts import MODULE_FIGURES, module_chart, pay_spread, projected, projector_type
from ui.figures import FIGURES, figure_change, figure_text, headline_table
from ui.format import num
from ui.i18n import labelled, t
from ui.plan_charts import balance_long, county_balance, move_map
from ui.scenarios.chart_images import png
from ui.scenarios.parameters import namer, parameter_table

__all__ = ["APPENDIX_ROWS", "Page", "Report", "report"]

APPENDIX_ROWS = 12  # parameters per appendix page
# The parameters a module's notes give (the parameters table's module column).
_NOTES_MODULE = {"establishment": "establishment", "rotation": "rotation",
                 "balance": "rotation", "pay": "pay"}  # fmt: skip


@dataclass(frozen=True)
class Page:
    """One page: its title (the message), a chart image or a table (or neither), and
    the notes a speaker reads (the rules used)."""

    title: str
    notes: str
    image: bytes | None = None
    table: pd.DataFrame | None = None
    widths: tuple[float, ...] = ()  # the table's fixed first columns, in inches


@dataclass(frozen=True)
class Report:
    """The cover's title and subtitle, then the pages in order."""

    title: str
    subtitle: str
    cover_notes: str
    pages: tuple[Page, ...]


def _figures(proposal: ScenarioResult, base: ScenarioResult) -> dict[str, str]:
    """Every headline figure of ``proposal`` and (``d_`` + name) its change against
    ``base``, for the catalog's headline sentences."""
    values = {"name": proposal.scenario.name, "base": base.scenario.name}
    for _, figure, _ in FIGURES:
        values[figure] = figure_text(proposal, figure)
        values[f"d_{figure}"] = figure_change(proposal, base, figure)
    return values


def _notes(params: pd.DataFrame, module: str) -> str:
    """The rules a module's figures used, one line per parameter, each scenario's value."""
    rows = params[params[t("compare.module")] == t(f"compare.module_{module}")]
    return "\n".join(
        f"{row.iloc[1]}：" + " | ".join(f"{name} {value}" for name, value in row.iloc[2:].items())
        for _, row in rows.iterrows()
    )


def _spread(results: Sequence[ScenarioResult], data: Frames) -> pd.DataFrame:
    """Each scenario's pay distribution by location, locations as labels."""
    frames = [
        pay_analysis.distribution(r.allocation, data.teachers, data.schools, "location").assign(
            scenario=r.scenario.name
        )
        for r in results
    ]
    spread = pd.concat(frames, ignore_index=True)
    return spread.assign(location=labelled(spread["location"], "location"))


def _plan_pages(
    proposal: ScenarioResult, data: Frames, said: dict[str, str], notes: str
) -> list[Page]:
    """The proposal's county balance against the thresholds, and its move map."""
    counties = dict(zip(data.districts["district_id"], data.districts["name"], strict=True))
    pages = []
    if len(proposal.balance):
        after = balance_long(proposal.balance, counties)
        after = after[after["when"] == "after"]
        balance = county_balance(
            after, county=t("rotation.county"), value=t("rotation.cv"),
            indicator=t("deck.indicator"), width=400, height=300,
        )  # fmt: skip
        over = int((proposal.balance["after"] > proposal.balance["threshold"]).sum())
        title = t("deck.say_counties", over=num(over), counties=num(len(counties)), **said)
        pages.append(Page(title, notes, png(projector_type(balance))))
    schools = data.schools
    if proposal.scenario.district_id is not None:
        schools = schools[schools["district_id"] == proposal.scenario.district_id]
    roles = school_roles(schools, proposal.scenario.rotation)
    shown = schools.assign(role_label=roles.map(lambda r: t(f"rotation.role_{r}")))
    chart = move_map(shown, proposal.moves, role_title=t("rotation.role"),
                     lat=t("common.lat"), lon=t("common.lon"))  # fmt: skip
    moves = proposal.moves
    title = t("deck.say_map", senders=num(moves["from_school"].nunique()),
              receivers=num(moves["to_school"].nunique()), **said)  # fmt: skip
    pages.append(Page(title, notes, png(projected(chart, 860, 380))))
    return pages


def _people_page(proposal: ScenarioResult, data: Frames) -> Page:
    """Leaders and talent in the proposal's scope (:mod:`ui.people`): the data's
    figures, the post ceilings on the proposal's quotas."""
    chosen = proposal.scenario
    figures = people.compute(data, date.today().year, chosen.district_id, chosen)
    cells = figures.unmentored_cells
    title = t("deck.say_people", heads=num(figures.head_no_successor),
              cells="—" if cells is None else num(cells))  # fmt: skip
    notes = t("deck.people_notes", years=SuccessionRules().horizon)
    return Page(title, notes, table=people.table(figures), widths=(6.0,))


def report(
    results: Sequence[ScenarioResult], baseline: ScenarioResult | None, data: Frames
) -> Report:
    """The headline figures; a page per module (chart and sentence), the balance
    followed by the proposal's county balance and move map; the pay distribution; the
    parameters as an appendix."""
    base = baseline or results[0]
    proposal = next((r for r in results if r.scenario.name != base.scenario.name), results[0])
    said = _figures(proposal, base)
    params = parameter_table([r.scenario for r in results], namer(data))
    pages = [
        Page(
            t("deck.say_headline", **said),
            t("deck.headline_notes"),
            table=headline_table(results, baseline),
            widths=(1.7, 3.6),
        )
    ]
    for module in MODULE_FIGURES:
        image = png(projected(module_chart(results, module), 860, 360))
        pages.append(
            Page(t(f"deck.say_{module}", **said), _notes(params, _NOTES_MODULE[module]), image)
        )
        if module == "balance":
            pages.extend(_plan_pages(proposal, data, said, _notes(params, "rotation")))
    image = png(projected(pay_spread(_spread(results, data)), 860, 360))
    pages.append(Page(t("deck.say_spread", **said), _notes(params, "pay"), image))
    pages.append(_people_page(proposal, data))
    count = max(1, -(-len(params) // APPENDIX_ROWS))
    for k in range(count):
        rows = params.iloc[k * APPENDIX_ROWS : (k + 1) * APPENDIX_ROWS]
        title = t("deck.appendix", k=k + 1, n=count)
        pages.append(Page(title, t("deck.appendix_notes"), table=rows, widths=(1.6, 4.4)))
    names = "、".join(r.scenario.name for r in results)
    return Report(
        title=t("deck.title"),
        subtitle=t("deck.subtitle", names=names, date=date.today().isoformat()),
        cover_notes=t("deck.cover_notes", base=base.scenario.name),
        pages=tuple(pages),
    )
