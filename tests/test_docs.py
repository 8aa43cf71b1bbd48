"""The docs stay true: domain.md's defaults are the code's, cited sections exist, the
README's page table is the registry's, the guide shows every page, and nothing points
outside the repository (after sqlite-utils' tests/test_docs.py)."""

from __future__ import annotations

import ast
import dataclasses
import importlib
import inspect
import re
import subprocess
from pathlib import Path
from types import ModuleType

import pytest

from planning.cadres import AssessmentRules, DutyRules, SuccessionRules, TrainingRules
from planning.pay import PayPolicy
from planning.rotation import RotationRules
from planning.talent import (
    MentoringRules,
    PipelineRules,
    PostCeilingShares,
    PromotionRules,
    RecruitmentRules,
)
from ui.pages import PAGES, README, PageSpec, readme_table

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
DOMAIN = (DOCS / "domain.md").read_text(encoding="utf-8")
DESIGN = (DOCS / "design.md").read_text(encoding="utf-8")
GUIDE = (DOCS / "guide.zh.md").read_text(encoding="utf-8")

# A defaults row: | `parameter` | `default` | source |
DEFAULT_ROW = re.compile(r"^\| `([A-Za-z_][^`]*)` \| `([^`]*)` \|", re.MULTILINE)
DEFAULTS = DEFAULT_ROW.findall(DOMAIN)


def _resolve(node: ast.expr) -> object:
    """The object a parameter name denotes: modules, attributes, constant subscripts,
    calls with constant arguments; a dataclass field or a function's keyword argument
    resolves to its default."""
    if isinstance(node, ast.Name):
        return importlib.import_module(node.id)
    if isinstance(node, ast.Attribute):
        base = _resolve(node.value)
        if isinstance(base, ModuleType):
            if hasattr(base, node.attr):
                return getattr(base, node.attr)
            return importlib.import_module(f"{base.__name__}.{node.attr}")
        if isinstance(base, type) and dataclasses.is_dataclass(base):
            fields = {f.name: f for f in dataclasses.fields(base)}
            if node.attr in fields:
                field = fields[node.attr]
                if field.default_factory is not dataclasses.MISSING:
                    return field.default_factory()
                assert field.default is not dataclasses.MISSING, f"{node.attr} has no default"
                return field.default
        if inspect.isfunction(base) and node.attr in inspect.signature(base).parameters:
            default = inspect.signature(base).parameters[node.attr].default
            assert default is not inspect.Parameter.empty, f"{node.attr} has no default"
            return default
        return getattr(base, node.attr)
    if isinstance(node, ast.Subscript):
        return _resolve(node.value)[ast.literal_eval(node.slice)]  # type: ignore[index]
    if isinstance(node, ast.Call) and not node.keywords:
        function = _resolve(node.func)
        assert callable(function)
        return function(*(ast.literal_eval(a) for a in node.args))
    raise ValueError(f"cannot resolve {ast.unparse(node)!r}")


def resolve(name: str) -> object:
    return _resolve(ast.parse(name, mode="eval").body)


def test_domain_doc_lists_defaults() -> None:
    assert len(DEFAULTS) >= 40, "the defaults tables of docs/domain.md were not found"
    names = [name for name, _ in DEFAULTS]
    assert len(names) == len(set(names)), "a parameter is listed twice"


@pytest.mark.parametrize(("name", "default"), DEFAULTS, ids=[n for n, _ in DEFAULTS])
def test_domain_default_matches_the_code(name: str, default: str) -> None:
    assert resolve(name) == ast.literal_eval(default)


@pytest.mark.parametrize(
    "cls",
    [
        RotationRules,
        PayPolicy,
        PostCeilingShares,
        PromotionRules,
        RecruitmentRules,
        MentoringRules,
        PipelineRules,
        SuccessionRules,
        TrainingRules,
        AssessmentRules,
        DutyRules,
    ],
    ids=lambda c: c.__name__,
)
def test_every_parameter_field_is_in_the_domain_doc(cls: type) -> None:
    listed = {name for name, _ in DEFAULTS}
    public = f"planning.{cls.__module__.split('.')[1]}.{cls.__name__}"
    missing = [f.name for f in dataclasses.fields(cls) if f"{public}.{f.name}" not in listed]
    assert missing == [], f"add rows to docs/domain.md for {public}: {missing}"


