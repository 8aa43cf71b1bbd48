"""The Cadres page (干部队伍): controls, views, charts."""
