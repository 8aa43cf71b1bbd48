"""Results worth keeping between reruns, keyed by the data stamp and the parameters.

Keys are small (a stamp, a JSON string), never frames, so a lookup costs nothing;
the frames come from the loaders' own cache inside.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from planning import pay
from ui.data import frames

__all__ = ["allocation"]


@st.cache_data(max_entries=16, show_spinner=False)
def allocation(stamp: int, policy_json: str) -> pd.DataFrame:
    """The whole city's pay under a policy, for the data at ``stamp``."""
    data = frames()
    return pay.allocate(data.teachers, data.schools, pay.PayPolicy.from_json(policy_json))
