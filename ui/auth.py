"""Who is using the app, and with which role.

With an ``[auth]`` section in ``.streamlit/secrets.toml``, people sign in through OIDC
(``st.login``) and ``[shizi.roles]`` maps their identity to viewer, editor or admin;
anyone not listed is turned away. The identity is the e-mail, counted only when the
provider says it is verified (``email_verified``), or another claim named by
``[shizi] identity_claim`` (``"sub"``, say, for providers without verified e-mail).
Without ``[auth]`` (the embedded default, bound to 127.0.0.1), the local user is the
editor.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from models.config import settings
from models.roles import Actor, require

__all__ = ["auth_configured", "can", "current_actor", "gate", "may_seed", "role_for"]


def _secrets() -> dict[str, Any]:
    try:
        return {key: st.secrets[key] for key in st.secrets}
    except Exception:  # no secrets file: the embedded default
        return {}


def _claims() -> dict[str, Any]:
    """The signed-in person's identity claims; empty when nobody is signed in."""
    return dict(st.user.to_dict()) if st.user.is_logged_in else {}


def role_for(claims: Mapping[str, Any], shizi: Mapping[str, Any]) -> str | None:
    """The role ``[shizi]`` settings give the person with ``claims``, or None.

    >>> roles = {"roles": {"wang@x.cn": "admin"}}
    >>> role_for({"email": "wang@x.cn", "email_verified": True}, roles)
    'admin'
    >>> role_for({"email": "wang@x.cn", "email_verified": False}, roles) is None
    True
    >>> role_for({"sub": "42"}, {"identity_claim": "sub", "roles": {"42": "viewer"}})
    'viewer'
    """
    claim = str(shizi.get("identity_claim", "email"))
    identity = claims.get(claim)
    if not identity:
        return None
    if claim == "email" and str(claims.get("email_verified", "")).lower() != "true":
        return None  # anyone can type an address at some providers: only verified ones count
    role = dict(shizi.get("roles", {})).get(str(identity))
    return str(role) if role else None


def auth_configured() -> bool:
    """Whether people sign in (an ``[auth]`` section), rather than the local user."""
    return "auth" in _secrets()


def current_actor() -> Actor:
    secrets = _secrets()
    if "auth" not in secrets:
        return Actor(settings().shizi_user, "editor")
    claims = _claims()
    if not claims:
        return Actor("anonymous", "viewer")
    shizi = dict(secrets.get("shizi", {}))
    name = str(claims.get("email") or claims.get(str(shizi.get("identity_claim", "email"))))
    return Actor(name, role_for(claims, shizi) or "none")


def gate() -> Actor:
    """Ask for a sign-in when auth is configured; stop for people not on the list."""
    from ui.i18n import t

    if auth_configured() and not _claims():
        st.title(t("auth.title"))
        st.button(t("auth.login"), on_click=st.login, type="primary", key="auth_login")
        st.stop()
    try:
        actor = current_actor()
    except ValueError:  # the role "none": not on the allow-list, or e-mail not verified
        claims = _claims()
        email = str(claims.get("email", ""))
        verified = str(claims.get("email_verified", "")).lower() == "true"
        st.error(t("auth.not_listed" if verified or not email else "auth.unverified",
                   email=email))  # fmt: skip
        st.stop()
    return actor


def can(role: str) -> bool:
    """Whether the current person has at least ``role`` (pages hide what they cannot do)."""
    try:
        require(current_actor(), role)
    except Exception:
        return False
    return True


def may_seed() -> bool:
    """Whether this person may fill an empty database with the demo city: an admin, or
    the local user of the embedded default (who can run ``shizi seed`` there anyway)."""
    return not auth_configured() or can("admin")
