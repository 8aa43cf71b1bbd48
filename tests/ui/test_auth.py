"""Sign-in: only verified e-mails (or the configured subject claim) map to roles, and the
declared dependencies carry what ``st.login`` needs."""

from __future__ import annotations

import importlib.util
import tomllib
from pathlib import Path

import pytest

from ui.auth import role_for

ROOT = Path(__file__).resolve().parents[2]
SHIZI = {"roles": {"wang.fang@example.edu.cn": "admin", "li.lei@example.edu.cn": "viewer"}}


@pytest.mark.parametrize(
    ("verified", "role"),
    [(True, "admin"), ("true", "admin"), (False, None), ("false", None), (None, None)],
)
def test_only_a_verified_email_maps_to_a_role(verified: object, role: str | None) -> None:
    claims = {"email": "wang.fang@example.edu.cn", "sub": "u-1"}
    if verified is not None:
        claims["email_verified"] = verified  # type: ignore[assignment]
    assert role_for(claims, SHIZI) == role


def test_an_unlisted_verified_email_has_no_role() -> None:
    assert role_for({"email": "x@example.edu.cn", "email_verified": True}, SHIZI) is None


def test_a_configured_subject_claim_maps_without_email() -> None:
    shizi = {"identity_claim": "sub", "roles": {"u-7": "editor"}}
    assert role_for({"sub": "u-7", "email": "a@b.cn", "email_verified": False}, shizi) == "editor"
    assert role_for({"sub": "u-8"}, shizi) is None
    assert role_for({"email": "u-7"}, shizi) is None  # the e-mail is not the subject


def test_the_declared_dependencies_include_streamlit_auth() -> None:
    with (ROOT / "pyproject.toml").open("rb") as fh:
        deps = tomllib.load(fh)["project"]["dependencies"]
    assert any(d.replace(" ", "").startswith("streamlit[auth]") for d in deps), deps
    assert importlib.util.find_spec("authlib") is not None  # st.login imports it
