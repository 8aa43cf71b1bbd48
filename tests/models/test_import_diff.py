"""An import's change, shown before it is made: added, removed, each changed field."""

from __future__ import annotations

import models
from models.db import get_engine
from models.exporter import export_table
from models.import_diff import import_diff
from models.importer import check, read_file


def test_the_diff_names_each_change(demo_url: str) -> None:
    engine = get_engine(demo_url)
    data = models.load(demo_url)
    frame = export_table(engine, "school", language="zh")
    frame = frame.head(5).copy()
    frame.loc[0, "小学在校生"] = int(frame.loc[0, "小学在校生"]) + 7
    rows = check(read_file(frame.to_csv(index=False).encode(), "s.csv"), "school",
                 schools=data.schools, districts=data.districts)  # fmt: skip
    diff = import_diff(engine, "school", rows)
    [change] = diff.changes
    first = data.schools.iloc[0]
    assert change.record == {"name": first["name"], "code": first["code"]}
    assert (change.field, change.new - change.old) == ("students_primary", 7)
    assert (diff.changed_rows, diff.unchanged, diff.added, diff.removed) == (1, 4, [], [])
    replace = import_diff(engine, "school", rows, mode="replace")
    assert len(replace.removed) == len(data.schools) - 5
    assert {"name", "code"} == set(replace.removed[0])
