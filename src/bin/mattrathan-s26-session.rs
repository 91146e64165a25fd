//! `mattrathan-s26-session`: a Section 26 test session — candidates, answers, marking — and its sheets
//! (`s26-session.html`).
mattrathan::web_bundle!(s26_session, PLAIN);
