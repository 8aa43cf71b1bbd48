"""The pages' building blocks. Where a new piece goes:

- **Used by one page** → ``ui/<page>/``, the folder named like the page's ``url_path``
  in the registry (``ui/pages.py``): ``controls.py`` (its widgets and their keys, as
  constants tests import), ``charts.py`` (its Altair charts), ``views.py`` (the rest
  of what it shows). Example: ``ui/rotation/controls.py``.
- **Used by two or more pages** → a module here at the top: ``i18n`` (every string),
  ``format`` (numbers for people), ``state`` (the one working scenario the controls
  are bound to), ``saved`` (saved scenarios and the one baseline), ``cached`` (results
  kept between reruns), ``frames`` (the data), ``filters``, ``figures`` and
  ``compare_charts`` (scenario headline figures), ``export``, ``shell``, ``auth``,
  ``database``, ``pages`` (the registry).
- **Altair only in chart modules** (``charts.py``, ``*_charts.py``); **no figure is
  computed here or in ``pages/``**: a figure comes from an engine in ``planning/``;
  ``ui`` arranges, labels and formats it. ``tests/test_layout.py`` checks what a
  machine can.
"""
