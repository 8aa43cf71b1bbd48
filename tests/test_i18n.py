"""The catalog is complete in both languages and covers every key the code uses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planning import vocab
from ui.i18n import LANGUAGES, catalog

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "ui").rglob("*.py")]
KEY = re.compile(r"""\bt\(\s*["']([a-z0-9_.]+)["']""")
PREFIX = re.compile(r"""\bt\(\s*f["']([a-z0-9_.]+)\{""")


def test_both_languages_have_the_same_keys() -> None:
    zh, en = set(catalog("zh")), set(catalog("en"))
    assert zh - en == set(), "missing in English"
    assert en - zh == set(), "missing in Chinese"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_text_is_empty(language: str) -> None:
    assert [k for k, v in catalog(language).items() if not v.strip()] == []


def test_every_key_used_in_code_exists() -> None:
    keys = set(catalog("zh"))
    used = {k for src in SOURCES for k in KEY.findall(src.read_text())}
    assert used, "the scan found no keys: the pattern is broken"
    assert used - keys == set()
    prefixes = {p for src in SOURCES for p in PREFIX.findall(src.read_text())}
    for prefix in prefixes:
        assert any(k.startswith(prefix) for k in keys), prefix


@pytest.mark.parametrize(("kind", "values"), list(vocab.VOCABULARIES.items()))
def test_every_vocabulary_value_has_a_label(kind: str, values: tuple[str, ...]) -> None:
    for language in LANGUAGES:
        cat = catalog(language)
        assert [v for v in values if f"vocab.{kind}.{v}" not in cat] == [], language


def test_chinese_catalog_reads_chinese() -> None:
    han = re.compile(r"[\u4e00-\u9fff]")
    zh = catalog("zh")
    untranslated = [
        k
        for k, v in zh.items()
        # the two patterns join texts that are translated themselves (a name, a header)
        if not han.search(v)
        and k not in ("app.language_name", "present.heading", "workbook.per_scenario")
    ]
    assert untranslated == [], "Chinese texts with no Chinese in them"
