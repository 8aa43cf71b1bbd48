"""The Overview page's pieces: the scope control, charts, views."""
