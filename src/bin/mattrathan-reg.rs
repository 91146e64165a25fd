//! `mattrathan-reg`: registration for assessment tools, the colleges' pages (`reg.html`).
mattrathan::web_bundle!(registration, PLAIN);
