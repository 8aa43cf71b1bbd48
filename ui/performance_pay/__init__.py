"""The Performance pay page's pieces: controls, the spread chart, views."""
