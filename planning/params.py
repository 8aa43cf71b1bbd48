"""Parameters as values: frozen dataclasses to JSON and back, unchanged.

docs/design.md, "Parameters are values": a scenario is these objects plus a name.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any, TypeVar

__all__ = ["from_json", "to_json"]

T = TypeVar("T")


def to_json(params: Any) -> str:
    """The dataclass ``params`` as JSON (keys sorted, Chinese kept readable).

    >>> from planning.pay import PayPolicy
    >>> from_json(PayPolicy, to_json(PayPolicy(per_capita_yuan=1))) == PayPolicy(per_capita_yuan=1)
    True
    """
    return json.dumps(dataclasses.asdict(params), ensure_ascii=False, sort_keys=True)


def from_json(cls: type[T], text: str) -> T:
    """An instance of the dataclass ``cls`` from :func:`to_json`'s output; lists become
    tuples (the dataclasses are frozen and hashable); unknown fields are refused."""
    data: dict[str, Any] = json.loads(text)
    names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    unknown = set(data) - names
    if unknown:
        raise ValueError(f"{cls.__name__}: unknown field(s) {', '.join(sorted(unknown))}")
    return cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in data.items()})
