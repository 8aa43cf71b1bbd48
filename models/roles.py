"""Who may write: viewer < editor < admin. Writers check it, not only the pages."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ROLES", "Actor", "PermissionDenied", "require"]

ROLES = ("viewer", "editor", "admin")


class PermissionDenied(Exception):
    """The actor's role does not allow the action."""


@dataclass(frozen=True)
class Actor:
    """A person acting on the data: the name written to the audit log, and a role."""

    name: str
    role: str = "viewer"

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"role must be one of {', '.join(ROLES)}; got {self.role!r}")


def require(actor: Actor, role: str) -> None:
    """Raise :class:`PermissionDenied` unless ``actor`` has at least ``role``.

    >>> require(Actor("王芳", "editor"), "editor")
    >>> require(Actor("李雷", "viewer"), "editor")
    Traceback (most recent call last):
    ...
    models.roles.PermissionDenied: 李雷 (viewer) may not do this; it needs the editor role
    """
    if ROLES.index(actor.role) < ROLES.index(role):
        raise PermissionDenied(
            f"{actor.name} ({actor.role}) may not do this; it needs the {role} role"
        )
