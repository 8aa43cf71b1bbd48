"""Decision log (决策记录): what was decided about which scenario, where, by whom, when."""

import streamlit as st

from ui.decisions.log import decisions, log_view
from ui.i18n import t
from ui.shell import require_app

require_app()
st.title(t("decisions.title"))
log = decisions()
if log.empty:
    st.info(t("decisions.none"))
    st.stop()
log_view(log)
