"""Times as people read them: stored in UTC, shown in the configured zone
(``SHIZI_TIMEZONE``, default Asia/Shanghai, called 北京时间)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pandas as pd

from models.config import settings
from ui.i18n import t

__all__ = ["local_time", "zone_name"]


def local_time(at: object) -> str:
    """A stored time (UTC) in the configured zone, to the second."""
    stamp = pd.Timestamp(at)
    if stamp.tzinfo is None:
        stamp = stamp.tz_localize("UTC")
    return stamp.tz_convert(ZoneInfo(settings().shizi_timezone)).strftime("%Y-%m-%d %H:%M:%S")


def zone_name() -> str:
    """The configured zone as people call it (北京时间 for Asia/Shanghai)."""
    zone = settings().shizi_timezone
    return t("data_history.beijing") if zone == "Asia/Shanghai" else zone
