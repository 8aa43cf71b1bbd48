"""Keyboard and presenter-clicker navigation for presentation mode.

Streamlit has no key events, so a small script is put into the page once: → , PageDown
and space press the Next button, ← and PageUp the Previous one (clickers send
PageDown/PageUp), and B or . (a clicker's blank-screen key) covers the screen in black
until pressed again. The buttons are found by their keys (Streamlit gives a keyed
widget's container the class ``st-key-<key>``), so the keys act exactly as the buttons
do. The script is the app's own (``st.html`` runs it in the page; no request leaves
the server).
"""

from __future__ import annotations

import json

import streamlit as st

__all__ = ["BLACKOUT", "keyboard"]

BLACKOUT = "shizi-blackout"  # the id of the black cover

# Runs in the app's page itself, not in a component's frame: a frame is replaced on
# every run (the handler would stop with it) and keeps the page from ever being idle.
_HANDLER = """
(function () {
  const doc = document;
  if (window.__shiziKeys) return;
  window.__shiziKeys = true;
  const keys = %(keys)s;
  const press = (key) => {
    const button = doc.querySelector('.st-key-' + key + ' button');
    if (button && !button.disabled) button.click();
  };
  const blackout = () => {
    let cover = doc.getElementById(keys.cover);
    if (cover) { cover.remove(); return; }
    cover = doc.createElement('div');
    cover.id = keys.cover;
    cover.style.cssText = 'position:fixed;inset:0;background:#000;z-index:999999;';
    doc.body.appendChild(cover);
  };
  doc.addEventListener('keydown', (e) => {
    const tag = (e.target && e.target.tagName) || '';
    if (['INPUT', 'TEXTAREA', 'SELECT'].includes(tag) || e.altKey || e.ctrlKey || e.metaKey) return;
    if (!doc.querySelector('.st-key-' + keys.next)) return;  // not on the presentation page
    if (['ArrowRight', 'PageDown', ' '].includes(e.key)) { e.preventDefault(); press(keys.next); }
    else if (['ArrowLeft', 'PageUp'].includes(e.key)) { e.preventDefault(); press(keys.previous); }
    else if (['b', 'B', '.'].includes(e.key)) { e.preventDefault(); blackout(); }
  });
})();
"""


def keyboard(previous: str, next_: str) -> None:
    """Put the key handler into the page (once per browser tab; it does nothing on
    other pages). ``previous`` and ``next_`` are the step buttons' widget keys."""
    keys = json.dumps({"previous": previous, "next": next_, "cover": BLACKOUT})
    st.html(f"<script>{_HANDLER % {'keys': keys}}</script>", unsafe_allow_javascript=True)
