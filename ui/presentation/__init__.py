"""The Presentation page's pieces: large type, topics and step buttons."""
