"""The layout rule of ui/__init__.py, checked by machine: pieces used by one page live
in ui/<page>/, Altair only in chart modules, pages hold no SQL."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from ui.pages import PAGES

ROOT = Path(__file__).resolve().parents[1]
UI = ROOT / "ui"
PAGE_NAMES = {spec.url_path for spec in PAGES}


def _sources() -> list[Path]:
    return [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")), *sorted(UI.rglob("*.py"))]


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports (``from ui import x`` counts as ``ui.x``)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_altair_only_in_chart_modules() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in _sources()
        if not (p.name == "charts.py" or p.name.endswith("_charts.py"))
        and ("altair" in _imports(p) or re.search(r"\balt\.", p.read_text()))
    ]
    assert offenders == []


def test_every_page_folder_is_a_page() -> None:
    folders = {p.name for p in UI.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert folders <= PAGE_NAMES, f"ui/ folders that are not pages: {folders - PAGE_NAMES}"
    for folder in folders:
        assert (UI / folder / "__init__.py").read_text().strip(), f"ui/{folder} says what it holds"


def test_a_top_level_ui_module_serves_more_than_one_page() -> None:
    """A shared module is imported by app.py, by another shared module, or by the
    files (pages/<page>.py and ui/<page>/) of two or more pages; else it belongs in
    the folder of the one page that uses it."""
    users: dict[str, set[str]] = {}
    for path in _sources():
        rel = path.relative_to(ROOT)
        if rel.parts[0] == "pages":
            user = path.stem
        elif rel.parts[0] == "ui" and len(rel.parts) == 3:
            user = rel.parts[1]
        else:
            user = "shared"  # app.py or a top-level ui module
        for name in _imports(path):
            if name.startswith("ui.") and name.count(".") == 1:
                users.setdefault(name.split(".")[1], set()).add(f"{user}:{rel}")
    single = []
    for module in sorted(p.stem for p in UI.glob("*.py") if p.stem != "__init__"):
        found = users.get(module, set())
        shared = {u for u in found if u.startswith("shared:") and not u.endswith(f"/{module}.py")}
        pages = {u.split(":")[0] for u in found} - {"shared"}
        if not shared and len(pages) < 2:
            single.append(f"ui/{module}.py used by {sorted(pages)}")
    assert single == []


def test_pages_hold_no_sql_and_no_database_access() -> None:
    sql = re.compile(
        r"\bSELECT\b.*\bFROM\b|\bINSERT\s+INTO\b|\bUPDATE\s+\w+\s+SET\b|\bDELETE\s+FROM\b"
    )
    for path in sorted((ROOT / "pages").glob("*.py")):
        text = path.read_text()
        assert not sql.search(text), f"{path.name} holds SQL"
        touched = {n for n in _imports(path) if n.split(".")[0] in ("sqlalchemy", "sqlmodel")}
        touched |= {n for n in _imports(path) if n.startswith(("models.db", "models.loaders"))}
        assert not touched, f"{path.name} reaches the database: {sorted(touched)}"
