"""A parameter the cadre engines refuse, named by an i18n catalog key.

Engines stay free of the UI and of ``models``: the refusal carries the catalog key
(``cadres.refused.<what>``) and its values, and pages show ``t(key, **values)`` in
the reader's language; ``str()`` of it is the English sentence.
"""

from __future__ import annotations

__all__ = ["ParameterRefused"]


class ParameterRefused(ValueError):
    """A refused parameter: ``key`` (``cadres.refused.<what>``) and the values that fill
    its message.

    >>> str(ParameterRefused("cadres.refused.weights", "weights must sum to 1", total=0.9))
    'weights must sum to 1'
    """

    def __init__(self, key: str, english: str, **values: object) -> None:
        self.key = key
        self.values = values
        super().__init__(english)
