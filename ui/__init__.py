"""Shared UI pieces: i18n, database gate, charts, formatting, exports."""
