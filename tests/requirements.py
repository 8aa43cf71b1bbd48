"""Skip a test for a missing service, or fail when ``SHIZI_REQUIRE_ALL=1`` (CI)."""

from __future__ import annotations

import os
from typing import NoReturn

import pytest

__all__ = ["require_all", "unavailable"]


def require_all() -> bool:
    return os.environ.get("SHIZI_REQUIRE_ALL") == "1"


def unavailable(reason: str) -> NoReturn:
    """Skip with ``reason`` on a laptop; fail with it in CI."""
    if require_all():
        pytest.fail(f"SHIZI_REQUIRE_ALL=1 but {reason}", pytrace=False)
    pytest.skip(reason)
