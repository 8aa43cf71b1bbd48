"""Shared fixtures: databases on SQLite and PostgreSQL, a seeded demo city."""

from __future__ import annotations

import os
import time
import uuid
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import DBAPIError
from streamlit import config as st_config
from streamlit.testing.v1 import AppTest

from models import loaders
from models.config import settings
from models.db import get_engine
from models.schema import migrate
from seed.database import seed_database
from tests.requirements import unavailable

ROOT = Path(__file__).resolve().parents[1]
# Tests read the exception itself; the app's config hides details from users.
st_config.set_option("client.showErrorDetails", "full")
PG_URL_ENV = "SHIZI_TEST_PG_URL"
# The PostgreSQL runs carry the `postgres` marker: `-m postgres` selects exactly them.
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def _pg_url() -> str | None:
    return os.environ.get(PG_URL_ENV)


@pytest.fixture(scope="session")
def pg_server() -> str:
    """The admin URL of the test PostgreSQL server (skip/fail when there is none)."""
    url = _pg_url()
    if not url:
        unavailable(f"PostgreSQL tests need {PG_URL_ENV} (set by .ci/run)")
    try:
        with create_engine(url).connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # any driver failure means: no server to test on
        unavailable(f"PostgreSQL at {PG_URL_ENV} is not reachable: {exc}")
    return url


def _fresh_pg_database(admin_url: str) -> str:
    name = f"shizi_t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return admin_url.rsplit("/", 1)[0] + f"/{name}"


def _drop_pg_database(admin_url: str, url: str) -> None:
    get_engine(url).dispose()
    name = url.rsplit("/", 1)[1]
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        for attempt in range(3):  # an autovacuum worker we may not end comes and goes
            try:
                with admin.connect() as conn:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                return
            except DBAPIError as exc:  # seen: InsufficientPrivilege
                if attempt == 2:
                    warnings.warn(f"left the test database {name} behind: {exc.orig}", stacklevel=2)
                time.sleep(1)
    finally:
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty database, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'shizi.db'}"
        return
    admin = request.getfixturevalue("pg_server")
    url = _fresh_pg_database(admin)
    try:
        yield url
    finally:
        _drop_pg_database(admin, url)


@pytest.fixture
def db_url(empty_url: str) -> str:
    """A migrated, empty database on each backend."""
    migrate(empty_url)
    return empty_url


@pytest.fixture
def engine(db_url: str) -> Engine:
    return get_engine(db_url)


@pytest.fixture
def demo_url(db_url: str) -> str:
    """A migrated database on each backend holding the demo city."""
    seed_database(engine=get_engine(db_url), scale="demo")
    return db_url


@pytest.fixture(scope="session")
def demo_sqlite(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One seeded demo SQLite database shared by the page tests (read only)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
    migrate(url)
    seed_database(engine=get_engine(url), scale="demo")
    return url


@pytest.fixture
def make_app(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str, str], AppTest]]:
    """An AppTest of app.py on a database URL in a language.

    The language goes into ``SHIZI_LANG`` as well as the session, because AppTest calls
    widgets' ``format_func`` outside the script, where the session is not readable.
    """

    def build(url: str, lang: str = "zh") -> AppTest:
        monkeypatch.setenv("DATABASE_URL", url)
        monkeypatch.setenv("SHIZI_LANG", lang)
        settings.cache_clear()
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.session_state["lang"] = lang
        return at

    yield build
    settings.cache_clear()
    loaders.invalidate()
