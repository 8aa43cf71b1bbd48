"""Seeded mentoring links (带教结对, docs/domain.md, “Mentoring”).

A bureau that has started a mentoring network holds some links already: every third
pair of the default assignment (:func:`planning.talent.mentoring`) is stored as a
link that started the year before, and one in four of those ended this year (a
mentor retired or moved), so the page shows running and ended links and the stored
coverage falls short of the proposal's.
"""

from __future__ import annotations

import pandas as pd

from planning.columns import MENTOR_LINKS
from planning.contracts import coerce
from planning.talent import TalentError, mentoring

__all__ = ["generate_mentor_links"]


def generate_mentor_links(
    schools: pd.DataFrame, teachers: pd.DataFrame, curriculum: pd.DataFrame, *, year: int
) -> pd.DataFrame:
    """The stored links of the seeded city (in the ``mentor_links`` contract)."""
    try:
        pairs = mentoring(schools, teachers, curriculum).pairs
    except TalentError:  # a city without mentors holds no links
        return coerce(pd.DataFrame(columns=MENTOR_LINKS.names), "mentor_links")
    stored = pairs.iloc[::3].reset_index(drop=True)
    ended = (stored.index % 4) == 3
    return coerce(
        pd.DataFrame(
            {
                "link_id": range(1, len(stored) + 1),
                "teacher_id": stored["teacher_id"],
                "school_id": stored["school_id"],
                "subject": stored["subject"],
                "started_year": year - 1,
                "ended_year": [year if e else 0 for e in ended],
                "status": ["ended" if e else "active" for e in ended],
                "note": "",
            }
        ),
        "mentor_links",
    )
