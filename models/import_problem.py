"""One thing wrong with an import file (or an edited row), in either language."""

from __future__ import annotations

from dataclasses import dataclass

from models.messages import message

__all__ = ["Problem"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file: ``row`` as numbered in the spreadsheet (the header
    is row 1), or None for the whole file; ``column`` its file name. What is wrong is
    the catalog's ``import_problem.<key>`` with ``params`` filled, in either language."""

    row: int | None
    column: str | None
    value: str | None
    key: str
    params: tuple[tuple[str, object], ...] = ()

    def text(self, language: str) -> str:
        """What is wrong, and what to do, in ``language``."""
        return message(f"import_problem.{self.key}", language, **dict(self.params))

    @property
    def message(self) -> str:
        """What is wrong, in English (the command line's and the log's)."""
        return self.text("en")

    def __str__(self) -> str:
        where = f"row {self.row}" if self.row is not None else "file"
        if self.column:
            where += f", column '{self.column}'"
        value = f" ({self.value!r})" if self.value is not None else ""
        return f"{where}: {self.message}{value}"
