"""The scope choice shared by the pages' selectors."""

__all__ = ["WHOLE_CITY"]

# The selector's option for the whole city. Not None: Streamlit shows a widget whose
# value is None as empty ("Choose an option"); district ids start at 1.
WHOLE_CITY = 0