def test_resolve_reads_defaults_not_instances() -> None:
    """The resolver gives a field's declared default and a keyword argument's default."""
    assert resolve("planning.rotation.RotationRules.rate") == RotationRules().rate
    assert resolve("planning.establishment.quotas.floor_locations") == ("rural",)
    with pytest.raises(AssertionError):
        resolve("planning.establishment.quotas.schools")


def _headings(text: str) -> list[str]:
    return [line.lstrip("#").strip() for line in text.splitlines() if line.startswith("#")]


def _sources() -> list[Path]:
    folders = ("planning", "models", "seed", "ui", "pages", "bench", "tests", "migrations")
    return [ROOT / "app.py", ROOT / "shizi_cli.py"] + [
        p for folder in folders for p in (ROOT / folder).rglob("*.py")
    ]


# A citation: the file name (docs/domain.md or docs/design.md), an optional comma, then
# a heading in quotes.
CITATION = re.compile(r"(docs/domain\.md|docs/design\.md),?\s*\(?[\"“]([^\"”\n]+)[\"”]")


def test_nothing_cites_the_documents_outside_the_repo() -> None:
    outside = re.compile(r"\b(DOMAIN|DESIGN|CONVENTIONS|STREAMLIT_NOTES)\.md\b")
    citing = [str(p.relative_to(ROOT)) for p in _sources() if outside.search(p.read_text())]
    assert citing == []


def test_cited_sections_exist() -> None:
    headings = {"domain": _headings(DOMAIN), "design": _headings(DESIGN)}
    cited = [
        (str(path.relative_to(ROOT)), doc, section)
        for path in _sources()
        for doc, section in CITATION.findall(path.read_text(encoding="utf-8"))
    ]
    assert len(cited) >= 10, "the citation scan found (almost) nothing: the pattern is broken"
    unknown = [
        (path, doc, section)
        for path, doc, section in cited
        if not any(section in h for h in headings[_doc(doc)])
    ]
    assert unknown == []


def _doc(cited_file: str) -> str:
    return "domain" if cited_file.lower().endswith("domain.md") else "design"


def test_readme_page_table_is_generated_from_the_registry() -> None:
    text = README.read_text(encoding="utf-8")
    start, end = "<!-- pages:start -->\n", "\n<!-- pages:end -->"
    assert start in text and end in text
    shown = text.split(start, 1)[1].split(end, 1)[0]
    assert shown == readme_table(), "stale README table: run `python -m ui.pages --write`"


def test_every_page_has_a_summary_row() -> None:
    table = readme_table().splitlines()
    assert len(table) == 2 + len(PAGES)


@pytest.mark.parametrize("spec", PAGES, ids=lambda p: p.url_path)
def test_guide_shows_every_page(spec: PageSpec) -> None:
    image = f"images/{spec.url_path}.png"
    assert f"]({image})" in GUIDE, f"docs/guide.zh.md does not show {image}"
    assert (DOCS / image).is_file(), f"{image} is missing: run the e2e test_guide"


def _tracked_files() -> list[Path]:
    try:
        out = subprocess.run(
            ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True, text=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):  # not a git checkout: walk the tree
        skip = {".git", ".venv", "artifacts", "data", "__pycache__"}
        return [
            p for p in ROOT.rglob("*") if p.is_file() and not skip & set(p.relative_to(ROOT).parts)
        ]
    return [ROOT / name for name in out.split("\0") if name]


def test_nothing_points_outside_the_repository() -> None:
    # Split, so this file does not match itself: the design notes outside the repo, and
    # absolute paths of the machine the repo was written on.
    outside = ("../" + "shared", "/" + "work/")
    offenders = []
    for path in _tracked_files():
        if not path.is_file() or path.suffix in {".png", ".xlsx", ".pptx"}:
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        if any(needle in text for needle in outside):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
