"""Who is using the app, and with which role.

With an ``[auth]`` section in ``.streamlit/secrets.toml``, people sign in through OIDC
(``st.login``) and ``[shizi.roles]`` maps their e-mail to viewer, editor or admin;
anyone not listed is turned away. Without it (the embedded default, bound to
127.0.0.1), the local user is the editor.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from models.config import settings
from models.roles import Actor, require

__all__ = ["can", "current_actor", "gate"]


def _secrets() -> dict[str, Any]:
    try:
        return {key: st.secrets[key] for key in st.secrets}
    except Exception:  # no secrets file: the embedded default
        return {}


def current_actor() -> Actor:
    secrets = _secrets()
    if "auth" not in secrets:
        return Actor(settings().shizi_user, "editor")
    if not st.user.is_logged_in:
        return Actor("anonymous", "viewer")
    email = str(st.user.get("email", ""))
    roles = dict(secrets.get("shizi", {}).get("roles", {}))
    return Actor(email, roles.get(email, "none"))


def gate() -> Actor:
    """Ask for a sign-in when auth is configured; stop for people not on the list."""
    from ui.i18n import t

    secrets = _secrets()
    if "auth" in secrets and not st.user.is_logged_in:
        st.title(t("auth.title"))
        st.button(t("auth.login"), on_click=st.login, type="primary", key="auth_login")
        st.stop()
    try:
        actor = current_actor()
    except ValueError:  # the role "none": signed in but not on the allow-list
        st.error(t("auth.not_listed", email=str(st.user.get("email", ""))))
        st.stop()
    return actor


def can(role: str) -> bool:
    """Whether the current person has at least ``role`` (pages hide what they cannot do)."""
    try:
        require(current_actor(), role)
    except Exception:
        return False
    return True
