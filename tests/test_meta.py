"""House rules checked by machine: engines documented and pure, doctests run."""

from __future__ import annotations

import doctest
import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

import planning

ROOT = Path(__file__).resolve().parents[1]
MODULES = [
    importlib.import_module(m.name)
    for m in pkgutil.walk_packages(planning.__path__, prefix="planning.")
]


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_public_engine_functions_have_docstrings(module: object) -> None:
    public = getattr(module, "__all__", None)
    assert public is not None, "each planning module names its public API in __all__"
    for name in public:
        obj = getattr(module, name)
        if inspect.isfunction(obj) or inspect.isclass(obj):
            assert (obj.__doc__ or "").strip(), f"{module.__name__}.{name} has no docstring"  # type: ignore[attr-defined]


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_doctests(module: object) -> None:
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)  # type: ignore[arg-type]
    assert result.failed == 0


@pytest.mark.parametrize("folder", ["planning", "models", "seed"])
def test_no_streamlit_outside_the_ui(folder: str) -> None:
    offenders = [
        p.name for p in (ROOT / folder).rglob("*.py") if "import streamlit" in p.read_text()
    ]
    assert offenders == []


def test_planning_never_touches_the_database() -> None:
    for p in (ROOT / "planning").rglob("*.py"):
        text = p.read_text()
        assert (
            "sqlalchemy" not in text and "sqlmodel" not in text and "import models" not in text
        ), p.name
