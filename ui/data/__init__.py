"""The Data page's pieces: the sidebar controls, the table editor, import, export
and history views."""
