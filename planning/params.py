"""Parameters as values: frozen dataclasses to JSON and back, unchanged.

docs/design.md, "Parameters are values": a scenario is these objects plus a name.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any, TypeVar

__all__ = ["ParameterRefused", "from_json", "refused_rule", "to_json"]

T = TypeVar("T")


class ParameterRefused(ValueError):
    """A parameter value a rule refuses, named by an i18n catalog key.

    Engines stay free of the UI: the refusal carries the catalog key and the values
    that fill its message, pages show it in the reader's language, and ``str()`` of it
    is the English sentence (for logs and the command line).

    >>> str(ParameterRefused("cadres.refused.weights", "weights must sum to 1", total=0.9))
    'weights must sum to 1'
    """

    def __init__(self, key: str, english: str, **values: object) -> None:
        self.key = key
        self.values = values
        super().__init__(english)


def refused_rule(
    owner: object, group: str, field: str, rule: str, english_rule: str
) -> ParameterRefused:
    """The refusal of ``owner``'s ``field`` for breaking ``rule`` (a code the catalog
    words as ``params.rule_<rule>``; ``english_rule`` is the English words); ``group``
    is the catalog section that labels the field (``rotation``, ``pay``).

    >>> from planning.rotation import RotationRules
    >>> refused = refused_rule(RotationRules(), "rotation", "rate", "share", "in [0, 1]")
    >>> refused.key, refused.values["field"]
    ('params.refused_rule', 'rate')
    >>> str(refused)
    "The 'rate' parameter of RotationRules must be in [0, 1]; got 0.1."
    """
    value = getattr(owner, field)
    english = (
        f"The '{field}' parameter of {type(owner).__name__} must be {english_rule}; got {value!r}."
    )
    return ParameterRefused(
        "params.refused_rule", english, group=group, field=field, rule=rule, value=value
    )


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
