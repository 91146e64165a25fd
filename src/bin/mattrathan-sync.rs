//! `mattrathan-sync`: sync settings and conflicts (`sync.html`).
mattrathan::web_bundle!(sync, SYNC);
