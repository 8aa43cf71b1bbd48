"""Settings read once from the environment (pydantic-settings)."""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["DEFAULT_DATABASE_URL", "Settings", "settings"]

DEFAULT_DATABASE_URL = "sqlite:///data/shizi.db"


class Settings(BaseSettings):
    """``DATABASE_URL``, ``SHIZI_LANG``, ``SHIZI_USER`` (the local user's name) and
    ``SHIZI_TIMEZONE`` (the zone times are shown in, e.g. in the change history)."""

    model_config = SettingsConfigDict(extra="ignore")

    database_url: str = DEFAULT_DATABASE_URL
    shizi_lang: Literal["zh", "en"] = "zh"
    shizi_user: str = "local"
    shizi_timezone: str = "Asia/Shanghai"


@cache
def settings() -> Settings:
    return Settings()
