//! `mattrathan-ia`: item analysis (`ia.html`).
mattrathan::web_bundle!(item_analysis, PLAIN);
