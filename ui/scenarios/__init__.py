"""The Scenarios page's pieces: the list and its actions, comparison views, the deck
and workbook, chart images."""
