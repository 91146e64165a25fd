//! `mattrathan-qa`: college self-assessment (`qa.html`).
mattrathan::web_bundle!(qa, PLAIN);
