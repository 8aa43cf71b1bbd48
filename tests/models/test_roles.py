"""Writers enforce the role themselves: a viewer changes nothing, whatever the page shows."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import text

import models
from models.db import get_engine
from models.importer import apply
from models.roles import Actor, PermissionDenied
from models.scenarios import save_scenario
from models.writers import save_changes

VIEWER = Actor("访客", "viewer")


def test_viewers_cannot_write(demo_url: str) -> None:
    engine = get_engine(demo_url)
    school = int(models.load(demo_url).schools["school_id"].iloc[0])
    with pytest.raises(PermissionDenied, match="needs the editor role"):
        row = {"id": school, "version": 1, "students_primary": 1}
        save_changes(engine=engine, table="school", updates=[row], actor=VIEWER)
    with pytest.raises(PermissionDenied):
        save_scenario(engine=engine, name="x", params="{}", actor=VIEWER)
    with pytest.raises(PermissionDenied):
        apply(engine=engine, table="teacher", rows=pd.DataFrame(), actor=VIEWER)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM audit_log")).scalar_one() == 1  # the seed


def test_unknown_role_is_refused() -> None:
    with pytest.raises(ValueError, match="role must be one of viewer, editor, admin"):
        Actor("x", "superuser")
