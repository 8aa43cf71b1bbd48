"""Pure planning engines over pandas frames: no streamlit, no database."""
