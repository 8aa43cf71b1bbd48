"""The page registry: app.py builds navigation from it, tests visit every entry, and
the README's page table is generated from it (``python -m ui.pages --write``)."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

__all__ = ["PAGES", "PageSpec", "readme_table", "readme_with_table"]


@dataclass(frozen=True)
class PageSpec:
    path: str  # file under pages/
    url_path: str  # the file's stem: a fresh server's first request resolves it by file
    title_key: str  # i18n key of the title
    section_key: str  # i18n key of the navigation section
    icon: str
    summary_key: str  # i18n key of one line on what a planner does there (README, guide)

    @property
    def route(self) -> str:
        """The URL path: the first page (the default) is served at the root."""
        return "" if self is PAGES[0] else self.url_path


PAGES: tuple[PageSpec, ...] = (
    PageSpec(
        "pages/overview.py",
        "overview",
        "overview.title",
        "nav.section.city",
        ":material/dashboard:",
        "overview.summary",
    ),
    PageSpec(
        "pages/establishment.py",
        "establishment",
        "establishment.title",
        "nav.section.planning",
        ":material/badge:",
        "establishment.summary",
    ),
    PageSpec(
        "pages/rotation.py",
        "rotation",
        "rotation.title",
        "nav.section.planning",
        ":material/swap_horiz:",
        "rotation.summary",
    ),
    PageSpec(
        "pages/performance_pay.py",
        "performance_pay",
        "pay.title",
        "nav.section.planning",
        ":material/payments:",
        "pay.summary",
    ),
    # Cadres (干部队伍, issue 17)
    PageSpec(
        "pages/cadres.py",
        "cadres",
        "cadres.title",
        "nav.section.planning",
        ":material/groups:",
        "cadres.summary",
    ),
    PageSpec(
        "pages/scenarios.py",
        "scenarios",
        "scenario.title",
        "nav.section.meeting",
        ":material/compare:",
        "scenario.summary",
    ),
    PageSpec(
        "pages/presentation.py",
        "presentation",
        "present.title",
        "nav.section.meeting",
        ":material/slideshow:",
        "present.summary",
    ),
    PageSpec(
        "pages/decisions.py",
        "decisions",
        "decisions.title",
        "nav.section.meeting",
        ":material/gavel:",
        "decisions.summary",
    ),
    PageSpec(
        "pages/data.py",
        "data",
        "data.title",
        "nav.section.data",
        ":material/database:",
        "data.summary",
    ),
    PageSpec(
        "pages/talent.py",
        "talent",
        "talent.title",
        "nav.section.planning",
        ":material/school:",
        "talent.summary",
    ),
)


README = Path(__file__).resolve().parents[1] / "README.md"
_START, _END = "<!-- pages:start -->", "<!-- pages:end -->"


def readme_table() -> str:
    """The README's page table, one row per registered page, from the i18n catalog."""
    from ui.i18n import catalog  # the registry itself stays free of the catalog

    zh, en = catalog("zh"), catalog("en")
    rows = [
        "| 页面 page | 用途 | what a planner does there |",
        "|---|---|---|",
        *(
            f"| {zh[p.title_key]} {en[p.title_key]} | {zh[p.summary_key]} | {en[p.summary_key]} |"
            for p in PAGES
        ),
    ]
    return "\n".join(rows)


def readme_with_table(text: str) -> str:
    """``text`` (the README) with the part between the page-table markers regenerated."""
    head, start, rest = text.partition(_START)
    _, end, tail = rest.partition(_END)
    if not start or not end:
        raise ValueError(f"the README has no {_START} … {_END} markers")
    return f"{head}{_START}\n{readme_table()}\n{_END}{tail}"


if __name__ == "__main__":  # python -m ui.pages [--write]
    if sys.argv[1:] == ["--write"]:
        README.write_text(readme_with_table(README.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        print(readme_table())
