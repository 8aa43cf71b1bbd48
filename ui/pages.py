"""The page registry: app.py builds navigation from it, tests visit every entry."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PAGES", "PageSpec"]


@dataclass(frozen=True)
class PageSpec:
    path: str  # file under pages/
    url_path: str  # the file's stem: a fresh server's first request resolves it by file
    title_key: str  # i18n key of the title
    section_key: str  # i18n key of the navigation section
    icon: str

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
    ),
    PageSpec(
        "pages/establishment.py",
        "establishment",
        "establishment.title",
        "nav.section.planning",
        ":material/badge:",
    ),
    PageSpec(
        "pages/rotation.py",
        "rotation",
        "rotation.title",
        "nav.section.planning",
        ":material/swap_horiz:",
    ),
    PageSpec(
        "pages/performance_pay.py",
        "performance_pay",
        "pay.title",
        "nav.section.planning",
        ":material/payments:",
    ),
    PageSpec(
        "pages/scenarios.py",
        "scenarios",
        "scenario.title",
        "nav.section.meeting",
        ":material/compare:",
    ),
    PageSpec(
        "pages/presentation.py",
        "presentation",
        "present.title",
        "nav.section.meeting",
        ":material/slideshow:",
    ),
    PageSpec(
        "pages/data.py",
        "data",
        "data.title",
        "nav.section.data",
        ":material/database:",
    ),
)
