"""The reference page: one slider and one metric. Page reruns are reported against it."""

import streamlit as st

value = st.slider("value", 0, 100, 50, key="value")
st.metric("double", value * 2)
