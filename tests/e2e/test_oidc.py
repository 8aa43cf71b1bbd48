"""Signing in as a team does (issue 19): a mock OIDC provider on 127.0.0.1, an
``[auth]`` section and ``[shizi.roles]`` in a secrets file of the test's own, one
Streamlit server, and Chromium signing in as an admin, an editor, a viewer and a
stranger. Each sees what their role allows; the stranger is turned away."""

from __future__ import annotations

import threading
import tomllib
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from models.db import get_engine
from models.scenarios import list_scenarios
from models.schema import migrate
from seed.database import seed_database
from tests.e2e.conftest import ROOT, free_port, serve
from tests.e2e.grid import key
from tests.e2e.helpers import assert_no_errors, settle
from tests.requirements import unavailable

pytestmark = pytest.mark.e2e

PEOPLE = {  # the provider's subject: (e-mail, role in [shizi.roles] or None)
    "wang": ("wang@bureau.example", "admin"),
    "li": ("li@bureau.example", "editor"),
    "zhao": ("zhao@bureau.example", "viewer"),
    "stranger": ("stranger@elsewhere.example", None),
}
ZH = tomllib.loads((ROOT / "ui" / "locales" / "zh.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    """The mock OIDC provider on 127.0.0.1 at a free port, knowing the four people;
    yields its base URL."""
    try:
        import oidc_provider_mock
        from werkzeug.serving import make_server
    except ImportError:
        unavailable("oidc-provider-mock is not installed (pip install -e '.[dev]')")
    users = [
        oidc_provider_mock.User(sub=sub, claims={"email": email, "email_verified": True})
        for sub, (email, _role) in PEOPLE.items()
    ]
    server = make_server("127.0.0.1", 0, oidc_provider_mock.app(user_claims=users), threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1})
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(5)
        server.server_close()


@pytest.fixture(scope="module")
def team_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('oidc') / 'demo.db'}"
    migrate(url)
    seed_database(engine=get_engine(url), scale="demo")
    return url


@pytest.fixture(scope="module")
def team_url(
    provider: str, team_db: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A server whose secrets (in a folder of the test's own, not the repository's
    ``.streamlit/``) make people sign in through ``provider``."""
    app_dir = tmp_path_factory.mktemp("oidc-app")
    port = free_port()
    roles = "\n".join(f'"{email}" = "{role}"' for email, role in PEOPLE.values() if role)
    secrets = app_dir / ".streamlit" / "secrets.toml"
    secrets.parent.mkdir()
    secrets.write_text(
        f"""[auth]
redirect_uri = "http://127.0.0.1:{port}/oauth2callback"
cookie_secret = "e2e-cookie-secret-not-for-production"
client_id = "shizi-e2e"
client_secret = "shizi-e2e-secret"
server_metadata_url = "{provider}/.well-known/openid-configuration"

[shizi.roles]
{roles}
""",
        encoding="utf-8",
    )
    with serve(team_db, app_dir, port=port, args=["--secrets.files", str(secrets)]) as base:
        yield base


def _sign_in(browser: Any, base: str, sub: str) -> Any:
    """A fresh browser that signs in at ``base`` as the provider's ``sub``."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(base)
    settle(page)
    expect(page.get_by_role("heading", name=ZH["auth"]["title"])).to_be_visible()
    key(page, "auth_login").locator("button").click()
    # the provider's form: one button per known person, named by subject
    page.get_by_role("button", name=sub, exact=True).click()
    page.wait_for_url(f"{base}/**")
    settle(page)
    return page


def _open(page: Any, base: str, path: str) -> None:
    page.goto(f"{base}/{path}")
    settle(page)
    assert_no_errors(page)


def test_admin_sees_backup(browser: Any, team_url: str) -> None:
    page = _sign_in(browser, team_url, "wang")
    _open(page, team_url, "data")
    key(page, "data_view-zh").get_by_text("导出", exact=True).click()
    settle(page)
    key(page, "data_backup").locator("button").click()
    settle(page)
    expect(key(page, "data_backup_file")).to_be_visible()  # the backup ran, as the admin
    assert_no_errors(page)
    page.context.close()


def test_editor_saves_but_has_no_backup(browser: Any, team_url: str, team_db: str) -> None:
    page = _sign_in(browser, team_url, "li")
    _open(page, team_url, "data")
    expect(key(page, "data_view-zh")).to_be_visible()
    key(page, "data_view-zh").get_by_text("导出", exact=True).click()
    settle(page)
    expect(key(page, "data_x_school_csv")).to_be_visible()
    expect(key(page, "data_backup")).to_have_count(0)
    _open(page, team_url, "establishment")
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text(ZH["scenario"]["save_as"], exact=True).click()
    key(page, "save_name").locator("input").fill("李老师的方案")
    key(page, "save_go").locator("button").click()
    settle(page)
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("李老师的方案")
    saved = list_scenarios(get_engine(team_db)).set_index("name")
    assert saved.loc["李老师的方案", "author"] == PEOPLE["li"][0]
    page.context.close()


def test_viewer_reads_but_changes_nothing(browser: Any, team_url: str) -> None:
    page = _sign_in(browser, team_url, "zhao")
    _open(page, team_url, "data")
    expect(page.get_by_test_id("stAlertContentInfo")).to_contain_text(ZH["data"]["viewers"])
    for name in ("data_view-zh", "data_backup", "data_i_file", "data_i_go"):
        expect(key(page, name)).to_have_count(0)
    expect(page.locator("[class*='st-key-data_edit_']")).to_have_count(0)
    _open(page, team_url, "establishment")
    expect(page.get_by_test_id("stMetricValue").first).to_be_visible()  # the page is there
    expect(key(page, "save_name")).to_have_count(0)
    _open(page, team_url, "scenarios")
    expect(key(page, "scn_chosen")).to_have_count(0)
    expect(key(page, "scn_delete")).to_have_count(0)
    page.context.close()


def test_stranger_is_turned_away(browser: Any, team_url: str) -> None:
    page = _sign_in(browser, team_url, "stranger")
    email = PEOPLE["stranger"][0]
    message = ZH["auth"]["not_listed"].format(email=email)
    expect(page.get_by_test_id("stAlertContentError")).to_have_text(message)
    for path in ("data", "establishment", "scenarios"):
        page.goto(f"{team_url}/{path}")
        settle(page)
        expect(page.get_by_test_id("stAlertContentError")).to_have_text(message)
        expect(page.get_by_test_id("stMetricValue")).to_have_count(0)
        expect(page.locator("[class*='st-key-data_'], .st-key-save_name")).to_have_count(0)
    page.context.close()
