"""The gate: only admins (or the local user) may create the demo city; an unverified
e-mail is turned away; a database that goes away is explained, not a traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from streamlit.testing.v1 import AppTest

from models.db import get_engine
from ui import auth

MakeApp = Callable[[str, str], AppTest]
AUTH = {"auth": {"redirect_uri": "http://localhost/oauth2callback", "cookie_secret": "x"}}


def _signed_in(monkeypatch: pytest.MonkeyPatch, email: str, role: str, verified: bool) -> None:
    secrets = {**AUTH, "shizi": {"roles": {email: role}}}
    claims = {"email": email, "email_verified": verified, "is_logged_in": True}
    monkeypatch.setattr(auth, "_secrets", lambda: secrets)
    monkeypatch.setattr(auth, "_claims", lambda: claims)


@pytest.mark.parametrize("role", ["viewer", "editor"])
def test_only_an_admin_sees_the_create_button(
    tmp_path: Path, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch, role: str
) -> None:
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    _signed_in(monkeypatch, "li.lei@example.edu.cn", role, verified=True)
    at = make_app(url, "zh").run()
    assert not at.exception
    assert at.title[0].value == "还没有数据"
    assert not [b for b in at.button if b.key == "db_seed_go"]
    assert any("只有管理员可以生成模拟城市" in i.value for i in at.info)
    _signed_in(monkeypatch, "wang.fang@example.edu.cn", "admin", verified=True)
    at = make_app(url, "zh").run()
    assert [b for b in at.button if b.key == "db_seed_go"]


def test_an_unverified_email_is_turned_away(
    tmp_path: Path, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    _signed_in(monkeypatch, "wang.fang@example.edu.cn", "admin", verified=False)
    at = make_app(url, "en").run()
    assert not at.exception
    assert "has not verified wang.fang@example.edu.cn" in at.error[0].value
    assert not [b for b in at.button if b.key == "db_seed_go"]


def test_a_server_that_goes_away_is_explained(demo_url: str, make_app: MakeApp) -> None:
    if not demo_url.startswith("postgresql"):
        pytest.skip("a database server that stops")
    at = make_app(demo_url, "en").run()
    assert not at.exception and at.title[0].value == "City overview"
    name = demo_url.rsplit("/", 1)[1]
    admin = create_engine(demo_url.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT")
    get_engine(demo_url).dispose()

    def rename(conn: Any, old: str, new: str) -> None:
        # client sessions only: an autovacuum worker on the database belongs to the
        # superuser and cannot be ended by us (the rename waits for it itself)
        ended = (
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"
            " AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
        )
        conn.execute(text(ended), {"n": old})
        conn.execute(text(f'ALTER DATABASE "{old}" RENAME TO "{new}"'))

    with admin.connect() as conn:
        rename(conn, name, f"{name}_away")  # to the app, the server is gone
    try:
        at = make_app(demo_url, "en").run()  # the same server process, a new visit
        assert not at.exception
        assert at.error[0].value == "The database cannot be opened"
    finally:
        get_engine(demo_url).dispose()
        with admin.connect() as conn:
            rename(conn, f"{name}_away", name)
        admin.dispose()
