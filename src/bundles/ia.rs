//! `mattrathan-ia`: item analysis (`ia.html`).
mattrathan::web_bundle!(Ia, item_analysis, PLAIN);
