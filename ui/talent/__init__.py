"""The Talent & posts page's pieces: controls (the what-if parameters), views (tables,
figures, downloads) and charts. Figures come from :mod:`planning.talent`."""
