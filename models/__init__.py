"""Database layer: tables, engine, loaders (DB -> frames), writers with audit."""

from models.loaders import Frames, load

__all__ = ["Frames", "load"]
