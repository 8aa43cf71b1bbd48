"""The Rotation page's pieces: controls, charts, views."""
