//! `mattrathan-s26`: Section 26 skill standards — the list, the editor, printed papers (`s26.html`).
mattrathan::web_bundle!(s26, PLAIN);
