//! `mattrathan-qa`: college self-assessment (`qa.html`).
mattrathan::web_bundle!(Qa, qa, PLAIN);
