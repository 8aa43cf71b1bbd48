"""The import's rules across rows and tables, for the cadre tables (干部队伍, issue 17):
what one cell cannot tell. The column spec's rules (kinds, vocabularies, bounds,
references, duplicate keys) are :func:`models.importer.check`'s own; these run after
them on the rows it read, so the editor (:mod:`models.edit_check`) gets them too.

- A year is never later than this year: a leader's birth, appointment, growth-file
  entry, reserve entry or assessment has happened (docs/domain.md, "Cadres and
  training": the engines count years up to this one).
- No year of a leader's record comes before the leader's birth year.
- A school has at most one 校长 and one 书记 (正职, docs/domain.md "Cadres and
  training"): the file's rows together with the stored leaders it does not name.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from models.import_problem import Problem
from planning import columns

__all__ = ["HEADS", "cadre_problems"]

HEADS = ("principal", "secretary")  # one of each per school
# table -> the year columns that must lie between the leader's birth and this year
_YEARS = {
    "cadre": ("birth_year", "appointed_year"),
    "cadre_record": ("year",),
    "cadre_reserve": ("entered_year",),
    "cadre_score": ("year",),
}


def cadre_problems(
    table: str,
    rows: pd.DataFrame,
    cells: Callable[[object, str], str],
    *,
    cadres: pd.DataFrame | None,
    schools: pd.DataFrame,
    year: int,
) -> list[Problem]:
    """The problems of ``rows`` (checked rows of the stored ``table``, stored column
    names, indexed as the file's rows) by the rules above; ``cells(i, file_name)`` is
    the cell as the file gave it; ``cadres`` the stored leaders (``cadres`` frame),
    ``year`` this year."""
    if table not in _YEARS:
        return []
    spec = columns.stored(table)
    if table == "cadre":
        births = rows["birth_year"]
    else:
        known = cadres if cadres is not None else pd.DataFrame(columns=["cadre_id", "birth_year"])
        born = dict(zip(known["cadre_id"], known["birth_year"], strict=True))
        births = rows["cadre_id"].map(born)
    problems: list[Problem] = []
    for name in _YEARS[table]:
        file_name = spec[name].file_name
        for i, value in rows[name].items():
            if value is None or pd.isna(value):
                continue
            row = int(i) + 2
            birth = births.get(i)
            if int(value) > year:
                problems.append(Problem(row, file_name, cells(i, file_name), "future_year",
                                        (("year", year),)))  # fmt: skip
            elif name != "birth_year" and _known(birth) and int(value) < int(birth):
                problems.append(Problem(row, file_name, cells(i, file_name), "before_birth",
                                        (("birth", int(birth)),)))  # fmt: skip
    if table == "cadre":
        problems += _two_heads(rows, cells, cadres, schools)
    return problems


def _known(value: object) -> bool:
    return value is not None and not pd.isna(value)


def _two_heads(
    rows: pd.DataFrame,
    cells: Callable[[object, str], str],
    cadres: pd.DataFrame | None,
    schools: pd.DataFrame,
) -> list[Problem]:
    """A file row that makes a second 校长 (or 书记) of a school: another row of the
    file, or a stored leader the file leaves as is, holds that post there."""
    named = set(rows["cadre_no"])
    stored = (
        cadres[~cadres["cadre_no"].isin(named)][["cadre_no", "name", "school_id", "position"]]
        if cadres is not None
        else pd.DataFrame(columns=["cadre_no", "name", "school_id", "position"])
    )
    school_names = dict(zip(schools["school_id"], schools["name"], strict=True))
    problems: list[Problem] = []
    for position in HEADS:
        mine = rows[(rows["position"] == position) & rows["school_id"].notna()]
        theirs = stored[stored["position"] == position]
        for i, leader in mine.iterrows():
            others = [
                f"{o['name']} {o['cadre_no']}"
                for frame in (mine.drop(index=i), theirs)
                for _, o in frame[frame["school_id"] == leader["school_id"]].iterrows()
            ]
            if others:
                problems.append(Problem(
                    int(i) + 2, "position", cells(i, "position"), f"two_{position}",
                    (("school", school_names.get(leader["school_id"], leader["school_id"])),
                     ("other", "、".join(others[:3]))),
                ))  # fmt: skip
    return problems
