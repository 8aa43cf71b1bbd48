"""The decision log page's pieces (pages/decisions.py)."""
