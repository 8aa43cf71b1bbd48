"""The Establishment page's pieces: controls, charts, views."""
