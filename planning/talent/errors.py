"""Why a talent engine refuses its input: a code the page turns into a sentence.

docs/domain.md, “Talent, posts and recruitment (人才与岗位)”. The message of the
exception is English for logs and tests; the page shows the catalog's sentence for
``talent.error.<code>`` (Chinese and English) with :attr:`TalentError.fields`.
"""

from __future__ import annotations

from typing import Any

__all__ = ["TalentError"]


class TalentError(ValueError):
    """A parameter or criterion the talent engines refuse.

    ``code`` names the rule broken (``share_range``, ``share_sum``, ``negative``,
    ``no_candidates``, ``no_mentors``, ``years``); ``fields`` are the values the
    sentence names.

    >>> str(TalentError("negative", name="leaver_rate", value=-0.1))
    "negative: name='leaver_rate', value=-0.1"
    """

    def __init__(self, code: str, **fields: Any) -> None:
        self.code = code
        self.fields = fields
        detail = ", ".join(f"{k}={v!r}" for k, v in fields.items())
        super().__init__(f"{code}: {detail}")
