"""Chart images (PNG, SVG) rendered by vl-convert, with the host's CJK font.

vl-convert draws text with the fonts installed on the machine; Chinese needs a CJK
font (Debian's fonts-noto-cjk, which `.ci/run` and `make fonts` install). Without
one, Chinese turns into empty boxes: :func:`cjk_font` says whether one is there.
"""

from __future__ import annotations

import shutil
import subprocess
from functools import cache
from typing import Any, Protocol

import vl_convert as vlc

__all__ = ["Chart", "cjk_font", "png", "svg"]


class Chart(Protocol):
    """Anything that gives a Vega-Lite spec (an Altair chart)."""

    def to_dict(self) -> dict[str, Any]: ...


@cache
def cjk_font() -> str | None:
    """The family name of an installed font covering Chinese, or None."""
    if shutil.which("fc-list") is None:
        return None
    out = subprocess.run(
        ["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False
    ).stdout
    families = sorted({line.split(",")[0].strip() for line in out.splitlines() if line.strip()})
    preferred = [f for f in families if "Sans CJK SC" in f]
    choices = preferred or families
    return choices[0] if choices else None


def _spec(chart: Chart) -> dict[str, Any]:
    spec = chart.to_dict()
    font = cjk_font()
    if font:
        spec.setdefault("config", {})["font"] = font
    return spec


def png(chart: Chart, *, scale: float = 2.0) -> bytes:
    return bytes(vlc.vegalite_to_png(_spec(chart), scale=scale))


def svg(chart: Chart) -> str:
    return str(vlc.vegalite_to_svg(_spec(chart)))
