"""Chart images (PNG, SVG) rendered by vl-convert, with the host's CJK font.

vl-convert draws text with the fonts installed on the machine; Chinese needs a CJK
font (Debian's fonts-noto-cjk, which `.ci/run` and `make fonts` install). Without
one, Chinese turns into empty boxes: :func:`cjk_font` says whether one is there.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol

import vl_convert as vlc

__all__ = ["Chart", "FontFile", "cjk_font", "cjk_font_file", "cjk_font_files", "png", "svg"]


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


@dataclass(frozen=True)
class FontFile:
    """A font's file and its index in the file (a .ttc collection holds several)."""

    path: str
    index: int
    bold: bool


@cache
def cjk_font_files() -> tuple[FontFile, ...]:
    """The regular and bold faces of :func:`cjk_font`, as files (for a PDF, which
    embeds the font itself), or none."""
    family = cjk_font()
    if family is None:
        return ()
    out = subprocess.run(
        ["fc-list", "-f", "%{file}|%{index}|%{style}\n", f"{family}:lang=zh"],
        capture_output=True, text=True, check=False,
    ).stdout  # fmt: skip
    faces = []
    for line in out.splitlines():
        path, index, style = [*line.split("|"), "", ""][:3]
        styles = {s.strip().lower() for s in style.split(",")}
        if path and styles & {"regular", "bold"}:
            faces.append(FontFile(path, int(index or 0), "bold" in styles))
    return tuple(sorted(faces, key=lambda f: (f.bold, f.path)))


def cjk_font_file(bold: bool = False) -> FontFile | None:
    """The regular (or bold) face of the CJK font, else the other one, else None."""
    faces = cjk_font_files()
    wanted = [f for f in faces if f.bold == bold]
    choices = wanted or list(faces)
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
